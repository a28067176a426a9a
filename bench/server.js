// Benchmark 5: the embedded reference server alone, against a bare node:http hello world on the
// same machine, each in its own process, driven by the same raw undici loop at concurrency 32.
import { startHelloProcess, startServeProcess } from './lib/processes.js';
import { rawLoop } from './lib/undici-loop.js';

const CONCURRENCY = 32;

function counted(total, make) {
  let sent = 0;
  return () => (sent < total ? make(sent++) : undefined);
}

async function throughput(baseUrl, total, make) {
  await rawLoop({ baseUrl, concurrency: CONCURRENCY, next: counted(Math.min(2000, total), make) }); // warm-up (JIT)
  return rawLoop({ baseUrl, concurrency: CONCURRENCY, next: counted(total, make) });
}

export async function benchServer({ requests = 20_000 } = {}) {
  const hello = await startHelloProcess();
  const helloPath = new URL(hello.baseUrl).pathname.replace(/\/$/, '');
  const helloGet = await throughput(hello.baseUrl, requests, () => ({
    method: 'GET',
    path: `${helloPath}/Users/x`,
    headers: {},
  }));
  const helloPost = await throughput(hello.baseUrl, requests, (i) => ({
    method: 'POST',
    path: `${helloPath}/Users`,
    headers: { 'content-type': 'application/scim+json' },
    body: JSON.stringify({ userName: `hello${i}` }),
  }));
  await hello.close();

  const server = await startServeProcess(['--seed', '1000']);
  const base = new URL(server.baseUrl);
  const headers = { authorization: `Bearer ${server.token}`, accept: 'application/scim+json' };
  const ids = [];
  await rawLoop({
    baseUrl: server.baseUrl,
    concurrency: 1,
    next: counted(1, () => ({ method: 'GET', path: `${base.pathname}/Users?count=1000&attributes=id`, headers })),
    onResponse: (_request, _status, text) => ids.push(...JSON.parse(text).Resources.map((user) => user.id)),
  });
  const scimGet = await throughput(server.baseUrl, requests, (i) => ({
    method: 'GET',
    path: `${base.pathname}/Users/${ids[i % ids.length]}`,
    headers,
  }));
  let created = 0;
  const scimPost = await throughput(server.baseUrl, requests, () => {
    const n = created++;
    return {
      method: 'POST',
      path: `${base.pathname}/Users`,
      headers: { ...headers, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `bench.${n}@example.com`,
        name: { givenName: 'Bench', familyName: `User${n}` },
        emails: [{ value: `bench.${n}@example.com`, type: 'work', primary: true }],
        active: true,
      }),
    };
  });
  await server.close();
  return {
    helloGetPerSecond: helloGet.perSecond,
    helloPostPerSecond: helloPost.perSecond,
    scimGetPerSecond: scimGet.perSecond,
    scimPostPerSecond: scimPost.perSecond,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchServer());
