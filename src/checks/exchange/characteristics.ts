import type { Exchange } from '../../http/exchange.js';
import { resourceOfPath } from '../../scim/resource-path.js';
import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { isProjected, requestPath, returnedResources } from './returned-resources.js';

const MAX_FINDINGS = 10;
const hasResources = (exchange: Exchange): boolean => returnedResources(exchange).length > 0;

/** Attributes the core schemas declare `returned: never` / `mutability: writeOnly` (RFC 7643 §4.1.1). */
const NEVER_RETURNED = ['password'];

const NEVER_RETURNED_SEEN = new WeakMap<Exchange, boolean>();

function neverReturnedFindings(exchange: Exchange): Finding[] {
  const resources = returnedResources(exchange);
  // Asked of every exchange, and almost always nothing is there: look once.
  let any = NEVER_RETURNED_SEEN.get(exchange);
  if (any === undefined) {
    any = resources.some(({ resource }) =>
      Object.keys(resource).some((key) => NEVER_RETURNED.includes(key.toLowerCase())),
    );
    NEVER_RETURNED_SEEN.set(exchange, any);
  }
  if (!any) return [];
  return resources.flatMap(({ resource, at }) =>
    Object.keys(resource)
      .filter((key) => NEVER_RETURNED.includes(key.toLowerCase()))
      .map((key) => ({
        message: `${key} is returned "never" and must not appear in any response`,
        path: `${at}.${key}`,
        expected: '(absent)',
        actual: '(present; value withheld)',
      })),
  );
}

/**
 * CHAR-RETURNED-NEVER (RFC 7643 §4.1.1, §7): `password` never appears, even when asked for. In the
 * core schemas it is also the only writeOnly attribute and the only one outside the default set, so
 * CHAR-WRITEONLY and READ-DEFAULT-SET would report the same attribute again: they are not run
 * (their catalogue rows say why), and one echoed password is one finding.
 */
export const returnedNever: ExchangeCheck = {
  id: 'CHAR-RETURNED-NEVER',
  appliesTo: hasResources,
  check: neverReturnedFindings,
};

/** CHAR-RETURNED-ALWAYS (RFC 7643 §7; RFC 7644 §3.9): `id` is in every representation, projected or not. */
export const returnedAlways: ExchangeCheck = {
  id: 'CHAR-RETURNED-ALWAYS',
  appliesTo: hasResources,
  check: (exchange) =>
    returnedResources(exchange)
      .filter(({ resource }) => resource.id === undefined)
      .map(({ at }) => ({
        message: 'id is returned "always", whatever attributes/excludedAttributes say',
        path: `${at}.id`,
        expected: 'present',
        actual: '(missing)',
      }))
      .slice(0, MAX_FINDINGS),
};

/** CHAR-REQUIRED (RFC 7643 §7): required attributes (User userName, Group displayName per EID 5368) are in every unprojected resource. */
export const requiredPresent: ExchangeCheck = {
  id: 'CHAR-REQUIRED',
  appliesTo: (exchange) => !isProjected(exchange) && hasResources(exchange),
  check: (exchange) =>
    returnedResources(exchange)
      .flatMap(({ kind, resource, at }) => {
        const key = kind === 'User' ? 'userName' : 'displayName';
        return resource[key] === undefined || resource[key] === null
          ? [
              {
                message: `${key} is required and must be in every ${kind}`,
                path: `${at}.${key}`,
                expected: 'present',
                actual: '(missing)',
              },
            ]
          : [];
      })
      .slice(0, MAX_FINDINGS),
};

/** Whether a multi-valued attribute has a second `primary: true`; stops there, allocates nothing. */
function hasTwoPrimaries(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  let primaries = 0;
  for (const item of value as unknown[]) {
    if (
      item !== null &&
      typeof item === 'object' &&
      (item as { primary?: unknown }).primary === true &&
      ++primaries > 1
    )
      return true;
  }
  return false;
}

