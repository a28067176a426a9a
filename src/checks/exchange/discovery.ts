import type { Exchange } from '../../http/exchange.js';
import type { AttributeType, Mutability, Returned, Uniqueness } from '../../scim/attribute-definition.js';
import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { jsonObject, schemasOf } from './response-helpers.js';
import { requestPath } from './returned-resources.js';

const MAX_FINDINGS = 20;
const ENDPOINT_PATTERNS = new Map<string, RegExp>();
/** A 200 answer to GET on the named discovery endpoint (the pattern is compiled once per name). */
const endpoint = (exchange: Exchange, name: string): boolean => {
  if (exchange.request.method !== 'GET' || exchange.response?.status !== 200) return false;
  let pattern = ENDPOINT_PATTERNS.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`/${name}/?$`);
    ENDPOINT_PATTERNS.set(name, pattern);
  }
  return pattern.test(requestPath(exchange));
};
const resourcesOf = (exchange: Exchange): Record<string, unknown>[] => {
  const resources = jsonObject(exchange)?.Resources;
  return Array.isArray(resources)
    ? resources.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    : [];
};

/** DISC-SPC-GET (RFC 7644 §4; RFC 7643 §5): one object naming the ServiceProviderConfig schema, not a ListResponse. */
export const spcGet: ExchangeCheck = {
  id: 'DISC-SPC-GET',
  appliesTo: (exchange) =>
    exchange.request.method === 'GET' &&
    /\/ServiceProviderConfigs?\/?$/.test(requestPath(exchange)) &&
    !exchange.request.headers.authorization?.startsWith('Basic'),
  check(exchange) {
    if (exchange.response!.status !== 200)
      return exchange.request.headers.authorization === undefined
        ? 'answered without credentials: see DISC-SPC-PUBLIC'
        : [{ message: 'GET /ServiceProviderConfig must answer 200', expected: 200, actual: exchange.response!.status }];
    const body = jsonObject(exchange);
    const findings: Finding[] = [];
    if (body?.Resources !== undefined)
      findings.push({
        message: 'the configuration is one object, not a ListResponse',
        path: '$.Resources',
        actual: 'Resources present',
      });
    if (!schemasOf(body).includes(URN.serviceProviderConfig))
      findings.push({
        message: `schemas must contain ${URN.serviceProviderConfig}`,
        path: '$.schemas',
        actual: body?.schemas,
      });
    return findings;
  },
};

const FEATURES = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'] as const;
const INTEGERS: [string, string][] = [
  ['bulk', 'maxOperations'],
  ['bulk', 'maxPayloadSize'],
  ['filter', 'maxResults'],
];

/** DISC-SPC-REQUIRED (RFC 7643 §5): every required member is present and typed. */
export const spcRequired: ExchangeCheck = {
  id: 'DISC-SPC-REQUIRED',
  appliesTo: (exchange) =>
    endpoint(exchange, 'ServiceProviderConfig') && schemasOf(jsonObject(exchange)).includes(URN.serviceProviderConfig),
  check(exchange) {
    const body = jsonObject(exchange)!;
    const findings: Finding[] = [];
    for (const feature of FEATURES) {
      const supported = (body[feature] as Record<string, unknown> | undefined)?.supported;
      if (typeof supported !== 'boolean')
        findings.push({
          message: `${feature}.supported must be a JSON boolean`,
          path: `$.${feature}.supported`,
          expected: 'true or false',
          actual: supported ?? '(missing)',
        });
    }
    for (const [feature, member] of INTEGERS) {
      const value = (body[feature] as Record<string, unknown> | undefined)?.[member];
      if (!Number.isInteger(value))
        findings.push({
          message: `${feature}.${member} must be an integer, even when ${feature} is off`,
          path: `$.${feature}.${member}`,
          expected: 'integer',
          actual: value ?? '(missing)',
        });
    }
    const schemes = body.authenticationSchemes;
    if (!Array.isArray(schemes) || schemes.length === 0)
      findings.push({
        message: 'authenticationSchemes must be a non-empty array',
        path: '$.authenticationSchemes',
        actual: schemes ?? '(missing)',
      });
    else
      schemes.forEach((scheme: Record<string, unknown> | null, index) => {
        for (const key of ['type', 'name', 'description'])
          if (typeof scheme?.[key] !== 'string')
            findings.push({
              message: `authenticationSchemes[${index}].${key} is required`,
              path: `$.authenticationSchemes[${index}].${key}`,
              actual: scheme?.[key] ?? '(missing)',
            });
      });
    return findings;
  },
};

