import type { TokenSource } from '../auth/token-source.js';

/** How often the worker asks the CLI thread for the current token: a renewed one is picked up within this. */
export const TOKEN_REFRESH_MS = 1_000;

/**
 * The load worker's view of the CLI thread's OAuth token source (src/auth/oauth-client.ts), which
 * cannot cross the thread boundary: `ask` posts a `token` message and resolves to the answer. The
 * token is reused for TOKEN_REFRESH_MS, so a load sends one message a second, not one per
 * request; the source on the CLI thread renews before expiry (and registers every new token with
 * the output guard there, so reports still redact it). After a 401 the transport calls renew().
 */
export function workerTokenSource(
  first: string,
  ask: (renew: boolean) => Promise<string>,
  clock: () => number = Date.now,
): TokenSource {
  let token = first;
  let askedAt = clock();
  let inFlight: Promise<string> | undefined;
  const fetch = (renew: boolean): Promise<string> => {
    inFlight ??= ask(renew)
      .then((next) => {
        token = next;
        askedAt = clock();
        return next;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  return {
    current: async () => {
      if (inFlight !== undefined) return inFlight;
      return clock() - askedAt < TOKEN_REFRESH_MS ? token : fetch(false);
    },
    renew: () => inFlight ?? fetch(true),
    // The CLI thread's source tells its guard about every token; nothing to register here.
    onSecret: () => {},
    fetches: [],
    renewable: true,
  };
}
