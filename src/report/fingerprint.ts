import { createHash } from 'node:crypto';
import { findCatalogueRow } from '../checks/catalogue.js';
import { STRICT_NOTE } from '../engine/strict.js';
import { familyOf } from '../idp/profile-names.js';

/*
 * A root cause's fingerprint: the check id plus a hash of what the failure says, with every
 * part that changes from run to run replaced by a placeholder. Two runs against the same server
 * with the same bug give the same fingerprint, so `--baseline` can tell a new failure from one
 * that was already there, and reporters can fold a bug's repeats into one finding.
 *
 * Pure and dependent on text only (no exchange bodies), so a fingerprint can be recomputed from
 * an earlier JSON report: a baseline written by an older scim-check still compares.
 */

/** What makes a run's text run-specific: its `{{run}}` token and the server's address. */
export interface CauseContext {
  /** The run id (src/engine/run-id.ts); scenario tokens are it plus a base-36 position. */
  runId: string;
  baseUrl: string;
}

/** The parts of a failed check that name its cause (a CheckResult or a JSON report check). */
export interface CauseOfCheck {
  id: string;
  message?: string;
  findings?: readonly { path?: string; message: string }[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Spans numbers inside stay as they are: they name a rule, a schema or an HTTP status, not a count. */
const KEPT =
  /(urn:[^\s"',;)\]}]+|RFC \d+(?:,? ?§\d+(?:\.\d+)*)*|§\d+(?:\.\d+)*|Table \d+|(?<![\w.])[1-5]\d\d(?![\w.]))/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g;
const HTTP_DATE = /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g;
/** A weak entity-tag, bare or inside JSON text (`W/\"3\"`): versions advance with every write. */
const WEAK_ETAG = /W\/(\\?)"(?:[^"\\]|\\(?!"))*\\?"/g;
const ORIGIN = /\bhttps?:\/\/[^/\s"'<>]+/g;
const HOST_PORT = /(?:\blocalhost|\b\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):\d{2,5}\b/gi;
/**
 * An opaque id the server issued: a word of 8+ letters, digits and `_` with both letters and
 * digits in it, unless it holds a capitalised word (`x509Certificates`, `aadOptscim062020` are
 * names, not ids).
 */
const OPAQUE_ID = /\b(?=[A-Za-z_]*\d)(?=[\d_]*[A-Za-z])(?![A-Za-z0-9_]*[A-Z][a-z]{4})[A-Za-z0-9_]{8,}\b/g;
const INDEX = /\[\d+\]/g;
/** A resource inside a ListResponse is the same resource as read alone: `$.Resources[*].active` ≡ `$.active`. */
const LISTED = /\$\.Resources\[\*\]\./g;
/** An exchange's number in the run (`exchange #141`): it counts requests, and can look like an HTTP status. */
const EXCHANGE_NUMBER = /\bexchange #\d+/g;
const DURATION = /\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds?|minutes?|min)\b/g;
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?![\w])/g;

/**
 * `text` without what differs between two runs of the same bug: the run token (and the scenario
 * tokens built on it) → `{run}`, the base URL → `{base}`, other origins and host:port → `{host}`,
 * UUIDs and opaque ids → `{id}`, timestamps → `{time}`, weak ETags → `W/"{etag}"`, array indices
 * → `[*]`, durations and counts → `#`. HTTP statuses, RFC sections and URNs are kept: a 400
 * where a 409 belongs is another bug than a 500.
 */
export function normaliseCause(text: string, context: CauseContext): string {
  let out = text;
  const base = context.baseUrl.replace(/\/+$/, '');
  if (base !== '') out = out.split(base).join('{base}');
  // The run token is letters and digits (newRunId); a scenario's token appends its position.
  if (context.runId.length >= 4)
    out = out.replace(new RegExp(`${escapeRegExp(context.runId)}[a-z0-9]*`, 'gi'), '{run}');
  out = out
    .replace(ORIGIN, '{host}')
    .replace(HOST_PORT, '{host}')
    .replace(UUID, '{id}')
    .replace(HTTP_DATE, '{time}')
    .replace(ISO_TIME, '{time}')
    .replace(WEAK_ETAG, (_match, slash: string) => `W/${slash}"{etag}${slash}"`)
    .replace(OPAQUE_ID, '{id}')
    .replace(INDEX, '[*]')
    .replace(EXCHANGE_NUMBER, 'exchange #{n}')
    .replace(LISTED, '$.');
  return out
    .split(KEPT)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(DURATION, '#').replace(NUMBER, '#')))
    .join('');
}

/** What src/waivers appends to a failure whose waiver expired (apply-waivers.ts). */
const EXPIRED_WAIVER_NOTE = /(?:^| — )the waiver for \S+ \(.*?\) expired on \d{4}-\d{2}-\d{2}: [\s\S]*$/;

/** Notes `--strict` and an expired waiver append to a message: the cause is the same without them. */
function withoutRunNotes(message: string): string {
  return message.replace(EXPIRED_WAIVER_NOTE, '').replace(` (${STRICT_NOTE})`, '').replace(STRICT_NOTE, '');
}

/** `CREATE-201#1a2b3c4d`: readable id, short stable hash. */
function format(id: string, parts: readonly unknown[]): string {
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 8);
  return `${id}#${hash}`;
}

/**
 * The fingerprint of a failed check. INTEROP rows add the IdP family: the same refusal is one
 * root cause per IdP that relies on the behaviour (their fixes can differ), while a MUST failure
 * is one server bug whichever profile hit it.
 */
export function checkFingerprint(check: CauseOfCheck, idp: string, context: CauseContext): string {
  const family = findCatalogueRow(check.id)?.level === 'INTEROP' ? (familyOf(idp) ?? idp) : null;
  const message = normaliseCause(withoutRunNotes(check.message ?? ''), context);
  // Findings in a set: a list that is one element longer this time is the same bug.
  const findings = [
    ...new Set(
      (check.findings ?? []).map(
        (finding) =>
          `${normaliseCause(finding.path ?? '', context)}\u0000${normaliseCause(withoutRunNotes(finding.message), context)}`,
      ),
    ),
  ].sort();
  return format(check.id, [check.id, family, message, findings]);
}

/** A request line at the start of a runtime error (`DELETE http://…/Users/…: …`): which request hit it is not the cause. */
const REQUEST_PREFIX = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+: /;

/**
 * The fingerprint of a step that errored or whose action failed (a timeout, a 429 that was not
 * retried): its stable error code, and its message without the request it happened to hit.
 */
export function stepErrorFingerprint(error: { code: string; message: string }, context: CauseContext): string {
  return format(error.code, [
    'step-error',
    error.code,
    normaliseCause(error.message.replace(REQUEST_PREFIX, ''), context),
  ]);
}
