// Child processes for the benchmarks: the reference server in its own process (so the client's
// RSS and CPU are measured apart from it), and timed CLI runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/scim-check.js', import.meta.url));

/** Starts `scim-check serve --port 0` and resolves once its first line names the URL and token. */
export function startServeProcess(extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...extraArgs], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let buffer = '';
    child.on('error', reject);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n')[0];
      if (!buffer.includes('\n')) return;
      const match = /listening on (\S+)\s+token: (\S+)/.exec(line);
      if (!match) return reject(new Error(`unexpected serve output: ${line}`));
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        baseUrl: match[1],
        token: match[2],
        pid: child.pid,
        close: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** A bare node:http server answering a small JSON body to everything, in its own process. */
export function startHelloProcess() {
  const code = `
    const http = require('node:http');
    const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'x', userName: 'hello' });
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
    });
    server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.setEncoding('utf8').once('data', (line) => {
      resolve({
        baseUrl: line.trim(),
        close: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Runs a command to completion; resolves with its exit code, output and wall time in ms. */
export function timedRun(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - started }));
  });
}
