import type { Exchange } from '../../http/exchange.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { type DataTypeRow, dataTypeProblems } from './resource-validation.js';
import { jsonObject } from './response-helpers.js';
import { returnedResources } from './returned-resources.js';

const hasResources = (exchange: Exchange): boolean => returnedResources(exchange).length > 0;

/** At most this many findings per check and exchange: the first few say it all. */
const MAX_FINDINGS = 10;

function typeRow(id: DataTypeRow): ExchangeCheck {
  return {
    id,
    appliesTo: hasResources,
    check(exchange) {
      const findings: Finding[] = [];
      for (const returned of returnedResources(exchange)) {
        for (const problem of dataTypeProblems(returned)) if (problem.row === id) findings.push(problem.finding);
      }
      return findings.slice(0, MAX_FINDINGS);
    },
  };
}

/** DT-BOOLEAN (RFC 7643 §2.3.2): `active`, `primary`… are JSON true/false, never "true" or 1. */
export const dtBoolean = typeRow('DT-BOOLEAN');
/** DT-STRING (RFC 7643 §2.3.1, §3.1): `id`, `userName`, `members[].value`… are JSON strings. */
export const dtString = typeRow('DT-STRING');
/** DT-DATETIME (RFC 7643 §2.3.5): meta timestamps are xsd:dateTime strings with a zone. */
export const dtDateTime = typeRow('DT-DATETIME');
/** DT-SHAPE (RFC 7643 §2.3.8, §2.4): multi-valued are arrays, complex are objects, per the core schemas (ajv). */
export const dtShape = typeRow('DT-SHAPE');

const LIST_INTEGERS = ['totalResults', 'itemsPerPage', 'startIndex'] as const;
/** The raw JSON text of each counter's value, to tell `10` from `10.0` or `1e1`. */
const RAW_INTEGER: Record<(typeof LIST_INTEGERS)[number], RegExp> = {
  totalResults: /"totalResults"\s*:\s*([^,}\s]+)/,
  itemsPerPage: /"itemsPerPage"\s*:\s*([^,}\s]+)/,
  startIndex: /"startIndex"\s*:\s*([^,}\s]+)/,
};

/** DT-INTEGER (RFC 7643 §2.3.4): ListResponse counters are integers (no "10", 10.0 is fine as JSON but 1e1 text is not). */
export const dtInteger: ExchangeCheck = {
  id: 'DT-INTEGER',
  appliesTo: (exchange) => LIST_INTEGERS.some((key) => jsonObject(exchange)?.[key] !== undefined),
  check(exchange) {
    const body = jsonObject(exchange)!;
    const findings: Finding[] = [];
    for (const key of LIST_INTEGERS) {
      const value = body[key];
      if (value === undefined) continue;
      // JSON.parse turns 10.0 and 1e1 into 10; the raw text tells them apart.
      const raw = RAW_INTEGER[key].exec(exchange.response!.body)?.[1];
      if (typeof value !== 'number' || !Number.isInteger(value) || (raw !== undefined && !/^-?\d+$/.test(raw))) {
        findings.push({
          message: `${key} must be a JSON integer with no fraction or exponent`,
          path: `$.${key}`,
          expected: 'integer',
          actual: raw ?? value,
        });
      }
    }
    return findings;
  },
};

/**
 * A URI reference as RFC 3986 §4.1 spells one: unreserved characters, percent-encodings, and the
 * gen-delims and sub-delims a path, query or fragment may hold (§3.3 `pchar` includes `@` and `:`).
 * The relative form used to allow only word characters, `.`, `/`, `~`, `%` and `-`, so Keycloak's
 * own `Users/<id>` member reference, echoed back for an id like `alice@example.com`, failed.
 */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})+$/;

function referenceFindings(value: unknown, path: string): Finding[] {
  if (typeof value !== 'string') return [];
  try {
    new URL(value);
    return [];
  } catch {
    // RFC 7643 §2.3.7 allows a relative URI resolved against the service root; still a URI.
    return URI_REFERENCE.test(value) ? [] : [{ message: `${path} must be a URI`, path, actual: value }];
  }
}

/** DT-REFERENCE (RFC 7643 §2.3.7, §2.4): meta.location and every `$ref` parse as URIs. */
export const dtReference: ExchangeCheck = {
  id: 'DT-REFERENCE',
  appliesTo: hasResources,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { resource, at } of returnedResources(exchange)) {
      findings.push(
        ...referenceFindings((resource.meta as Record<string, unknown> | undefined)?.location, `${at}.meta.location`),
      );
      for (const key of ['members', 'groups'] as const) {
        const values = resource[key];
        if (Array.isArray(values))
          for (const [index, item] of (values as (Record<string, unknown> | null)[]).entries())
            findings.push(...referenceFindings(item?.$ref, `${at}.${key}[${index}].$ref`));
      }
    }
    return findings.slice(0, MAX_FINDINGS);
  },
};

/** A value still to visit, and how to name it: its key or index under its parent's entry. */
interface Visit {
  value: unknown;
  parent: Visit | undefined;
  step: string | number;
}

function pathOf(visit: Visit, root: string): string {
  const steps: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) steps.push(at.step);
  return steps.reduceRight<string>(
    (path, step) => (typeof step === 'number' ? `${path}[${step}]` : `${path}.${step}`),
    root,
  );
}

/**
 * Every `""` in a resource, up to `max` of them, by JSON path. One pass with an explicit stack,
 * and a path is only spelled out for a finding: a multi-valued attribute may hold millions of
 * values, and a string per value would cost more than the check.
 */
function placeholders(resource: unknown, root: string, max: number, out: Finding[]): void {
  const stack: Visit[] = [{ value: resource, parent: undefined, step: '' }];
  while (stack.length > 0 && out.length < max) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (value === '') {
      const path = pathOf(visit, root);
      out.push({ message: `${path} is unassigned shown as "" (leave it out, or use null)`, path, actual: '' });
    } else if (Array.isArray(value)) {
      // Pushed last to first, so findings come out in document order.
      for (let index = value.length - 1; index >= 0; index--) {
        const item: unknown = value[index];
        if (item === '' || (item !== null && typeof item === 'object'))
          stack.push({ value: item, parent: visit, step: index });
      }
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let index = keys.length - 1; index >= 0; index--) {
        const item: unknown = (value as Record<string, unknown>)[keys[index]!];
        if (item === '' || (item !== null && typeof item === 'object'))
          stack.push({ value: item, parent: visit, step: keys[index]! });
      }
    }
  }
}

/** DT-UNASSIGNED (RFC 7643 §2.5, SHOULD): unassigned attributes are absent, null or [], never "". */
export const dtUnassigned: ExchangeCheck = {
  id: 'DT-UNASSIGNED',
  appliesTo: hasResources,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { resource, at } of returnedResources(exchange)) placeholders(resource, at, MAX_FINDINGS, findings);
    return findings;
  },
};
