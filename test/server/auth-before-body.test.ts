import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

// A client without a valid token gets its 401 before it has sent its body, and the server stops
// reading: it closes the connection instead of draining (or buffering) whatever the client streams.

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ token: 'body-token' });
});
afterAll(() => api.close());

/** A declared body far larger than anything the test sends: the client never finishes it. */
const DECLARED = 1_000_000_000;
const CHUNK = Buffer.alloc(16_384, 0x20);

interface Streamed {
  response: string;
  /** Body bytes the client had written when the server closed the connection. */
  sent: number;
  closedByServer: boolean;
}

/**
 * Sends the request head, then streams body bytes as fast as the socket takes them, until the
 * server closes the connection or `limitMs` passes.
 */
function streamUnauthenticated(head: string, limitMs = 8_000): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(api.baseUrl).port), '127.0.0.1');
    let response = '';
    let sent = 0;
    let done = false;
    const finish = (closedByServer: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(limit);
      socket.destroy();
      resolve({ response, sent, closedByServer });
    };
    const limit = setTimeout(() => finish(false), limitMs);
    const pump = (): void => {
      while (!done && socket.writable && sent < DECLARED) {
        sent += CHUNK.length;
        if (!socket.write(CHUNK)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (chunk) => (response += chunk.toString('latin1')));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // A reset after the answer also ends the connection; the answer itself was already read.
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish(true) : reject(error),
    );
  });
}

function head(authorization: string | undefined, extra = ''): string {
  return `POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/scim+json\r\nContent-Length: ${DECLARED}\r\n${authorization === undefined ? '' : `Authorization: ${authorization}\r\n`}${extra}\r\n`;
}

describe('authentication comes before the body', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer not-the-token'],
  ])(
    '%s: 401 with Connection: close while the body is still streaming, then the server closes',
    async (_name, authorization) => {
      const streamed = await streamUnauthenticated(head(authorization));
      expect(streamed.response).toMatch(/^HTTP\/1\.1 401 /);
      expect(streamed.response).toMatch(/\r\nConnection: close\r\n/i);
      expect(streamed.response).toMatch(/\r\nWWW-Authenticate: Bearer/i);
      expect(streamed.closedByServer).toBe(true);
      // Socket buffers on both sides take a few megabytes; draining would have taken it all.
      expect(streamed.sent).toBeLessThan(DECLARED / 10);
    },
  );

  it('Expect: 100-continue gets the 401 instead of 100 Continue', async () => {
    const streamed = await streamUnauthenticated(head(undefined, 'Expect: 100-continue\r\n'));
    expect(streamed.response).toMatch(/^HTTP\/1\.1 401 /);
    expect(streamed.response).not.toMatch(/100 Continue/);
    expect(streamed.closedByServer).toBe(true);
  });

  it('an authenticated client keeps its connection after an error answer', async () => {
    const first = await fetch(`${api.baseUrl}/Nowhere`, { headers: { authorization: 'Bearer body-token' } });
    expect(first.status).toBe(404);
    expect(first.headers.get('connection')).not.toBe('close');
    await first.text();
  });
});
