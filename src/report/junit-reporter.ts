import type { RunEvent, RunResult } from '../engine/results.js';
import { toJunitXml } from './junit/junit-xml.js';
import { plainContext } from './plain-diagnostic.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { writeText } from './write-text.js';

/**
 * `--reporter junit=FILE`: JUnit XML written at the end of the run (also for failed and
 * interrupted runs, which still end in `finish`). Failure texts are the uncoloured diagnostics.
 */
export class JunitReporter implements Reporter {
  private baseUrl: string | undefined;

  constructor(private readonly context: Pick<ReporterContext, 'out' | 'sourceOf'>) {}

  onEvent(event: RunEvent): void {
    if (event.type === 'runStart') this.baseUrl = event.target.baseUrl;
  }

  finish(result: RunResult): Promise<void> {
    return writeText(
      this.context.out,
      toJunitXml(
        result,
        plainContext((file) => this.context.sourceOf(file), this.baseUrl ?? result.target.baseUrl),
      ),
    );
  }

  /** A run that could not start: one error per planned scenario, so the CI dashboard shows red, not an empty file. */
  finishPartial(_reason: string, result: RunResult): Promise<void> {
    return this.finish(result);
  }
}
