import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';
import { useBoundsFixture } from './bounds-server.js';
import { STACK_TRACE } from './hostile-support.js';

/*
 * Issue 11 "Nothing leaks, nothing hangs": the CPU one answer costs is bounded, since --timeout
 * does not bound it. A 7 MiB User with 600,000 attributes cost about 9 s of CPU per read (dozens
 * of passes over keys V8 keeps in a hash table, a path string per attribute, a pretty excerpt laid
 * out whole); it is now refused where it is parsed, as BODY_TOO_WIDE.
 */

const bounds = useBoundsFixture();

const ATTRIBUTES = 600_000;

/** `,"x0":0,"x1":1,…`: the members appended to every read of a user. */
function extraMembers(count: number): string {
  const members: string[] = [];
  for (let index = 0; index < count; index++) members.push(`"x${index}":${index % 10}`);
  return `,${members.join(',')}`;
}

describe('a User read answered with 600,000 attributes (7 MiB)', () => {
  it('costs the run a bounded amount of CPU, and the step errors with BODY_TOO_WIDE naming the count', async () => {
    const extra = extraMembers(ATTRIBUTES);
    await bounds.start(({ method, path }, answer) =>
      method === 'GET' && /^\/Users\/[^/?]+$/.test(path) && answer.status === 200
        ? `${answer.text.trimEnd().slice(0, -1)}${extra}}`
        : undefined,
    );
    const json = join(bounds.dir, 'report.json');
    const before = process.cpuUsage();
    const run = await runMain(
      ['run', 'scenarios/okta-user-lifecycle.yaml', '--base-url', bounds.server.baseUrl, '--reporter', `json=${json}`],
      { env: { SCIM_CHECK_TOKEN: bounds.server.token } },
    );
    const used = process.cpuUsage(before);
    expect(bounds.server.rewritten.length).toBeGreaterThan(0);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      scenarios: { steps: { error?: { code: string; message: string } }[] }[];
    };
    expect(report.scenarios[0]!.steps.flatMap((step) => (step.error ? [step.error] : []))).toContainEqual({
      code: 'BODY_TOO_WIDE',
      message: expect.stringMatching(/an object with 600,0\d\d members, more than the 1,000 scim-check checks/),
    });
    // This process also runs the proxy and the reference server; the run alone cost ~0.5 s.
    expect((used.user + used.system) / 1e6).toBeLessThan(5);
  });
});
