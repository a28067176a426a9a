// Small statistics helpers for the benchmarks.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function fixed(value, digits = 2) {
  return Number(value).toFixed(digits);
}

/** Runs `fn` `times` times and returns every result (after `warmup` discarded runs). */
export async function repeat(times, fn, warmup = 0) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const results = [];
  for (let i = 0; i < times; i++) results.push(await fn(i));
  return results;
}
