import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../support/run-main.js';
import type { HostileServer, Stranger } from './hostile-server.js';
import type { Snapshot } from './support.js';

/*
 * Runs the CLI in-process against a hostile server and reads what it reported, for
 * hostile-run.test.ts and hostile-load.test.ts.
 */

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where the JSON report of one run goes; removed by `removeReportDirs()` after each test. */
const reportDirs: string[] = [];

function reportPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-hostile-'));
  reportDirs.push(dir);
  return join(dir, 'report.json');
}

export function removeReportDirs(): void {
  for (const dir of reportDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The JSON report of `scim-check run`, as far as these tests read it. */
export interface RunReport {
  scenarios: {
    name: string;
    leftovers: { resourceType: string; id: string; name: string }[];
    possibleLeftovers?: unknown[];
    steps: {
      action: string;
      subject?: string;
      status: string;
      error?: { code: string; message: string };
      checks: { id: string; status: string; message?: string; findings?: { message: string }[] }[];
    }[];
  }[];
}

/** The JSON report of `scim-check load`, as far as these tests read it. */
export interface LoadReport {
  summary: { passed: boolean; reasons: string[] };
  cleanup: { deleted: number; leftovers: number; skipped: boolean; possibleLeftovers?: unknown[] };
}

/**
 * `scim-check run <scenario> --base-url <hostile> --reporter json=FILE --timeout MS`: the pretty
 * report on stdout (the default alongside a file reporter), the JSON report read back.
 */
export async function runScenario(
  server: HostileServer,
  scenario: string,
  options: { timeoutMs?: number } = {},
): Promise<CliOutcome & { report: RunReport | undefined }> {
  const file = reportPath();
  const outcome = await runMain(
    [
      'run',
      scenario,
      '--base-url',
      server.baseUrl,
      '--reporter',
      `json=${file}`,
      '--timeout',
      String(options.timeoutMs ?? 2000),
    ],
    { env: { SCIM_CHECK_TOKEN: server.upstream.token } },
  );
  const report =
    existsSync(file) && readFileSync(file, 'utf8') !== ''
      ? (JSON.parse(readFileSync(file, 'utf8')) as RunReport)
      : undefined;
  return { ...outcome, report };
}

/** `scim-check load --idp <idp> --users 5 --groups 2 --members-per-group 2 --concurrency 5 --reporter json=FILE` against the hostile server. */
export async function runLoad(
  server: HostileServer,
  idp: string,
  options: { timeoutMs?: number } = {},
): Promise<CliOutcome & { report: LoadReport | undefined }> {
  const file = reportPath();
  const args = [
    'load',
    '--idp',
    idp,
    '--users',
    '5',
    '--groups',
    '2',
    '--members-per-group',
    '2',
    '--concurrency',
    '5',
    '--base-url',
    server.baseUrl,
    '--reporter',
    `json=${file}`,
    '--timeout',
    String(options.timeoutMs ?? 2000),
  ];
  // `load` runs its sync in a worker thread that only exists compiled (dist/).
  const outcome = await runMain(args, { env: { SCIM_CHECK_TOKEN: server.upstream.token }, compiled: true });
  const report =
    existsSync(file) && readFileSync(file, 'utf8') !== ''
      ? (JSON.parse(readFileSync(file, 'utf8')) as LoadReport)
      : undefined;
  return { ...outcome, report };
}

/** Pre-existing resources whose raw body changed or that are gone, as `/Users/{id} deleted` lines. */
export function changedStrangers(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [url, body] of before) {
    if (!after.has(url)) changes.push(`${url} deleted`);
    else if (after.get(url) !== body) changes.push(`${url} changed`);
  }
  return changes;
}

/** What is on the reference server now that was not there before the run (by type, id and name). */
export function leftBehind(server: HostileServer): Stranger[] {
  const found: Stranger[] = [];
  for (const user of server.upstream.store.all('User'))
    if (!server.strangers.has(user.id)) found.push({ resourceType: 'User', id: user.id, name: String(user.userName) });
  for (const group of server.upstream.store.all('Group'))
    if (!server.strangers.has(group.id))
      found.push({ resourceType: 'Group', id: group.id, name: String(group.displayName) });
  return found;
}

/** Every scenario's `possibleLeftovers`, in one list. */
export function possibleLeftoversOf(report: RunReport): unknown[] {
  return report.scenarios.flatMap((scenario) => scenario.possibleLeftovers ?? []);
}

/** Leftover ids that belong to pre-existing resources: the run claimed someone else's data as its own. */
export function strangersClaimedAsLeftovers(report: RunReport, server: HostileServer): string[] {
  return report.scenarios
    .flatMap((scenario) => scenario.leftovers)
    .filter((leftover) => server.strangers.has(leftover.id))
    .map((leftover) => `${leftover.resourceType} ${leftover.name} (${leftover.id})`);
}

/** The steps in which check `id` failed, by action and subject (`assignUser dana`). */
export function stepsFailing(report: RunReport, id: string): string[] {
  return report.scenarios
    .flatMap((scenario) => scenario.steps)
    .filter((step) => step.checks.some((check) => check.id === id && check.status === 'failed'))
    .map((step) => `${step.action}${step.subject === undefined ? '' : ` ${step.subject}`}`);
}

/** Runtime errors of steps with this code, as their messages. */
export function stepErrors(report: RunReport, code: string): string[] {
  return report.scenarios
    .flatMap((scenario) => scenario.steps)
    .filter((step) => step.error?.code === code)
    .map((step) => step.error!.message);
}

/** A stack trace in stderr means the CLI crashed instead of reporting a finding. */
export const STACK_TRACE = /\n\s+at \S+/;
