import type { IncomingMessage, ServerResponse } from 'node:http';
import { drainRequest, readJsonBody } from './body.js';
import { dispatch, type DispatchOptions } from './dispatch.js';
import { writeResponse } from './responses.js';

/** What the node:http request listener needs besides the request itself. */
export interface RequestHandlerOptions extends DispatchOptions {
  /** True once the server is shutting down: responses then ask the client to close the connection. */
  isClosing: () => boolean;
}

async function handle(request: IncomingMessage, response: ServerResponse, options: RequestHandlerOptions): Promise<void> {
  let answer = await dispatch({ method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headers, readBody: (limit) => readJsonBody(request, limit) }, options);
  // An answer sent before the body was read (401, 404, 405) still lets the client finish
  // sending, so the connection stays usable for the next request.
  if (!request.complete) drainRequest(request);
  if (response.headersSent || response.destroyed) return;
  if (options.isClosing()) answer = { ...answer, headers: { ...answer.headers, Connection: 'close' } };
  try {
    writeResponse(response, answer);
  } catch {
    response.destroy();
  }
}

/** The node:http request listener of the reference server. */
export function createRequestHandler(options: RequestHandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void handle(request, response, options);
  };
}
