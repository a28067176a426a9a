import { describe, expect, it } from 'vitest';
import { allCatalogueRows } from '../../src/checks/catalogue.js';
import { catalogueCoverage } from '../../src/checks/implemented.js';
import { DEVIATIONS, type DeviantServer, type DeviationName, startDeviantServer } from '../support/deviant-server.js';
import { runMain } from '../support/run-main.js';

interface JsonCheck {
  id: string;
  status: string;
  level: string;
  message?: string;
}
interface JsonReport {
  summary: { checks: { failed: number; warnings: number } };
  scenarios: { file: string; status: string; steps: { status: string; checks: JsonCheck[] }[] }[];
}

/**
 * Runs the built-in spec suite against a deviant server and returns the JSON report. Each test
 * has its own server and in-process CLI run, so the tests run concurrently.
 */
async function runSpecSuite(
  names: DeviationName[],
): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const server: DeviantServer = await startDeviantServer(names);
  try {
    const run = await runMain(['run', 'scenarios/spec', '--base-url', server.baseUrl, '--reporter', 'json'], {
      env: { SCIM_CHECK_TOKEN: server.token },
    });
    return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
  } finally {
    await server.close();
  }
}

/** Every failed catalogue verdict by ID: errors and warnings, and info too when asked (rows the RFC only lets us record). */
function failedIds(report: JsonReport, includeInfo = false): Set<string> {
  const ids = new Set<string>();
  for (const scenario of report.scenarios)
    for (const step of scenario.steps)
      for (const check of step.checks)
        if (check.status === 'failed' && (includeInfo || check.level !== 'info')) ids.add(check.id);
  return ids;
}

const deviations = Object.entries(DEVIATIONS).filter(([, deviation]) => deviation.caughtBy.length > 0) as [
  DeviationName,
  (typeof DEVIATIONS)[DeviationName],
][];
const compliant = Object.entries(DEVIATIONS).filter(([, deviation]) => deviation.caughtBy.length === 0) as [
  DeviationName,
  (typeof DEVIATIONS)[DeviationName],
][];

describe.concurrent('the spec suite against a server with one injected deviation', () => {
  it('has at least 15 distinct deviations to catch', () => {
    expect(deviations.length).toBeGreaterThanOrEqual(15);
  });

  it('finds nothing wrong when no deviation is switched on (the proxy itself is transparent)', async () => {
    const { code, report, stderr } = await runSpecSuite([]);
    expect([...failedIds(report)], stderr).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);

  it.concurrent.each(deviations)(
    'catches %s',
    async (name, deviation) => {
      const { code, report } = await runSpecSuite([name]);
      const failed = failedIds(report, true);
      for (const id of deviation.caughtBy)
        expect([...failed], `${deviation.description} should fail ${id}`).toContain(id);
      // Errors make the run fail; a SHOULD-level deviation alone is a warning and still exits 0.
      const onlyWarnings = report.summary.checks.failed === 0;
      expect(code).toBe(onlyWarnings ? 0 : 1);
    },
    120_000,
  );
});

describe.concurrent('compliant variants are never flagged', () => {
  it.concurrent.each(compliant)(
    'accepts %s',
    async (name, deviation) => {
      const { code, report, stderr } = await runSpecSuite([name]);
      expect([...failedIds(report)], `${deviation.description}\n${stderr}`).toEqual([]);
      expect(code).toBe(0);
    },
    120_000,
  );

  it('accepts all compliant variants at once', async () => {
    const { code, report } = await runSpecSuite(compliant.map(([name]) => name));
    expect([...failedIds(report)]).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);
});

describe('what the user sees', () => {
  it('groups an identical failure on every exchange into one block with a count', async () => {
    const server = await startDeviantServer(['content-type-json-scim']);
    try {
      const run = await runMain(['run', 'scenarios/spec/auth-and-media.yaml', '--base-url', server.baseUrl], {
        env: { SCIM_CHECK_TOKEN: server.token },
      });
      expect(run.code).toBe(1);
      // Ten exchanges break the passive rule; they make one block. The spec step that proves the
      // row on purpose reports its own (different) message in a second block.
      const blocks = run.stdout.split('\n').filter((line) => /^✗ MEDIA-RESP-TYPE\b/.test(line.trim()));
      expect(blocks.length).toBeLessThanOrEqual(2);
      expect(run.stdout).toMatch(/\d+ occurrences \(root cause MEDIA-RESP-TYPE#[0-9a-f]{8}\)/);
      expect(run.stdout).toContain('RFC 7644 §3.1, §3.8, §8.1');
      // What the RFC requires (title), what came back (actual) and how to fix it (fix:).
      expect(run.stdout).toContain('actual: "application/json+scim"');
      expect(run.stdout).toContain('fix: send `Content-Type: application/scim+json');
    } finally {
      await server.close();
    }
  }, 120_000);

  it('--check narrows the run to the selected rows, and an unknown glob is a usage error', async () => {
    const server = await startDeviantServer(['content-type-json-scim']);
    try {
      const selected = await runMain(
        [
          'run',
          'scenarios/spec/auth-and-media.yaml',
          '--base-url',
          server.baseUrl,
          '--check',
          'AUTH-*',
          '--reporter',
          'json',
        ],
        { env: { SCIM_CHECK_TOKEN: server.token } },
      );
      const report = JSON.parse(selected.stdout) as JsonReport;
      const ids = new Set(
        report.scenarios.flatMap((scenario) => scenario.steps.flatMap((step) => step.checks.map((check) => check.id))),
      );
      expect([...ids].filter((id) => !id.startsWith('AUTH-') && id !== 'SCENARIO-EXPECT')).toEqual([]);
      expect(selected.code).toBe(0);
      const typo = await runMain(['run', '--check', 'NO-SUCH-*']);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain('matches no check ID');
    } finally {
      await server.close();
    }
  }, 120_000);

  it('`list checks --json` lists every catalogue row, implemented as the coverage data says', async () => {
    const run = await runMain(['list', 'checks', '--json']);
    expect(run.code).toBe(0);
    const rows = (JSON.parse(run.stdout) as { checks: { id: string; implemented: boolean; reason?: string }[] }).checks;
    expect(rows.map((row) => row.id)).toEqual(allCatalogueRows().map((row) => row.id));
    expect(rows.filter((row) => !row.implemented).map((row) => row.id)).toEqual(
      catalogueCoverage()
        .filter((row) => row.coverage.length === 0)
        .map((row) => row.row.id),
    );
    for (const row of rows.filter((entry) => !entry.implemented)) expect(row.reason, row.id).toBeTruthy();
  });
});
