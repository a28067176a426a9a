import { GROUP_RESOURCE_TYPE, type ResourceTypeDefinition, USER_RESOURCE_TYPE } from '../resource-type.js';
import { URN } from '../urns.js';
import {
  BOOLEAN_STRING,
  booleanOf,
  definitionAt,
  isJsonObject,
  isMembersPath,
  isPathKey,
  nullRefs,
  OP_NAMES,
  type Operation,
  operationsOf,
  opOf,
  resourceTypeOf,
  target,
  valuePathParts,
  withoutNullRefs,
} from './quirk-paths.js';

// The non-RFC habits of IdP requests that have an INTEROP catalogue row, found in a request body,
// and the same body with one of them written the way RFC 7643/7644 spell it. The engine re-sends
// a refused request with one habit at a time in RFC form to prove which one the server refuses,
// and the checks ask whether a refused request was RFC-form at all (a refused non-RFC request is
// an interop finding, never a MUST failure of the PATCH rules).

/** One kind of IdP habit; each is named by exactly one INTEROP row. */
export type QuirkKind =
  | 'op-case'
  | 'boolean-string'
  | 'bare-extension-name'
  | 'single-value-array'
  | 'null-ref'
  | 'nopath-dotted'
  | 'remove-members-by-value'
  | 'add-valuepath-creates'
  | 'placeholder-password'
  | 'patch-no-schemas';

/** The catalogue row that names each habit, and how it reads in a finding. */
export const QUIRKS: Readonly<Record<QuirkKind, { checkId: string; title: string; rfcForm: string }>> = {
  // Entra's default job (SOURCES.entraKnownIssues, "PATCH op casing").
  'op-case': {
    checkId: 'INTEROP-OP-CASE',
    title: 'a capitalised op (Add/Replace/Remove)',
    rfcForm: 'the op in lower case',
  },
  // Entra's default job sends "True"/"False" (known-issues page); keycloak-scim's PATCH mode "true"/"false".
  'boolean-string': {
    checkId: 'INTEROP-BOOLEAN-STRINGS',
    title: 'a boolean sent as a string ("True"/"False")',
    rfcForm: 'a JSON boolean',
  },
  // Entra's tutorial sample "Update User [Add manager]" writes the path `manager` (IDP-NOTES.md, Entra).
  'bare-extension-name': {
    checkId: 'INTEROP-EXTENSION-BARE-NAME',
    title: 'an enterprise extension attribute named without its schema URN',
    rfcForm: 'the attribute prefixed with its schema URN (RFC 7644 §3.10)',
  },
  // Entra sets the single-valued manager with `[{"$ref": null, "value": id}]` (tutorial, IDP-NOTES.md).
  'single-value-array': {
    checkId: 'INTEROP-SINGLE-VALUE-ARRAY',
    title: 'a one-element array for a single-valued attribute',
    rfcForm: 'the element itself (RFC 7643 §2.4: arrays are for multi-valued attributes)',
  },
  // Entra's manager and member values carry `"$ref": null` (tutorial, "Add manager", "Add Members").
  'null-ref': {
    checkId: 'INTEROP-NULL-REF',
    title: 'a "$ref": null inside a value',
    rfcForm: 'the value without "$ref" (RFC 7643 §2.5: null is the same as unassigned)',
  },
  // Entra with aadOptscim062020 (known-issues page, "Flags to alter the SCIM behavior").
  'nopath-dotted': {
    checkId: 'INTEROP-NOPATH-DOTTED',
    title: 'a path-less value whose keys are attribute paths ("name.givenName")',
    rfcForm: 'one operation per key, the key as its path',
  },
  // Entra's default job, JumpCloud and authentik remove members by a value array (tutorial, "Remove Members").
  'remove-members-by-value': {
    checkId: 'INTEROP-REMOVE-MEMBER-BY-VALUE',
    title: 'members removed by a value array on path "members"',
    rfcForm: 'one remove per member on path members[value eq "…"] (RFC 7644 §3.5.2.2)',
  },
  // Entra's first work email: Add on `emails[type eq "work"].value` (tutorial, "Update User [Multi-valued properties]").
  'add-valuepath-creates': {
    checkId: 'INTEROP-ADD-VALUEPATH-CREATES',
    title: 'an add on a filtered value path (emails[type eq "work"].value)',
    rfcForm: 'an add of the whole element on the attribute (path "emails")',
  },
  // Okta sends a random password on every create (Okta SCIM 2.0 reference, "Create the User").
  'placeholder-password': {
    checkId: 'INTEROP-PASSWORD-PLACEHOLDER',
    title: 'a placeholder password on create',
    rfcForm: 'the create without a password',
  },
  // authentik's path-less group replace: its PatchRequest is dumped with exclude_unset, which drops
  // the default `schemas` (goauthentik/authentik, providers/scim/clients/groups.py
  // _update_patch_general; Infisical/infisical issue #6552 against authentik 2026.2).
  'patch-no-schemas': {
    checkId: 'INTEROP-PATCH-NO-SCHEMAS',
    title: 'a PatchOp body without "schemas"',
    rfcForm: `"schemas": ["${URN.patchOp}"] (RFC 7644 §3.5.2)`,
  },
};

