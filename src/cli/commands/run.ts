import { newRunId } from '../../engine/run-id.js';
import { runSuite } from '../../engine/run-suite.js';
import type { RunResult } from '../../engine/results.js';
import { ScimCheckError } from '../../errors.js';
import { createRedactor } from '../../http/redactor.js';
import { createScimClient } from '../../http/scim-client.js';
import { findProfile, allProfiles } from '../../idp/registry.js';
import type { IdpName } from '../../scenario/model.js';
import { EXIT } from '../exit-codes.js';
import { watchInterrupts } from '../interrupts.js';
import { isInteractive, useColor, type CliIo } from '../io.js';
import { invalidScenariosError, loadScenarios } from '../load-scenarios.js';
import { printError } from '../print-error.js';
import { openReporters, parseReporterSpecs } from '../reporter-options.js';
import { resolveScenarioPaths } from '../scenario-paths.js';
import { parseBaseUrl, readToken } from '../target.js';
import { toolVersion } from '../version.js';

export interface RunOptions {
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
  idp?: string;
  reporter: string[];
  timeout: string;
  grep?: string;
  bail?: boolean;
  keep?: boolean;
  strict?: boolean;
  verbose?: boolean;
  color?: boolean;
}

function parseTimeout(value: string): number {
  const timeout = Number(value);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new ScimCheckError('USAGE', `--timeout must be a positive number of milliseconds, not "${value}"`, { hint: 'e.g. --timeout 30000' });
  return timeout;
}

function parseIdp(value: string | undefined): IdpName | undefined {
  if (value === undefined) return undefined;
  if (!findProfile(value)) throw new ScimCheckError('USAGE', `unknown IdP profile "${value}"`, { hint: `choose from ${allProfiles().map((profile) => profile.name).join(', ')} (see \`scim-check list profiles\`)` });
  return value as IdpName;
}

/** The exit code a finished run earns (DESIGN.md). */
export function exitCodeOf(result: RunResult, strict: boolean): number {
  if (result.interrupted) return EXIT.interrupted;
  const { summary } = result;
  if (summary.failed > 0 || summary.errored > 0) return EXIT.failed;
  if (strict && summary.checks.warnings > 0) return EXIT.failed;
  return EXIT.ok;
}

/**
 * `scim-check run`: load scenarios, pick the target (the embedded reference server when no
 * --base-url), replay them, report, and return the exit code.
 */
export async function runCommand(paths: string[], options: RunOptions, io: CliIo): Promise<number> {
  const specs = parseReporterSpecs(options.reporter);
  const timeoutMs = parseTimeout(options.timeout);
  const idp = parseIdp(options.idp);
  const baseUrlOption = options.baseUrl ?? io.env.baseUrl;
  const baseUrl = baseUrlOption === undefined ? undefined : parseBaseUrl(baseUrlOption);
  const token = readToken(options, io.env.token);
  if (baseUrl !== undefined && token === undefined) {
    throw new ScimCheckError('USAGE', `no token for ${baseUrl}`, { hint: 'pass --token, --token-file FILE or set SCIM_CHECK_TOKEN (leave out --base-url to run against the embedded reference server)' });
  }

  const loaded = await loadScenarios(resolveScenarioPaths(paths, io.cwd), io);
  if (loaded.errorCount > 0) throw invalidScenariosError(loaded.errorCount);
  let scenarios = loaded.scenarios;
  if (options.grep !== undefined) {
    const pattern = options.grep.toLowerCase();
    scenarios = scenarios.filter((scenario) => scenario.name.toLowerCase().includes(pattern) || scenario.file.toLowerCase().includes(pattern));
    if (scenarios.length === 0) throw new ScimCheckError('USAGE', `--grep "${options.grep}" matches no scenario name or file`, { hint: 'see `scim-check list` for the names' });
  }

  // The embedded server is loaded only when needed: a run against a real server never pays for it.
  const embedded = baseUrl === undefined ? await (await import('../../server/index.js')).startReferenceServer({ port: 0 }) : undefined;
  const target = { baseUrl: baseUrl ?? embedded!.baseUrl, embedded: embedded !== undefined };
  const secret = token ?? embedded?.token;
  const redact = createRedactor([secret]);
  const client = createScimClient({ baseUrl: target.baseUrl, token: secret, timeoutMs, redact });
  const interrupts = watchInterrupts(io);
  const open = openReporters(
    specs,
    {
      err: io.stderr,
      color: useColor(options.color, io),
      interactive: isInteractive(io),
      verbose: options.verbose ?? false,
      sourceOf: (file) => loaded.sources.get(file),
    },
    io.stdout,
  );
  try {
    let result: RunResult;
    try {
      result = await runSuite(scenarios, {
        client,
        target,
        runId: newRunId(),
        toolVersion: toolVersion(),
        ...(idp !== undefined ? { idp } : {}),
        env: io.env.variables,
        signal: interrupts.signal,
        bail: options.bail ?? false,
        keep: options.keep ?? false,
        onEvent: (event) => {
          for (const reporter of open.reporters) reporter.onEvent?.(event);
        },
      });
    } catch (error) {
      printError(io, error, redact);
      return error instanceof ScimCheckError ? EXIT.usage : EXIT.failed;
    }
    for (const reporter of open.reporters) await reporter.finish(result);
    return exitCodeOf(result, options.strict ?? false);
  } finally {
    interrupts.dispose();
    await open.close();
    await client.close();
    await embedded?.close();
  }
}
