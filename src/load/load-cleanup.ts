import { runPhase, type LoadContext } from './load-context.js';
import type { LoadPhaseResult } from './load-result.js';

/**
 * Deletes everything the run created, groups first (so no group is left pointing at deleted
 * users), then users, with the run's concurrency and progress. It runs whatever the profile
 * would do (Okta never deletes users): a load run must leave nothing behind. It ignores Ctrl-C,
 * which is what asked for it; a 404 means it is already gone.
 */
export async function cleanUp(context: LoadContext): Promise<{ phase: LoadPhaseResult; deleted: number; leftovers: number }> {
  let deleted = 0;
  let leftovers = 0;
  const groups = context.groupIds.size;
  const total = groups + context.userIds.size;
  const phase = await runPhase(context, 'cleanup', total, async (index) => {
    const isGroup = index < groups;
    const id = isGroup ? context.groupIds.get(index) : context.userIds.get(index - groups);
    if (!id) return undefined;
    const exchange = await context.client.send(
      { purpose: 'cleanup', method: 'DELETE', path: `/${isGroup ? 'Groups' : 'Users'}/${encodeURIComponent(id)}` },
      isGroup ? 'cleanupGroup' : 'cleanupUser',
      true,
    );
    const status = exchange.response?.status;
    if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) {
      deleted += 1;
      return undefined;
    }
    leftovers += 1;
    return `DELETE ${isGroup ? 'Groups' : 'Users'}/${id} answered ${status ?? exchange.error?.code}`;
  }, { ignoreStop: true });
  return { phase, deleted, leftovers };
}
