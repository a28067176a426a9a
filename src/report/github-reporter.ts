import { appendFile } from 'node:fs/promises';
import type { RunEvent, RunResult } from '../engine/results.js';
import { runAnnotations } from './github/annotations.js';
import { toStepSummary } from './github/step-summary.js';
import { workflowCommand } from './github/workflow-command.js';
import { writeOwnWorkflowCommands } from './output-guard.js';
import { plainContext } from './plain-diagnostic.js';
import type { Reporter, ReporterContext } from './reporter.js';

/**
 * `--reporter github` (on by itself under GitHub Actions): `::error`/`::warning` annotations that
 * point at the scenario step, capped per step, and a Markdown report appended to the job summary
 * file the CLI passes in (`$GITHUB_STEP_SUMMARY`). Output happens once, at the end. The
 * annotations are the only lines the output guard lets through as workflow commands; the summary
 * goes through the guard like every other file.
 */
export class GithubReporter implements Reporter {
  private baseUrl: string | undefined;

  constructor(private readonly context: Pick<ReporterContext, 'out' | 'sourceOf' | 'stepSummaryPath' | 'guard'>) {}

  onEvent(event: RunEvent): void {
    if (event.type === 'runStart') this.baseUrl = event.target.baseUrl;
  }

  async finish(result: RunResult): Promise<void> {
    const lines = runAnnotations(result).map(workflowCommand);
    if (lines.length > 0) await writeOwnWorkflowCommands(this.context.out, `${lines.join('\n')}\n`);
    if (this.context.stepSummaryPath !== undefined) {
      const format = plainContext((file) => this.context.sourceOf(file), this.baseUrl ?? result.target.baseUrl);
      const markdown = toStepSummary(result, format);
      await appendFile(
        this.context.stepSummaryPath,
        this.context.guard?.render(markdown, { kind: 'file' }) ?? markdown,
        'utf8',
      );
    }
  }
}
