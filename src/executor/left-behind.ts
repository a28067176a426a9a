import type { Executor } from './executor.js';

/**
 * What a run created and has not deleted, and what it may have left, one line each: what a
 * second Ctrl-C prints so a human can clean up by hand (`run` on its thread, `load` from its worker).
 */
export function leftBehindLines(executor: Executor): string[] {
  const { ledger } = executor;
  return [
    ...ledger.outstanding().map((resource) => `${resource.kind} ${resource.name} (id ${resource.id})`),
    ...ledger
      .possibleLeftovers()
      .map((entry) => `possibly ${entry.resourceType} ${entry.name} (search ${entry.search}): ${entry.reason}`),
  ];
}
