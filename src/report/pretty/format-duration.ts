/** `3 ms`: single requests and steps. */
export function formatMs(ms: number): string {
  return `${Math.max(0, Math.round(ms))} ms`;
}

/**
 * A scenario's time: tenths of a second (`0.4 s`), or milliseconds while under 0.1 s so a
 * fast scenario does not read as `0.0 s`.
 */
export function formatScenarioTime(ms: number): string {
  return ms < 100 ? formatMs(ms) : `${(ms / 1000).toFixed(1)} s`;
}

/** The whole run's time, in seconds with two decimals (`0.81 s`). */
export function formatRunTime(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(2)} s`;
}

/** `1 request`, `3 requests`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
