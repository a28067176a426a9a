import { COMPARED_HEADERS, type RequestShape } from './request-shape.js';

/** What differs between a recorded request and the profile's, by aspect. */
export type DriftAspect =
  | 'requests'
  | 'method'
  | 'path'
  | 'query'
  | 'filter'
  | 'body keys'
  | 'op casing'
  | 'value types'
  | 'body'
  | 'headers';

export interface Difference {
  aspect: DriftAspect;
  /** Where in the request: `Operations[0].value`, `header user-agent`, `query count`. */
  at: string;
  recorded: unknown;
  predicted: unknown;
}

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function compareBodies(recorded: unknown, predicted: unknown, at: string, found: Difference[]): void {
  const recordedType = typeOf(recorded);
  const predictedType = typeOf(predicted);
  if (recordedType !== predictedType) {
    found.push({ aspect: 'value types', at: at || '(body)', recorded, predicted });
    return;
  }
  if (recordedType === 'object') {
    const a = recorded as Record<string, unknown>;
    const b = predicted as Record<string, unknown>;
    const onlyRecorded = Object.keys(a).filter((key) => !(key in b));
    const onlyPredicted = Object.keys(b).filter((key) => !(key in a));
    if (onlyRecorded.length > 0 || onlyPredicted.length > 0)
      found.push({ aspect: 'body keys', at: at || '(body)', recorded: Object.keys(a), predicted: Object.keys(b) });
    for (const key of Object.keys(a)) if (key in b) compareBodies(a[key], b[key], at ? `${at}.${key}` : key, found);
    return;
  }
  if (recordedType === 'array') {
    const a = recorded as unknown[];
    const b = predicted as unknown[];
    if (a.length !== b.length)
      found.push({ aspect: 'body', at: `${at} (items)`, recorded: a.length, predicted: b.length });
    for (let index = 0; index < Math.min(a.length, b.length); index++)
      compareBodies(a[index], b[index], `${at}[${index}]`, found);
    return;
  }
  if (recorded === predicted) return;
  // `Replace` where the profile predicts `replace`: RFC 7644 §3.5.2 op names, in another case (Entra's default job).
  const aspect =
    typeof recorded === 'string' &&
    typeof predicted === 'string' &&
    recorded.toLowerCase() === predicted.toLowerCase() &&
    at.endsWith('.op')
      ? 'op casing'
      : 'body';
  found.push({ aspect, at, recorded, predicted });
}

/** Every difference between one recorded request and the one the profile predicts in its place. */
export function compareShapes(recorded: RequestShape, predicted: RequestShape): Difference[] {
  const found: Difference[] = [];
  if (recorded.method !== predicted.method)
    found.push({ aspect: 'method', at: 'method', recorded: recorded.method, predicted: predicted.method });
  if (recorded.path !== predicted.path)
    found.push({ aspect: 'path', at: 'path', recorded: recorded.path, predicted: predicted.path });
  for (const name of new Set([...Object.keys(recorded.query), ...Object.keys(predicted.query)])) {
    const a = recorded.query[name];
    const b = predicted.query[name];
    if (a !== b)
      found.push({
        aspect: name === 'filter' ? 'filter' : 'query',
        at: `query ${name}`,
        recorded: a ?? null,
        predicted: b ?? null,
      });
  }
  if (recorded.body !== undefined || predicted.body !== undefined)
    compareBodies(recorded.body ?? null, predicted.body ?? null, '', found);
  for (const name of COMPARED_HEADERS) {
    const a = recorded.headers[name];
    const b = predicted.headers[name];
    if (a !== b) found.push({ aspect: 'headers', at: `header ${name}`, recorded: a ?? null, predicted: b ?? null });
  }
  return found;
}
