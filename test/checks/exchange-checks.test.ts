import { describe, expect, it } from 'vitest';
import type { ExchangeCheckContext } from '../../src/checks/exchange-check.js';
import { EXCHANGE_CHECKS } from '../../src/checks/exchange-checks.js';
import { runExchangeChecks } from '../../src/checks/run-exchange-checks.js';
import type { Exchange } from '../../src/http/exchange.js';
import { listSchemas } from '../../src/server/handlers/discovery.js';
import type { HandlerRequest } from '../../src/server/router.js';
import {
  BASE,
  context,
  ENTERPRISE_URN,
  ERROR_URN,
  group,
  ID,
  LIST_URN,
  list,
  recorded,
  scimError,
  USER_URN,
  user,
} from './exchange-fixtures.js';

/**
 * One row per passive check: a recorded exchange the check must pass, and one it must fail.
 * Exchanges are built from RFC 7643 §8 examples and the failure modes SPEC-CHECKS cites.
 */
interface Row {
  id: string;
  context?: Partial<ExchangeCheckContext>;
  good: Exchange;
  bad: Exchange;
  /** Context for the bad exchange, when it differs. */
  badContext?: Partial<ExchangeCheckContext>;
  /** A check that only ever applies to bad exchanges (ERR-NO-5XX) is "not applied" to the good one. */
  goodVerdict?: 'passed' | 'not applied';
}

const SPC = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: false },
  sort: { supported: true },
  etag: { supported: true },
  authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Bearer token' }],
};
const RT_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  schema: USER_URN,
  schemaExtensions: [{ schema: ENTERPRISE_URN, required: false }],
};
const attr = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});
const SCHEMA_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
  id: USER_URN,
  name: 'User',
  attributes: [
    attr('userName', { required: true, uniqueness: 'server' }),
    attr('password', { mutability: 'writeOnly', returned: 'never' }),
    attr('name', { type: 'complex', subAttributes: [attr('givenName')] }),
  ],
  meta: { resourceType: 'Schema', location: `${BASE}/Schemas/${USER_URN}` },
};
const SCHEMA_GROUP = {
  ...SCHEMA_USER,
  id: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  name: 'Group',
  attributes: [attr('displayName', { required: true })],
};
const SCHEMAS_PATH = '/Schemas';
/** The reference server's /Schemas answer, as it publishes it. */
const PUBLISHED_SCHEMAS = listSchemas({
  method: 'GET',
  params: {},
  query: new Map(),
  headers: {},
  body: undefined,
  baseUrl: BASE,
} as unknown as HandlerRequest).body as { Resources: Record<string, unknown>[] };
/** The same with `home` as the only canonical value of emails.type. */
function withoutWorkEmailType(list: { Resources: Record<string, unknown>[] }): unknown {
  const attributes = (schema: Record<string, unknown>) => schema.attributes as Record<string, unknown>[];
  return {
    ...list,
    Resources: list.Resources.map((schema) => ({
      ...schema,
      attributes: attributes(schema).map((attribute) =>
        attribute.name !== 'emails'
          ? attribute
          : {
              ...attribute,
              subAttributes: (attribute.subAttributes as Record<string, unknown>[]).map((sub) =>
                sub.name === 'type' ? { ...sub, canonicalValues: ['home'] } : sub,
              ),
            },
      ),
    })),
  };
}

const created = (
  body: unknown,
  headers: Record<string, string> = { location: `${BASE}/Users/${ID}`, etag: 'W/"3694e05e9dff590"' },
): Exchange =>
  recorded({
    method: 'POST',
    path: '/Users',
    requestHeaders: { 'content-type': 'application/scim+json' },
    requestBody: { userName: 'bjensen@example.com' },
    status: 201,
    headers,
    body,
  });
const read = (
  body: unknown,
  headers: Record<string, string> = { etag: 'W/"3694e05e9dff590"' },
  path = `/Users/${ID}`,
): Exchange => recorded({ path, status: 200, headers, body });
const failure = (
  status: number,
  body: unknown = scimError(status),
  headers: Record<string, string> = {},
  path = '/Users',
): Exchange => recorded({ path, status, headers, body });

