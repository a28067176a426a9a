import type { Exchange } from '../http/exchange.js';
import type { ResponseExpectation } from '../scenario/model.js';
import type { CheckResult, Finding } from './check-result.js';
import { boundedFindings } from './finding-value.js';
import { readJsonPath } from './json-path.js';
import { sameJsonValue } from './same-value.js';

/** The pseudo check that carries a scenario author's own assertions (`expect:`, `expectState:`). */
export const SCENARIO_EXPECT_ID = 'SCENARIO-EXPECT';

export function scenarioCheck(findings: Finding[], title: string, exchangeId?: number): CheckResult {
  const result: CheckResult = {
    id: SCENARIO_EXPECT_ID,
    title,
    rfc: 'scenario',
    level: 'error',
    status: findings.length === 0 ? 'passed' : 'failed',
  };
  if (findings.length > 0) {
    result.findings = boundedFindings(findings);
    result.message = result.findings[0]!.message;
  }
  if (exchangeId !== undefined) result.exchangeId = exchangeId;
  return result;
}

/**
 * Subset match: every key of `expected` must be in `actual` with a matching value; arrays match
 * element by element (each expected element must match some actual element).
 */
function subsetFindings(expected: unknown, actual: unknown, path = '$'): Finding[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [{ message: `${path} should be an object`, path, expected, actual: actual ?? '(absent)' }];
    return Object.entries(expected).flatMap(([key, value]) =>
      subsetFindings(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [{ message: `${path} should be an array`, path, expected, actual: actual ?? '(absent)' }];
    return expected.flatMap((element, index) =>
      actual.some((candidate) => subsetFindings(element, candidate).length === 0)
        ? []
        : [{ message: `${path} has no element matching item ${index}`, path: `${path}[*]`, expected: element, actual }],
    );
  }
  return sameJsonValue(expected, actual)
    ? []
    : [{ message: `${path} differs`, path, expected, actual: actual ?? '(absent)' }];
}

/** Judges a raw request's response against the step's `expect:` block. */
export function responseExpectationFindings(exchange: Exchange, expectation: ResponseExpectation): Finding[] {
  const response = exchange.response;
  if (!response) return [];
  const findings: Finding[] = [];
  if (expectation.status !== undefined) {
    const allowed = Array.isArray(expectation.status) ? expectation.status : [expectation.status];
    if (!allowed.includes(response.status))
      findings.push({
        message: `status ${response.status} is not the expected ${allowed.join(' or ')}`,
        expected: expectation.status,
        actual: response.status,
      });
  }
  for (const [name, value] of Object.entries(expectation.headers ?? {})) {
    const actual = response.headers[name.toLowerCase()];
    if (actual === undefined || !actual.toLowerCase().includes(value.toLowerCase())) {
      findings.push({
        message: `header ${name} should contain "${value}"`,
        path: `headers.${name.toLowerCase()}`,
        expected: value,
        actual: actual ?? '(absent)',
      });
    }
  }
  if (expectation.body !== undefined) {
    if (response.json === undefined)
      findings.push({
        message: 'the body is not JSON',
        expected: expectation.body,
        actual: response.body.slice(0, 120),
      });
    else findings.push(...subsetFindings(expectation.body, response.json));
  }
  // A list under bodyNot means "none of these": each entry must fail to match on its own.
  const forbidden = Array.isArray(expectation.bodyNot)
    ? expectation.bodyNot
    : expectation.bodyNot === undefined
      ? []
      : [expectation.bodyNot];
  for (const entry of forbidden) {
    if (response.json !== undefined && subsetFindings(entry, response.json).length === 0) {
      findings.push({
        message: `the body contains what it must not: ${JSON.stringify(entry).slice(0, 160)}`,
        path: '$',
        expected: { not: entry },
        actual: response.json,
      });
    }
  }
  for (const path of expectation.absent ?? []) {
    const value = readJsonPath(response.json, path);
    if (value !== undefined && value !== null)
      findings.push({ message: `${path} should be absent`, path, expected: '(absent)', actual: value });
  }
  for (const [path, value] of Object.entries(expectation.paths ?? {})) {
    const actual = readJsonPath(response.json, path);
    // A template always renders to a string; a captured number or array compares by its JSON text.
    const same =
      JSON.stringify(actual) === JSON.stringify(value) ||
      (typeof value === 'string' &&
        typeof actual !== 'string' &&
        actual !== undefined &&
        JSON.stringify(actual) === value);
    if (!same)
      findings.push({
        message: `${path} should be ${JSON.stringify(value)}`,
        path,
        expected: value,
        actual: actual ?? '(absent)',
      });
  }
  for (const [path, length] of Object.entries(expectation.lengths ?? {})) {
    const actual = readJsonPath(response.json, path);
    const count = Array.isArray(actual) ? actual.length : actual === undefined || actual === null ? 0 : -1;
    if (count !== length)
      findings.push({
        message: `${path} should hold ${length} element${length === 1 ? '' : 's'}`,
        path,
        expected: length,
        actual: count === -1 ? actual : count,
      });
  }
  for (const [path, least] of Object.entries(expectation.atLeast ?? {})) {
    const actual = readJsonPath(response.json, path);
    // An array is measured by its length; anything else must be a number at least `least`.
    const measured = Array.isArray(actual) ? actual.length : typeof actual === 'number' ? actual : undefined;
    if (measured === undefined || measured < least)
      findings.push({
        message: `${path} should be at least ${least}${Array.isArray(actual) ? ' elements long' : ''}`,
        path,
        expected: `≥ ${least}`,
        actual: Array.isArray(actual) ? actual.length : (actual ?? '(absent)'),
      });
  }
  return findings;
}
