import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { createGroup, createUser, startTestServer, type TestServer } from './helpers.js';

// Throws a few thousand random and malformed requests at a running server: paths, query
// strings, filters, bodies, PATCH documents, SearchRequests and BulkRequests. Whatever comes
// in, the server must never answer 5xx (SPEC-CHECKS ERR-NO-5XX), every error must be a SCIM
// Error body in SCIM JSON (ERR-BODY, ERR-STATUS-STRING, ERR-MEDIA-TYPE), and it must keep
// answering. The generator is seeded, so a failure names the seed and request to replay.

const SEED = Number(process.env.SCIM_CHECK_FUZZ_SEED ?? 20_240_501);
const REQUESTS = 3_000;
const CONCURRENCY = 8;

/** mulberry32: a small, fast, seedable PRNG (public domain). */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (probability: number): boolean => next() < probability;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof createRandom>;

const ATTRIBUTE_PATHS = [
  'userName',
  'USERNAME',
  'name',
  'name.givenName',
  'name.familyName',
  'name.nope',
  'displayName',
  'nickName',
  'title',
  'active',
  'password',
  'emails',
  'emails.value',
  'emails.type',
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'emails[value co "@"].primary',
  'phoneNumbers',
  'addresses[type eq "home"].locality',
  'x509Certificates',
  'groups',
  'groups.value',
  'members',
  'members.value',
  'members[value eq "x"]',
  'members[type eq "User"].display',
  'id',
  'externalId',
  'meta',
  'meta.created',
  'meta.version',
  'schemas',
  `${URN.enterpriseUser}:manager`,
  `${URN.enterpriseUser}:manager.value`,
  `${URN.enterpriseUser}:department`,
  URN.enterpriseUser,
  `${URN.user}:userName`,
  'urn:bad',
  'scimcheckNoSuchAttr',
  '$ref',
  'a.b.c',
  '',
  '..',
  '[',
  'emails[',
  'emails[type eq]',
  'emails[[x]]',
];
const OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Sw', 'regex', 'pr', ''];
const KEYS = [
  'schemas',
  'userName',
  'name',
  'givenName',
  'familyName',
  'emails',
  'value',
  'type',
  'primary',
  'active',
  'members',
  'displayName',
  'externalId',
  'id',
  'meta',
  'groups',
  'password',
  'Operations',
  'op',
  'path',
  'display',
  '$ref',
  'manager',
  'title',
  'nickName',
  URN.enterpriseUser,
  'name.givenName',
  `${URN.enterpriseUser}:employeeNumber`,
  '__proto__',
  'constructor',
  'toString',
  '',
];
const STRINGS = [
  '',
  ' ',
  'x',
  'True',
  'False',
  'bulkId:a',
  'bulkId:',
  'null',
  'W/"1"',
  '\u0000',
  '😀',
  'a'.repeat(300),
  '"',
  '\\',
  '%',
  "O'Malley",
];

function randomString(random: Random): string {
  if (random.chance(0.7)) return random.pick(STRINGS);
  const length = random.int(12);
  let text = '';
  for (let index = 0; index < length; index += 1)
    text += String.fromCharCode(random.chance(0.9) ? 32 + random.int(95) : random.int(0x3000));
  return text;
}

