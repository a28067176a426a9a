/**
 * RFC 9967 (SCIM profile for Security Event Tokens), the part a SCIM client can use without a SET
 * stream: asynchronous requests (§2.5.1.1) asked for with the RFC 7240 `Prefer` header, the
 * `Set-Txn` response header (§3), and the `securityEvents` advertisement in /ServiceProviderConfig
 * (§4). Shared by the reference server, the checks and the scenario gates, so they read the
 * advertisement and the headers the same way. Section numbers follow RFC 9967 as published (they
 * are those of draft-ietf-scim-events-16, from which it was made).
 */

/** The RFC 7240 §4.1 preference a client sends to ask for an asynchronous answer. */
export const RESPOND_ASYNC = 'respond-async';

/** The values of `securityEvents.asyncRequest` (RFC 9967 §4), compared case-insensitively. */
export const ASYNC_REQUEST_MODES = ['none', 'long', 'request'] as const;

export type AsyncRequestMode = (typeof ASYNC_REQUEST_MODES)[number];

/** The writes RFC 9967 §2.5.1.1 lets a client ask to be processed asynchronously. */
export const ASYNC_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What a ServiceProviderConfig says about asynchronous requests (RFC 9967 §4):
 * - `unknown`: no usable ServiceProviderConfig, so nothing either way;
 * - `absent`: no `securityEvents`, which the RFC defines as "not supported";
 * - a mode: `asyncRequest` as advertised (lower-cased);
 * - `malformed`: `securityEvents` or its `asyncRequest` is not what §4 defines.
 */
export type AsyncRequestAdvertisement = 'unknown' | 'absent' | AsyncRequestMode | 'malformed';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Finds an attribute by name case-insensitively, as RFC 7643 §2.1 has attribute names compared. */
function attribute(object: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

/** Reads `securityEvents.asyncRequest` from a ServiceProviderConfig body (or undefined when there is none). */
export function asyncRequestAdvertisement(config: unknown): AsyncRequestAdvertisement {
  if (!isObject(config)) return 'unknown';
  const events = attribute(config, 'securityEvents');
  if (events === undefined || events === null) return 'absent';
  if (!isObject(events)) return 'malformed';
  const mode = attribute(events, 'asyncRequest');
  // §4 lists asyncRequest as a sub-attribute without saying it is required; without it the
  // server claims no asynchronous requests, as with `none`.
  if (mode === undefined || mode === null) return 'none';
  if (typeof mode !== 'string') return 'malformed';
  const lower = mode.toLowerCase();
  return (ASYNC_REQUEST_MODES as readonly string[]).includes(lower) ? (lower as AsyncRequestMode) : 'malformed';
}

/**
 * Whether the advertisement lets a client expect `Prefer: respond-async` to be honoured:
 * `request` (on the client's request) or `long` (at the server's discretion, which a client
 * asking for it may also see). undefined when the server did not say usably (no usable
 * document, or a `securityEvents` that is not what §4 defines, which ASYNC-SPC-SHAPE reports).
 */
export function offersAsyncRequests(config: unknown): boolean | undefined {
  const advertised = asyncRequestAdvertisement(config);
  if (advertised === 'unknown' || advertised === 'malformed') return undefined;
  return advertised === 'request' || advertised === 'long';
}

/**
 * The preference names in `Prefer` or `Preference-Applied` header values (RFC 7240 §2, §3), lower-
 * cased: `respond-async, wait=10` → `respond-async`, `wait`. Parameters after `;` and values
 * after `=` are dropped; a quoted value may hold a comma, so quotes are skipped over.
 */
export function preferenceNames(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = typeof value === 'string' ? value : value.join(', ');
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of `${text},`) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      const name = /^\s*([^=;\s]+)/.exec(current)?.[1];
      if (name !== undefined) names.push(name.toLowerCase());
      current = '';
    } else current += char;
  }
  return names;
}

/** Whether a `Prefer` (or `Preference-Applied`) header value names `respond-async`. */
export function namesRespondAsync(value: string | readonly string[] | undefined): boolean {
  return preferenceNames(value).includes(RESPOND_ASYNC);
}
