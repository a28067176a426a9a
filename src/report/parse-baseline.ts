import { ScimCheckError } from '../errors.js';
import type { BaselineRun } from './baseline.js';

/*
 * Reads an earlier `--reporter json` document for `--baseline`. Only the keys comparing needs are
 * checked (the contract only ever adds keys, so any scim-check version's report qualifies), and
 * the first thing wrong is named by its JSON path: "scenarios[3].steps[2].checks[0].level".
 */

const LEVELS = ['error', 'warning', 'info'];
const STATUSES = ['passed', 'failed', 'skipped'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first problem with the document's shape, or undefined when comparing can read it. */
function shapeProblem(report: unknown): string | undefined {
  if (!isObject(report) || !isObject(report.tool) || report.tool.name !== 'scim-check')
    return 'it is not a scim-check JSON report';
  if (typeof report.runId !== 'string') return 'runId is not a string';
  if (!isObject(report.target) || typeof report.target.baseUrl !== 'string') return 'target.baseUrl is not a string';
  if (!Array.isArray(report.scenarios)) return 'scenarios is not a list';
  for (const [s, scenario] of report.scenarios.entries()) {
    const at = `scenarios[${s}]`;
    if (!isObject(scenario)) return `${at} is not an object`;
    for (const key of ['file', 'name', 'idp', 'status'])
      if (typeof scenario[key] !== 'string') return `${at}.${key} is not a string`;
    if (!Array.isArray(scenario.steps)) return `${at}.steps is not a list`;
    for (const [t, step] of scenario.steps.entries()) {
      const problem = stepProblem(step, `${at}.steps[${t}]`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function stepProblem(step: unknown, at: string): string | undefined {
  if (!isObject(step)) return `${at} is not an object`;
  for (const key of ['index', 'line', 'column'])
    if (typeof step[key] !== 'number') return `${at}.${key} is not a number`;
  for (const key of ['action', 'status']) if (typeof step[key] !== 'string') return `${at}.${key} is not a string`;
  if (
    step.error !== undefined &&
    (!isObject(step.error) || typeof step.error.code !== 'string' || typeof step.error.message !== 'string')
  )
    return `${at}.error is not {code, message}`;
  if (!Array.isArray(step.checks)) return `${at}.checks is not a list`;
  for (const [c, check] of step.checks.entries()) {
    const where = `${at}.checks[${c}]`;
    if (!isObject(check)) return `${where} is not an object`;
    for (const key of ['id', 'title', 'rfc'])
      if (typeof check[key] !== 'string') return `${where}.${key} is not a string`;
    if (!LEVELS.includes(check.level as string)) return `${where}.level is not one of ${LEVELS.join(', ')}`;
    if (!STATUSES.includes(check.status as string)) return `${where}.status is not one of ${STATUSES.join(', ')}`;
    if (check.message !== undefined && typeof check.message !== 'string') return `${where}.message is not a string`;
    if (check.findings !== undefined) {
      if (!Array.isArray(check.findings)) return `${where}.findings is not a list`;
      for (const [f, finding] of check.findings.entries()) {
        if (
          !isObject(finding) ||
          typeof finding.message !== 'string' ||
          (finding.path !== undefined && typeof finding.path !== 'string')
        )
          return `${where}.findings[${f}] is not {path?, message}`;
      }
    }
  }
  return undefined;
}

/**
 * The baseline document in `text`, read from `file` (as the user named it, for messages). A file
 * that is not JSON, not a scim-check report, or the report of a run that never started is a usage
 * error (exit 2) before anything is sent.
 */
export function parseBaseline(text: string, file: string): BaselineRun {
  const hint = 'pass a report an earlier run wrote with --reporter json=FILE';
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (cause) {
    throw new ScimCheckError('USAGE', `--baseline ${file} is not JSON: ${(cause as Error).message}`, { cause, hint });
  }
  const problem = shapeProblem(report);
  if (problem !== undefined)
    throw new ScimCheckError('USAGE', `--baseline ${file} cannot be compared: ${problem}`, { hint });
  if ((report as Json).notStarted !== undefined) {
    throw new ScimCheckError(
      'USAGE',
      `--baseline ${file} is the report of a run that could not start, so it has no findings to compare with`,
      { hint: 'pass the report of a run that ran, e.g. the last green build' },
    );
  }
  return report as BaselineRun;
}
