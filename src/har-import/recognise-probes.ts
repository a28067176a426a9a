import type { Exchange } from '../http/exchange.js';
import type { IdpProfile, PlannedRequest } from '../idp/profile.js';
import { at, type Cursor, eqFilter, parameter } from './recognise-context.js';
import type { RecognisedStep } from './recognised-step.js';
import type { RecordedExchange } from './recorded-exchange.js';
import { addressedBy } from './scim-path.js';

/*
 * The list requests that are not about one user or group: the profile's test-connection probe
 * (Okta's two constant lists, Entra's lookup of a random GUID) and a paged import.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An answer of a fresh server: 200 with an empty list. */
const EMPTY_LIST = {
  id: 0,
  startedAt: '',
  durationMs: 0,
  request: { method: 'GET', url: 'http://probe.invalid/', headers: {} },
  response: {
    status: 200,
    headers: {},
    body: '{"totalResults":0,"Resources":[]}',
    json: { totalResults: 0, Resources: [] },
  },
} as unknown as Exchange;

/**
 * Every request of the profile's test connection, driven to the end with an empty list as each
 * answer. Pure: the generator sends nothing.
 */
export function probeRequests(profile: IdpProfile | undefined): PlannedRequest[] {
  if (profile === undefined) return [];
  const program = profile.actions.testConnection();
  const requests: PlannedRequest[] = [];
  for (let step = program.next(); !step.done && requests.length < 10; step = program.next(EMPTY_LIST))
    requests.push(step.value);
  return requests;
}

/** Whether a recorded request is the profile's probe request: same method, path and query names. */
function matchesProbe(probe: PlannedRequest, exchange: RecordedExchange): boolean {
  if (probe.method !== exchange.method || probe.path !== exchange.path) return false;
  const names = Object.keys(probe.query ?? {}).sort();
  const recorded = exchange.query.map(([name]) => name).sort();
  if (JSON.stringify(names) !== JSON.stringify(recorded)) return false;
  // Entra's probe is a lookup of a random GUID; a lookup of a real userName is an assignment.
  const filter = eqFilter(exchange);
  return filter === undefined || UUID.test(filter.value);
}

/** The test connection starting at the cursor, when the requests there are the profile's probe. */
export function testConnection(cursor: Cursor, probe: readonly PlannedRequest[]): RecognisedStep | undefined {
  const exchange = at(cursor, 0)!;
  const next = at(cursor, 1);
  // A probe followed by the next page of the same list is the first page of an import.
  const nextPage =
    next?.method === 'GET' &&
    next.path === exchange.path &&
    Number(parameter(next, 'startIndex')) > Number(parameter(exchange, 'startIndex') ?? 1);
  if (nextPage) return undefined;
  let length = 0;
  while (length < probe.length && at(cursor, length) !== undefined && matchesProbe(probe[length]!, at(cursor, length)!))
    length++;
  return length === 0
    ? undefined
    : { action: 'testConnection', exchanges: cursor.exchanges.slice(cursor.index, cursor.index + length) };
}

/** A paged import (RFC 7644 §3.4.2.4): consecutive list requests of one endpoint without a filter. */
export function pagedImport(cursor: Cursor): RecognisedStep | undefined {
  const exchange = at(cursor, 0)!;
  const { kind, id } = addressedBy(exchange.path);
  if ((kind !== 'Users' && kind !== 'Groups') || id !== undefined || exchange.method !== 'GET') return undefined;
  if (parameter(exchange, 'filter') !== undefined) return undefined;
  const pages = [exchange];
  for (
    let page = at(cursor, 1);
    page?.method === 'GET' && page.path === exchange.path && page.query.every(([name]) => name !== 'filter');
    page = at(cursor, pages.length)
  )
    pages.push(page);
  const count = Number(parameter(exchange, 'count'));
  return {
    action: kind === 'Users' ? 'importUsers' : 'importGroups',
    ...(Number.isInteger(count) && count > 0 ? { pageSize: count } : {}),
    exchanges: pages,
  };
}
