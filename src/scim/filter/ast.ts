import type { AttributeReference } from '../resource-type.js';

/** The attribute operators of RFC 7644 §3.4.2.2 Table 3, except `pr` (a node kind of its own). */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A comparison value: the JSON literals `compValue` allows (RFC 7644 §3.4.2.2 ABNF). */
export type FilterValue = string | number | boolean | null;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2).
 * Inside a `valuePath` node's `filter`, attribute references name sub-attributes of `attribute`.
 */
export type FilterNode =
  | { kind: 'compare'; attribute: AttributeReference; operator: CompareOperator; value: FilterValue }
  | { kind: 'present'; attribute: AttributeReference }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'valuePath'; attribute: AttributeReference; filter: FilterNode };

/** `attrPath[valFilter].subAttr` as used in a PATCH operation's `path` (RFC 7644 §3.5.2). */
export interface PatchPath {
  attribute: AttributeReference;
  valueFilter?: FilterNode;
  subAttribute?: string;
}

/** The comparison operators, in the order RFC 7644 §3.4.2.2 lists them (used in error details too). */
export const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** Operators that order values; RFC 7644 §3.4.2.2 forbids them on boolean and binary attributes. */
export const ORDERING_OPERATORS: ReadonlySet<CompareOperator> = new Set(['gt', 'ge', 'lt', 'le']);

/** Operators that match substrings; meaningful for string-like attributes only. */
export const SUBSTRING_OPERATORS: ReadonlySet<CompareOperator> = new Set(['co', 'sw', 'ew']);

export function isCompareOperator(word: string): word is CompareOperator {
  return (COMPARE_OPERATORS as readonly string[]).includes(word);
}
