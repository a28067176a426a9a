import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readHar } from '../../src/har-import/read-har.js';
import { type RequestShape, requestShape } from '../../src/har-import/request-shape.js';
import type { HarLog } from '../../src/report/har/har-types.js';
import { runMain } from '../support/run-main.js';

/**
 * A HAR of what the IdP profile sends for a built-in scenario, run against the embedded reference
 * server, and the run's exit code (1 when a check failed: the traffic is recorded all the same).
 */
export async function recordScenario(scenario: string, har: string): Promise<HarLog & { code: number }> {
  const run = await runMain(['run', scenario, '--har', har]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return { ...(JSON.parse(readFileSync(har, 'utf8')) as HarLog), code: run.code };
}

export function writeHar(path: string, har: unknown): string {
  writeFileSync(path, JSON.stringify(har));
  return path;
}

/** The IdP's requests of a HAR (scim-check's own left out, as from-har reads them), as drift compares them. */
export async function idpRequests(har: string, options: { headers: boolean }): Promise<RequestShape[]> {
  const recording = await readHar(har, har);
  return recording.exchanges.map((exchange) => {
    const shape = requestShape(exchange);
    return options.headers ? shape : { ...shape, headers: {} };
  });
}

export const tmpFile = (dir: string, name: string): string => join(dir, name);
