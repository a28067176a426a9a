import { ScimError, scimErrorBody } from '../../scim/scim-error.js';
import { listsSchema, URN } from '../../scim/urns.js';
import { etagOf, locationOf } from '../render.js';
import type { ResourceService } from '../resource-service.js';
import type { ScimResponse } from '../responses.js';
import type { HandlerRequest } from '../router.js';
import { BULK_MAX_OPERATIONS } from '../service-provider-config.js';
import type { ResourceKind } from '../store.js';

// POST /Bulk (RFC 7644 §3.7). Operations run through the same ResourceService as single
// requests. `bulkId:` references may point forward: an operation waits until every
// operation it references has run, so the result does not depend on the order sent
// (SPEC-CHECKS BULK-BULKID-RESOLVED); what can never be resolved is circular and gets 409
// (§3.7.1 allows refusing circular references, BULK-CIRCULAR).

const BULK_ID_PREFIX = /^bulkId:/i;

interface BulkOperation {
  index: number;
  method: string;
  path: string;
  bulkId: string | undefined;
  version: string | undefined;
  data: unknown;
}

interface BulkResult {
  method: string;
  bulkId?: string;
  location?: string;
  version?: string;
  status: string;
  response?: unknown;
}

/** Resource endpoints by lower-cased path segment. A Map: the segment is client text, and `/__proto__` must name nothing. */
const KIND_OF_ENDPOINT = new Map<string, ResourceKind>([
  ['users', 'User'],
  ['groups', 'Group'],
]);

/** Every `bulkId:<id>` named in the operation's path and data. */
function referencedBulkIds(operation: BulkOperation): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (BULK_ID_PREFIX.test(value)) found.add(value.slice('bulkId:'.length));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(operation.data);
  for (const segment of operation.path.split('/')) visit(segment);
  return found;
}

function substitute(value: unknown, resolved: Map<string, string>): unknown {
  if (typeof value === 'string') {
    return BULK_ID_PREFIX.test(value) ? (resolved.get(value.slice('bulkId:'.length)) ?? value) : value;
  }
  if (Array.isArray(value)) return value.map((element) => substitute(element, resolved));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, substitute(element, resolved)]));
  }
  return value;
}

function readOperation(raw: unknown, index: number): BulkOperation | ScimError {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return new ScimError(400, 'invalidSyntax', `Operations[${index}] must be an object.`);
  const record = raw as Record<string, unknown>;
  const method = typeof record.method === 'string' ? record.method.toUpperCase() : '';
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
    return new ScimError(400, 'invalidSyntax', `Operations[${index}].method must be POST, PUT, PATCH or DELETE.`);
  if (typeof record.path !== 'string' || record.path === '')
    return new ScimError(400, 'invalidSyntax', `Operations[${index}].path is required.`);
  if (record.bulkId !== undefined && typeof record.bulkId !== 'string')
    return new ScimError(400, 'invalidSyntax', `Operations[${index}].bulkId must be a string.`);
  if (method === 'POST' && record.bulkId === undefined)
    return new ScimError(400, 'invalidSyntax', `Operations[${index}].bulkId is required for POST (RFC 7644 §3.7).`);
  return {
    index,
    method,
    path: record.path,
    bulkId: record.bulkId as string | undefined,
    version: typeof record.version === 'string' ? record.version : undefined,
    data: record.data,
  };
}

function requireData(operation: BulkOperation, data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScimError(400, 'invalidSyntax', `Operations[${operation.index}].data must be an object.`);
  }
  return data as Record<string, unknown>;
}

/** Runs one operation whose references are resolved; returns its result entry. */
function execute(
  service: ResourceService,
  baseUrl: string,
  operation: BulkOperation,
  resolved: Map<string, string>,
): { result: BulkResult; created?: string } {
  const path = substitute(operation.path, resolved) as string;
  const segments = path.split('/').filter((segment) => segment !== '');
  const kind = KIND_OF_ENDPOINT.get(segments[0]?.toLowerCase() ?? '');
  const data = substitute(operation.data, resolved);
  const base: BulkResult = { method: operation.method, status: '' };
  if (operation.bulkId !== undefined) base.bulkId = operation.bulkId;
  if (!kind)
    throw new ScimError(
      404,
      undefined,
      `Operations[${operation.index}].path "${operation.path}" names no resource endpoint.`,
    );
  if (operation.method === 'POST') {
    if (segments.length !== 1)
      throw new ScimError(404, undefined, `POST must target a resource endpoint such as /Users.`);
    const stored = service.create(kind, requireData(operation, data));
    return {
      result: { ...base, status: '201', location: locationOf(baseUrl, kind, stored.id), version: etagOf(stored) },
      created: stored.id,
    };
  }
  if (segments.length !== 2)
    throw new ScimError(404, undefined, `${operation.method} must target a resource such as /Users/{id}.`);
  let id: string;
  try {
    id = decodeURIComponent(segments[1] ?? '');
  } catch {
    throw new ScimError(
      404,
      undefined,
      `Operations[${operation.index}].path "${operation.path}" is not validly percent-encoded.`,
    );
  }
  const location = locationOf(baseUrl, kind, id);
  if (operation.method === 'DELETE') {
    service.delete(kind, id, operation.version);
    return { result: { ...base, status: '204', location } };
  }
  const stored =
    operation.method === 'PUT'
      ? service.replace(kind, id, requireData(operation, data), operation.version)
      : service.patch(kind, id, requireData(operation, data), operation.version);
  return { result: { ...base, status: '200', location, version: etagOf(stored) } };
}

