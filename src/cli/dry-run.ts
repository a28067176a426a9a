import { isScenarioStep, type RunResult, type StepResult } from '../engine/results.js';
import { simulateRun } from '../engine/simulate-run.js';
import type { Exchange } from '../http/exchange.js';
import type { RunPlan } from '../plan/plan.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { toolVersion } from './version.js';

export interface DryRunOptions {
  env: Record<string, string | undefined>;
}

const BODY_INDENT = '      ';

/** `/Users?filter=userName eq "a@x"`: the path under the base URL, with the query decoded for reading. */
function requestLine(exchange: Exchange): string {
  const url = new URL(exchange.request.url);
  const path = url.pathname.startsWith('/scim/v2') ? url.pathname.slice('/scim/v2'.length) || '/' : url.pathname;
  const query = [...url.searchParams].map(([name, value]) => `${name}=${value}`).join('&');
  return `${exchange.request.method} ${path}${query === '' ? '' : `?${query}`}`;
}

/** The body as one line of compact JSON (a raw, non-JSON body as written), under its request line. */
function bodyLines(body: string | undefined): string[] {
  if (body === undefined || body === '') return [];
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body));
  } catch {
    // A deliberately odd raw body is shown as written.
  }
  return [`${BODY_INDENT}${text}`];
}

function stepHeading(step: StepResult): string {
  const name = step.name === undefined ? '' : ` ${step.name}`;
  return isScenarioStep(step) ? `  ${step.index + 1} ${step.action}${name}` : `  ${step.action}`;
}

/** The plan as text: per scenario and profile, each step's requests; read-backs marked as scim-check's own. */
function formatDryRun(result: RunResult, purposeOf: ReadonlyMap<number, string>): string {
  const lines = [
    'Dry run: nothing was sent. These are the requests each IdP profile would send; the answers they',
    "reacted to were simulated in memory (ids are generated), and `verify` lines are scim-check's own read-backs.",
  ];
  for (const scenario of result.scenarios) {
    lines.push('', `${scenario.file} — ${scenario.name} (profile: ${scenario.idp})`);
    if (scenario.steps.length === 0) lines.push(`  skipped: ${scenario.skipReason ?? 'not run'}`);
    for (const step of scenario.steps) {
      lines.push(stepHeading(step));
      if (step.status === 'skipped') lines.push(`    (skipped: ${step.skipReason ?? 'not run'})`);
      if (step.exchanges.length === 0 && step.status !== 'skipped') lines.push('    (no request)');
      for (const exchange of step.exchanges) {
        if (purposeOf.get(exchange.id) === 'readBack') {
          lines.push(`    verify: ${requestLine(exchange)}`);
          continue;
        }
        lines.push(`    ${requestLine(exchange)}`);
        lines.push(...bodyLines(exchange.request.body));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `scim-check run --dry-run`: drives the real engine and profiles through the executor against a
 * fresh in-memory reference server (the in-process transport: no socket) and prints what would be
 * sent. No network, exit 0.
 */
export async function dryRun(plan: RunPlan, options: DryRunOptions, io: CliIo): Promise<number> {
  const { result, purposeOf } = await simulateRun(plan, { toolVersion: toolVersion(), env: options.env });
  io.stdout.write(formatDryRun(result, purposeOf));
  return EXIT.ok;
}
