import type { RunResult } from '../engine/results.js';
import { renderRunPage } from './html/run-page.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { writeText } from './write-text.js';

/**
 * `--reporter html=FILE`: one self-contained HTML page written at the end of the run, for a person
 * triaging it in a browser (src/report/html/). It needs the whole result (failures sort first,
 * root causes span scenarios), so it ignores progress events. The file goes through the output
 * guard like every report file (registry.ts), so no secret reaches it in any spelling the
 * redactor knows.
 */
export class HtmlReporter implements Reporter {
  constructor(private readonly context: Pick<ReporterContext, 'out' | 'sourceOf'>) {}

  finish(result: RunResult): Promise<void> {
    return writeText(
      this.context.out,
      renderRunPage(result, (file) => this.context.sourceOf(file)),
    );
  }

  /** A run that could not start still gets a page saying why, rather than an empty file. */
  finishPartial(_reason: string, result: RunResult): Promise<void> {
    return this.finish(result);
  }
}