function failure(
  operation: BulkOperation | { method: string; bulkId?: string | undefined },
  error: unknown,
): BulkResult {
  const scimError = error instanceof ScimError ? error : undefined;
  const status = scimError?.status ?? 500;
  const result: BulkResult = {
    method: operation.method,
    status: String(status),
    response: scimError ? scimError.toBody() : scimErrorBody(500, 'The operation failed unexpectedly.'),
  };
  if (operation.bulkId !== undefined) result.bulkId = operation.bulkId;
  return result;
}

/** POST {base}/Bulk */
export function handleBulk(request: HandlerRequest): ScimResponse {
  const body = request.body;
  if (!body) throw new ScimError(400, 'invalidSyntax', 'A BulkRequest body is required.');
  const schemas = body.schemas;
  if (schemas !== undefined && !listsSchema(schemas, URN.bulkRequest)) {
    throw new ScimError(400, 'invalidSyntax', `A BulkRequest must list "${URN.bulkRequest}" in "schemas".`);
  }
  const rawOperations = body.Operations ?? body.operations;
  if (!Array.isArray(rawOperations))
    throw new ScimError(400, 'invalidSyntax', 'A BulkRequest needs an "Operations" array.');
  if (rawOperations.length > BULK_MAX_OPERATIONS) {
    throw new ScimError(
      413,
      undefined,
      `The bulk request has ${rawOperations.length} operations; maxOperations is ${BULK_MAX_OPERATIONS}.`,
    );
  }
  const failOnErrors = body.failOnErrors;
  if (
    failOnErrors !== undefined &&
    (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1)
  ) {
    throw new ScimError(400, 'invalidValue', '"failOnErrors" must be a positive integer.');
  }
  const { service } = request.context;
  const results = new Map<number, BulkResult>();
  const resolved = new Map<string, string>();
  const failedBulkIds = new Set<string>();
  const declared = new Set<string>();
  let pending: BulkOperation[] = [];
  let errors = 0;
  const fail = (
    index: number,
    operation: BulkOperation | { method: string; bulkId?: string | undefined },
    error: unknown,
  ): void => {
    results.set(index, failure(operation, error));
    if (operation.bulkId !== undefined) failedBulkIds.add(operation.bulkId);
    errors += 1;
  };
  const stopped = (): boolean => failOnErrors !== undefined && errors >= (failOnErrors as number);

  rawOperations.forEach((raw, index) => {
    const operation = readOperation(raw, index);
    if (operation instanceof ScimError) {
      const method =
        typeof (raw as { method?: unknown } | null)?.method === 'string'
          ? String((raw as { method: string }).method).toUpperCase()
          : '';
      pending.push({ index, method, path: '', bulkId: undefined, version: undefined, data: operation });
      return;
    }
    if (operation.method === 'POST' && operation.bulkId !== undefined) declared.add(operation.bulkId);
    pending.push(operation);
  });

  while (pending.length > 0 && !stopped()) {
    const waiting: BulkOperation[] = [];
    let progressed = false;
    for (const operation of pending) {
      if (stopped()) break;
      if (operation.data instanceof ScimError) {
        fail(operation.index, operation, operation.data);
        progressed = true;
        continue;
      }
      const references = [...referencedBulkIds(operation)];
      const undeclared = references.find((reference) => !declared.has(reference));
      const failedDependency = references.find((reference) => failedBulkIds.has(reference));
      if (undeclared !== undefined || failedDependency !== undefined) {
        const detail =
          undeclared !== undefined
            ? `bulkId "${undeclared}" is not defined by any POST in this request.`
            : `bulkId "${failedDependency ?? ''}" could not be resolved because its operation failed.`;
        fail(operation.index, operation, new ScimError(409, undefined, detail));
        progressed = true;
        continue;
      }
      if (references.some((reference) => !resolved.has(reference))) {
        waiting.push(operation);
        continue;
      }
      progressed = true;
      try {
        const { result, created } = execute(service, request.baseUrl, operation, resolved);
        results.set(operation.index, result);
        if (created !== undefined && operation.bulkId !== undefined) resolved.set(operation.bulkId, created);
      } catch (error) {
        fail(operation.index, operation, error);
      }
    }
    if (!progressed) {
      // Only operations waiting on each other remain: a circular reference (RFC 7644 §3.7.1).
      for (const operation of waiting) {
        if (stopped()) break;
        fail(
          operation.index,
          operation,
          new ScimError(409, undefined, 'Circular bulkId references could not be resolved.'),
        );
      }
      break;
    }
    pending = waiting;
  }
  const Operations = [...results.entries()].sort(([left], [right]) => left - right).map(([, result]) => result);
  return { status: 200, body: { schemas: [URN.bulkResponse], Operations } };
}
