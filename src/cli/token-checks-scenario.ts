import { isJwtBearer, type OAuthTokenSource } from '../auth/oauth-client.js';
import { checkTokenEndpoint } from '../auth/token-endpoint-checks.js';
import { OAUTH_TOKEN } from '../checks/catalogue/oauth-token.js';
import type { RunEvent, RunResult, ScenarioResult, StepResult } from '../engine/results.js';
import { summarize } from '../engine/run-suite.js';
import { createHttpTransport } from '../http/http-transport.js';
import type { IdpName } from '../idp/profile-names.js';
import { CLIENT_ASSERTION_STEP, CLIENT_CREDENTIALS_STEP, TOKEN_SCENARIO } from '../readiness/token-scenario-names.js';
import type { OpenedTarget } from './target.js';
import type { TransportSettings } from './transport-options.js';

/*
 * The token-endpoint checks of a `run` (and `readiness`) with OAuth, reported like any scenario: a
 * synthetic scenario `oauth-token-endpoint` with one step per way the client authenticates
 * ("client credentials" with a secret, "client assertion" with a signed JWT), each holding that
 * flow's TOKEN-* verdicts, so pretty, JSON, JUnit, HTML, the readiness table and the exit code
 * all count them.
 */

export { TOKEN_SCENARIO };

/** How runTokenEndpointChecks runs. */
export interface TokenEndpointScenarioOptions {
  /** The profile whose INTEROP rows decide levels (the gallery's `entra` makes TOKEN-LIFETIME an error). */
  idp?: IdpName;
  /** `--check` / `--skip-check`: unselected TOKEN-* rows are dropped, and with none selected nothing is sent. */
  selectCheck?: (id: string) => boolean;
}

/** The flow a source authenticates with, as its step is named. */
function flowOf(source: OAuthTokenSource): string {
  return isJwtBearer(source.options) ? CLIENT_ASSERTION_STEP : CLIENT_CREDENTIALS_STEP;
}

/**
 * Runs the checks over a transport of their own (same TLS, proxy and timeout; each request
 * carries its own token), once for the run's own token source and once for the target's
 * `federated` source when there is one. Undefined without OAuth, or when --check/--skip-check
 * leaves no TOKEN-* row.
 */
export async function runTokenEndpointChecks(
  opened: OpenedTarget,
  settings: TransportSettings,
  timeoutMs: number,
  options: TokenEndpointScenarioOptions = {},
): Promise<ScenarioResult | undefined> {
  if (opened.oauth === undefined) return undefined;
  const select = options.selectCheck ?? (() => true);
  if (!OAUTH_TOKEN.rows.some((row) => select(row.id))) return undefined;
  const started = performance.now();
  const transport = createHttpTransport({
    baseUrl: opened.target.baseUrl,
    token: undefined,
    timeoutMs,
    tls: settings.tls,
    proxy: opened.target.embedded ? {} : settings.proxy,
  });
  const steps: StepResult[] = [];
  try {
    for (const source of [opened.oauth, opened.federated]) {
      if (source === undefined) continue;
      const stepStarted = performance.now();
      const checks = (
        await checkTokenEndpoint(source, transport, options.idp !== undefined ? { idp: options.idp } : {})
      ).filter((check) => select(check.id));
      const failed = checks.some((check) => check.status === 'failed' && check.level === 'error');
      steps.push({
        index: steps.length,
        action: 'preflight',
        name: `${flowOf(source)} at ${source.options.tokenUrl}`,
        line: 1,
        column: 1,
        status: failed ? 'failed' : 'passed',
        exchanges: [],
        checks,
        durationMs: performance.now() - stepStarted,
      });
    }
  } finally {
    await transport.close();
  }
  const durationMs = performance.now() - started;
  return {
    file: TOKEN_SCENARIO,
    name: TOKEN_SCENARIO,
    idp: options.idp ?? 'generic',
    status: steps.some((step) => step.status === 'failed') ? 'failed' : 'passed',
    steps,
    leftovers: [],
    durationMs,
  };
}

/** The events a reporter expects for one finished scenario. */
export function scenarioEvents(scenario: ScenarioResult): RunEvent[] {
  return [
    {
      type: 'scenarioStart',
      file: scenario.file,
      name: scenario.name,
      idp: scenario.idp,
      stepCount: scenario.steps.length,
    },
    ...scenario.steps.map((step): RunEvent => ({ type: 'stepEnd', scenario: scenario.name, step })),
    { type: 'scenarioEnd', result: scenario },
  ];
}

/** The run's result with the token scenario first, and the summary counting it. */
export function withTokenScenario(result: RunResult, scenario: ScenarioResult | undefined): RunResult {
  if (scenario === undefined) return result;
  const scenarios = [scenario, ...result.scenarios];
  return { ...result, scenarios, summary: summarize(scenarios, result.summary.durationMs) };
}
