import { jsonBoundsViolation } from '../../scim/json-bounds.js';

/** Limits for a body shown under a failure: enough to recognise it, short enough to scan. */
export interface ExcerptLimits {
  maxLines: number;
  maxChars: number;
  /** Width up to which a JSON value stays on one line. */
  width: number;
}

const DEFAULT_EXCERPT_LIMITS: ExcerptLimits = { maxLines: 6, maxChars: 400, width: 72 };

/**
 * Lays out a JSON value for reading: a value that fits in `width` stays on one line, larger
 * objects and arrays open one member per line. Short SCIM fragments such as
 * `{"op":"remove","path":"members[value eq \"1\"]"}` therefore stay whole, while a resource
 * spreads over a few lines instead of one unreadable row.
 */
export function layoutJson(value: unknown, width: number, indent = '', column = indent.length): string {
  return [...layoutLines(value, width, indent, column, Number.POSITIVE_INFINITY)].join('\n');
}

/**
 * The lines of `layoutJson`, one at a time, so an excerpt stops laying out a 10 MiB body after its
 * first few lines. Each test of "does it fit on one line" serialises at most `width` characters,
 * and strings longer than `maxScalarChars` are shown by their start only (the excerpt cuts them
 * anyway), so the work is bounded by what is shown, not by the size of the body.
 */
function* layoutLines(
  value: unknown,
  width: number,
  indent: string,
  column: number,
  maxScalarChars: number,
): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield scalarJson(value, maxScalarChars);
    return;
  }
  const flat = flatJsonWithin(value, width - column);
  if (flat !== undefined) {
    yield flat;
    return;
  }
  const inner = `${indent}  `;
  const isArray = Array.isArray(value);
  const keys = isArray ? undefined : Object.keys(value);
  const count = isArray ? (value as unknown[]).length : keys!.length;
  if (count === 0) {
    yield isArray ? '[]' : '{}';
    return;
  }
  yield isArray ? '[' : '{';
  for (let index = 0; index < count; index++) {
    const member = isArray ? (value as unknown[])[index] : (value as Record<string, unknown>)[keys![index]!];
    const prefix = isArray ? inner : `${inner}${JSON.stringify(keys![index])}: `;
    let pending: string | undefined;
    for (const line of layoutLines(member, width, inner, prefix.length, maxScalarChars)) {
      if (pending !== undefined) yield pending;
      pending = pending === undefined ? `${prefix}${line}` : line;
    }
    yield index === count - 1 ? pending! : `${pending!},`;
  }
  yield `${indent}${isArray ? ']' : '}'}`;
}

/** A scalar as JSON; a string longer than `maxChars` by its start, without the closing quote (it is cut with `…`). */
function scalarJson(value: unknown, maxChars: number): string {
  if (typeof value === 'string' && value.length > maxChars)
    return JSON.stringify(value.slice(0, maxChars)).slice(0, -1);
  return JSON.stringify(value) ?? 'null';
}

/** `value` as one-line JSON when that is at most `max` characters; undefined as soon as it is longer. */
function flatJsonWithin(value: object, max: number): string | undefined {
  if (max < 2) return undefined;
  const parts: string[] = [];
  let length = 0;
  const add = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= max;
  };
  const visit = (item: unknown): boolean => {
    if (typeof item === 'string' && item.length + 2 > max - length) return false;
    if (item === null || typeof item !== 'object') return add(JSON.stringify(item) ?? 'null');
    if (Array.isArray(item)) {
      if (!add('[')) return false;
      for (let index = 0; index < item.length; index++)
        if ((index > 0 && !add(',')) || !visit(item[index] === undefined ? null : item[index])) return false;
      return add(']');
    }
    if (!add('{')) return false;
    let first = true;
    for (const key in item) {
      const member = (item as Record<string, unknown>)[key];
      if (member === undefined || typeof member === 'function') continue;
      if ((!first && !add(',')) || !add(`${JSON.stringify(key)}:`) || !visit(member)) return false;
      first = false;
    }
    return add('}');
  };
  return visit(value) ? parts.join('') : undefined;
}

/**
 * The first lines of a body: JSON laid out by `layoutJson` (parsed from `body` when `json` is
 * not given), anything else as text. Cut at `maxLines` / `maxChars` with a trailing `…`. A body
 * outside the bounds of src/scim/json-bounds.ts is shown as text: laying it out would recurse as
 * deep as it nests.
 */
export function bodyExcerpt(
  body: string | undefined,
  json?: unknown,
  limits: ExcerptLimits = DEFAULT_EXCERPT_LIMITS,
  focus: readonly string[] = [],
): string[] {
  if (body === undefined || body.trim() === '') return [];
  const parsed = json === undefined ? tryParse(body) : { value: json };
  if (parsed === undefined) return cut(firstLines(body.trim(), limits), limits);
  return cut(layoutLines(withFocusFirst(parsed.value, focus), limits.width, '', 0, limits.maxChars + 1), limits);
}

/**
 * The object with the top-level attributes the findings point at (`$.emails[0].type` → `emails`)
 * moved up, right after `schemas` and `id`: the excerpt shows a few lines, and the evidence of
 * an authentik failure (its `emails` entry) used to be cut off behind `name`.
 */
function withFocusFirst(value: unknown, focus: readonly string[]): unknown {
  if (focus.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  const focused = Object.keys(object).filter((key) =>
    focus.some((path) => path === `$.${key}` || path.startsWith(`$.${key}.`) || path.startsWith(`$.${key}[`)),
  );
  if (focused.length === 0) return value;
  const lead = ['schemas', 'id'].filter((key) => key in object && !focused.includes(key));
  const ordered: Record<string, unknown> = {};
  for (const key of [...lead, ...focused, ...Object.keys(object)]) if (!(key in ordered)) ordered[key] = object[key];
  return ordered;
}

function tryParse(body: string): { value: unknown } | undefined {
  if (jsonBoundsViolation(body) !== undefined) return undefined;
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

/** The lines of a text, without splitting more of it than an excerpt can show. */
function* firstLines(text: string, limits: ExcerptLimits): Generator<string> {
  let start = 0;
  for (let shown = 0; shown <= limits.maxLines; shown++) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      yield text.slice(start, start + limits.maxChars + 1);
      return;
    }
    yield text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end).slice(0, limits.maxChars + 1);
    start = end + 1;
  }
}

function cut(lines: Iterable<string>, limits: ExcerptLimits): string[] {
  const kept: string[] = [];
  let budget = limits.maxChars;
  for (const line of lines) {
    if (kept.length === limits.maxLines || budget <= 0) {
      markCut(kept);
      return kept;
    }
    if (line.length > budget) {
      kept.push(`${line.slice(0, budget)}…`);
      return kept;
    }
    kept.push(line);
    budget -= line.length;
  }
  return kept;
}

function markCut(kept: string[]): void {
  const last = kept.length - 1;
  if (last >= 0) kept[last] = `${kept[last]} …`;
}
