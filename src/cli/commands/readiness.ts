import { join } from 'node:path';
import { newRunId } from '../../engine/run-id.js';
import { runSuite } from '../../engine/run-suite.js';
import { ScimCheckError } from '../../errors.js';
import { planRun } from '../../plan/plan.js';
import { judgeSuite } from '../../readiness/judge.js';
import { readinessTable } from '../../readiness/readiness-table.js';
import { readinessSuite } from '../../readiness/registry.js';
import type { ReadinessReport } from '../../readiness/report.js';
import { TOKEN_SCENARIO } from '../../readiness/token-scenario-names.js';
import { withHarSpec } from '../ci-reporting.js';
import { closeAll } from '../close-all.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { invalidScenariosError, loadScenarios } from '../load-scenarios.js';
import { chooseTargetWithOAuth, type OAuthFlags } from '../oauth-options.js';
import { openInterruptibleExecutor } from '../open-executor.js';
import { openReporters, openSummaryReportFile, reporterContext, type SummaryReportFile } from '../reporter-options.js';
import { resolveScenarioPaths } from '../scenario-paths.js';
import { READINESS_FOLDER } from '../standard-scenarios.js';
import { openTargetOrRelease, type TargetOptions } from '../target.js';
import { runTokenEndpointChecks } from '../token-checks-scenario.js';
import { parseTimeout, type TransportFlags, transportSettings } from '../transport-options.js';
import { toolVersion } from '../version.js';

export interface ReadinessOptions extends TargetOptions, TransportFlags, OAuthFlags {
  reporter?: string;
  timeout: string;
  har?: string;
  verbose?: boolean;
  color?: boolean;
}

/** `--reporter pretty`, `json` (to stdout) or `json=FILE` (the table still goes to stdout). */
function parseReadinessReporter(value: string): { name: 'pretty' | 'json'; path?: string } {
  const [name = '', ...rest] = value.split('=');
  const path = rest.join('=');
  if ((name === 'pretty' && path === '') || name === 'json') return path === '' ? { name } : { name, path };
  throw new ScimCheckError('USAGE', `unknown reporter "${value}" for readiness`, {
    hint: 'choose pretty or json; write the rows to a file with --reporter json=readiness.json (--har FILE for the traffic)',
  });
}

/** The JSON document: the judged rows, and where they were judged. */
function readinessJson(report: ReadinessReport, target: { baseUrl: string; embedded: boolean }, runId: string): string {
  return `${JSON.stringify({ tool: { name: 'scim-check', version: toolVersion() }, target, runId, ...report }, null, 2)}\n`;
}

/**
 * `scim-check readiness <suite>`: runs the suite's scenarios (scenarios/readiness/) through the
 * normal engine against the target (the embedded reference server, over OAuth client credentials,
 * when no --base-url), judges each vendor test from the results and prints the readiness table.
 * Exit 0 when no blocking test is `not ready`, 1 otherwise, 2 when it could not run as asked.
 */
export async function readinessCommand(name: string, options: ReadinessOptions, io: CliIo): Promise<number> {
  const suite = readinessSuite(name);
  const reporter = parseReadinessReporter(options.reporter ?? 'pretty');
  const timeoutMs = parseTimeout(options.timeout);
  const transport = transportSettings(options, io);
  const choice = chooseTargetWithOAuth(options, io, 'check');
  const loaded = await loadScenarios(
    resolveScenarioPaths(
      suite.scenarios.map((file) => join(READINESS_FOLDER, file)),
      io.cwd,
    ),
    io,
  );
  if (loaded.errorCount > 0) throw invalidScenariosError(loaded.errorCount);
  const plan = planRun(loaded.scenarios, { check: [], skipCheck: [] });

  // Files first (an unwritable path is exit 2 with nothing to undo), then the target.
  const jsonFile: SummaryReportFile | undefined =
    reporter.name === 'json' && reporter.path !== undefined ? openSummaryReportFile(reporter.path) : undefined;
  const har = openReporters(
    withHarSpec([], options.har),
    reporterContext(io, options, (file) => loaded.sources.get(file)),
    io.stdout,
  );
  const release = async (): Promise<void> => {
    jsonFile?.close();
    await har.close();
  };
  // A gallery app must offer OAuth client credentials: without a target, the embedded server is
  // started as an authorization server too, and the run authenticates with a client secret.
  const opened = await openTargetOrRelease(choice, io, release, {
    embeddedAuth: 'client-credentials',
    transport: { timeoutMs, tls: transport.tls, proxy: transport.proxy },
  });
  const runId = newRunId();
  const { executor, interrupts } = openInterruptibleExecutor(io, opened, transport, { timeoutMs, runId });
  try {
    // A suite with credentials tests (the gallery's Validate_Credentials_Test and
    // Federated_Identity_Test) gets the token-endpoint checks of every flow the target offers,
    // judged at the levels of the suite's IdP (Entra: TOKEN-LIFETIME is an error).
    const judgesTokens = suite.tests.some((test) => test.decidedBy?.scenario === TOKEN_SCENARIO);
    const tokenScenario = judgesTokens
      ? await runTokenEndpointChecks(opened, transport, timeoutMs, { idp: suite.idp })
      : undefined;
    const result = await runSuite(plan, {
      executor,
      target: opened.target,
      runId,
      toolVersion: toolVersion(),
      env: io.env.variables,
      signal: interrupts.signal,
      onEvent: (event) => {
        for (const reporter of har.reporters) reporter.onEvent?.(event);
      },
    });
    for (const reporter of har.reporters) await reporter.finish(result);
    if (result.interrupted) return EXIT.interrupted;
    if (result.notStarted !== undefined)
      throw new ScimCheckError('PREFLIGHT_FAILED', result.notStarted.message, {
        ...(result.notStarted.hint !== undefined ? { hint: result.notStarted.hint } : {}),
      });
    const report = judgeSuite(suite, [...(tokenScenario !== undefined ? [tokenScenario] : []), ...result.scenarios]);
    if (reporter.name === 'json' && reporter.path === undefined)
      io.stdout.write(readinessJson(report, opened.target, runId));
    else io.stdout.write(readinessTable(report, { verbose: options.verbose ?? false }));
    // stdout is redacted by the output guard; the report file by the target's redactor.
    jsonFile?.write(opened.redact(readinessJson(report, opened.target, runId)));
    return report.ready ? EXIT.ok : EXIT.failed;
  } finally {
    interrupts.dispose();
    await closeAll([release, () => executor.close(), () => opened.close()]);
  }
}
