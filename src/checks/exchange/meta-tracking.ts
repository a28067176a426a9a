import type { Finding } from '../check-result.js';
import { isDateTime } from './response-helpers.js';

/** `meta.lastModified` and `meta.version` of one read of a resource, and when the client had the answer. */
export interface MetaObservation {
  lastModified?: unknown;
  version?: unknown;
  /** Client clock (ms since the epoch) when the answer that carried these values had arrived. */
  observedAt: number;
}

/** The meta of a resource body as a MetaObservation. */
export function observeMeta(resource: Record<string, unknown> | undefined, observedAt: number): MetaObservation {
  const meta = resource?.meta;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return { observedAt };
  const { lastModified, version } = meta as Record<string, unknown>;
  return { lastModified, version, observedAt };
}

/**
 * The clock step the server's timestamp can show, in ms: 1000 for whole seconds, 100 for
 * `.5`, 1 for `.123`. Trailing zeros are not precision (`.000` is a server printing whole
 * seconds with a fixed format), so they are dropped before counting digits. Reading fewer digits
 * only makes the check more lenient, never stricter.
 */
export function timestampResolutionMs(value: string): number {
  const fraction = /\.(\d+)(?=Z|[+-]\d{2}:\d{2}$)/.exec(value)?.[1]?.replace(/0+$/, '') ?? '';
  return fraction.length === 0 ? 1000 : Math.max(10 ** (3 - fraction.length), 0.001);
}

/**
 * CHAR-LASTMODIFIED and VER-CHANGES across a change (RFC 7643 §3.1: lastModified is the most
 * recent modification; the version changes when the resource does; RFC 7232 §2.3). `before` is
 * the last read before a write that changed data; `after` a read once the write succeeded;
 * `writeSentAt` when the client sent that write (client clock).
 *
 * lastModified must never go back, and must move forward, except when the server's clock step
 * can hide the change. Why the bound is `writeSentAt - before.observedAt`: the previous value P
 * is at or before the moment the server answered the earlier read (server clock), and the
 * modification M happened after the write was sent. Both differences are measured on one
 * clock each, and the offset between client and server clocks cancels in a difference, so
 * M − P ≥ writeSentAt − before.observedAt. Two instants that far apart can only print the same
 * timestamp when that distance is below the clock step (1 s for a server that prints whole
 * seconds). So equal values are accepted only when less than one clock step passed; otherwise
 * an unchanged lastModified is a finding. Values that are not dateTimes are DT-DATETIME's concern.
 */
export function metaTrackingFindings(before: MetaObservation, after: MetaObservation, writeSentAt: number): Finding[] {
  const findings: Finding[] = [];
  if (isDateTime(before.lastModified) && isDateTime(after.lastModified)) {
    const previous = Date.parse(before.lastModified as string);
    const current = Date.parse(after.lastModified as string);
    const step = timestampResolutionMs(before.lastModified as string);
    if (current < previous) {
      findings.push({
        message: 'meta.lastModified went back in time after a change',
        path: '$.meta.lastModified',
        expected: `later than ${String(before.lastModified)}`,
        actual: after.lastModified,
      });
    } else if (current === previous && writeSentAt - before.observedAt >= step) {
      findings.push({
        message: 'meta.lastModified did not advance after a change that the server accepted',
        path: '$.meta.lastModified',
        expected: `later than ${String(before.lastModified)}`,
        actual: after.lastModified,
      });
    }
  }
  if (before.version !== undefined && after.version !== undefined && before.version === after.version) {
    findings.push({
      message: 'meta.version did not change although the resource changed',
      path: '$.meta.version',
      expected: `not ${String(before.version)}`,
      actual: after.version,
    });
  }
  return findings;
}
