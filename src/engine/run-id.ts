import { randomBytes } from 'node:crypto';

/**
 * A short token unique to this run, used as `{{run}}` in every name the run creates, so parallel
 * runs and reruns never collide with each other or with real data. Lower-case letters and digits
 * only: it must survive userName rules and case-insensitive comparisons.
 */
export function newRunId(now: number = Date.now()): string {
  const time = now.toString(36).slice(-5);
  const random = [...randomBytes(4)].map((byte) => (byte % 36).toString(36)).join('');
  return `${time}${random}`;
}