/** DISC-RT-LIST (RFC 7644 §4): /ResourceTypes is a ListResponse whose totalResults counts its Resources. */
export const resourceTypeList: ExchangeCheck = {
  id: 'DISC-RT-LIST',
  appliesTo: (exchange) => endpoint(exchange, 'ResourceTypes'),
  check(exchange) {
    const body = jsonObject(exchange);
    const findings: Finding[] = [];
    if (!schemasOf(body).includes(URN.listResponse))
      findings.push({
        message: 'schemas must be the ListResponse URN',
        path: '$.schemas',
        expected: [URN.listResponse],
        actual: body?.schemas,
      });
    const resources = body?.Resources;
    if (!Array.isArray(resources))
      findings.push({
        message: 'Resources must list the resource types',
        path: '$.Resources',
        actual: resources ?? '(missing)',
      });
    else if (body?.totalResults !== resources.length)
      findings.push({
        message: 'totalResults must equal the number of resource types returned',
        path: '$.totalResults',
        expected: resources.length,
        actual: body?.totalResults,
      });
    return findings;
  },
};

/** DISC-RT-FIELDS (RFC 7643 §6): each ResourceType has schemas, name, endpoint, schema; extensions have schema and boolean required. */
export const resourceTypeFields: ExchangeCheck = {
  id: 'DISC-RT-FIELDS',
  appliesTo: (exchange) => endpoint(exchange, 'ResourceTypes') && resourcesOf(exchange).length > 0,
  check(exchange) {
    const findings: Finding[] = [];
    resourcesOf(exchange).forEach((type, index) => {
      const at = `$.Resources[${index}]`;
      if (!schemasOf(type).includes(URN.resourceType))
        findings.push({
          message: `schemas must contain ${URN.resourceType}`,
          path: `${at}.schemas`,
          actual: type.schemas,
        });
      for (const key of ['name', 'endpoint', 'schema'])
        if (typeof type[key] !== 'string')
          findings.push({ message: `${key} is required`, path: `${at}.${key}`, actual: type[key] ?? '(missing)' });
      const extensions = type.schemaExtensions;
      if (extensions !== undefined && !Array.isArray(extensions))
        findings.push({
          message: 'schemaExtensions must be an array',
          path: `${at}.schemaExtensions`,
          actual: extensions,
        });
      if (Array.isArray(extensions))
        extensions.forEach((extension: Record<string, unknown> | null, position) => {
          if (typeof extension?.schema !== 'string')
            findings.push({
              message: 'each schemaExtensions entry needs a schema URI',
              path: `${at}.schemaExtensions[${position}].schema`,
              actual: extension?.schema ?? '(missing)',
            });
          if (typeof extension?.required !== 'boolean')
            findings.push({
              message: 'each schemaExtensions entry needs a boolean required',
              path: `${at}.schemaExtensions[${position}].required`,
              actual: extension?.required ?? '(missing)',
            });
        });
    });
    return findings.slice(0, MAX_FINDINGS);
  },
};

/** The vocabularies of RFC 7643 §2.2 and §7, held to the domain types in src/scim. */
const TYPES: readonly string[] = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'binary',
  'reference',
  'complex',
] satisfies readonly AttributeType[];
const MUTABILITY: readonly string[] = [
  'readOnly',
  'readWrite',
  'immutable',
  'writeOnly',
] satisfies readonly Mutability[];
const RETURNED: readonly string[] = ['always', 'never', 'default', 'request'] satisfies readonly Returned[];
const UNIQUENESS: readonly string[] = ['none', 'server', 'global'] satisfies readonly Uniqueness[];
const CHARACTERISTICS = ['name', 'type', 'multiValued', 'required', 'mutability', 'returned', 'uniqueness'];

/** Every attribute definition of a Schema resource, sub-attributes included, with its JSON path. */
function definitions(
  schema: Record<string, unknown>,
  at: string,
): { definition: Record<string, unknown>; path: string }[] {
  const out: { definition: Record<string, unknown>; path: string }[] = [];
  const walk = (list: unknown, path: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((item: unknown, index) => {
      if (item === null || typeof item !== 'object') return;
      const definition = item as Record<string, unknown>;
      out.push({ definition, path: `${path}[${index}]` });
      walk(definition.subAttributes, `${path}[${index}].subAttributes`);
    });
  };
  walk(schema.attributes, `${at}.attributes`);
  return out;
}

