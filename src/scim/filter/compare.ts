import type { AttributeDefinition } from '../attribute-definition.js';
import type { CompareOperator, FilterValue } from './ast.js';
import { isJsonObject } from './read-values.js';

/**
 * `pr` (RFC 7644 §3.4.2.2): a non-empty, non-null value, or for a complex value a non-empty node.
 * Empty strings, empty arrays and objects whose members are all empty count as absent.
 */
export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.some(hasValue);
  if (isJsonObject(value)) return Object.values(value).some(hasValue);
  return true;
}

type Comparable =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean };

/**
 * Brings a stored or filter value into the form its attribute type compares in. Liberal in what
 * it accepts: numeric strings for numbers and "true"/"false" for booleans (Entra ID sends string
 * booleans, IDP-NOTES.md). Undefined when the value cannot be compared as that type.
 */
export function toComparable(value: unknown, definition: AttributeDefinition): Comparable | undefined {
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value !== 'string') return undefined;
      // RFC 7644 §3.4.2.2: strings compare case-insensitively unless the attribute is caseExact.
      return { kind: 'string', value: definition.caseExact ? value : value.toLowerCase() };
    case 'dateTime': {
      if (typeof value !== 'string') return undefined;
      const time = Date.parse(value);
      // Chronological when both sides are dates; otherwise fall back to the text.
      return Number.isNaN(time) ? { kind: 'string', value: value.toLowerCase() } : { kind: 'number', value: time };
    }
    case 'integer':
    case 'decimal': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
      return Number.isFinite(number) ? { kind: 'number', value: number } : undefined;
    }
    case 'boolean':
      if (typeof value === 'boolean') return { kind: 'boolean', value };
      if (typeof value === 'string' && /^(true|false)$/i.test(value))
        return { kind: 'boolean', value: value.toLowerCase() === 'true' };
      return undefined;
    case 'complex':
      return undefined;
  }
}

function matchesOne(
  actual: Comparable,
  operator: CompareOperator,
  expected: Comparable,
  definition: AttributeDefinition,
): boolean {
  if (actual.kind !== expected.kind) return false;
  switch (operator) {
    case 'eq':
      return actual.value === expected.value;
    case 'ne':
      return actual.value !== expected.value;
    case 'co':
    case 'sw':
    case 'ew': {
      if (actual.kind !== 'string' || expected.kind !== 'string') return false;
      if (definition.type !== 'string' && definition.type !== 'reference') return false;
      if (operator === 'co') return actual.value.includes(expected.value);
      return operator === 'sw' ? actual.value.startsWith(expected.value) : actual.value.endsWith(expected.value);
    }
    default: {
      // RFC 7644 §3.4.2.2: ordering is lexicographic for strings, chronological for dateTime,
      // numeric for numbers, and undefined for boolean and binary.
      if (actual.kind === 'boolean' || definition.type === 'binary') return false;
      const order = actual.value < expected.value ? -1 : actual.value > expected.value ? 1 : 0;
      if (operator === 'gt') return order > 0;
      if (operator === 'ge') return order >= 0;
      if (operator === 'lt') return order < 0;
      return order <= 0;
    }
  }
}

/**
 * Does an attribute with these leaf values satisfy `operator value`? A multi-valued attribute
 * matches when any value does (RFC 7644 §3.4.2.2). `ne` is the negation of `eq` (no value equals),
 * so a resource without the attribute matches `ne`; `eq null` means "has no value".
 */
export function matchesComparison(
  values: unknown[],
  definition: AttributeDefinition,
  operator: CompareOperator,
  expected: FilterValue,
): boolean {
  if (expected === null) {
    if (operator === 'eq') return !values.some(hasValue);
    if (operator === 'ne') return values.some(hasValue);
    return false;
  }
  const expectedComparable = toComparable(expected, definition);
  if (!expectedComparable) return operator === 'ne';
  if (operator === 'ne') return !matchesComparison(values, definition, 'eq', expected);
  return values.some((value) => {
    const actual = toComparable(value, definition);
    return actual !== undefined && matchesOne(actual, operator, expectedComparable, definition);
  });
}