function randomJson(random: Random, ids: readonly string[], depth = 0): unknown {
  const roll = random.int(depth > 4 ? 6 : 10);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, 1, -1, 1.5, 1e308, -0, 2 ** 53 + 1]);
    case 3:
      return random.pick(ids);
    case 4:
    case 5:
      return randomString(random);
    case 6:
    case 7:
      return Array.from({ length: random.int(4) }, () => randomJson(random, ids, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let index = random.int(5); index > 0; index -= 1) {
        Object.defineProperty(object, random.pick(KEYS), {
          value: randomJson(random, ids, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return object;
    }
  }
}

function randomFilter(random: Random, depth = 0): string {
  const roll = random.int(depth > 3 ? 3 : 7);
  const value = (): string =>
    random.pick([
      '"x"',
      '"bulkId:a"',
      'true',
      'false',
      'null',
      '42',
      '"2024-01-01T00:00:00Z"',
      '"unterminated',
      '"esc\\"aped"',
      'bare',
      '',
    ]);
  switch (roll) {
    case 0:
      return `${random.pick(ATTRIBUTE_PATHS)} ${random.pick(OPERATORS)} ${value()}`;
    case 1:
      return `${random.pick(ATTRIBUTE_PATHS)} pr`;
    case 2:
      return `${random.pick(['emails', 'members', 'addresses', 'name'])}[${randomFilter(random, depth + 2)}]`;
    case 3:
      return `${randomFilter(random, depth + 1)} ${random.pick(['and', 'or', 'AND', 'xor'])} ${randomFilter(random, depth + 1)}`;
    case 4:
      return `not${random.pick([' ', ''])}(${randomFilter(random, depth + 1)})`;
    case 5:
      return `(${randomFilter(random, depth + 1)}${random.chance(0.9) ? ')' : ''}`;
    default:
      return `${'('.repeat(random.int(80))}userName eq "x"${')'.repeat(random.int(80))}`;
  }
}

/** Deletes, inserts or truncates a few characters, to push valid text just out of the grammar. */
function mutateText(random: Random, text: string): string {
  let result = text;
  for (let count = random.int(3); count > 0; count -= 1) {
    const at = random.int(result.length + 1);
    const edit = random.int(3);
    if (edit === 0) result = result.slice(0, at) + result.slice(at + 1);
    else if (edit === 1)
      result =
        result.slice(0, at) +
        random.pick(['"', '[', ']', '(', ')', '.', ':', ' ', '\\', '{', ',', '\u0000']) +
        result.slice(at);
    else result = result.slice(0, at);
  }
  return result;
}

function randomPatchOperation(random: Random, ids: readonly string[]): unknown {
  if (random.chance(0.1)) return randomJson(random, ids);
  const operation: Record<string, unknown> = {
    op: random.pick(['add', 'replace', 'remove', 'Add', 'Replace', 'Remove', 'REMOVE', 'move', '', 7]),
  };
  if (random.chance(0.8))
    operation.path = random.chance(0.2)
      ? mutateText(random, random.pick(ATTRIBUTE_PATHS))
      : random.pick(ATTRIBUTE_PATHS);
  if (random.chance(0.85)) {
    operation.value = random.chance(0.3)
      ? random.pick([
          [{ value: random.pick(ids) }],
          { value: random.pick(ids) },
          'False',
          'true',
          { 'name.givenName': 'x', active: 'False' },
          [{ $ref: null, value: random.pick(ids) }],
        ])
      : randomJson(random, ids);
  }
  return operation;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function randomQuery(random: Random): string {
  const parameters: string[] = [];
  const add = (name: string, value: string): void => {
    parameters.push(`${name}=${random.chance(0.9) ? encodeURIComponent(value) : value.replace(/[^\x21-\x7e]/g, '')}`);
  };
  if (random.chance(0.6))
    add(
      random.pick(['filter', 'FILTER']),
      random.chance(0.3) ? mutateText(random, randomFilter(random)) : randomFilter(random),
    );
  if (random.chance(0.3)) add('sortBy', random.pick(ATTRIBUTE_PATHS));
  if (random.chance(0.2)) add('sortOrder', random.pick(['ascending', 'descending', 'sideways']));
  if (random.chance(0.3)) add('startIndex', String(random.pick([0, 1, 2, -5, 1e21, 'x', '1.5', ''])));
  if (random.chance(0.3)) add('count', String(random.pick([0, 1, 5, -1, 1e21, 'x', '10abc'])));
  if (random.chance(0.3))
    add(
      random.pick(['attributes', 'excludedAttributes']),
      Array.from({ length: 1 + random.int(3) }, () => random.pick(ATTRIBUTE_PATHS)).join(
        random.pick([',', ', ', ',,']),
      ),
    );
  if (random.chance(0.1)) parameters.push(random.pick(['%', '%zz', '&&', '=', 'filter', 'a=%E0%A4%A']));
  return parameters.length === 0 ? '' : `?${parameters.join('&')}`;
}

function randomRequest(random: Random, basePath: string, ids: readonly string[], token: string): FuzzRequest {
  const headers: Record<string, string> = {};
  const authorization = random.int(20);
  if (authorization > 1) headers.authorization = `Bearer ${token}`;
  else if (authorization === 1)
    headers.authorization = random.pick(['Bearer wrong', 'Basic Zm9vOmJhcg==', 'Bearer', `bearer  ${token}`]);
  if (random.chance(0.1))
    headers[random.pick(['if-match', 'if-none-match'])] = random.pick(['*', 'W/"1"', '"x"', 'W/', ',', 'W/"2", W/"3"']);
  const id = random.chance(0.8)
    ? random.pick(ids)
    : random.pick(['.search', '%2e%2e', 'bulkId:a', 'x'.repeat(500), '%E0%A4%A', '%00']);
  const endpoint = random.pick(['Users', 'Groups']);
  const kind = random.int(10);
  let method = 'GET';
  let path: string;
  let body: unknown;
  let rawBody: string | undefined;
  switch (kind) {
    case 0:
      path = `/${random.pick(['', 'Users', 'Groups', 'Me', 'Bulk', '.search', 'Schemas', 'ResourceTypes', 'ServiceProviderConfig', 'nope'])}/${random.pick(['', id, `${id}/extra`, URN.user, 'User', '..', '%zz'])}`;
      method = random.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']);
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') body = randomJson(random, ids);
      break;
    case 1:
    case 2:
      path = `/${random.pick([endpoint, '', 'Schemas', 'ResourceTypes'])}${randomQuery(random)}`;
      break;
    case 3:
      method = random.pick(['POST', 'PUT']);
      path = method === 'POST' ? `/${endpoint}${randomQuery(random)}` : `/${endpoint}/${id}`;
      body = random.chance(0.5)
        ? { schemas: [endpoint === 'Users' ? URN.user : URN.group], ...(randomJson(random, ids, 3) as object) }
        : randomJson(random, ids);
      break;
    case 4:
    case 5:
      method = 'PATCH';
      path = `/${endpoint}/${id}${random.chance(0.2) ? randomQuery(random) : ''}`;
      body = {
        schemas: random.chance(0.9) ? [URN.patchOp] : randomJson(random, ids),
        Operations: Array.from({ length: random.int(4) }, () => randomPatchOperation(random, ids)),
      };
      break;
    case 6:
      method = 'POST';
      path = `/${random.pick([`${endpoint}/.search`, '.search'])}`;
      body = {
        schemas: [URN.searchRequest],
        filter: random.chance(0.8) ? randomFilter(random) : randomJson(random, ids),
        sortBy: random.chance(0.3) ? random.pick(ATTRIBUTE_PATHS) : undefined,
        startIndex: randomJson(random, ids, 5),
        count: random.pick([1, 2, 0, -1, '3', null]),
        attributes: random.chance(0.3) ? [random.pick(ATTRIBUTE_PATHS)] : randomJson(random, ids, 5),
      };
      break;
    case 7:
      method = 'POST';
      path = '/Bulk';
      body = {
        schemas: [URN.bulkRequest],
        failOnErrors: random.chance(0.2) ? randomJson(random, ids, 5) : undefined,
        Operations: Array.from({ length: random.int(6) }, () =>
          random.chance(0.1)
            ? randomJson(random, ids)
            : {
                method: random.chance(0.9)
                  ? random.pick(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])
                  : random.pick(['GET', '', 7]),
                path: random.chance(0.9)
                  ? random.pick([
                      '/Users',
                      '/Groups',
                      `/Users/${random.pick(ids)}`,
                      `/Groups/${random.pick(ids)}`,
                      `/${endpoint}/${id}`,
                      '/Users/bulkId:a',
                      '/Groups/bulkId:b',
                    ])
                  : random.pick(['/Nope', '', 'Users/x/y', 7]),
                bulkId: random.chance(0.9) ? random.pick(['a', 'b', 'c']) : random.pick([undefined, 7, '']),
                version: random.chance(0.8) ? undefined : random.pick(['W/"1"', 3, '*']),
                data: random.chance(0.5)
                  ? {
                      schemas: [URN.user, URN.group, URN.patchOp],
                      userName: `fuzz-${random.int(50)}@example.com`,
                      displayName: 'fuzz',
                      members: [{ value: random.pick(['bulkId:a', 'bulkId:b', ...ids]) }],
                      Operations: [randomPatchOperation(random, ids)],
                    }
                  : randomJson(random, ids),
              },
        ),
      };
      break;
    default:
      // Malformed JSON text: valid bodies, truncated or mutated.
      method = random.pick(['POST', 'PUT', 'PATCH']);
      path = random.pick([`/${endpoint}`, `/${endpoint}/${id}`, '/Bulk', '/.search']);
      rawBody = mutateText(random, JSON.stringify(randomJson(random, ids)) ?? '{}');
      if (random.chance(0.2)) {
        // Deep nesting, valid or not: recursive code must never meet it (body.ts MAX_JSON_DEPTH).
        const depth = random.chance(0.5) ? 50 + random.int(100) : 100_000 + random.int(200_000);
        const nested = `${'['.repeat(depth)}${random.chance(0.8) ? ']'.repeat(depth) : ''}`;
        path = '/Bulk';
        rawBody = `{"schemas":["${URN.bulkRequest}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":{"userName":${nested}}}]}`;
      }
  }
  const request: FuzzRequest = { method, path: `${basePath}${path}`, headers };
  if (rawBody === undefined && body !== undefined) rawBody = JSON.stringify(body);
  if (rawBody !== undefined && method !== 'GET' && method !== 'HEAD') {
    request.body = rawBody;
    headers['content-type'] = random.chance(0.95)
      ? random.pick(['application/scim+json', 'application/json', 'application/scim+json; charset=utf-8'])
      : random.pick(['text/plain', 'application/xml', '']);
  }
  return request;
}

let api: TestServer;
let ids: string[];
beforeAll(async () => {
  api = await startTestServer({ seedUsers: 30 });
  const user = await createUser(api, 'fuzz-fixture@example.com', {
    emails: [{ value: 'f@example.com', type: 'work', primary: true }],
  });
  const group = await createGroup(api, 'Fuzz Fixture', { members: [{ value: user.id }] });
  const seeded = (await api.call('GET', '/Users?count=5')).body.Resources.map((resource: any) => resource.id);
  ids = [user.id, group.id, ...seeded];
});
afterAll(() => api.close());

describe(`fuzzing the reference server (seed ${SEED})`, () => {
  it(`answers ${REQUESTS} random requests without a 5xx, with SCIM errors only`, async () => {
    const random = createRandom(SEED);
    const origin = new URL(api.baseUrl).origin;
    const basePath = new URL(api.baseUrl).pathname;
    const requests = Array.from({ length: REQUESTS }, () => randomRequest(random, basePath, ids, api.server.token));
    const pool = new Pool(origin, { connections: CONCURRENCY });
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length && problems.length < 10) {
        const index = next;
        next += 1;
        const request = requests[index] as FuzzRequest;
        const where = `#${index} ${request.method} ${request.path.slice(0, 200)} ${request.body?.slice(0, 200) ?? ''}`;
        let status: number;
        let text: string;
        let contentType: string | undefined;
        try {
          const response = await pool.request({
            method: request.method as 'GET',
            path: request.path,
            headers: request.headers,
            body: request.body,
          });
          status = response.statusCode;
          contentType = response.headers['content-type'] as string | undefined;
          text = await response.body.text();
        } catch (error) {
          problems.push(`${where}: the request failed: ${(error as Error).message}`);
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 && status !== 501) problems.push(`${where}: answered ${status} ${text.slice(0, 300)}`);
        if (text === '' || request.method === 'HEAD') continue;
        if (!contentType?.startsWith('application/scim+json'))
          problems.push(`${where}: Content-Type ${contentType ?? '(none)'}`);
        let body: any;
        try {
          body = JSON.parse(text);
        } catch {
          problems.push(`${where}: a body that is not JSON: ${text.slice(0, 200)}`);
          continue;
        }
        // A Bulk answer is 200 even when operations fail; none of them may have failed with 5xx either.
        const bulkFailures =
          status === 200 && Array.isArray(body?.Operations)
            ? body.Operations.filter((result: any) => Number(result.status) >= 500)
            : [];
        if (bulkFailures.length > 0)
          problems.push(`${where}: a bulk operation answered ${JSON.stringify(bulkFailures[0]).slice(0, 300)}`);
        if (
          status >= 400 &&
          (body?.schemas?.[0] !== URN.error || body.status !== String(status) || typeof body.detail !== 'string')
        ) {
          problems.push(`${where}: ${status} without a SCIM Error body: ${text.slice(0, 300)}`);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      await pool.close();
    }
    expect(problems, `replay with SCIM_CHECK_FUZZ_SEED=${SEED}`).toEqual([]);
    // The generator must reach both the happy paths and the refusals, or it tests little.
    const count = (predicate: (status: number) => boolean) =>
      [...statuses].filter(([status]) => predicate(status)).reduce((sum, [, n]) => sum + n, 0);
    expect(count((status) => status >= 200 && status < 300)).toBeGreaterThan(REQUESTS / 10);
    expect(count((status) => status === 400)).toBeGreaterThan(REQUESTS / 10);
    expect(count((status) => status === 401)).toBeGreaterThan(0);
    expect(count((status) => status === 404)).toBeGreaterThan(0);

    // Still alive and still consistent.
    expect((await api.call('GET', '/ServiceProviderConfig')).status).toBe(200);
    const created = await api.call('POST', '/Users', {
      body: { schemas: [URN.user], userName: 'after-fuzz@example.com' },
    });
    expect(created.status).toBe(201);
    const found = await api.call('GET', `/Users?filter=${encodeURIComponent('userName eq "after-fuzz@example.com"')}`);
    expect(found.body.totalResults).toBe(1);
  });
});