/** A 202 Accepted to a PATCH sent with `Prefer: respond-async` (RFC 9967 §2.5.1.1); `undefined` drops a header. */
const accepted = (headers: Record<string, string | undefined> = {}, body?: unknown): Exchange =>
  recorded({
    method: 'PATCH',
    path: `/Users/${ID}`,
    requestHeaders: { prefer: 'respond-async' },
    status: 202,
    headers: Object.fromEntries(
      Object.entries({
        'set-txn': 't1',
        'preference-applied': 'respond-async',
        location: `${BASE}/Users/${ID}`,
        ...headers,
      }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    body,
  });

/** The exchange as a client that did not ask for SCIM JSON sent it (`Accept: application/json`). */
const withoutScimAccept = (exchange: Exchange): Exchange => ({
  ...exchange,
  request: { ...exchange.request, headers: { ...exchange.request.headers, accept: 'application/json' } },
});

const ROWS: Row[] = [
  {
    id: 'CREATE-201',
    context: { purpose: 'createUser' },
    good: created(user()),
    bad: recorded({ method: 'POST', status: 200, body: user() }),
  },
  {
    id: 'GROUP-CREATE',
    context: { purpose: 'createGroup' },
    good: created(group()),
    bad: recorded({ method: 'POST', path: '/Groups', status: 200, body: group() }),
  },
  { id: 'CREATE-201-LOCATION', context: { purpose: 'createUser' }, good: created(user()), bad: created(user(), {}) },
  {
    id: 'CREATE-BODY',
    context: { purpose: 'createUser' },
    good: created(user()),
    bad: created({ schemas: [USER_URN] }),
  },
  {
    id: 'CREATE-ID',
    context: { purpose: 'createUser' },
    good: created(user()),
    bad: created(user({ id: 'bulkId:abc' })),
  },
  {
    id: 'CREATE-META-RESOURCETYPE',
    context: { purpose: 'createUser' },
    good: created(user()),
    bad: created(user({ meta: { ...(user().meta as object), resourceType: 'user' } })),
  },
  {
    id: 'CREATE-META-TIMESTAMPS',
    context: { purpose: 'createUser' },
    good: created(user()),
    bad: created(
      user({ meta: { resourceType: 'User', created: '2024-05-01 10:00:00', lastModified: '2024-05-01T10:00:00Z' } }),
    ),
  },
  {
    id: 'READ-200',
    context: { purpose: 'getUser', targetId: ID, resourceKind: 'User' },
    good: read(user()),
    bad: read(user({ id: 'someone-else' })),
  },
  {
    id: 'LIST-RESPONSE',
    context: { purpose: 'listUsers' },
    good: read(list([user()]), {}, '/Users'),
    bad: read({ ...list([user()]), totalResults: '1' }, {}, '/Users'),
  },
  {
    id: 'LIST-RESOURCES',
    context: { purpose: 'listUsers', resourceKind: 'User' },
    good: read(list([user()]), {}, '/Users'),
    bad: read({ schemas: [LIST_URN], totalResults: 1, resources: [user()] }, {}, '/Users'),
  },
  {
    id: 'LIST-PAGE-FIELDS',
    context: { purpose: 'listUsers' },
    good: read(list([user()], { totalResults: 5 }), {}, '/Users'),
    bad: read(list([user()], { totalResults: 5, itemsPerPage: 5 }), {}, '/Users'),
  },
  {
    id: 'PUT-SUPPORTED',
    context: { purpose: 'replaceUser', targetId: ID },
    good: recorded({ method: 'PUT', path: `/Users/${ID}`, status: 200, body: user() }),
    bad: recorded({ method: 'PUT', path: `/Users/${ID}`, status: 204 }),
  },
  {
    id: 'PATCH-RESPONSE',
    context: { purpose: 'patchUser', targetId: ID },
    good: recorded({ method: 'PATCH', path: `/Users/${ID}`, status: 204 }),
    bad: recorded({ method: 'PATCH', path: `/Users/${ID}`, status: 202, body: user() }),
  },
  {
    id: 'DEL-204',
    context: { purpose: 'deleteUser', targetId: ID },
    good: recorded({ method: 'DELETE', path: `/Users/${ID}`, status: 204 }),
    bad: recorded({ method: 'DELETE', path: `/Users/${ID}`, status: 200, body: { ok: true } }),
  },
  { id: 'MEDIA-RESP-TYPE', good: read(user()), bad: read(user(), { 'content-type': 'application/json+scim' }) },
  { id: 'ERR-BODY', good: failure(404), bad: failure(404, '<html>Not Found</html>', { 'content-type': 'text/html' }) },
  { id: 'ERR-STATUS-STRING', good: failure(400), bad: failure(400, scimError(400, { status: 400 })) },
  {
    id: 'DISC-SPC-GET',
    good: read(SPC, {}, '/ServiceProviderConfig'),
    bad: read(list([SPC]), {}, '/ServiceProviderConfig'),
  },
  {
    id: 'DISC-SPC-REQUIRED',
    good: read(SPC, {}, '/ServiceProviderConfig'),
    bad: read({ ...SPC, patch: { supported: 'true' }, filter: { supported: true } }, {}, '/ServiceProviderConfig'),
  },
  {
    id: 'DISC-RT-LIST',
    good: read(list([RT_USER]), {}, '/ResourceTypes'),
    bad: read({ schemas: [LIST_URN], totalResults: 3, Resources: [RT_USER] }, {}, '/ResourceTypes'),
  },
  {
    id: 'DISC-RT-FIELDS',
    good: read(list([RT_USER]), {}, '/ResourceTypes'),
    bad: read(
      list([{ ...RT_USER, endpoint: undefined, schemaExtensions: [{ schema: ENTERPRISE_URN, required: 'false' }] }]),
      {},
      '/ResourceTypes',
    ),
  },
  {
    id: 'DISC-SCHEMAS-LIST',
    good: read(list([SCHEMA_USER, SCHEMA_GROUP]), {}, SCHEMAS_PATH),
    bad: read(list([SCHEMA_USER]), {}, SCHEMAS_PATH),
  },
  {
    // The gallery validator's Schema_Discoverability_Test: the reference server's schemas hold
    // every attribute Entra maps by default; without `work` among emails.type's canonical values,
    // `emails[type eq "work"].value` cannot be formed.
    id: 'ENTRA-SCHEMA-DISCOVERABLE',
    context: { idp: 'entra' },
    good: read(PUBLISHED_SCHEMAS, {}, SCHEMAS_PATH),
    bad: read(withoutWorkEmailType(PUBLISHED_SCHEMAS), {}, SCHEMAS_PATH),
  },
  {
    id: 'DISC-SCHEMAS-SHAPE',
    good: read(list([SCHEMA_USER, SCHEMA_GROUP]), {}, SCHEMAS_PATH),
    bad: read(list([{ ...SCHEMA_USER, attributes: [{ name: 'userName', type: 'string' }] }]), {}, SCHEMAS_PATH),
  },
  {
    id: 'DISC-SCHEMAS-ENUMS',
    good: read(list([SCHEMA_USER]), {}, SCHEMAS_PATH),
    bad: read(
      list([{ ...SCHEMA_USER, attributes: [attr('userName', { mutability: 'readonly', type: 'String' })] }]),
      {},
      SCHEMAS_PATH,
    ),
  },
  {
    id: 'DISC-SCHEMAS-COMPLEX',
    good: read(list([SCHEMA_USER]), {}, SCHEMAS_PATH),
    bad: read(
      list([
        {
          ...SCHEMA_USER,
          attributes: [
            attr('name', { type: 'complex' }),
            attr('profileUrl', { type: 'reference', referenceTypes: 'external' }),
          ],
        },
      ]),
      {},
      SCHEMAS_PATH,
    ),
  },
  {
    id: 'DISC-SCHEMAS-COMMON',
    good: read(list([SCHEMA_USER]), {}, SCHEMAS_PATH),
    bad: read(list([{ ...SCHEMA_USER, attributes: [attr('password', { returned: 'default' })] }]), {}, SCHEMAS_PATH),
  },
  {
    id: 'DISC-SCHEMAS-NO-MESSAGES',
    good: read(list([SCHEMA_USER]), {}, SCHEMAS_PATH),
    bad: read(
      list([SCHEMA_USER, { ...SCHEMA_USER, id: 'urn:ietf:params:scim:api:messages:2.0:PatchOp' }]),
      {},
      SCHEMAS_PATH,
    ),
  },
  {
    id: 'DISC-SINGLE',
    good: read(RT_USER, {}, '/ResourceTypes/User'),
    bad: read(list([RT_USER]), {}, '/ResourceTypes/User'),
  },
  {
    id: 'AUTH-WWW-AUTHENTICATE',
    good: failure(401, scimError(401), { 'www-authenticate': 'Bearer realm="scim"' }),
    bad: failure(401),
  },
  {
    id: 'AUTH-TLS',
    good: read(user()),
    bad: { ...read(user()), request: { ...read(user()).request, url: `http://scim.example.com/scim/v2/Users/${ID}` } },
  },
  {
    id: 'MEDIA-UTF8',
    good: read(user()),
    bad: read(user(), { 'content-type': 'application/scim+json; charset=iso-8859-1', etag: 'W/"3694e05e9dff590"' }),
  },
  {
    id: 'MEDIA-REQ-SCIM-JSON',
    good: created(user()),
    bad: recorded({
      method: 'POST',
      requestHeaders: { 'content-type': 'application/scim+json' },
      requestBody: {},
      status: 415,
      body: scimError(415),
    }),
  },
  {
    id: 'ERR-SCIMTYPE',
    good: failure(400, scimError(400, { scimType: 'invalidValue' })),
    bad: failure(400, scimError(400, { scimType: 'schemaViolated' })),
  },
  // Judged when the client did not ask for SCIM JSON; when it did, MEDIA-RESP-TYPE judges the label.
  {
    id: 'ERR-MEDIA-TYPE',
    good: failure(404),
    bad: withoutScimAccept(failure(404, scimError(404), { 'content-type': 'application/json' })),
  },
  { id: 'ERR-STATUS-IN-HTTP', good: read(user()), bad: read(scimError(400)) },
  { id: 'ERR-NO-5XX', good: failure(501), bad: failure(500), goodVerdict: 'not applied' },
  {
    id: 'LIST-TOOMANY',
    good: recorded({ path: '/Users?filter=userName%20pr', status: 400, body: scimError(400, { scimType: 'tooMany' }) }),
    bad: recorded({ path: '/Users?filter=userName%20pr', status: 400, body: scimError(400) }),
  },
  {
    id: 'PAGE-COUNT-MAX',
    good: read(list([user()]), {}, '/Users?count=1'),
    bad: read(list([user(), user({ id: 'b' })]), {}, '/Users?count=1'),
  },
  { id: 'DT-BOOLEAN', good: read(user()), bad: read(user({ active: 'True' })) },
  { id: 'DT-STRING', good: read(user()), bad: read(user({ id: 42 }), {}, '/Users/42') },
  {
    id: 'DT-INTEGER',
    good: read(list([user()]), {}, '/Users'),
    bad: recorded({
      path: '/Users',
      status: 200,
      body: `{"schemas":["${LIST_URN}"],"totalResults":1e0,"Resources":[]}`,
    }),
  },
  {
    id: 'DT-DATETIME',
    good: read(user()),
    bad: read(
      user({
        meta: {
          resourceType: 'User',
          created: 1714557600,
          lastModified: '2024-05-01',
          location: `${BASE}/Users/${ID}`,
        },
      }),
      {},
    ),
  },
  { id: 'DT-SHAPE', good: read(user()), bad: read(user({ emails: { value: 'bjensen@example.com' } })) },
  { id: 'DT-REFERENCE', good: read(user()), bad: read(user({ groups: [{ value: 'g1', $ref: 'not a uri at all' }] })) },
  { id: 'DT-UNASSIGNED', good: read(user()), bad: read(user({ nickName: '' })) },
  { id: 'CHAR-RETURNED-NEVER', good: read(user()), bad: read(user({ password: 't1meMa$heen' })) },
  {
    id: 'CHAR-RETURNED-ALWAYS',
    good: read(user(), {}, `/Users/${ID}?excludedAttributes=id`),
    bad: read({ ...user(), id: undefined }, {}, `/Users/${ID}?excludedAttributes=id`),
  },
  { id: 'CHAR-REQUIRED', good: read(user()), bad: read(user({ userName: undefined })) },
  {
    id: 'CHAR-PRIMARY-ONCE',
    good: read(user()),
    bad: read(
      user({
        emails: [
          { value: 'a@example.com', primary: true },
          { value: 'b@example.com', primary: true },
        ],
      }),
    ),
  },
  {
    id: 'CHAR-SCHEMAS',
    good: read(user()),
    bad: read(user({ schemas: [USER_URN, USER_URN, 'urn:ietf:params:scim:schemas:core:2.0:Group'] })),
  },
  {
    id: 'CHAR-EXTENSION-CONTAINER',
    good: read(user({ schemas: [USER_URN, ENTERPRISE_URN], [ENTERPRISE_URN]: { employeeNumber: '7' } })),
    bad: read(user({ [ENTERPRISE_URN]: { employeeNumber: '7' }, department: 'QA' })),
  },
  { id: 'CHAR-DECLARED-ONLY', good: read(user()), bad: read(user({ internalFlags: 7 })) },
  { id: 'CHAR-ID-STABLE', good: read(user()), bad: read(user({ id: 'a-different-id' })) },
  {
    id: 'CREATE-META-LOCATION',
    good: read(user(), { 'content-location': `${BASE}/Users/${ID}` }),
    bad: read(user(), { 'content-location': `${BASE}/Users/elsewhere` }),
  },
  {
    id: 'VER-WEAK-PREFIX',
    good: read(user()),
    bad: read(user({ meta: { ...(user().meta as object), version: 'w/"abc"' } }), { etag: 'w/"abc"' }),
  },
  { id: 'VER-META-VERSION', good: read(user()), bad: read(user(), { etag: 'W/"something-else"' }) },
  { id: 'VER-ETAG-HEADER', context: { advertised: { etag: true } }, good: read(user()), bad: read(user(), {}) },
  // Issue 12 "close the gaps" (more cases in gaps-checks.test.ts).
  {
    id: 'LOCATION-ABSOLUTE',
    context: { purpose: 'createUser' },
    good: created(user()),
    bad: created(user(), { location: `/scim/v2/Users/${ID}` }),
  },
  {
    id: 'LIST-IDP-TIMEOUT',
    context: { idp: 'okta', purpose: 'lookupUser' },
    good: read(list([user()]), {}, '/Users'),
    bad: { ...read(list([user()]), {}, '/Users'), durationMs: 61_000 },
  },
  // Issue 14: RFC 9865 cursor paging (more cases in cursor-paging.test.ts).
  {
    id: 'CURSOR-ADVERTISED',
    good: read({ ...SPC, pagination: { cursor: true, index: true } }, {}, '/ServiceProviderConfig'),
    bad: read({ ...SPC, pagination: { cursor: 'yes', index: true } }, {}, '/ServiceProviderConfig'),
  },
  {
    id: 'CURSOR-COUNT-MAX',
    good: read(list([user()]), {}, '/Users?cursor&count=1'),
    bad: read({ ...list([user()]), itemsPerPage: 5 }, {}, '/Users?cursor&count=1'),
  },
  {
    id: 'CURSOR-COUNT-ABOVE-MAX',
    context: { maxPageSize: 1 },
    good: read(list([user()]), {}, '/Users?cursor&count=5'),
    bad: read(list([user(), group()]), {}, '/Users?cursor&count=5'),
  },
  // Issue 14: RFC 9967 asynchronous requests (more cases in async-requests.test.ts).
  {
    id: 'ASYNC-SPC-SHAPE',
    good: read({ ...SPC, securityEvents: { asyncRequest: 'request' } }, {}, '/ServiceProviderConfig'),
    bad: read({ ...SPC, securityEvents: { asyncRequest: 'yes' } }, {}, '/ServiceProviderConfig'),
  },
  { id: 'ASYNC-SET-TXN', good: accepted(), bad: accepted({ 'set-txn': undefined }) },
  { id: 'ASYNC-PREFERENCE-APPLIED', good: accepted(), bad: accepted({ 'preference-applied': undefined }) },
  { id: 'ASYNC-LOCATION', good: accepted(), bad: accepted({ location: undefined }) },
  { id: 'ASYNC-NO-BODY', good: accepted(), bad: accepted({}, user()) },
  {
    id: 'ASYNC-TXN-UNIQUE',
    context: { earlierTransactions: new Set(['t0']) },
    good: accepted(),
    bad: accepted(),
    badContext: { earlierTransactions: new Set(['t1']) },
  },
];

/** Passive checks owned by the IdP-profile engineer (src/checks/exchange/interop.ts) have their own tests. */
const INTEROP_OWNED = new Set([
  'INTEROP-FILTER-CORRELATION',
  'INTEROP-PASSWORD-PLACEHOLDER',
  'INTEROP-PATCH-200-BODY',
  'INTEROP-OP-CASE',
  'INTEROP-BOOLEAN-STRINGS',
]);

function verdict(id: string, exchange: Exchange, overrides: Partial<ExchangeCheckContext> = {}): string {
  const results = runExchangeChecks(
    exchange,
    context(overrides),
    EXCHANGE_CHECKS.filter((check) => check.id === id),
  );
  if (results.length === 0) return 'not applied';
  return results.some((result) => result.status === 'failed')
    ? 'failed'
    : results.every((result) => result.status === 'skipped')
      ? 'skipped'
      : 'passed';
}

describe('passive checks on recorded exchanges', () => {
  it.each(ROWS)('$id passes a compliant exchange and fails a non-compliant one', (row) => {
    expect(verdict(row.id, row.good, row.context)).toBe(row.goodVerdict ?? 'passed');
    expect(verdict(row.id, row.bad, row.badContext ?? row.context)).toBe('failed');
  });

  it('has a fixture row for every passive check', () => {
    const covered = new Set(ROWS.map((row) => row.id));
    const missing = EXCHANGE_CHECKS.map((check) => check.id).filter((id) => !covered.has(id) && !INTEROP_OWNED.has(id));
    expect(missing).toEqual([]);
  });

  it('a compliant User, Group and ListResponse raise no finding from any passive check', () => {
    for (const exchange of [
      read(user()),
      read(group(), { etag: 'W/"1"' }, '/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a'),
      read(list([user(), group()]), {}, '/Users'),
    ]) {
      const failed = runExchangeChecks(exchange, context({ advertised: { etag: true } })).filter(
        (result) => result.status === 'failed',
      );
      expect(failed.map((result) => `${result.id}: ${result.message}`)).toEqual([]);
    }
  });

  it('reports the JSON path of a data-type problem inside a ListResponse', () => {
    const [result] = runExchangeChecks(
      read(list([user(), user({ active: 1 })]), {}, '/Users'),
      context(),
      EXCHANGE_CHECKS.filter((check) => check.id === 'DT-BOOLEAN'),
    );
    expect(result?.findings?.[0]).toMatchObject({ path: '$.Resources[1].active', actual: 1 });
  });

  it('attaches a fix hint to a failure of a commonly violated row', () => {
    const [result] = runExchangeChecks(
      failure(401),
      context(),
      EXCHANGE_CHECKS.filter((check) => check.id === 'AUTH-WWW-AUTHENTICATE'),
    );
    expect(result?.hint).toContain('WWW-Authenticate: Bearer');
  });

  it('AUTH-TLS is skipped, not passed, on plain http to loopback: it proves nothing about the deployed service', () => {
    const loopback = {
      ...read(user()),
      request: { ...read(user()).request, url: `http://127.0.0.1:8080/scim/v2/Users/${ID}` },
    };
    expect(verdict('AUTH-TLS', loopback)).toBe('skipped');
  });

  it('never flags 501 as a server fault (it is the honest refusal of DISC-SPC-HONEST)', () => {
    expect(verdict('ERR-NO-5XX', failure(501, scimError(501, { schemas: [ERROR_URN] })))).toBe('not applied');
  });
});
