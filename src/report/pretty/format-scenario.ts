import type { CheckResult } from '../../checks/check-result.js';
import type { ScenarioResult, StepResult } from '../../engine/results.js';
import { inertText } from '../terminal-text.js';
import type { FormatContext } from './format-context.js';
import { formatMs, formatScenarioTime, plural } from './format-duration.js';
import { formatExchangeLine } from './format-exchange.js';
import { isScenarioStep, stepLabel } from './step-label.js';
import { MARK, type Theme } from './theme.js';

/** `okta · 14 steps · 42 requests · 0.4 s`: what a scenario's line says about it, in every report. */
export function scenarioFacts(scenario: ScenarioResult): string {
  const steps = scenario.steps.filter(isScenarioStep).length;
  const requests = scenario.steps.reduce((sum, step) => sum + step.exchanges.length, 0);
  // A scenario of engine checks only (the token endpoint's, src/cli/token-checks-scenario.ts)
  // has no steps of its own and records no SCIM exchanges: its checks are what it holds.
  if (steps === 0 && requests === 0 && scenario.steps.length > 0) {
    const checks = scenario.steps.reduce((sum, step) => sum + step.checks.length, 0);
    return [scenario.idp, plural(checks, 'check'), formatScenarioTime(scenario.durationMs)].join(' · ');
  }
  return [
    scenario.unverifiedProfile ? `${scenario.idp}, unverified profile` : scenario.idp,
    plural(steps, 'step'),
    plural(requests, 'request'),
    formatScenarioTime(scenario.durationMs),
  ].join(' · ');
}

/**
 * The one line a scenario gets when it ends:
 * `✓ Okta group push  (okta · 14 steps · 42 requests · 0.4 s)`, `✗ …`, `! … errored (…)`,
 * `○ … skipped: reason`.
 */
export function formatScenarioLine(scenario: ScenarioResult, theme: Theme): string {
  if (scenario.status === 'skipped') {
    const reason = scenario.skipReason === undefined ? '' : `: ${scenario.skipReason}`;
    return theme.skip(`${MARK.skipped} ${scenario.name}  skipped${reason}`);
  }
  const details = theme.dim(`(${scenarioFacts(scenario)})`);
  switch (scenario.status) {
    case 'passed':
      return `${theme.pass(MARK.passed)} ${scenario.name}  ${details}`;
    case 'failed':
      return `${theme.fail(MARK.failed)} ${theme.bold(scenario.name)}  ${details}`;
    case 'errored':
      return `${theme.fail(MARK.errored)} ${theme.bold(scenario.name)}  ${theme.fail('errored')} ${details}`;
  }
}

/**
 * Verbose detail under the scenario line: each step, its exchanges, and every check verdict
 * (passed and skipped included), so a passing run can be audited line by line.
 */
export function formatStepDetails(scenario: ScenarioResult, context: FormatContext): string[] {
  return scenario.steps.flatMap((step) => [
    `  ${formatStepLine(step, context.theme)}`,
    ...step.exchanges.map((exchange) => `    ${formatExchangeLine(exchange, context.baseUrl, context.theme)}`),
    ...step.checks.map((check) => `    ${formatCheckLine(check, context.theme)}`),
  ]);
}

function formatStepLine(step: StepResult, theme: Theme): string {
  const label = stepLabel(step);
  const requests = theme.dim(`${plural(step.exchanges.length, 'request')} · ${formatMs(step.durationMs)}`);
  switch (step.status) {
    case 'passed':
      return `${theme.pass(MARK.passed)} ${label}  ${requests}`;
    case 'failed':
      return `${theme.fail(MARK.failed)} ${label}  ${requests}`;
    case 'errored': {
      const code = step.error === undefined ? '' : `: ${step.error.code}`;
      return `${theme.fail(MARK.errored)} ${label}  ${theme.fail(`errored${code}`)}  ${requests}`;
    }
    case 'skipped': {
      const reason = step.skipReason === undefined ? '' : `: ${step.skipReason}`;
      return theme.skip(`${MARK.skipped} ${label}  skipped${reason}`);
    }
  }
}

function formatCheckLine(check: CheckResult, theme: Theme): string {
  const what = `${check.id}  ${theme.dim(check.title)}`;
  const message = check.message === undefined || check.message === '' ? '' : theme.dim(`: ${inertText(check.message)}`);
  if (check.status === 'passed') return `${theme.pass(MARK.passed)} ${what}`;
  if (check.status === 'skipped') return theme.skip(`${MARK.skipped} ${check.id}  ${check.title}  skipped${message}`);
  switch (check.level) {
    case 'error':
      return `${theme.fail(MARK.failed)} ${what}${message}`;
    case 'warning':
      return `${theme.warn(MARK.warning)} ${what}${message}`;
    case 'info':
      return `${theme.dim(MARK.info)} ${what}${message}`;
  }
}