/** CHAR-PRIMARY-ONCE (RFC 7643 §2.4): at most one `primary: true` per multi-valued attribute. */
export const primaryOnce: ExchangeCheck = {
  id: 'CHAR-PRIMARY-ONCE',
  appliesTo: hasResources,
  check: (exchange) =>
    returnedResources(exchange)
      .flatMap(({ resource, at }) =>
        Object.keys(resource)
          .filter((key) => hasTwoPrimaries(resource[key]))
          .map((key) => ({
            message: `${key} has more than one primary value`,
            path: `${at}.${key}`,
            expected: 'at most one primary: true',
            actual: (resource[key] as unknown[]).length,
          })),
      )
      .slice(0, MAX_FINDINGS),
};

const CORE_URNS: Record<string, string> = { User: URN.user, Group: URN.group };

/** An absolute URI (RFC 3986 §3, §4.3): a scheme, `:`, then something, with no white space. */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

/** CHAR-SCHEMAS (RFC 7643 §3, §3.3): `schemas` is non-empty, unique, holds the base schema and no other core schema. */
export const schemasAttribute: ExchangeCheck = {
  id: 'CHAR-SCHEMAS',
  appliesTo: hasResources,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { kind, resource, at } of returnedResources(exchange)) {
      const schemas = (resource.schemas as unknown[]).filter((entry): entry is string => typeof entry === 'string');
      if (new Set(schemas).size !== schemas.length)
        findings.push({ message: 'schemas must not list a URI twice', path: `${at}.schemas`, actual: schemas });
      const foreign = schemas.filter((entry) => entry !== CORE_URNS[kind] && Object.values(CORE_URNS).includes(entry));
      if (foreign.length > 0)
        findings.push({
          message: `a ${kind} must not list another resource type's core schema`,
          path: `${at}.schemas`,
          actual: foreign,
        });
      // RFC 7643 §3: each entry is a URI, and §7 makes a schema's id "the unique URI of the schema".
      // The urn:ietf:params:scim form is the registered one (§10), not a requirement: a custom
      // schema may be named by any absolute URI (RFC 3986 §4.3), `https://…` included.
      const notUri = schemas.filter((entry) => !ABSOLUTE_URI.test(entry));
      if (notUri.length > 0)
        findings.push({
          message: 'schemas entries must be absolute URIs (a scheme, a colon and the rest)',
          path: `${at}.schemas`,
          actual: notUri,
        });
    }
    return findings.slice(0, MAX_FINDINGS);
  },
};

/** Enterprise extension attribute names (RFC 7643 §4.3) that must sit under the extension's URN key. */
const ENTERPRISE_ATTRIBUTES = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];

/** CHAR-EXTENSION-CONTAINER (RFC 7643 §3.3): extension attributes sit under their URN key, and that URN is in `schemas`. */
export const extensionContainer: ExchangeCheck = {
  id: 'CHAR-EXTENSION-CONTAINER',
  appliesTo: hasResources,
  check(exchange) {
    const findings: Finding[] = [];
    for (const { resource, at } of returnedResources(exchange)) {
      const schemas = Array.isArray(resource.schemas)
        ? resource.schemas.map((entry) => String(entry).toLowerCase())
        : [];
      for (const key of Object.keys(resource)) {
        if (/^urn:/i.test(key) && !schemas.includes(key.toLowerCase()))
          findings.push({
            message: `extension key ${key} is not listed in schemas`,
            path: `${at}.schemas`,
            expected: key,
            actual: resource.schemas,
          });
        if (ENTERPRISE_ATTRIBUTES.includes(key))
          findings.push({
            message: `${key} is an enterprise extension attribute and belongs under "${URN.enterpriseUser}"`,
            path: `${at}.${key}`,
          });
      }
    }
    return findings.slice(0, MAX_FINDINGS);
  },
};