/** A habit found in a request: where, and what was sent there. */
export interface Quirk {
  kind: QuirkKind;
  checkId: string;
  /** Where each occurrence sits, e.g. `Operations[2].op: "Add"`. */
  occurrences: string[];
}

/** What the quirk finder needs to know about a request. */
export interface QuirkRequest {
  method: string;
  /** The resource type addressed (`/Users…` or `/Groups…`); undefined elsewhere. */
  kind: 'User' | 'Group' | undefined;
  body: unknown;
}

const ORDER: readonly QuirkKind[] = [
  'op-case',
  'boolean-string',
  'bare-extension-name',
  'single-value-array',
  'null-ref',
  'nopath-dotted',
  'remove-members-by-value',
  'add-valuepath-creates',
  'placeholder-password',
  'patch-no-schemas',
];

/** Occurrences of one habit in a PatchOp body. */
function patchOccurrences(kind: QuirkKind, operations: Operation[], type: ResourceTypeDefinition): string[] {
  const found: string[] = [];
  operations.forEach((operation, index) => {
    if (!isJsonObject(operation)) return;
    const where = `Operations[${index}]`;
    const op = opOf(operation);
    const path = typeof operation.path === 'string' ? operation.path : undefined;
    const value = operation.value;
    switch (kind) {
      case 'op-case':
        if (typeof operation.op === 'string' && op !== undefined && OP_NAMES.has(op) && operation.op !== op)
          found.push(`${where}.op: ${JSON.stringify(operation.op)}`);
        break;
      case 'boolean-string':
        if (path !== undefined) {
          const landing = target(path, type);
          if (
            landing &&
            definitionAt(landing).definition.type === 'boolean' &&
            typeof value === 'string' &&
            BOOLEAN_STRING.test(value)
          )
            found.push(`${where} "${path}": ${JSON.stringify(value)}`);
        } else if (isJsonObject(value)) {
          for (const [key, entry] of Object.entries(value)) {
            const landing = target(key, type);
            if (
              landing &&
              definitionAt(landing).definition.type === 'boolean' &&
              typeof entry === 'string' &&
              BOOLEAN_STRING.test(entry)
            )
              found.push(`${where}.value "${key}": ${JSON.stringify(entry)}`);
          }
        }
        break;
      case 'bare-extension-name':
        if (path !== undefined && target(path, type)?.bare) found.push(`${where}.path: ${JSON.stringify(path)}`);
        if (path === undefined && isJsonObject(value))
          for (const key of Object.keys(value))
            if (target(key, type)?.bare) found.push(`${where}.value key ${JSON.stringify(key)}`);
        break;
      case 'single-value-array':
        if (op !== 'remove' && path !== undefined && Array.isArray(value) && value.length === 1) {
          const landing = target(path, type);
          if (landing && definitionAt(landing).singular) found.push(`${where} "${path}": a one-element array`);
        }
        break;
      case 'null-ref':
        if (nullRefs(value) > 0) found.push(`${where}.value: ${nullRefs(value)} "$ref": null`);
        break;
      case 'nopath-dotted':
        if (op !== 'remove' && path === undefined && isJsonObject(value))
          for (const key of Object.keys(value))
            if (isPathKey(key, type)) found.push(`${where}.value key ${JSON.stringify(key)}`);
        break;
      case 'remove-members-by-value':
        if (
          type === GROUP_RESOURCE_TYPE &&
          op === 'remove' &&
          isMembersPath(path) &&
          Array.isArray(value) &&
          value.length > 0
        )
          found.push(`${where}: remove "members" with a value array of ${value.length}`);
        break;
      case 'add-valuepath-creates':
        if (op === 'add' && path !== undefined && valuePathParts(path) !== undefined)
          found.push(`${where}: add on ${JSON.stringify(path)}`);
        break;
      case 'placeholder-password':
      case 'patch-no-schemas':
        break;
    }
  });
  return found;
}

/**
 * The IdP habits a request carries, each once with its occurrences, in the order the engine tries
 * them. Empty for an RFC-form request, for a body that is not JSON, and for anything but a
 * PATCH (every habit above) or a User create (the placeholder password).
 */
export function quirksIn(request: QuirkRequest): Quirk[] {
  const type = resourceTypeOf(request.kind);
  if (type === undefined) return [];
  const method = request.method.toUpperCase();
  if (method === 'POST') {
    return type === USER_RESOURCE_TYPE && isJsonObject(request.body) && typeof request.body.password === 'string'
      ? [{ kind: 'placeholder-password', checkId: QUIRKS['placeholder-password'].checkId, occurrences: ['"password"'] }]
      : [];
  }
  const operations = method === 'PATCH' ? operationsOf(request.body) : undefined;
  if (operations === undefined) return [];
  return ORDER.flatMap((kind) => {
    const occurrences =
      kind === 'patch-no-schemas'
        ? isJsonObject(request.body) && !('schemas' in request.body)
          ? ['"schemas" left out']
          : []
        : patchOccurrences(kind, operations, type);
    return occurrences.length > 0 ? [{ kind, checkId: QUIRKS[kind].checkId, occurrences }] : [];
  });
}

