import type { RunEvent, RunResult } from '../engine/results.js';
import type { Exchange } from '../http/exchange.js';
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
  /**
   * Exchanges as they came, turned into entries only when the file is written: by then the run's
   * retention budget (src/engine/body-retention.ts) has cut the bodies it does not keep whole, so
   * the HAR holds what the run kept (each cut body's `content.size` and `comment` say so) and this
   * reporter holds no body of its own.
   */
  private readonly recorded: { exchange: Exchange; context: HarScimContext }[] = [];
  private current: HarScimContext = { scenario: null, step: null, action: 'preflight', idp: null };
  private idp: string | null = null;
  private written = false;

  constructor(
    private readonly context: Pick<ReporterContext, 'out'>,
    private readonly toolVersion: string,
  ) {}

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'scenarioStart':
        this.idp = event.idp;
        this.current = { scenario: event.file, step: null, action: 'setup', idp: event.idp };
        break;
      case 'stepStart': {
        this.current = {
          scenario: event.scenario,
          step: isScenarioStep(event) ? event.index + 1 : null,
          action: event.action,
          idp: this.idp,
        };
        break;
      }
      case 'exchange':
        this.recorded.push({ exchange: event.exchange, context: this.current });
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

  /**
   * Writes the document entry by entry, each awaited, so the largest string in memory is one entry
   * rather than the whole file (tens of MiB when bodies near the retention budget are kept). The
   * text is exactly `JSON.stringify(har, null, 2)`: entries sit at depth 3 of the document.
   */
  private async write(comment: string | undefined): Promise<void> {
    if (this.written) return;
    this.written = true;
    const har: HarLog = {
      log: {
        version: '1.2',
        creator: { name: 'scim-check', version: this.toolVersion },
        ...(comment === undefined ? {} : { comment }),
        entries: [],
      },
    };
    const document = `${JSON.stringify(har, null, 2)}\n`;
    if (this.recorded.length === 0) return writeText(this.context.out, document);
    const [head, tail] = splitAtEntries(document);
    await writeText(this.context.out, `${head}[\n`);
    for (const [index, { exchange, context }] of this.recorded.entries()) {
      const entry = `${ENTRY_INDENT}${JSON.stringify(toHarEntry(exchange, context), null, 2).replace(/\n/g, `\n${ENTRY_INDENT}`)}`;
      await writeText(this.context.out, index === this.recorded.length - 1 ? `${entry}\n` : `${entry},\n`);
    }
    await writeText(this.context.out, `    ]${tail}`);
  }
}

/** Indentation of an entry inside `{ "log": { "entries": [ … ] } }` at two spaces per level. */
const ENTRY_INDENT = '      ';

/** The document around its empty `"entries": []`: the text before the `[`, and after the `]`. */
function splitAtEntries(document: string): [string, string] {
  const marker = '"entries": []';
  const at = document.lastIndexOf(marker);
  return [document.slice(0, at + marker.length - 2), document.slice(at + marker.length)];
}
