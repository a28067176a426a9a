import type { Exchange } from '../http/exchange.js';
import type { HttpRequest, ScimClient } from '../http/scim-client.js';

interface Created {
  kind: 'User' | 'Group';
  id: string;
  name: string;
  url: string;
}

function isSuccess(exchange: Exchange): boolean {
  const status = exchange.response?.status;
  return status !== undefined && status >= 200 && status < 300 && exchange.error === undefined;
}

/**
 * Watches every exchange of a run for resources it created (a successful POST to /Users or
 * /Groups) and deleted (a DELETE answered 2xx or 404), so a second Ctrl-C can say what is left
 * without waiting for the engine. Reads exchanges only; never changes a request.
 */
export function trackCreated(client: ScimClient): { client: ScimClient; leftBehind(): string[] } {
  const created = new Map<string, Created>();
  const send = async (request: HttpRequest): Promise<Exchange> => {
    const exchange = await client.send(request);
    const path = new URL(exchange.request.url).pathname;
    const method = exchange.request.method.toUpperCase();
    const body = exchange.response?.json as Record<string, unknown> | undefined;
    const collection = /\/(Users|Groups)\/?$/i.exec(path)?.[1];
    if (method === 'POST' && collection && isSuccess(exchange) && typeof body?.id === 'string') {
      const kind = collection.toLowerCase() === 'users' ? 'User' : 'Group';
      const name = String(body.userName ?? body.displayName ?? body.id);
      created.set(body.id, { kind, id: body.id, name, url: `${path}/${body.id}` });
    }
    const addressed = /\/(?:Users|Groups)\/([^/]+)\/?$/i.exec(path)?.[1];
    if (method === 'DELETE' && addressed && (isSuccess(exchange) || exchange.response?.status === 404)) created.delete(decodeURIComponent(addressed));
    return exchange;
  };
  return {
    client: { baseUrl: client.baseUrl, send, close: () => client.close() },
    leftBehind: () => [...created.values()].map((resource) => `${resource.kind} ${resource.name} (id ${resource.id})`),
  };
}