/** The Schema resources of a /Schemas list or of a single /Schemas/{urn} read. */
function schemaResources(exchange: Exchange): { schema: Record<string, unknown>; at: string }[] {
  const body = jsonObject(exchange);
  if (!body) return [];
  if (schemasOf(body).includes(URN.schema)) return [{ schema: body, at: '$' }];
  return resourcesOf(exchange).map((schema, index) => ({ schema, at: `$.Resources[${index}]` }));
}

const isSchemasRead = (exchange: Exchange): boolean =>
  exchange.request.method === 'GET' &&
  /\/Schemas(\/[^/]+)?\/?$/.test(requestPath(exchange)) &&
  exchange.response?.status === 200;

/** DISC-SCHEMAS-LIST (RFC 7644 §4): /Schemas is a ListResponse holding at least the User and Group core schemas. */
export const schemasList: ExchangeCheck = {
  id: 'DISC-SCHEMAS-LIST',
  appliesTo: (exchange) => endpoint(exchange, 'Schemas'),
  check(exchange) {
    const body = jsonObject(exchange);
    const findings: Finding[] = [];
    if (!schemasOf(body).includes(URN.listResponse))
      findings.push({
        message: 'schemas must be the ListResponse URN',
        path: '$.schemas',
        expected: [URN.listResponse],
        actual: body?.schemas,
      });
    const ids = resourcesOf(exchange).map((schema) => schema.id);
    for (const urn of [URN.user, URN.group])
      if (!ids.includes(urn))
        findings.push({ message: `the ${urn} schema must be served`, path: '$.Resources', expected: urn, actual: ids });
    return findings;
  },
};

/** DISC-SCHEMAS-SHAPE (RFC 7643 §7; EID 8417): each Schema has schemas, a URI id, attributes, and complete definitions. */
export const schemasShape: ExchangeCheck = {
  id: 'DISC-SCHEMAS-SHAPE',
  appliesTo: isSchemasRead,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { schema, at } of schemaResources(exchange)) {
      if (!schemasOf(schema).includes(URN.schema))
        findings.push({ message: `schemas must contain ${URN.schema}`, path: `${at}.schemas`, actual: schema.schemas });
      if (typeof schema.id !== 'string' || !/^urn:/i.test(schema.id))
        findings.push({ message: 'id must be the schema URI', path: `${at}.id`, actual: schema.id ?? '(missing)' });
      if (!Array.isArray(schema.attributes))
        findings.push({
          message: 'attributes must be an array',
          path: `${at}.attributes`,
          actual: schema.attributes ?? '(missing)',
        });
      const metaType = (schema.meta as Record<string, unknown> | undefined)?.resourceType;
      if (metaType !== undefined && metaType !== 'Schema')
        findings.push({
          message: 'meta.resourceType of a Schema is "Schema"',
          path: `${at}.meta.resourceType`,
          actual: metaType,
        });
      for (const { definition, path } of definitions(schema, at)) {
        for (const key of CHARACTERISTICS)
          if (definition[key] === undefined)
            findings.push({
              message: `attribute definition lacks ${key}`,
              path: `${path}.${key}`,
              actual: '(missing)',
            });
        if (definition.type === 'string' && typeof definition.caseExact !== 'boolean')
          findings.push({
            message: 'a string attribute must declare caseExact',
            path: `${path}.caseExact`,
            actual: definition.caseExact ?? '(missing)',
          });
      }
    }
    return findings.slice(0, MAX_FINDINGS);
  },
};

/** DISC-SCHEMAS-ENUMS (RFC 7643 §2.3, §7): characteristic values come from the defined vocabularies (exact case). */
export const schemasEnums: ExchangeCheck = {
  id: 'DISC-SCHEMAS-ENUMS',
  appliesTo: isSchemasRead,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { schema, at } of schemaResources(exchange)) {
      for (const { definition, path } of definitions(schema, at)) {
        for (const [key, allowed] of [
          ['type', TYPES],
          ['mutability', MUTABILITY],
          ['returned', RETURNED],
          ['uniqueness', UNIQUENESS],
        ] as const) {
          const value = definition[key];
          if (value !== undefined && !allowed.includes(value as string))
            findings.push({
              message: `${key} must be one of ${allowed.join(', ')}`,
              path: `${path}.${key}`,
              expected: allowed,
              actual: value,
            });
        }
        for (const key of ['multiValued', 'required', 'caseExact'] as const)
          if (definition[key] !== undefined && typeof definition[key] !== 'boolean')
            findings.push({
              message: `${key} must be a JSON boolean`,
              path: `${path}.${key}`,
              actual: definition[key],
            });
      }
    }
    return findings.slice(0, MAX_FINDINGS);
  },
};

