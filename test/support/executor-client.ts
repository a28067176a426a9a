import { Executor } from '../../src/executor/executor.js';
import { RunLedger } from '../../src/executor/ledger.js';
import type { Exchange } from '../../src/http/exchange.js';
import { createHttpTransport, type HttpRequest, type HttpTransportOptions } from '../../src/http/http-transport.js';

export interface TestClientOptions extends HttpTransportOptions {
  /** --max-retry-wait in ms. */
  maxRetryWaitMs?: number;
}

/** A request as an IdP profile would send it: `idp` picks the retry policy. */
export type TestRequest = HttpRequest & { idp?: string };

export interface TestClient {
  send(request: TestRequest): Promise<Exchange>;
  close(): Promise<void>;
}

/**
 * The real undici transport behind the real executor (retries, safety), reduced to
 * "send this, give me the exchange" for transport-level tests. Reads and creates only: the
 * ledger is fresh, so the write guard refuses writes to anything, as it would in a run.
 */
export function createTestClient(options: TestClientOptions): TestClient {
  const executor = new Executor({
    transport: createHttpTransport(options),
    ledger: new RunLedger('test-run'),
    ...(options.maxRetryWaitMs !== undefined ? { maxRetryWaitMs: options.maxRetryWaitMs } : {}),
  });
  return {
    async send(request) {
      const { idp, ...planned } = request;
      const sent = await executor.send(
        { ...planned, purpose: 'raw' },
        idp === undefined ? {} : { profile: { name: idp as never, headers: {} } },
      );
      if ('refused' in sent) throw new Error(sent.refused);
      return sent.exchange;
    },
    close: () => executor.close(),
  };
}
