// A raw undici loop: `concurrency` workers, each sending requests from `next()` until it returns
// undefined, over one Pool with as many connections. The baseline the tool is compared with.
import { Pool } from 'undici';

export async function rawLoop({ baseUrl, concurrency, next, onResponse }) {
  const url = new URL(baseUrl);
  const pool = new Pool(url.origin, { connections: concurrency });
  let count = 0;
  const started = performance.now();
  async function worker() {
    for (let request = next(); request !== undefined; request = next()) {
      const response = await pool.request({
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body ?? null,
      });
      const text = await response.body.text();
      count += 1;
      if (onResponse) await onResponse(request, response.statusCode, text);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  await pool.close();
  return { count, wallMs, perSecond: (count * 1000) / wallMs };
}
