import type { ScenarioResult } from './results.js';
import type { ScenarioContext, StepRecorder } from './run-context.js';
import { sendPlanned } from './send-planned.js';

type Leftover = ScenarioResult['leftovers'][number];

/**
 * Deletes everything the scenario created, newest first (groups before the users in them),
 * whatever the IdP profile would do: a conformance run must leave nothing behind. A 404 means
 * the scenario already deleted it. What cannot be deleted is returned so a human can clean up.
 */
export async function cleanUp(context: ScenarioContext, recorder: StepRecorder): Promise<Leftover[]> {
  const leftovers: Leftover[] = [];
  for (const resource of [...context.created].reverse()) {
    const path = `/${resource.kind === 'User' ? 'Users' : 'Groups'}/${encodeURIComponent(resource.id)}`;
    const exchange = await sendPlanned({ purpose: 'cleanup', method: 'DELETE', path, targetId: resource.id }, context, recorder);
    const status = exchange.response?.status;
    const gone = status !== undefined && ((status >= 200 && status < 300) || status === 404);
    if (!gone) leftovers.push({ resourceType: resource.kind, id: resource.id, name: resource.name });
  }
  context.created.length = 0;
  return leftovers;
}