/** Attributes RFC 7643 §4.1 / §4.2 declare, plus the common ones of §3.1. */
const DECLARED: Record<string, ReadonlySet<string>> = {
  User: new Set(
    'schemas id externalId meta userName name displayName nickName profileUrl title userType preferredLanguage locale timezone active password emails phoneNumbers ims photos addresses groups entitlements roles x509Certificates'
      .toLowerCase()
      .split(' '),
  ),
  Group: new Set('schemas id externalId meta displayName members'.toLowerCase().split(' ')),
};

/** CHAR-DECLARED-ONLY (RFC 7644 §3.4; RFC 7643 §3, SHOULD): no undeclared top-level attributes. */
export const declaredOnly: ExchangeCheck = {
  id: 'CHAR-DECLARED-ONLY',
  appliesTo: hasResources,
  check: (exchange) =>
    returnedResources(exchange)
      .flatMap(({ kind, resource, at }) =>
        Object.keys(resource)
          .filter((key) => !/^urn:/i.test(key) && !DECLARED[kind]!.has(key.toLowerCase()))
          .map((key) => ({
            message: `${key} is not an attribute the ${kind} schema declares`,
            path: `${at}.${key}`,
            actual: key,
          })),
      )
      .slice(0, MAX_FINDINGS),
};

/** The id a single-resource URL addresses (`…/Users/{id}`), if any. */
function addressedId(exchange: Exchange): string | undefined {
  return resourceOfPath(requestPath(exchange))?.id;
}

/** CHAR-ID-STABLE (RFC 7643 §3.1): a resource read or written by id comes back with that same id. */
export const idStable: ExchangeCheck = {
  id: 'CHAR-ID-STABLE',
  appliesTo: (exchange) => addressedId(exchange) !== undefined && returnedResources(exchange)[0]?.at === '$',
  check(exchange) {
    const id = addressedId(exchange)!;
    const actual = returnedResources(exchange)[0]!.resource.id;
    return actual === id
      ? []
      : [
          {
            message: 'the resource addressed by id must come back with that id',
            path: '$.id',
            expected: id,
            actual: actual ?? '(missing)',
          },
        ];
  },
};

/** CREATE-META-LOCATION (RFC 7643 §3.1; RFC 7644 §3.3): a Content-Location header, when sent, equals meta.location. */
export const contentLocation: ExchangeCheck = {
  id: 'CREATE-META-LOCATION',
  appliesTo: (exchange) =>
    exchange.response?.headers['content-location'] !== undefined && returnedResources(exchange)[0]?.at === '$',
  check(exchange) {
    const header = exchange.response!.headers['content-location']!;
    const location = (returnedResources(exchange)[0]!.resource.meta as Record<string, unknown> | undefined)?.location;
    // meta is returned "default" (RFC 7643 §3.1), so attributes=/excludedAttributes= may leave it
    // out (RFC 7644 §3.9): there is then nothing to compare, which is not a wrong location.
    if (location === undefined && isProjected(exchange))
      return 'meta.location is not in a response shaped by attributes=/excludedAttributes= (RFC 7644 §3.9)';
    const trim = (value: string): string => value.replace(/\/+$/, '');
    return typeof location === 'string' && trim(location) === trim(header)
      ? []
      : [
          {
            message: 'Content-Location must equal meta.location',
            path: '$.meta.location',
            expected: header,
            actual: location ?? '(missing)',
          },
        ];
  },
};

/** CREATE-META-RESOURCETYPE on every returned resource (the create exchange has its own check). */
export const metaResourceType: ExchangeCheck = {
  id: 'CREATE-META-RESOURCETYPE',
  appliesTo: (exchange, context) =>
    context.purpose !== 'createUser' && context.purpose !== 'createGroup' && hasResources(exchange),
  check: (exchange) =>
    returnedResources(exchange)
      .flatMap(({ kind, resource, at }) => {
        const actual = (resource.meta as Record<string, unknown> | undefined)?.resourceType;
        return actual === undefined || actual === kind
          ? []
          : [
              {
                message: 'meta.resourceType must name the resource type',
                path: `${at}.meta.resourceType`,
                expected: kind,
                actual,
              },
            ];
      })
      .slice(0, MAX_FINDINGS),
};