/** A JSON body parsed, or undefined. */
export function parseBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One operation with one habit in RFC form: zero, one or several operations. */
function rewriteOperation(kind: QuirkKind, operation: Operation, type: ResourceTypeDefinition): Operation[] {
  if (!isJsonObject(operation)) return [operation];
  const op = opOf(operation);
  const path = typeof operation.path === 'string' ? operation.path : undefined;
  const value = operation.value;
  switch (kind) {
    case 'op-case':
      return [op !== undefined && OP_NAMES.has(op) ? { ...operation, op } : operation];
    case 'boolean-string': {
      if (path !== undefined) {
        const landing = target(path, type);
        return [
          landing && definitionAt(landing).definition.type === 'boolean'
            ? { ...operation, value: booleanOf(value) }
            : operation,
        ];
      }
      if (!isJsonObject(value)) return [operation];
      const next: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        const landing = target(key, type);
        next[key] = landing && definitionAt(landing).definition.type === 'boolean' ? booleanOf(entry) : entry;
      }
      return [{ ...operation, value: next }];
    }
    case 'bare-extension-name': {
      if (path !== undefined)
        return [target(path, type)?.bare ? { ...operation, path: `${URN.enterpriseUser}:${path}` } : operation];
      if (!isJsonObject(value)) return [operation];
      // Path-less: the extension's attributes go inside the extension's own object (RFC 7644 §3.5.2.3).
      const next: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        if (!target(key, type)?.bare) next[key] = entry;
        else {
          const extension = next[URN.enterpriseUser];
          next[URN.enterpriseUser] = { ...(isJsonObject(extension) ? extension : {}), [key]: entry };
        }
      }
      return [{ ...operation, value: next }];
    }
    case 'single-value-array': {
      const landing =
        path !== undefined && op !== 'remove' && Array.isArray(value) && value.length === 1
          ? target(path, type)
          : undefined;
      return [landing && definitionAt(landing).singular ? { ...operation, value: (value as unknown[])[0] } : operation];
    }
    case 'null-ref':
      return [nullRefs(value) > 0 ? { ...operation, value: withoutNullRefs(value) } : operation];
    case 'nopath-dotted': {
      if (op === 'remove' || path !== undefined || !isJsonObject(value)) return [operation];
      const kept: Record<string, unknown> = {};
      const split: Operation[] = [];
      for (const [key, entry] of Object.entries(value)) {
        if (isPathKey(key, type)) split.push({ op: operation.op, path: key, value: entry });
        else kept[key] = entry;
      }
      return [...(Object.keys(kept).length > 0 ? [{ ...operation, value: kept }] : []), ...split];
    }
    case 'remove-members-by-value': {
      if (
        type !== GROUP_RESOURCE_TYPE ||
        op !== 'remove' ||
        !isMembersPath(path) ||
        !Array.isArray(value) ||
        value.length === 0
      )
        return [operation];
      const ids = value.map((member) => (isJsonObject(member) ? member.value : undefined));
      if (ids.some((id) => typeof id !== 'string')) return [operation];
      return ids.map((id) => ({ op: operation.op, path: `members[value eq ${JSON.stringify(id)}]` }));
    }
    case 'add-valuepath-creates': {
      const parts = op === 'add' && path !== undefined ? valuePathParts(path) : undefined;
      if (parts === undefined) return [operation];
      return [
        {
          ...operation,
          path: parts.attribute,
          value: [{ [parts.filterAttribute]: parts.filterValue, [parts.subAttribute]: value }],
        },
      ];
    }
    case 'placeholder-password':
    case 'patch-no-schemas':
      return [operation];
  }
}

/**
 * The request body with every occurrence of one habit written in RFC form and everything else
 * (other habits included) left as the IdP sent it, so a server's answer to it says whether that
 * habit alone made the difference.
 */
export function withRfcForm(request: QuirkRequest, kind: QuirkKind): unknown {
  const type = resourceTypeOf(request.kind);
  if (type === undefined || !isJsonObject(request.body)) return request.body;
  if (kind === 'placeholder-password') {
    const { password: _password, ...rest } = request.body;
    return rest;
  }
  const operations = operationsOf(request.body);
  if (operations === undefined) return request.body;
  if (kind === 'patch-no-schemas')
    return 'schemas' in request.body ? request.body : { schemas: [URN.patchOp], ...request.body };
  return { ...request.body, Operations: operations.flatMap((operation) => rewriteOperation(kind, operation, type)) };
}

/**
 * An answer that refuses a request for its content (400, or 422 which some servers use for
 * validation): the answer an IdP habit can cause. Not found, conflicts, preconditions, auth and
 * rate limits say nothing about the request's form.
 */
export function refusesContent(status: number | undefined): boolean {
  return status === 400 || status === 422;
}
