import { afterEach, describe, expect, it } from 'vitest';
import { STRICT_NOTE } from '../../src/engine/strict.js';
import { type DeviantServer, startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

/*
 * --strict makes warnings fail the run, and --bail stops at the first failure; both must leave
 * reports that say what happened. --strict used to change only the exit code: exit 1 while the
 * pretty summary, the JSON report and JUnit (`failures="0"`) all said the run passed.
 */

let server: DeviantServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Report {
  summary: { failed: number; checks: { failed: number; warnings: number } };
  scenarios: { steps: { checks: { id: string; status: string; level: string; message?: string }[] }[] }[];
}

describe('--strict', () => {
  it('every report agrees with the exit code: the warning is a failure in pretty, JSON and JUnit', async () => {
    // A server that invents scimType keywords: ERR-SCIMTYPE, a SHOULD (warning) and nothing else.
    server = await startDeviantServer(['invented-scim-type']);
    const args = ['run', 'scenarios/spec/create-and-read.yaml', '--base-url', server.baseUrl, '--reporter', 'json'];
    const env = { SCIM_CHECK_TOKEN: server.token };
    const lenient = await runMain(args, { env });
    const lenientReport = JSON.parse(lenient.stdout) as Report;
    expect(lenient.code).toBe(0);
    expect(lenientReport.summary.checks).toMatchObject({ failed: 0, warnings: expect.any(Number) });
    expect(lenientReport.summary.checks.warnings).toBeGreaterThan(0);

    const strict = await runMain([...args, '--strict'], { env });
    const report = JSON.parse(strict.stdout) as Report;
    expect(strict.code).toBe(1);
    expect(report.summary.checks).toMatchObject({ failed: lenientReport.summary.checks.warnings, warnings: 0 });
    expect(report.summary.failed).toBe(1);
    const failed = report.scenarios
      .flatMap((scenario) => scenario.steps.flatMap((step) => step.checks))
      .filter((check) => check.status === 'failed');
    expect(failed.map((check) => check.level)).toEqual(failed.map(() => 'error'));
    expect(failed.map((check) => check.id)).toContain('ERR-SCIMTYPE');
    expect(failed.every((check) => check.message?.endsWith(`(${STRICT_NOTE})`))).toBe(true);
    // The pretty summary and JUnit say the same.
    const pretty = await runMain([...args.slice(0, -2), '--strict'], { env });
    expect(pretty.stdout).toMatch(/Scenarios: 1 failed/);
    expect(pretty.stdout).toContain(STRICT_NOTE);
    const junit = await runMain([...args.slice(0, -2), '--strict', '--reporter', 'junit'], { env });
    expect(junit.stdout).toMatch(/<testsuites name="scim-check" tests="\d+" failures="[1-9]\d*"/);
  });
});

describe('--bail', () => {
  it('prints the scenarios it skipped as one line, under the failure that stopped it (it printed 38 identical lines)', async () => {
    server = await startDeviantServer(['content-type-json-scim']);
    const run = await runMain(['run', 'scenarios/', '--bail', '--base-url', server.baseUrl], {
      env: { SCIM_CHECK_TOKEN: server.token },
    });
    expect(run.code).toBe(1);
    const skipped =
      /○ (\d+) scenarios skipped: skipped after the first failure \(--bail\) \(--verbose names them\)/.exec(run.stdout);
    expect(skipped, run.stdout.slice(-2000)).not.toBeNull();
    const total = Number(/Scenarios: 1 failed, (\d+) skipped/.exec(run.stdout)?.[1]);
    expect(Number(skipped![1])).toBe(total);
    expect(run.stdout.match(/skipped after the first failure/g)).toHaveLength(1);
  });
});
