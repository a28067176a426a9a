import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type DeviationName, startDeviantServer } from '../support/deviant-server.js';
import { forwardToUpstream, type LoopbackProxy, readBody, startProxy } from '../support/loopback-proxy.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';

/*
 * What the judged-once and levels tests read from a run of the spec suite: every verdict with the
 * exchange it judged, the status that exchange got, and the spec step it belongs to (its `check:`
 * row and `expect:`, read from the scenario file, since the JSON report does not repeat them).
 */

export interface Verdict {
  id: string;
  status: string;
  level: string;
  message?: string;
  exchangeId?: number;
}
export interface Tolerance {
  status: number[];
  level: 'warning' | 'info';
  note: string;
}
export interface SpecStep {
  check?: string;
  expect?: { status?: number | number[]; tolerate?: Tolerance[] };
}
interface JsonStep {
  index: number;
  action: string;
  name?: string;
  exchanges: { id: number; status: number | null }[];
  checks: Verdict[];
}
interface JsonReport {
  scenarios: { file: string; idp: string; steps: JsonStep[] }[];
}

/** One exchange of a request step, with every verdict on it. */
export interface JudgedExchange {
  where: string;
  idp: string;
  spec: SpecStep;
  status: number | null;
  verdicts: Verdict[];
}

const stepsOf = new Map<string, SpecStep[]>();
function specSteps(file: string): SpecStep[] {
  let steps = stepsOf.get(file);
  if (steps === undefined) {
    steps = (parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as { steps: SpecStep[] }).steps;
    stepsOf.set(file, steps);
  }
  return steps;
}

/** Runs `scenarios` against `baseUrl` and returns every exchange of a request step with its verdicts. */
export async function judgedExchanges(
  scenarios: string[],
  baseUrl: string,
  token: string,
): Promise<{ exchanges: JudgedExchange[]; stderr: string }> {
  const run = await runMain(['run', ...scenarios, '--base-url', baseUrl, '--reporter', 'json'], {
    env: { SCIM_CHECK_TOKEN: token },
  });
  const report = JSON.parse(run.stdout) as JsonReport;
  const exchanges: JudgedExchange[] = [];
  for (const scenario of report.scenarios) {
    const file = scenario.file.slice(scenario.file.indexOf('scenarios/'));
    for (const step of scenario.steps) {
      if (step.action !== 'request') continue;
      const spec = specSteps(file)[step.index] ?? {};
      for (const exchange of step.exchanges) {
        exchanges.push({
          where: `${file}#${step.index} ${step.name ?? ''} (exchange ${exchange.id})`,
          idp: scenario.idp,
          spec,
          status: exchange.status,
          verdicts: step.checks.filter((check) => check.exchangeId === exchange.id),
        });
      }
    }
  }
  return { exchanges, stderr: run.stderr };
}

/** A reference server behind a proxy that answers some requests itself (`answer` returns status and body), else forwards. */
export async function startAnsweringServer(
  token: string,
  answer: (
    method: string,
    path: string,
    body: string,
    authorization: string | undefined,
  ) => { status: number; body: unknown } | undefined,
): Promise<LoopbackProxy> {
  return startProxy({
    reference: { token },
    async onRequest(req, res, { upstreamUrl, path }) {
      const body = await readBody(req);
      const own = answer(
        req.method ?? 'GET',
        decodeURIComponent(path),
        body.toString('utf8'),
        req.headers.authorization,
      );
      if (own !== undefined) {
        res.writeHead(own.status, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify(own.body));
        return;
      }
      const upstream = await forwardToUpstream(
        upstreamUrl,
        { method: req.method, path: req.url, headers: req.headers },
        body,
      );
      res.writeHead(upstream.status, upstream.headers);
      res.end(upstream.body);
    },
  });
}

export const scimError = (status: number, scimType?: string): unknown => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  status: String(status),
  ...(scimType !== undefined ? { scimType } : {}),
  detail: 'refused by the test server',
});

/** The spec scenarios' exchanges and verdicts against the reference server with these deviations. */
export async function onDeviant(names: DeviationName[], scenarios: string[]): Promise<JudgedExchange[]> {
  const server = await startDeviantServer(names);
  try {
    return (await judgedExchanges(scenarios, server.baseUrl, server.token)).exchanges;
  } finally {
    await server.close();
  }
}
