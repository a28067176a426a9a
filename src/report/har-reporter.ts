import type { RunEvent, RunResult } from '../engine/results.js';
import type { HarLog, HarScimContext } from './har/har-types.js';
import { toHarEntry } from './har/to-har-entry.js';
import { isScenarioStep } from './pretty/step-label.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { writeText } from './write-text.js';

/**
 * `--har FILE` (or `--reporter har=FILE`): every exchange of the run as HAR 1.2, for browser dev
 * tools, Charles or a bug report. The engine publishes each exchange as the executor completes
 * it (the `exchange` event), so the file also holds the preflight and is written when the run stops
 * early (`finishPartial`).
 * The run is sequential, so the latest step event says which step an exchange belongs to.
 */
export class HarReporter implements Reporter {
  private readonly entries: HarLog['log']['entries'] = [];
  private current: HarScimContext = { scenario: null, step: null, action: 'preflight', idp: null };
  private idp: string | null = null;
  private written = false;

  constructor(private readonly context: Pick<ReporterContext, 'out'>, private readonly toolVersion: string) {}

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'scenarioStart':
        this.idp = event.idp;
        this.current = { scenario: event.file, step: null, action: 'setup', idp: event.idp };
        break;
      case 'stepStart': {
        this.current = { scenario: event.scenario, step: isScenarioStep(event) ? event.index + 1 : null, action: event.action, idp: this.idp };
        break;
      }
      case 'exchange':
        this.entries.push(toHarEntry(event.exchange, this.current));
        break;
      default:
        break;
    }
  }

  finish(result: RunResult): Promise<void> {
    return this.write(result.interrupted ? 'interrupted: partial run' : undefined);
  }

  finishPartial(reason: string): Promise<void> {
    return this.write(reason);
  }

  private write(comment: string | undefined): Promise<void> {
    if (this.written) return Promise.resolve();
    this.written = true;
    const har: HarLog = { log: { version: '1.2', creator: { name: 'scim-check', version: this.toolVersion }, ...(comment === undefined ? {} : { comment }), entries: this.entries } };
    return writeText(this.context.out, `${JSON.stringify(har, null, 2)}\n`);
  }
}
