import { type AttributeDefinition, findAttributeDefinition } from '../attribute-definition.js';
import { canonicalJson } from '../canonical-json.js';
import { isJsonObject, readMember } from './attribute-access.js';
import { elementHolds, identifiedByValue } from './value-equality.js';

// "Is this value already present?" (RFC 7644 §3.5.2.1 add) and "which elements does this
// listed value name?" (Entra's remove by value) asked of every value in a PATCH. Comparing
// each value with every element made one PATCH adding 20,000 emails quadratic (about a minute).
// The index narrows the elements to those whose sub-attribute values equal the value's, then
// elementHolds still decides, so the answers are exactly the element-by-element ones.

/**
 * A key under which values equal to `value` for `definition` also file: case-folded for strings
 * that are not caseExact, canonical JSON otherwise (value-equality.ts: simpleValuesEqual).
 */
function equalityKey(definition: AttributeDefinition | undefined, value: unknown): string {
  if (typeof value === 'string' && definition !== undefined && !definition.caseExact) return `i${value.toLowerCase()}`;
  return `j${canonicalJson(value)}`;
}

/** The elements of one multi-valued attribute, filed by the values of their sub-attributes. */
export class ElementIndex {
  private readonly subAttributes: readonly AttributeDefinition[];
  /** complex: sub-attribute name → equality key → elements; simple: '' → key → elements. */
  private readonly buckets = new Map<string, Map<string, unknown[]>>();
  private readonly elements: unknown[] = [];
  private readonly byValue: boolean;
  /** Probes (by canonical JSON) known to be held; elements are only ever added, so this stays true. */
  private readonly held = new Set<string>();

  constructor(
    private readonly definition: AttributeDefinition,
    elements: readonly unknown[] = [],
  ) {
    this.subAttributes = definition.type === 'complex' ? (definition.subAttributes ?? []) : [];
    this.byValue = definition.type === 'complex' && identifiedByValue(definition);
    for (const element of elements) this.add(element);
  }

  /** Files one more element. */
  add(element: unknown): void {
    this.elements.push(element);
    if (this.definition.type !== 'complex') {
      this.file('', equalityKey(this.definition, element), element);
      return;
    }
    // Only objects can hold a value of a complex attribute (elementHolds).
    if (!isJsonObject(element)) return;
    for (const sub of this.subAttributes) {
      const stored = readMember(element, sub.name);
      if (stored !== undefined) this.file(sub.name, equalityKey(sub, stored), element);
    }
  }

  /** True when some element holds `probe` (elementHolds). */
  holds(probe: unknown): boolean {
    const key = canonicalJson(probe);
    if (this.held.has(key)) return true;
    const found = this.candidates(probe).some((element) => elementHolds(this.definition, element, probe));
    if (found) this.held.add(key);
    return found;
  }

  /** Every element that holds `probe`, in the order they were added. */
  holdersOf(probe: unknown): unknown[] {
    return this.candidates(probe).filter((element) => elementHolds(this.definition, element, probe));
  }

  private file(name: string, key: string, element: unknown): void {
    let byKey = this.buckets.get(name);
    if (!byKey) {
      byKey = new Map();
      this.buckets.set(name, byKey);
    }
    const bucket = byKey.get(key);
    if (bucket) bucket.push(element);
    else byKey.set(key, [element]);
  }

  private bucket(name: string, key: string): unknown[] {
    return this.buckets.get(name)?.get(key) ?? [];
  }

  /**
   * Elements that may hold `probe`: a holder has an equal value for every sub-attribute the
   * probe sets, so the smallest bucket among them is enough. Elements are filed under their
   * sub-attributes' canonical names, so only probe members spelled that way narrow the search.
   */
  private candidates(probe: unknown): unknown[] {
    if (this.definition.type !== 'complex') return this.bucket('', equalityKey(this.definition, probe));
    if (!isJsonObject(probe)) return [];
    if (this.byValue) {
      const value = readMember(probe, 'value');
      if (value !== undefined)
        return this.bucket('value', equalityKey(findAttributeDefinition(this.subAttributes, 'value'), value));
    }
    let smallest: unknown[] | undefined;
    let setsAnything = false;
    for (const [name, value] of Object.entries(probe)) {
      if (value === undefined || value === null) continue;
      setsAnything = true;
      const sub = this.subAttributes.find((candidate) => candidate.name === name);
      if (sub === undefined) continue;
      const bucket = this.bucket(name, equalityKey(sub, value));
      if (smallest === undefined || bucket.length < smallest.length) smallest = bucket;
      if (smallest.length === 0) break;
    }
    // A probe that sets nothing is held by nothing (elementHolds).
    if (!setsAnything) return [];
    return smallest ?? this.elements;
  }
}
