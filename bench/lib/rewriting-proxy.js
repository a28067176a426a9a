// A loopback proxy in front of a `scim-check serve` process that rewrites every JSON answer with
// a body, for the bounds benchmark (bench/bounds.js): the server behind stays correct, only the
// size or the width of its answers changes.
import { createServer, request } from 'node:http';

function forward(upstream, req, body) {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
    delete headers['accept-encoding'];
    const outgoing = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
        );
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function readAll(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Starts the proxy on a free loopback port. `rewrite(method, path, text)` returns the new body
 * text of a JSON object answer, or undefined to keep it. Resolves to { baseUrl, close }.
 */
export async function startRewritingProxy(upstreamBaseUrl, rewrite) {
  const upstream = new URL(upstreamBaseUrl);
  const server = createServer((req, res) => {
    void (async () => {
      const answer = await forward(upstream, req, await readAll(req));
      const text = answer.body.toString('utf8');
      const rewritten = text.trimStart().startsWith('{')
        ? rewrite(req.method ?? 'GET', req.url ?? '/', text)
        : undefined;
      const body = rewritten === undefined ? answer.body : Buffer.from(rewritten);
      const headers = { ...answer.headers };
      for (const name of ['content-length', 'transfer-encoding', 'connection', 'keep-alive']) delete headers[name];
      res.writeHead(answer.status, { ...headers, 'content-length': String(body.length) });
      res.end(body);
    })().catch(() => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502);
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The answer with one more member at its end, its value given as JSON text. */
export function withMember(objectText, name, valueText) {
  const body = objectText.trimEnd().slice(0, -1).trimEnd();
  return `${body}${body.endsWith('{') ? '' : ','}${JSON.stringify(name)}:${valueText}}`;
}
