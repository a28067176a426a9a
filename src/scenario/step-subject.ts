import type { Step } from './model.js';

/** The user or group key an action step acts on (`alice`, `eng`); raw requests and state checks have none. */
export function stepSubject(step: Step): string | undefined {
  if ('user' in step) return step.user;
  if ('group' in step) return step.group;
  return undefined;
}
