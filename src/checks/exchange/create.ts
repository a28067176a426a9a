import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck, ExchangeCheckContext } from '../exchange-check.js';
import { habitsOfRefused } from './refused-habits.js';
import { describeStatus, isDateTime, jsonObject, schemasOf } from './response-helpers.js';
import { isProjected } from './returned-resources.js';

const isCreate = (context: ExchangeCheckContext): boolean =>
  context.purpose === 'createUser' || context.purpose === 'createGroup';
const created = (status: number | undefined): boolean => status === 201;

function statusIs201(
  exchange: Parameters<ExchangeCheck['check']>[0],
  context: ExchangeCheckContext,
): Finding[] | string {
  // A create refused for an IdP habit (Okta's placeholder password...) is not RFC form: the engine
  // proves the habit and reports it under its INTEROP row (src/engine/isolate-refusal.ts).
  const habits = habitsOfRefused(exchange, context);
  if (habits !== undefined)
    return `the server refused a request carrying ${habits}, which is not RFC form: judged under the INTEROP row of the habit it refused`;
  return created(exchange.response?.status)
    ? []
    : [{ message: 'a valid create must answer 201 Created', expected: 201, actual: describeStatus(exchange) }];
}

/** CREATE-201 (RFC 7644 §3.3) for Users. */
export const create201: ExchangeCheck = {
  id: 'CREATE-201',
  appliesTo: (_exchange, context) => context.purpose === 'createUser',
  check: statusIs201,
};

/** GROUP-CREATE (RFC 7644 §3.3; RFC 7643 §4.2): the same for Groups, plus meta.resourceType Group. */
export const groupCreate: ExchangeCheck = {
  id: 'GROUP-CREATE',
  appliesTo: (_exchange, context) => context.purpose === 'createGroup',
  check: statusIs201,
};

/** CREATE-201-LOCATION (RFC 7644 §3.3): Location is present and equals meta.location. */
export const createLocation: ExchangeCheck = {
  id: 'CREATE-201-LOCATION',
  appliesTo: (exchange, context) => isCreate(context) && created(exchange.response?.status),
  check(exchange) {
    const location = exchange.response!.headers.location;
    if (!location)
      return [
        {
          message: 'a 201 must carry a Location header with the new resource URI',
          expected: 'Location header',
          actual: '(missing)',
        },
      ];
    const metaLocation = (jsonObject(exchange)?.meta as Record<string, unknown> | undefined)?.location;
    const trim = (value: string): string => value.replace(/\/+$/, '');
    if (typeof metaLocation === 'string' && trim(metaLocation) !== trim(location)) {
      return [
        {
          message: 'Location must equal meta.location',
          path: '$.meta.location',
          expected: location,
          actual: metaLocation,
        },
      ];
    }
    return [];
  },
};

/** CREATE-BODY (RFC 7644 §3.3, SHOULD): the 201 body is the new resource. */
export const createBody: ExchangeCheck = {
  id: 'CREATE-BODY',
  appliesTo: (exchange, context) => isCreate(context) && created(exchange.response?.status),
  check(exchange, context) {
    const body = jsonObject(exchange);
    if (!body)
      return [
        {
          message: 'the 201 body should be the created resource',
          actual: exchange.response!.body.slice(0, 80) || '(empty body)',
        },
      ];
    const urn = context.purpose === 'createGroup' ? URN.group : URN.user;
    const findings: Finding[] = [];
    if (!isProjected(exchange) && !schemasOf(body).includes(urn))
      findings.push({
        message: `schemas should contain ${urn}`,
        path: '$.schemas',
        expected: [urn],
        actual: body.schemas,
      });
    if (typeof body.id !== 'string' || body.id === '')
      findings.push({ message: 'the created resource should carry its id', path: '$.id', actual: body.id });
    return findings;
  },
};

/** CREATE-ID (RFC 7643 §3.1): a non-empty id, unique across the run's resources, without "bulkId". */
export const createId: ExchangeCheck = {
  id: 'CREATE-ID',
  appliesTo: (exchange, context) =>
    isCreate(context) && created(exchange.response?.status) && jsonObject(exchange) !== undefined,
  check(exchange, context) {
    const id = jsonObject(exchange)!.id;
    if (typeof id !== 'string' || id.length === 0)
      return [{ message: 'id must be a non-empty string', path: '$.id', actual: id ?? '(missing)' }];
    if (id.includes('bulkId'))
      return [{ message: 'id must not contain the reserved word "bulkId"', path: '$.id', actual: id }];
    if (context.issuedIds.has(id))
      return [{ message: 'id was already issued to another resource in this run', path: '$.id', actual: id }];
    return [];
  },
};

/** CREATE-META-RESOURCETYPE (RFC 7644 §3.3.1; RFC 7643 §3.1). */
export const createMetaResourceType: ExchangeCheck = {
  id: 'CREATE-META-RESOURCETYPE',
  // `attributes=` on the POST may leave meta out (it is returned "default", RFC 7644 §3.9).
  appliesTo: (exchange, context) =>
    isCreate(context) &&
    created(exchange.response?.status) &&
    jsonObject(exchange) !== undefined &&
    !isProjected(exchange),
  check(exchange, context) {
    const expected = context.purpose === 'createGroup' ? 'Group' : 'User';
    const actual = (jsonObject(exchange)!.meta as Record<string, unknown> | undefined)?.resourceType;
    return actual === expected
      ? []
      : [
          {
            message: 'meta.resourceType must name the resource type of the endpoint',
            path: '$.meta.resourceType',
            expected,
            actual: actual ?? '(missing)',
          },
        ];
  },
};

/** CREATE-META-TIMESTAMPS (RFC 7643 §3.1): created and lastModified set, valid, and equal on a new resource. */
export const createMetaTimestamps: ExchangeCheck = {
  id: 'CREATE-META-TIMESTAMPS',
  appliesTo: (exchange, context) =>
    isCreate(context) &&
    created(exchange.response?.status) &&
    jsonObject(exchange) !== undefined &&
    !isProjected(exchange),
  check(exchange) {
    const meta = jsonObject(exchange)!.meta as Record<string, unknown> | undefined;
    const findings: Finding[] = [];
    for (const key of ['created', 'lastModified'] as const) {
      if (!isDateTime(meta?.[key]))
        findings.push({
          message: `meta.${key} must be an xsd:dateTime with a time zone`,
          path: `$.meta.${key}`,
          actual: meta?.[key] ?? '(missing)',
        });
    }
    if (findings.length === 0 && Date.parse(String(meta!.created)) !== Date.parse(String(meta!.lastModified))) {
      findings.push({
        message: 'on a resource never modified, meta.created and meta.lastModified must be equal',
        path: '$.meta.lastModified',
        expected: meta!.created,
        actual: meta!.lastModified,
      });
    }
    return findings;
  },
};
