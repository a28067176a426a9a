import type { IncomingMessage, ServerResponse } from 'node:http';
import { drainRequest, readJsonBody } from './body.js';
import { type DispatchOptions, dispatch } from './dispatch.js';
import { writeResponse } from './responses.js';

/** What the node:http request listener needs besides the request itself. */
export interface RequestHandlerOptions extends DispatchOptions {
  /** True once the server is shutting down: responses then ask the client to close the connection. */
  isClosing: () => boolean;
}

function expectsContinue(request: IncomingMessage): boolean {
  return /\b100-continue\b/i.test(request.headers.expect ?? '');
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: RequestHandlerOptions,
): Promise<void> {
  const readBody: Parameters<typeof dispatch>[0]['readBody'] = (limit) => {
    // RFC 9110 §10.1.1: the client waits for 100 Continue before sending its body; it is sent
    // only now, after authentication and routing, so a refused client never sends the body.
    if (expectsContinue(request) && !response.headersSent) response.writeContinue();
    return readJsonBody(request, limit);
  };
  let answer = await dispatch(
    { method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headers, readBody },
    options,
  );
  // A client without a valid token gets its 401 at once, and the rest of its body is neither
  // read nor drained: the connection is closed after the answer (RFC 9112 §9.6), so nobody
  // without the token can keep the server reading. Other answers sent before the body was read
  // (404, 405) let the client finish sending, so its connection stays usable.
  const unauthenticated = answer.status === 401;
  if (!unauthenticated && !request.complete) drainRequest(request);
  if (response.headersSent || response.destroyed) return;
  if (unauthenticated || options.isClosing())
    answer = { ...answer, headers: { ...answer.headers, Connection: 'close' } };
  try {
    writeResponse(response, answer);
  } catch {
    response.destroy();
  }
}

/** The node:http request listener of the reference server (also for `checkContinue`). */
export function createRequestHandler(
  options: RequestHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void handle(request, response, options);
  };
}