/** DISC-SCHEMAS-COMPLEX (RFC 7643 §2.3.7, §7; EID 5607, SHOULD): complex lists subAttributes, reference lists referenceTypes as an array. */
export const schemasComplex: ExchangeCheck = {
  id: 'DISC-SCHEMAS-COMPLEX',
  appliesTo: isSchemasRead,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { schema, at } of schemaResources(exchange)) {
      for (const { definition, path } of definitions(schema, at)) {
        if (definition.type === 'complex' && !Array.isArray(definition.subAttributes))
          findings.push({
            message: 'a complex attribute should list its subAttributes',
            path: `${path}.subAttributes`,
            actual: '(missing)',
          });
        if (definition.type === 'reference' && !Array.isArray(definition.referenceTypes))
          findings.push({
            message: 'a reference attribute should list referenceTypes as an array',
            path: `${path}.referenceTypes`,
            actual: definition.referenceTypes ?? '(missing)',
          });
      }
    }
    return findings.slice(0, MAX_FINDINGS);
  },
};

/** DISC-SCHEMAS-COMMON (RFC 7643 §3.1, §4.1.1): `password`, if listed, is writeOnly and returned never; `id`, if listed, readOnly and returned always. */
export const schemasCommon: ExchangeCheck = {
  id: 'DISC-SCHEMAS-COMMON',
  appliesTo: isSchemasRead,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { schema, at } of schemaResources(exchange)) {
      if (schema.id !== URN.user && schema.id !== URN.group) continue;
      (Array.isArray(schema.attributes) ? (schema.attributes as Record<string, unknown>[]) : []).forEach(
        (definition, index) => {
          const name = String(definition?.name ?? '').toLowerCase();
          const path = `${at}.attributes[${index}]`;
          if (name === 'password' && (definition.mutability !== 'writeOnly' || definition.returned !== 'never'))
            findings.push({
              message: 'password must be declared writeOnly and returned never',
              path,
              expected: { mutability: 'writeOnly', returned: 'never' },
              actual: { mutability: definition.mutability, returned: definition.returned },
            });
          if (name === 'id' && (definition.mutability !== 'readOnly' || definition.returned !== 'always'))
            findings.push({
              message: 'id must be declared readOnly and returned always',
              path,
              expected: { mutability: 'readOnly', returned: 'always' },
              actual: { mutability: definition.mutability, returned: definition.returned },
            });
        },
      );
    }
    return findings;
  },
};

/** DISC-SCHEMAS-NO-MESSAGES (RFC 7644 §3.1): protocol message URNs are never published as schemas. */
export const schemasNoMessages: ExchangeCheck = {
  id: 'DISC-SCHEMAS-NO-MESSAGES',
  appliesTo: isSchemasRead,
  check: (exchange) =>
    schemaResources(exchange)
      .filter(({ schema }) => typeof schema.id === 'string' && schema.id.startsWith('urn:ietf:params:scim:api:'))
      .map(({ schema, at }) => ({
        message: 'protocol message URNs (urn:ietf:params:scim:api:…) are not schemas',
        path: `${at}.id`,
        actual: schema.id,
      })),
};

/** DISC-SINGLE (RFC 7644 §4, §3.4.1): /ResourceTypes/{id} and /Schemas/{urn} return a plain object, not a ListResponse. */
export const discoverySingle: ExchangeCheck = {
  id: 'DISC-SINGLE',
  appliesTo: (exchange) =>
    exchange.request.method === 'GET' &&
    /\/(ResourceTypes|Schemas)\/[^/]+\/?$/.test(requestPath(exchange)) &&
    exchange.response?.status === 200,
  check(exchange) {
    const body = jsonObject(exchange);
    if (schemasOf(body).includes(URN.listResponse) || body?.Resources !== undefined)
      return [
        {
          message: 'a single ResourceType or Schema comes back as a plain object, not a ListResponse',
          path: '$.schemas',
          actual: body?.schemas,
        },
      ];
    const wanted = decodeURIComponent(requestPath(exchange).replace(/\/$/, '').split('/').pop()!);
    return body?.id === wanted || body?.name === wanted
      ? []
      : [
          {
            message: 'the body must be the requested ResourceType or Schema',
            path: '$.id',
            expected: wanted,
            actual: body?.id ?? '(missing)',
          },
        ];
  },
};
