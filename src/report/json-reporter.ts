import type { RunResult } from '../engine/results.js';
import { toJsonReport } from './json-report.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { writeText } from './write-text.js';

/**
 * `--reporter json`: one JSON document and a newline, written at the end of the run. It ignores
 * progress events, so it is safe to pipe into `jq` while the pretty reporter draws on stderr.
 */
export class JsonReporter implements Reporter {
  constructor(private readonly context: Pick<ReporterContext, 'out'>) {}

  finish(result: RunResult): Promise<void> {
    return writeText(this.context.out, `${JSON.stringify(toJsonReport(result), null, 2)}\n`);
  }

  /** A run that could not start still gets a valid document, saying why (CI parsers choke on an empty file). */
  finishPartial(_reason: string, result: RunResult): Promise<void> {
    return this.finish(result);
  }
}
