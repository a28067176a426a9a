import type { AttributeDefinition } from '../scim/attribute-definition.js';
import { COMMON_ATTRIBUTES, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../scim/core-schemas.js';
import { type FilterNode, parseFilter, parsePatchPath } from '../scim/filter/index.js';
import { URN } from '../scim/urns.js';
import { objectOf, type PlannedIdpRequest, patchOperations, resourceTypeOf } from './planned-request.js';

/*
 * Predicates over one planned IdP request, one per client-facing rule of the drafts. Each returns
 * the offending part of the request in a few words (what the conflict table quotes), or undefined
 * when the request does not break the rule. They read only the request: whether a server refuses
 * it is the row's verdict, judged elsewhere.
 */

const MAX_QUOTE = 90;

/** Compact JSON, cut to a table-friendly length. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}

const RESOURCE = /^\/(Users|Groups)\/[^/]+$/;

/** draft-zollner-scim-interop-profile-01 §6.5.1.1: every PATCH operation names a `path`. */
export function pathlessOperation(request: PlannedIdpRequest): string | undefined {
  const operation = patchOperations(request).find(
    (candidate) => typeof candidate.path !== 'string' || candidate.path.trim() === '',
  );
  return operation === undefined ? undefined : quote(operation);
}

/** §6.5: clients update with PATCH and never with PUT. */
export function putOfResource(request: PlannedIdpRequest): string | undefined {
  return request.method === 'PUT' && RESOURCE.test(request.path)
    ? `PUT ${request.path.replace(/[^/]+$/, '{id}')}`
    : undefined;
}

/** §6.5.2.2: a value filter in a PATCH path targets a sub-attribute (`emails[type eq "work"].value`), not the element. */
export function elementTargetingPath(request: PlannedIdpRequest): string | undefined {
  for (const operation of patchOperations(request)) {
    if (typeof operation.path !== 'string' || !operation.path.includes('[')) continue;
    try {
      const path = parsePatchPath(operation.path);
      if (path.valueFilter !== undefined && path.subAttribute === undefined)
        return `${String(operation.op)} ${operation.path}`;
    } catch {
      // A path the grammar refuses is another rule's business (PATCH-INVALID-PATH).
    }
  }
  return undefined;
}

/** The operators a filter uses besides `eq` and `and`, in the order met. */
function otherOperators(node: FilterNode, found: Set<string>): void {
  switch (node.kind) {
    case 'compare':
      if (node.operator !== 'eq') found.add(node.operator);
      return;
    case 'present':
      found.add('pr');
      return;
    case 'and':
    case 'or':
      if (node.kind === 'or') found.add('or');
      otherOperators(node.left, found);
      otherOperators(node.right, found);
      return;
    case 'not':
      found.add('not');
      otherOperators(node.operand, found);
      return;
    case 'valuePath':
      otherOperators(node.filter, found);
      return;
  }
}

/** §6.3: clients filter with `eq` and `and` only. */
export function filterBeyondEqAnd(request: PlannedIdpRequest): string | undefined {
  const filter = request.query.filter;
  if (filter === undefined) return undefined;
  try {
    const found = new Set<string>();
    otherOperators(parseFilter(filter), found);
    return found.size === 0 ? undefined : `${[...found].join(', ')} in filter=${quote(filter)}`;
  } catch {
    return undefined;
  }
}

/** §6.3: a `filter` query parameter only on GET. */
export function filterOnOtherMethod(request: PlannedIdpRequest): string | undefined {
  return request.method !== 'GET' && request.query.filter !== undefined
    ? `${request.method} with filter=${quote(request.query.filter)}`
    : undefined;
}

const CONDITIONAL = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

/** §6.7: clients send no conditional-request headers. */
export function conditionalHeader(request: PlannedIdpRequest): string | undefined {
  const name = CONDITIONAL.find((header) => request.headers[header] !== undefined);
  return name === undefined ? undefined : `${name}: ${request.headers[name]}`;
}

/** §6.2: request bodies are labelled `application/scim+json`. */
export function bodyNotScimJson(request: PlannedIdpRequest): string | undefined {
  if (request.body === undefined) return undefined;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/scim+json' ? undefined : `Content-Type: ${type || '(none)'}`;
}

/** The attributes a resource type declares in the RFC 7643 schemas, by lower-case schema URN. */
interface Declared {
  core: string;
  /** Lower-case URN → its attributes (the core schema and its extensions). */
  schemas: Map<string, readonly AttributeDefinition[]>;
}

const DECLARED: Record<'User' | 'Group', Declared> = {
  User: {
    core: URN.user.toLowerCase(),
    schemas: new Map([
      [URN.user.toLowerCase(), [...USER_SCHEMA.attributes, ...COMMON_ATTRIBUTES]],
      [URN.enterpriseUser.toLowerCase(), ENTERPRISE_USER_SCHEMA.attributes],
    ]),
  },
  Group: {
    core: URN.group.toLowerCase(),
    schemas: new Map([[URN.group.toLowerCase(), [...GROUP_SCHEMA.attributes, ...COMMON_ATTRIBUTES]]]),
  },
};

function declares(attributes: readonly AttributeDefinition[] | undefined, name: string): boolean {
  const lower = name.toLowerCase();
  return attributes?.some((attribute) => attribute.name.toLowerCase() === lower) ?? false;
}

/**
 * The first undeclared name of an attribute key or path (`title`, `name.familyName`,
 * `urn:…:enterprise:2.0:User:manager.value`, `emails[type eq "work"].value`): its schema URN
 * prefix must be declared and its first attribute defined there.
 */
function undeclaredKey(key: string, declared: Declared): string | undefined {
  const lower = key.toLowerCase();
  if (lower === 'schemas') return undefined;
  if (lower.startsWith('urn:')) {
    const urn = [...declared.schemas.keys()].find(
      (candidate) => lower === candidate || lower.startsWith(`${candidate}:`),
    );
    if (urn === undefined) return key;
    const rest = key.slice(urn.length + 1);
    if (rest === '') return undefined;
    const attribute = rest.split(/[.[]/)[0]!;
    return declares(declared.schemas.get(urn), attribute) ? undefined : key;
  }
  const attribute = key.split(/[.[]/)[0]!;
  return declares(declared.schemas.get(declared.core), attribute) ? undefined : key;
}

/** Keys of a resource-shaped object (a POST/PUT body, a path-less PATCH value) that are not declared. */
function undeclaredInObject(value: Record<string, unknown>, declared: Declared): string | undefined {
  for (const urn of Array.isArray(value.schemas) ? value.schemas : []) {
    if (typeof urn === 'string' && !declared.schemas.has(urn.toLowerCase())) return `schema ${urn}`;
  }
  for (const [key, inner] of Object.entries(value)) {
    const wrong = undeclaredKey(key, declared);
    if (wrong !== undefined) return `attribute ${wrong}`;
    // An extension object: its keys are that extension's attributes.
    const extension = declared.schemas.get(key.toLowerCase());
    const fields = objectOf(inner);
    if (extension !== undefined && key.toLowerCase() !== declared.core && fields !== undefined) {
      const unknown = Object.keys(fields).find((field) => !declares(extension, field));
      if (unknown !== undefined) return `attribute ${key}:${unknown}`;
    }
  }
  return undefined;
}

/** §5.3: a request names only attributes and schema URIs the server declares (here: the RFC 7643 schemas). */
export function undeclaredAttribute(request: PlannedIdpRequest): string | undefined {
  const type = resourceTypeOf(request);
  if (type === undefined) return undefined;
  const declared = DECLARED[type];
  if (request.method === 'POST' || request.method === 'PUT') {
    const body = objectOf(request.body);
    return body === undefined ? undefined : undeclaredInObject(body, declared);
  }
  for (const operation of patchOperations(request)) {
    if (typeof operation.path === 'string' && operation.path.trim() !== '') {
      const wrong = undeclaredKey(operation.path, declared);
      if (wrong !== undefined) return `path ${wrong}`;
      continue;
    }
    const value = objectOf(operation.value);
    const wrong = value === undefined ? undefined : undeclaredInObject(value, declared);
    if (wrong !== undefined) return wrong;
  }
  return undefined;
}

/** Multi-valued attributes whose `type` has canonical values in RFC 7643 (emails, phoneNumbers, …). */
const CANONICAL_TYPES = new Map(
  USER_SCHEMA.attributes.flatMap((attribute) => {
    const values = attribute.subAttributes?.find((sub) => sub.name === 'type')?.canonicalValues ?? [];
    return attribute.multiValued && values.length > 0 ? [[attribute.name.toLowerCase(), values] as const] : [];
  }),
);

function offCanonical(attribute: string, value: unknown): string | undefined {
  const allowed = CANONICAL_TYPES.get(attribute.toLowerCase());
  if (allowed === undefined || !Array.isArray(value)) return undefined;
  for (const element of value) {
    const type = objectOf(element)?.type;
    if (typeof type === 'string' && !allowed.includes(type)) return `${attribute} type "${type}"`;
  }
  return undefined;
}

/** §5.4: clients use only the `type` values /Schemas lists (here: RFC 7643's canonical values). */
export function nonCanonicalType(request: PlannedIdpRequest): string | undefined {
  if (resourceTypeOf(request) !== 'User') return undefined;
  const objects: Record<string, unknown>[] = [];
  const body = objectOf(request.body);
  if ((request.method === 'POST' || request.method === 'PUT') && body !== undefined) objects.push(body);
  for (const operation of patchOperations(request)) {
    if (typeof operation.path === 'string' && operation.path.trim() !== '')
      objects.push({ [operation.path]: operation.value });
    else {
      const value = objectOf(operation.value);
      if (value !== undefined) objects.push(value);
    }
  }
  for (const object of objects)
    for (const [key, value] of Object.entries(object)) {
      const wrong = offCanonical(key, value);
      if (wrong !== undefined) return wrong;
    }
  return undefined;
}

/** IPSIE §6.1.2: the Identity Service sends no `password`. */
export function carriesPassword(request: PlannedIdpRequest): string | undefined {
  if (resourceTypeOf(request) !== 'User') return undefined;
  const isPassword = (key: string): boolean => key.toLowerCase() === 'password';
  const body = objectOf(request.body);
  if ((request.method === 'POST' || request.method === 'PUT') && body !== undefined)
    return Object.keys(body).some(isPassword) ? `${request.method} with a password` : undefined;
  for (const operation of patchOperations(request)) {
    const path = typeof operation.path === 'string' ? operation.path : '';
    const value = objectOf(operation.value);
    if (isPassword(path) || (path === '' && value !== undefined && Object.keys(value).some(isPassword)))
      return 'PATCH of password';
  }
  return undefined;
}
