import type { RequestShape } from './request-shape.js';

/** A recorded request and the profile's request in its place; one side is absent when only the other sends it. */
export interface AlignedPair {
  recorded?: RequestShape;
  predicted?: RequestShape;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const valueForm = (value: unknown): string =>
  isObject(value) ? Object.keys(value).sort().join(',') : Array.isArray(value) ? 'array' : typeof value;

/**
 * What a request is for, as words: each PATCH operation's op, path and value form (RFC 7644
 * §3.5.2: a rename is `replace` with `{displayName, id}`, a removal `remove` on `members[…]`),
 * otherwise the body's keys, plus the query's names and filter form.
 */
function purposeWords(shape: RequestShape): Set<string> {
  const words = new Set<string>();
  for (const [name, value] of Object.entries(shape.query)) words.add(name === 'filter' ? `filter ${value}` : name);
  const body = shape.body;
  if (isObject(body) && Array.isArray(body.Operations)) {
    for (const operation of body.Operations)
      if (isObject(operation))
        words.add(
          `${String(operation.op).toLowerCase()} ${String(operation.path ?? '')} ${valueForm(operation.value)}`,
        );
  } else if (isObject(body)) {
    for (const key of Object.keys(body)) words.add(`key ${key}`);
  }
  return words;
}

/**
 * How alike two requests are, 0 when they cannot be the same request (another method or path):
 * 100 for method and path, plus up to 100 for the share of purpose words they have in common.
 */
function likeness(recorded: RequestShape, predicted: RequestShape): number {
  if (recorded.method !== predicted.method || recorded.path !== predicted.path) return 0;
  const a = purposeWords(recorded);
  const b = purposeWords(predicted);
  const union = new Set([...a, ...b]).size;
  const common = [...a].filter((word) => b.has(word)).length;
  return 100 + (union === 0 ? 100 : Math.round((100 * common) / union));
}

/**
 * Pairs the recorded requests of an action with the profile's by what they are, in order: the
 * pairing with the greatest total likeness (method and path, then PATCH operations, body keys and
 * query). So when the profile sends one request more (the rename Okta re-sends before a
 * membership PATCH), the recorded membership PATCH is compared with the profile's membership
 * PATCH, and the extra rename shows as that one missing request. An unpaired recorded request
 * next to an unpaired predicted one of the same path (a PUT where the profile sends a PATCH) is
 * compared with it.
 */
export function alignRequests(recorded: readonly RequestShape[], predicted: readonly RequestShape[]): AlignedPair[] {
  const rows = recorded.length;
  const columns = predicted.length;
  const score = recorded.map((a) => predicted.map((b) => likeness(a, b)));
  // best[i][j]: the greatest total likeness of pairing recorded[i..] with predicted[j..].
  const best: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--)
    for (let j = columns - 1; j >= 0; j--) {
      const paired = score[i]![j]! > 0 ? score[i]![j]! + best[i + 1]![j + 1]! : 0;
      best[i]![j] = Math.max(paired, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  const pairs: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    if (i < rows && j < columns && score[i]![j]! > 0 && best[i]![j] === score[i]![j]! + best[i + 1]![j + 1]!) {
      pairs.push({ recorded: recorded[i++]!, predicted: predicted[j++]! });
    } else if (j < columns && (i === rows || best[i]![j + 1]! >= best[i + 1]![j]!)) {
      pairs.push({ predicted: predicted[j++]! });
    } else {
      pairs.push({ recorded: recorded[i++]! });
    }
  }
  const merged: AlignedPair[] = [];
  for (const pair of pairs) {
    const previous = merged.at(-1);
    const opposite =
      previous !== undefined &&
      (previous.recorded === undefined) !== (pair.recorded === undefined) &&
      (previous.recorded === undefined || previous.predicted === undefined) &&
      (pair.recorded === undefined || pair.predicted === undefined) &&
      (previous.recorded ?? previous.predicted)!.path === (pair.recorded ?? pair.predicted)!.path;
    if (opposite)
      merged[merged.length - 1] = {
        recorded: previous.recorded ?? pair.recorded,
        predicted: previous.predicted ?? pair.predicted,
      };
    else merged.push(pair);
  }
  return merged;
}
