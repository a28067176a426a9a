import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server a test scripts request by request, with every request line it was sent. */
export interface RecordingServer {
  /** `http://127.0.0.1:PORT` + `basePath`. */
  baseUrl: string;
  /** `METHOD /path?query` of every request, in arrival order. */
  seen: string[];
  /** Stops it, cutting connections that are still open (a test's server may never answer). */
  close(): Promise<void>;
}

/** Starts a loopback server whose every request is handed to `handle`. */
export async function startRecordingServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  basePath = '/scim/v2',
): Promise<RecordingServer> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
