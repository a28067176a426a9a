import type { IdpName } from '../idp/profile-names.js';
import type { RawRequest, ResponseExpectation, Scenario, Step } from '../scenario/model.js';
import { LITERAL_BRACES } from '../scenario/template-syntax.js';
import type { Recording } from './read-recording.js';
import { recogniseSession } from './recognise-idp.js';
import type { RecordedEntry } from './recorded-har.js';

/*
 * A recording as a scenario of raw `request` steps, so `replay` runs through the engine like any
 * scenario: the executor's write guard, ledger, retries and cleanup, the exchange checks, and the
 * usual reporters. Ids the recorded server issued are captured from the replayed creates and put
 * back wherever the recording used them (paths, filters, `members[].value`, `manager.value`).
 */

/** Headers that belong to the recorded connection or credentials, never replayed. */
const NOT_REPLAYED = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'accept-encoding',
]);

const RESOURCE_PATH = /^\/(Users|Groups)(?:\/([^/?]+))?$/;

/** A step of the replay, and why the recording could not give it (when it could not). */
interface PlannedEntry {
  request: RawRequest;
  expect?: ResponseExpectation;
  capture?: Record<string, string>;
  /** What the step would need that the recording cannot give (a create it did not hold, an answer): it is skipped. */
  skipReason?: string;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recorded text as a template that renders to itself: each `{{` escaped (src/scenario/template-syntax.ts). */
function literal(text: string): string {
  return text.replaceAll('{{', LITERAL_BRACES);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** What to expect of the replayed answer: the recorded outcome, not its exact form (200 and 204 are both a done PATCH). */
function expectationFor(method: string, status: number, body: unknown): ResponseExpectation | undefined {
  if (status >= 500 || status === 0) return undefined;
  if (status >= 300) return { status };
  const expectation: ResponseExpectation = {
    status: method === 'POST' ? status : method === 'GET' ? 200 : [200, 204],
  };
  // A resource in the answer: its active flag and names must read back as recorded (an answer
  // that ignores `active: false` is the deviation a replay exists to catch).
  if (isRecord(body) && typeof body.id === 'string' && status !== 204) {
    const paths: Record<string, unknown> = {};
    for (const key of ['active', 'userName', 'displayName'])
      if (typeof body[key] === 'boolean' || typeof body[key] === 'string') paths[`$.${key}`] = body[key];
    if (Object.keys(paths).length > 0) expectation.paths = paths;
  }
  return expectation;
}

/** One recorded entry as a raw request below the base URL, ids not yet mapped. */
function rawRequestOf(entry: RecordedEntry, baseUrl: string): RawRequest | string {
  const url = new URL(entry.request.url);
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  if (!url.pathname.startsWith(basePath)) return `its URL ${url.origin}${url.pathname} is not under ${baseUrl}`;
  const headers: Record<string, string> = {};
  for (const { name, value } of entry.request.headers ?? [])
    if (!NOT_REPLAYED.has(name.toLowerCase()) && !name.toLowerCase().startsWith('x-forwarded-'))
      headers[name.toLowerCase()] = value;
  const body = entry.request.postData?.text;
  // The query string stays as recorded, in the path: a `query:` map would drop a repeated key
  // (`attributes=a&attributes=b`) and change the order and encoding the IdP sent.
  return {
    method: entry.request.method.toUpperCase(),
    path: (url.pathname.slice(basePath.length) || '/') + url.search,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(body === undefined ? {} : { body }),
  };
}

/**
 * Turns a recording into replay steps. `ids` maps each id a replayed create will capture to the
 * variable holding the new server's id; occurrences of a recorded id are replaced by
 * `{{vars.NAME}}` in paths, queries and bodies. A write to an id the replay does not create is
 * skipped with the reason: the replay only writes what it created.
 */
export function planReplay(recording: Recording): PlannedEntry[] {
  const ids = new Map<string, string>();
  const counts = { Users: 0, Groups: 0 };
  const mapIds = (text: string): string => {
    let mapped = text;
    for (const [id, name] of ids) mapped = mapped.replace(new RegExp(escapeRegExp(id), 'g'), `{{vars.${name}}}`);
    return mapped;
  };
  return recording.entries.map((entry): PlannedEntry => {
    const raw = rawRequestOf(entry, recording.baseUrl);
    if (typeof raw === 'string')
      return { request: { method: entry.request.method, path: '/' }, skipReason: `a SCIM request (${raw})` };
    if (entry.response.status === 0 || entry.response._error?.code === 'TARGET_UNREACHABLE')
      return { request: raw, skipReason: 'a recorded answer (the recorded server never answered this request)' };
    const target = RESOURCE_PATH.exec(raw.path.split('?')[0]!);
    const addressed = target?.[2];
    if (addressed !== undefined && ['PUT', 'PATCH', 'DELETE'].includes(raw.method) && !ids.has(addressed))
      return {
        request: raw,
        skipReason: `the create of ${target![1] === 'Users' ? 'User' : 'Group'} ${addressed} (not in the recording, so not replayed; scim-check only writes what it created)`,
      };
    // The recorded text is sent as a template (ids become `{{vars.…}}`), so a `{{` the IdP sent is escaped first.
    const request: RawRequest = {
      ...raw,
      path: mapIds(literal(raw.path)),
      ...(typeof raw.body === 'string' ? { body: mapIds(literal(raw.body)) } : {}),
    };
    const answer = parseJson(entry.response.content?.text);
    const expectation = expectationFor(raw.method, entry.response.status, answer);
    let capture: Record<string, string> | undefined;
    // A create the recorded server answered with an id: the replayed create's id takes its place.
    if (raw.method === 'POST' && target !== null && addressed === undefined && entry.response.status === 201) {
      const id = isRecord(answer) ? answer.id : undefined;
      if (typeof id === 'string' && id !== '') {
        const collection = target[1] as 'Users' | 'Groups';
        counts[collection] += 1;
        const name = `${collection === 'Users' ? 'user' : 'group'}${counts[collection]}`;
        ids.set(id, name);
        capture = { [name]: '$.id' };
      }
    }
    return {
      request,
      ...(expectation === undefined ? {} : { expect: expectation }),
      ...(capture === undefined ? {} : { capture }),
    };
  });
}

/** `GET /Users?filter=…` for a step label and the scenario's source listing. */
function describeRequest(request: RawRequest): string {
  return `${request.method} ${request.path}`;
}

/**
 * The recording as an in-memory scenario: one raw step per entry, in order, under the IdP the
 * recording was recognised as (its headers are replaced by the recorded ones, request by request).
 * The scenario's source is one line per step, so reports point at `FILE:N` for the Nth request.
 */
export function replayScenario(recording: Recording, idp?: IdpName): Scenario {
  const planned = planReplay(recording);
  const recognised =
    idp ??
    recogniseSession(
      recording.entries.map((entry) => ({
        method: entry.request.method,
        path: entry.request.url,
        headers: Object.fromEntries((entry.request.headers ?? []).map(({ name, value }) => [name, value])),
        ...(entry.request.postData?.text === undefined ? {} : { body: entry.request.postData.text }),
      })),
    )?.idp ??
    'generic';
  const steps: Step[] = planned.map((entry, index) => {
    const label = describeRequest(entry.request);
    return {
      index,
      name: `${index + 1}: ${label.length > 80 ? `${label.slice(0, 77)}...` : label}`,
      span: { file: recording.file, line: index + 1, column: 1 },
      action: 'request',
      request: entry.request,
      ...(entry.expect === undefined ? {} : { expect: entry.expect }),
      ...(entry.capture === undefined ? {} : { capture: entry.capture }),
      // A step that `needs:` a name no step has is skipped, finding-free, with that name in its
      // reason (step-dependencies.ts): `needs "the create of User 2819…", which did not run`.
      ...(entry.skipReason === undefined ? {} : { needs: [entry.skipReason] }),
    };
  });
  return {
    file: recording.file,
    name: `replay of ${recording.file}`,
    description: `${recording.entries.length} recorded requests to ${recording.baseUrl}, replayed in order`,
    idp: recognised,
    requires: [],
    env: [],
    users: {},
    groups: {},
    steps,
    source: planned.map((entry) => describeRequest(entry.request)).join('\n'),
  };
}
