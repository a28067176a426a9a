import type { RunningReferenceServer } from '../../src/server/index.js';
import { forwardToUpstream, readBody, startProxy } from './loopback-proxy.js';

export interface RateLimitOptions {
  /** Refuse every Nth request that `applies` to (1 = all of them). */
  every: number;
  /** Status of the refusal; default 429. */
  status?: number;
  /** Retry-After value sent with the refusal; default '1'; null sends none. */
  retryAfter?: string | null;
  /** Which requests count towards `every`; default all of them. */
  applies?(method: string, path: string): boolean;
}

export interface RateLimitedServer {
  baseUrl: string;
  token: string;
  /** The reference server behind the proxy, to inspect what is left on it. */
  upstream: RunningReferenceServer;
  /** Requests refused so far, and all requests seen, as `METHOD path`. */
  refused: string[];
  seen: string[];
  close(): Promise<void>;
}

/**
 * A rate-limiting SCIM server: a loopback proxy in front of a real reference server that answers
 * every Nth request with 429 and `Retry-After: 1` (or another refusal) instead of forwarding it,
 * the way a SaaS API gateway sheds load during an initial sync.
 */
export async function startRateLimitedServer(
  options: RateLimitOptions,
  token = 'rate-limited-token',
): Promise<RateLimitedServer> {
  const refused: string[] = [];
  const seen: string[] = [];
  let counted = 0;
  const proxy = await startProxy({
    reference: { token },
    async onRequest(req, res, { upstreamUrl, path }) {
      const method = req.method ?? 'GET';
      seen.push(`${method} ${path}`);
      const body = await readBody(req);
      if (options.applies?.(method, path) ?? true) {
        counted += 1;
        if (counted % options.every === 0) {
          refused.push(`${method} ${path}`);
          const retryAfter = options.retryAfter === undefined ? '1' : options.retryAfter;
          const status = options.status ?? 429;
          const payload = JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: String(status),
            detail: 'Too many requests',
          });
          res.writeHead(status, {
            'content-type': 'application/scim+json',
            ...(retryAfter !== null ? { 'retry-after': retryAfter } : {}),
          });
          res.end(payload);
          return;
        }
      }
      const answer = await forwardToUpstream(upstreamUrl, { method, path: req.url, headers: req.headers }, body);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    },
  });
  return { baseUrl: proxy.baseUrl, token, upstream: proxy.upstream, refused, seen, close: proxy.close };
}
