/**
 * The `meta.lastModified` of a resource that has just changed: now, or 1 ms after the previous
 * value when the clock has not moved past it (two writes in the same millisecond, or a clock
 * stepped back). RFC 7643 §3.1 makes lastModified the time of the most recent modification, so
 * a change must show as a later timestamp: a client comparing reads (scim-check's
 * CHAR-LASTMODIFIED, an IdP's incremental import) would otherwise see no change at all.
 */
export function nextLastModified(now: string, previous: string): string {
  const nowMs = Date.parse(now);
  const previousMs = Date.parse(previous);
  if (Number.isNaN(nowMs) || Number.isNaN(previousMs) || nowMs > previousMs) return now;
  return new Date(previousMs + 1).toISOString();
}
