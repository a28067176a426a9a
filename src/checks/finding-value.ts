import type { Finding } from './check-result.js';

/**
 * How much of a server's value a finding keeps as `expected`/`actual`, and how many findings one
 * verdict keeps. A finding quotes what the server sent, and verdicts live until the run ends (every
 * report reads them): a 10 MiB attribute, or one finding for each of 600,000 attributes, would
 * otherwise be held for the whole run and written into every report. A finding needs enough to
 * recognise the value, not all of it.
 */
export const MAX_FINDING_VALUE_CHARS = 1024;
export const MAX_FINDINGS_PER_CHECK = 100;

type Frame = { array: unknown[]; index: number } | { object: Record<string, unknown>; keys: string[]; index: number };

/**
 * The JSON text of `value` up to `limit` characters (one more when it is longer, so the caller
 * can tell), built without recursion: a value from a server may nest deeper than the stack allows,
 * and one that is too long is only walked as far as the limit. Members JSON leaves out
 * (undefined, functions) are left out here too.
 */
export function jsonPrefix(value: unknown, limit: number): string {
  let text = '';
  const stack: Frame[] = [];
  const full = (): boolean => text.length > limit;
  const scalar = (item: unknown): string => {
    if (typeof item === 'string' && item.length > limit) return JSON.stringify(item.slice(0, limit + 1)).slice(0, -1);
    return JSON.stringify(item) ?? 'null';
  };
  const open = (item: unknown): void => {
    if (item === null || typeof item !== 'object') text += scalar(item);
    else if (Array.isArray(item)) {
      text += '[';
      stack.push({ array: item, index: 0 });
    } else {
      text += '{';
      stack.push({ object: item as Record<string, unknown>, keys: Object.keys(item), index: 0 });
    }
  };
  open(value);
  while (stack.length > 0 && !full()) {
    const frame = stack.at(-1)!;
    if ('array' in frame) {
      if (frame.index === frame.array.length) {
        text += ']';
        stack.pop();
        continue;
      }
      if (frame.index > 0) text += ',';
      const item = frame.array[frame.index++];
      open(item === undefined || typeof item === 'function' ? null : item);
      continue;
    }
    let key: string | undefined;
    while (frame.index < frame.keys.length) {
      const candidate = frame.keys[frame.index++]!;
      const member = frame.object[candidate];
      if (member !== undefined && typeof member !== 'function') {
        key = candidate;
        break;
      }
    }
    if (key === undefined) {
      text += '}';
      stack.pop();
      continue;
    }
    if (!text.endsWith('{')) text += ',';
    text += `${JSON.stringify(key)}:`;
    open(frame.object[key]);
  }
  return text.length > limit ? text.slice(0, limit + 1) : text;
}

/**
 * The first `length` characters of `text` as a string of its own. V8 makes a `slice` (and a
 * regular expression's match) of a long string a view that keeps the whole string alive: a
 * finding quoting 120 characters of a 10 MiB body would hold the body for the rest of the run.
 * A surrogate pair is never split.
 */
export function detachedStart(text: string, length: number = text.length): string {
  let end = Math.min(length, text.length);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  return Buffer.from(text.slice(0, end), 'utf8').toString('utf8');
}

/**
 * A value as a finding keeps it: a copy of it when its JSON is at most MAX_FINDING_VALUE_CHARS
 * long (a copy, so it holds nothing of the body it was read from), else the start of that JSON
 * (a string ending in `…`).
 */
export function boundedValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return boundedText(value);
  const text = jsonPrefix(value, MAX_FINDING_VALUE_CHARS);
  if (text.length > MAX_FINDING_VALUE_CHARS) return `${detachedStart(text, MAX_FINDING_VALUE_CHARS)}…`;
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/**
 * Findings as a verdict keeps them: at most MAX_FINDINGS_PER_CHECK (the last one then says how
 * many more there were), each message and value cut to a readable size.
 */
export function boundedFindings(findings: readonly Finding[]): Finding[] {
  const kept = findings.slice(0, MAX_FINDINGS_PER_CHECK).map((finding) => {
    const bounded: Finding = { message: boundedText(finding.message) };
    if (finding.path !== undefined) bounded.path = boundedText(finding.path);
    if (finding.expected !== undefined) bounded.expected = boundedValue(finding.expected);
    if (finding.actual !== undefined) bounded.actual = boundedValue(finding.actual);
    return bounded;
  });
  if (findings.length > MAX_FINDINGS_PER_CHECK)
    kept.push({
      message: `… and ${findings.length - MAX_FINDINGS_PER_CHECK} more findings like these (a verdict keeps the first ${MAX_FINDINGS_PER_CHECK})`,
    });
  return kept;
}

/** A message, path or string value that may quote server data: a copy, cut to MAX_FINDING_VALUE_CHARS. */
export function boundedText(text: string): string {
  return text.length <= MAX_FINDING_VALUE_CHARS
    ? detachedStart(text)
    : `${detachedStart(text, MAX_FINDING_VALUE_CHARS)}…`;
}
