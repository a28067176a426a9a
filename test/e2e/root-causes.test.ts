import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * One server bug that fails many steps in several scenarios is one root cause in every report.
 * The deviant server omits Location on every 201 (wso2/product-is#5328): each create of the Okta
 * user lifecycle and group push fails CREATE-201-LOCATION, for the same reason every time.
 */

const SCENARIOS = ['okta-user-lifecycle', 'okta-group-push'];

interface Reports {
  code: number;
  pretty: string;
  json: JsonReport;
  junit: string;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scim-check-root-causes-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the two scenarios against a fresh deviant server (new port, new run id) with every reporter. */
async function runAgainstBrokenServer(name: string): Promise<Reports> {
  const server = await startDeviantServer(['no-location']);
  try {
    const json = join(dir, `${name}.json`);
    const junit = join(dir, `${name}.xml`);
    const run = await runMain(
      [
        'run',
        ...SCENARIOS,
        '--base-url',
        server.baseUrl,
        '--reporter',
        'pretty',
        '--reporter',
        'github',
        '--reporter',
        `json=${json}`,
        '--reporter',
        `junit=${junit}`,
      ],
      { env: { SCIM_CHECK_TOKEN: server.token } },
    );
    return {
      code: run.code,
      pretty: run.stdout,
      json: JSON.parse(await readFile(json, 'utf8')) as JsonReport,
      junit: await readFile(junit, 'utf8'),
    };
  } finally {
    await server.close();
  }
}

const failedLocationChecks = (report: JsonReport) =>
  report.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) =>
      step.checks
        .filter((check) => check.id === 'CREATE-201-LOCATION' && check.status === 'failed')
        .map((check) => ({ scenario: scenario.file, check })),
    ),
  );

describe('a bug that fails many steps is one root cause', () => {
  let first: Reports;
  let second: Reports;

  beforeAll(async () => {
    first = await runAgainstBrokenServer('first');
    second = await runAgainstBrokenServer('second');
  }, 60_000);

  it('fails the run once per step, in both scenarios', () => {
    expect(first.code).toBe(1);
    const failures = failedLocationChecks(first.json);
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(new Set(failures.map((failure) => failure.scenario)).size).toBe(2);
  });

  it('JSON: every failure carries the same fingerprint, and rootCauses lists it once with every occurrence', () => {
    const failures = failedLocationChecks(first.json);
    const fingerprints = new Set(failures.map((failure) => failure.check.fingerprint));
    expect(fingerprints.size).toBe(1);
    const [fingerprint] = [...fingerprints];
    expect(fingerprint).toMatch(/^CREATE-201-LOCATION#[0-9a-f]{8}$/);
    const failing = first.json.rootCauses.filter((cause) => cause.level === 'error' && cause.waived !== true);
    expect(failing.map((cause) => cause.fingerprint)).toEqual([fingerprint]);
    expect(failing[0]!.occurrences).toHaveLength(failures.length);
    expect(failing[0]!.occurrences[0]).toMatchObject({
      scenario: 'Okta user lifecycle',
      file: 'scenarios/okta-user-lifecycle.yaml',
      idp: 'okta',
      step: expect.any(Number),
      line: expect.any(Number),
    });
  });

  it('pretty: one block with the occurrence count and places, and the summary counts root causes', () => {
    const count = failedLocationChecks(first.json).length;
    const fingerprint = first.json.rootCauses[0]!.fingerprint;
    expect(first.pretty.split('\n').filter((line) => line.startsWith('✗ CREATE-201-LOCATION '))).toHaveLength(1);
    expect(first.pretty).toContain(`  ${count} occurrences (root cause ${fingerprint}):\n`);
    expect(first.pretty).toMatch(/^ {4}scenarios\/okta-user-lifecycle\.yaml:\d+:\d+ \d+ assignUser /m);
    expect(first.pretty).toMatch(/^ {4}scenarios\/okta-group-push\.yaml:\d+:\d+ \d+ assignUser /m);
    expect(first.pretty).toMatch(new RegExp(`^Checks: +\\d+ passed, ${count} failed \\(1 root cause\\)`, 'm'));
  });

  it('JUnit: a failure per step, each naming the root cause and its place among the occurrences', () => {
    const count = failedLocationChecks(first.json).length;
    const fingerprint = first.json.rootCauses[0]!.fingerprint;
    const messages = [...first.junit.matchAll(/<failure message="([^"]*)" type="CREATE-201-LOCATION"/g)].map(
      (match) => match[1],
    );
    expect(messages).toHaveLength(count);
    for (const [index, message] of messages.entries())
      expect(message).toContain(`[root cause ${fingerprint}, ${index + 1} of ${count}]`);
    expect(first.junit).toContain(`${count} occurrences of root cause ${fingerprint}:`);
  });

  it('GitHub: one annotation at the first occurrence, saying how many more', () => {
    const count = failedLocationChecks(first.json).length;
    const annotations = first.pretty.split('\n').filter((line) => line.startsWith('::error '));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain('title=CREATE-201-LOCATION (RFC 7644 §3.3)');
    expect(annotations[0]).toContain(`and ${count - 1} more (root cause ${first.json.rootCauses[0]!.fingerprint}): `);
  });

  it('gives the same fingerprints to a second run against another server instance', () => {
    expect(second.json.runId).not.toBe(first.json.runId);
    expect(second.json.target.baseUrl).not.toBe(first.json.target.baseUrl);
    expect(second.json.rootCauses.map((cause) => cause.fingerprint)).toEqual(
      first.json.rootCauses.map((cause) => cause.fingerprint),
    );
    expect(failedLocationChecks(second.json).map((failure) => failure.check.fingerprint)).toEqual(
      failedLocationChecks(first.json).map((failure) => failure.check.fingerprint),
    );
  });
});
