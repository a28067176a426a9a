import { forwardToUpstream, parseJsonLoosely, readBody, startProxy } from './loopback-proxy.js';

/** A deliberate deviation: given the parsed request, return the body to forward instead (or the same). */
export interface Deviation {
  /** Rewrite the request body before the reference server sees it; return undefined to keep it. */
  rewriteRequest?(method: string, path: string, body: unknown): unknown;
  /** Rewrite the response body the client sees; return undefined to keep it. */
  rewriteResponse?(method: string, path: string, status: number, body: unknown): unknown;
}

export interface BrokenServer {
  baseUrl: string;
  token: string;
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A SCIM server with one deliberate bug: a loopback proxy in front of a real reference server
 * that rewrites requests or responses. The server behind it stays correct, so each test breaks
 * exactly one behaviour and everything else stays compliant.
 */
export async function startBrokenServer(deviation: Deviation, token = 'broken-server-token'): Promise<BrokenServer> {
  const seen: string[] = [];
  const proxy = await startProxy({
    reference: { token },
    async onRequest(req, res, { upstreamUrl, path }) {
      const method = req.method ?? 'GET';
      seen.push(`${method} ${path}`);
      let body = await readBody(req);
      const rewritten = deviation.rewriteRequest?.(method, path, parseJsonLoosely(body));
      if (rewritten !== undefined) body = Buffer.from(JSON.stringify(rewritten));
      const answer = await forwardToUpstream(upstreamUrl, { method, path: req.url, headers: req.headers }, body);
      let responseBody = answer.body;
      const changed = deviation.rewriteResponse?.(method, path, answer.status, parseJsonLoosely(responseBody));
      if (changed !== undefined) responseBody = Buffer.from(JSON.stringify(changed));
      const responseHeaders = { ...answer.headers };
      if (responseHeaders['content-length'] !== undefined)
        responseHeaders['content-length'] = String(responseBody.length);
      res.writeHead(answer.status, responseHeaders);
      res.end(responseBody);
    },
  });
  return { baseUrl: proxy.baseUrl, token, seen, close: proxy.close };
}
