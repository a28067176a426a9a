import type { ActionOutcome, ActionProgram } from '../idp/profile.js';
import type { LoadClient } from './load-client.js';

const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

/** The resource id a request path addresses (`/Users/{id}`, `/Groups/{id}`), if any. */
function addressedId(path: string): string | undefined {
  const match = /\/(?:Users|Groups)\/([^/?#]+)\/?$/i.exec(path);
  return match && match[1] !== '.search' ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * Runs one profile action to its end over the load client: each request the program yields is
 * sent and its exchange fed back (lookup-then-create, GET-then-PUT work as in a scenario run).
 * Writes to any id outside `ownIds` (and what the action itself created) are refused, never sent: an Okta lookup that happens to find
 * a stranger's account must not make the load run PUT over it.
 */
export async function driveAction(program: ActionProgram, client: LoadClient, ownIds: readonly string[]): Promise<ActionOutcome> {
  // Ids this action itself creates (pushGroup: POST, then PATCH the new group) are its own too.
  const own = [...ownIds];
  let step = program.next();
  while (!step.done) {
    const request = step.value;
    if (WRITE_METHODS.has(request.method.toUpperCase())) {
      const target = addressedId(request.path);
      if (target !== undefined && !own.includes(target)) {
        program.return({});
        return { failed: `refused to ${request.method} ${request.path}: the load run did not create it` };
      }
    }
    const exchange = await client.send(request);
    const id = (exchange.response?.json as { id?: unknown } | undefined)?.id;
    if (request.method.toUpperCase() === 'POST' && exchange.response !== undefined && exchange.response.status < 300 && typeof id === 'string') own.push(id);
    step = program.next(exchange);
  }
  return step.value;
}
