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
  const flat = JSON.stringify(value) ?? 'null';
  if (value === null || typeof value !== 'object' || column + flat.length <= width) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => `${inner}${layoutJson(item, width, inner)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const members = entries.map(([key, member]) => {
    const prefix = `${inner}${JSON.stringify(key)}: `;
    return `${prefix}${layoutJson(member, width, inner, prefix.length)}`;
  });
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/**
 * The first lines of a body: JSON laid out by `layoutJson` (parsed from `body` when `json` is
 * not given), anything else as text. Cut at `maxLines` / `maxChars` with a trailing `…`.
 */
export function bodyExcerpt(body: string | undefined, json?: unknown, limits: ExcerptLimits = DEFAULT_EXCERPT_LIMITS): string[] {
  if (body === undefined || body.trim() === '') return [];
  const parsed = json === undefined ? tryParse(body) : { value: json };
  const text = parsed === undefined ? body.trim() : layoutJson(parsed.value, limits.width);
  return cut(text.split(/\r?\n/), limits);
}

function tryParse(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

function cut(lines: string[], limits: ExcerptLimits): string[] {
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
