import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';
import { type AnswerRewrite, deepArrayText, deepObjectText, useBoundsFixture, withMember } from './bounds-server.js';
import { STACK_TRACE } from './hostile-support.js';

/*
 * Issue 11 "Nothing leaks, nothing hangs": a server answering JSON nested thousands of levels
 * deep must not crash the run (every walker of server data would overflow the stack). The body is
 * refused once, where it is parsed, as a finding that names the reason; the run goes on and every
 * report is complete.
 */

const bounds = useBoundsFixture();

const DEPTH = 3000;
const isUserAnswer = ({ method, path }: { method: string; path: string }): boolean =>
  (method === 'POST' && /^\/Users\/?$/.test(path)) || (method === 'GET' && /^\/Users\/[^/?]+$/.test(path));

async function runDeep(rewrite: AnswerRewrite) {
  await bounds.start(rewrite);
  const json = join(bounds.dir, 'report.json');
  const junit = join(bounds.dir, 'junit.xml');
  const har = join(bounds.dir, 'trace.har');
  const run = await runMain(
    [
      'run',
      'scenarios/okta-user-lifecycle.yaml',
      '--base-url',
      bounds.server.baseUrl,
      '--reporter',
      `json=${json}`,
      '--reporter',
      `junit=${junit}`,
      '--har',
      har,
    ],
    { env: { SCIM_CHECK_TOKEN: bounds.server.token } },
  );
  return {
    ...run,
    json: readFileSync(json, 'utf8'),
    junit: readFileSync(junit, 'utf8'),
    har: readFileSync(har, 'utf8'),
  };
}

describe('a response nested thousands of levels deep', () => {
  it.each([
    ['objects', deepObjectText(DEPTH)],
    ['arrays', deepArrayText(DEPTH)],
  ])(
    'inside a User (%s): the run finishes with exit 1, a finding names the depth, and JSON, JUnit and HAR reports are complete',
    async (_kind, deep) => {
      const run = await runDeep((request, answer) =>
        isUserAnswer(request) && answer.status < 300 ? withMember(answer.text, 'nested', deep) : undefined,
      );
      expect(bounds.server.rewritten.length).toBeGreaterThan(0);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.stderr).not.toMatch(/internal error/i);
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(run.json) as {
        summary: { scenarios: number };
        scenarios: { steps: { error?: { code: string; message: string } }[] }[];
      };
      expect(report.summary.scenarios).toBe(1);
      const errors = report.scenarios
        .flatMap((scenario) => scenario.steps)
        .flatMap((step) => (step.error ? [step.error] : []));
      expect(errors).toContainEqual({
        code: 'BODY_TOO_DEEP',
        message: expect.stringMatching(/nested deeper than 64 levels/),
      });
      expect(XMLValidator.validate(run.junit)).toBe(true);
      expect(run.junit).toMatch(/nested deeper than 64 levels/);
      expect(run.stdout).toMatch(/nested deeper than 64 levels/);
      // The HAR still holds the answer as text (a body is a string, whatever it nests).
      expect((JSON.parse(run.har) as { log: { entries: unknown[] } }).log.entries.length).toBeGreaterThan(0);
    },
  );

  it('a body nested 20 levels deep (within the bound) is checked as usual', async () => {
    const run = await runDeep((request, answer) =>
      isUserAnswer(request) && answer.status < 300
        ? withMember(answer.text, 'urn:example:nested', deepObjectText(20))
        : undefined,
    );
    expect(run.stderr).toBe('');
    expect(run.json).not.toMatch(/BODY_TOO_DEEP/);
  });
});
