import { basename } from 'node:path';
import type { RunEvent, RunResult, ScenarioResult } from '../engine/results.js';
import type { FormatContext } from './pretty/format-context.js';
import { formatBaseline, formatRootCauses } from './pretty/format-root-cause.js';
import { formatScenarioLine, formatStepDetails } from './pretty/format-scenario.js';
import { formatSummary } from './pretty/format-summary.js';
import { ProgressSpinner } from './pretty/progress-spinner.js';
import { isScenarioStep } from './pretty/step-label.js';
import { createTheme, MARK } from './pretty/theme.js';
import type { Reporter, ReporterContext } from './reporter.js';
import { writeText } from './write-text.js';

/** Skipped scenarios in a row with one reason are listed one by one up to this many. */
const SKIPS_LISTED = 3;

/**
 * The default reporter: a line per scenario as it ends, then a Hurl-style block per root cause
 * (failed checks, warnings and runtime errors that share a fingerprint, with every place they
 * showed; failures first), what changed since `--baseline`, and a summary. Root causes span
 * scenarios, so their blocks wait for the end of the run. Scenario lines print whole at
 * `scenarioEnd`, so concurrent scenarios never interleave; anything the events did not deliver
 * (an interrupted run, a caller that only calls `finish`) is printed from the final result.
 */
export class PrettyReporter implements Reporter {
  private readonly format: FormatContext;
  private readonly spinner: ProgressSpinner | undefined;
  /** Scenarios already printed from events, by identity key, counted in case one runs twice. */
  private readonly printed = new Map<string, number>();
  /** Spinner labels and step counts, by scenario file and by name (stepStart carries either). */
  private readonly progress = new Map<string, { label: string; stepCount: number }>();
  private wroteAnything = false;
  private gapPending = false;
  /**
   * Skipped scenarios waiting to be printed, while they share one reason: `--bail` or an
   * interrupt skips every scenario after it for the same reason, and 38 identical lines buried
   * the failure that caused them. A run of more than SKIPS_LISTED prints as one line.
   */
  private skips: { reason: string | undefined; scenarios: ScenarioResult[] } = { reason: undefined, scenarios: [] };

  constructor(private readonly context: ReporterContext) {
    this.format = {
      theme: createTheme(context.color),
      sourceOf: (file) => context.sourceOf(file),
      baseUrl: undefined,
      verbose: context.verbose,
    };
    this.spinner = context.interactive ? new ProgressSpinner(context.err, context.color) : undefined;
  }

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'runStart':
        this.format.baseUrl = event.target.baseUrl;
        break;
      case 'scenarioStart': {
        const entry = { label: basename(event.file).replace(/\.ya?ml$/i, ''), stepCount: event.stepCount };
        this.progress.set(event.name, entry);
        this.progress.set(event.file, entry);
        this.spinner?.show(entry.label);
        break;
      }
      case 'stepStart': {
        const entry = this.progress.get(event.scenario) ?? { label: event.scenario, stepCount: 0 };
        const name = event.name === undefined ? '' : ` ${event.name}`;
        const position = isScenarioStep(event) ? `${event.index + 1}/${entry.stepCount} ` : '';
        this.spinner?.show(`${entry.label} › ${position}${event.action}${name}`);
        break;
      }
      case 'scenarioEnd':
        this.printed.set(scenarioKey(event.result), (this.printed.get(scenarioKey(event.result)) ?? 0) + 1);
        this.write(this.renderScenario(event.result));
        break;
      case 'stepEnd':
      case 'runEnd':
        break;
    }
  }

  async finish(result: RunResult): Promise<void> {
    await this.spinner?.stop();
    this.format.baseUrl ??= result.target.baseUrl;
    let text = '';
    for (const scenario of result.scenarios) {
      const key = scenarioKey(scenario);
      const already = this.printed.get(key) ?? 0;
      if (already > 0) this.printed.set(key, already - 1);
      else text += this.renderScenario(scenario);
    }
    text += this.flushSkips();
    for (const block of formatRootCauses(result, this.format)) {
      this.gapPending = true;
      text += this.render(block);
    }
    if (result.baseline !== undefined) {
      this.gapPending = true;
      text += this.render(formatBaseline(result.baseline, this.format.theme));
    }
    this.gapPending = true;
    text += this.render(formatSummary(result, this.format.theme));
    await writeText(this.context.out, text);
  }

  /** A scenario's text; skipped ones are held while they share a reason (see `skips`). */
  private renderScenario(scenario: ScenarioResult): string {
    if (scenario.status === 'skipped' && !this.format.verbose) {
      let text = '';
      if (this.skips.scenarios.length > 0 && this.skips.reason !== scenario.skipReason) text += this.flushSkips();
      this.skips.reason = scenario.skipReason;
      this.skips.scenarios.push(scenario);
      return text;
    }
    return this.flushSkips() + this.renderOne(scenario);
  }

  /** The held skipped scenarios: each on its line when few, else one line with the count. */
  private flushSkips(): string {
    const { scenarios, reason } = this.skips;
    this.skips = { reason: undefined, scenarios: [] };
    if (scenarios.length <= SKIPS_LISTED) return scenarios.map((scenario) => this.renderOne(scenario)).join('');
    const why = reason === undefined ? '' : `: ${reason}`;
    return this.render([
      this.format.theme.skip(`${MARK.skipped} ${scenarios.length} scenarios skipped${why} (--verbose names them)`),
    ]);
  }

  private renderOne(scenario: ScenarioResult): string {
    let text = this.render([formatScenarioLine(scenario, this.format.theme)]);
    if (this.format.verbose) {
      text += this.render(formatStepDetails(scenario, this.format));
      this.gapPending = true;
    }
    return text;
  }

  /** Lines to text, with at most one blank line between blocks and none at the very top. */
  private render(lines: string[]): string {
    if (lines.length === 0) return '';
    const gap = this.gapPending && this.wroteAnything ? '\n' : '';
    this.gapPending = false;
    this.wroteAnything = true;
    return `${gap}${lines.join('\n')}\n`;
  }

  private write(text: string): void {
    if (text === '') return;
    this.spinner?.clear();
    this.context.out.write(text);
  }
}

function scenarioKey(scenario: Pick<ScenarioResult, 'file' | 'name' | 'idp'>): string {
  return `${scenario.file}\u0000${scenario.name}\u0000${scenario.idp}`;
}
