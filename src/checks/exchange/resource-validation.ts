import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Finding } from '../check-result.js';
import type { ResourceKind } from '../request-purpose.js';
import { CORE_GROUP_SCHEMA } from '../schemas/core-group.js';
import { CORE_USER_SCHEMA } from '../schemas/core-user.js';
import { isDateTime } from './response-helpers.js';
import type { ReturnedResource } from './returned-resources.js';

/** Which data-type row an ajv error belongs to (RFC 7643 §2.3). */
export type DataTypeRow = 'DT-BOOLEAN' | 'DT-STRING' | 'DT-INTEGER' | 'DT-DATETIME' | 'DT-SHAPE';

let validators: Record<ResourceKind, ValidateFunction> | undefined;

function compiled(): Record<ResourceKind, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // xsd:dateTime as RFC 7643 §2.3.5 profiles it; the same rule the other checks use.
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => isDateTime(value) });
  validators = { User: ajv.compile(CORE_USER_SCHEMA), Group: ajv.compile(CORE_GROUP_SCHEMA) };
  return validators;
}

function classify(error: ErrorObject): DataTypeRow {
  if (error.keyword === 'format') return 'DT-DATETIME';
  if (error.keyword === 'type') {
    const wanted = ([] as string[]).concat(error.params.type as string | string[]);
    if (wanted.includes('array') || wanted.includes('object')) return 'DT-SHAPE';
    if (wanted.length === 1 && wanted[0] === 'boolean') return 'DT-BOOLEAN';
    if (wanted.length === 1 && wanted[0] === 'integer') return 'DT-INTEGER';
    if (wanted.includes('string')) return 'DT-STRING';
  }
  return 'DT-SHAPE';
}

/** `/emails/0/primary` → `$.emails[0].primary`, under the resource's own prefix. */
function jsonPathOf(prefix: string, instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .reduce((path, segment) => {
      const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(key)
        ? `${path}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `${path}.${key}`
          : `${path}['${key}']`;
    }, prefix);
}

function valueAt(resource: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (value, segment) =>
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')]
          : undefined,
      resource,
    );
}

const CACHE = new WeakMap<Record<string, unknown>, { row: DataTypeRow; finding: Finding }[]>();

/**
 * Values of one multi-valued attribute validated at most. ajv (with allErrors) makes an error
 * object for every bad value, and a multi-valued attribute of a million bad values would cost
 * seconds to validate and to describe; its first thousand say as much (a verdict keeps ten).
 */
const MAX_VALIDATED_VALUES = 1000;

function firstValues(value: unknown): unknown {
  return Array.isArray(value) && value.length > MAX_VALIDATED_VALUES ? value.slice(0, MAX_VALIDATED_VALUES) : value;
}

/**
 * The resource as validated: multi-valued attributes (top level, and inside an extension or any
 * other complex attribute) cut to their first MAX_VALIDATED_VALUES, so paths and indexes stay true.
 * The resource itself when nothing is that long, which is always for real data.
 */
function validatedPart(resource: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(resource)) {
    let part = firstValues(value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      let inner: Record<string, unknown> | undefined;
      for (const [subKey, subValue] of Object.entries(value)) {
        const subPart = firstValues(subValue);
        if (subPart === subValue) continue;
        inner ??= { ...(value as Record<string, unknown>) };
        inner[subKey] = subPart;
      }
      if (inner !== undefined) part = inner;
    }
    if (part === value) continue;
    copy ??= { ...resource };
    copy[key] = part;
  }
  return copy ?? resource;
}

/**
 * Validates one returned resource against the JSON Schema of its RFC 7643 core type and files
 * each problem under the data-type row it breaks. Cached, since five checks ask per resource.
 */
export function dataTypeProblems(returned: ReturnedResource): { row: DataTypeRow; finding: Finding }[] {
  const cached = CACHE.get(returned.resource);
  if (cached) return cached;
  const validate = compiled()[returned.kind];
  validate(validatedPart(returned.resource));
  const problems = (validate.errors ?? []).map((error) => {
    const row = classify(error);
    const path = jsonPathOf(returned.at, error.instancePath);
    const expected =
      error.keyword === 'format' ? 'xsd:dateTime with a time zone, e.g. 2024-05-01T10:00:00Z' : error.params.type;
    return {
      row,
      finding: {
        message: `${path} must be ${error.keyword === 'format' ? 'an xsd:dateTime' : `of JSON type ${String(error.params.type)}`}`,
        path,
        expected,
        actual: valueAt(returned.resource, error.instancePath),
      },
    };
  });
  CACHE.set(returned.resource, problems);
  return problems;
}
