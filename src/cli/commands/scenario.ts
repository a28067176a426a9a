import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ScimCheckError } from '../../errors.js';
import { draftScenario, driftReport, formatDrift, type Recording, readHar } from '../../har-import/index.js';
import { createRedactor } from '../../http/redactor.js';
import { formatDiagnostics, loadScenarioText } from '../../scenario/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toolVersion } from '../version.js';

export interface FromHarOptions {
  idp?: string;
  output?: string;
  force?: boolean;
}

/** Reads the HAR and hands its secrets to the output guard before anything from it is printed. */
export async function readRecording(file: string, io: CliIo): Promise<Recording> {
  const recording = await readHar(file, resolve(io.cwd, file));
  io.guard?.protect(recording.secrets);
  return recording;
}

async function writeNew(path: string, text: string, force: boolean, shown: string): Promise<void> {
  try {
    await writeFile(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new ScimCheckError('USAGE', `${shown} already exists; nothing was written`, {
        hint: 'choose another -o file, or add --force to overwrite it',
        cause: error,
      });
    throw new ScimCheckError('USAGE', `cannot write ${shown}: ${code ?? String(error)}`, { cause: error });
  }
}

/**
 * `scim-check scenario from-har FILE`: a draft scenario from a recording, to stdout or `-o FILE`.
 * The draft is loaded like any scenario before it is written: one that does not validate is a
 * bug of ours, reported as such rather than handed to the user.
 */
export async function fromHarCommand(file: string, options: FromHarOptions, io: CliIo): Promise<number> {
  const recording = await readRecording(file, io);
  const draft = draftScenario(recording, options.idp);
  // Belt and braces: the draft is built from redacted values, and is redacted once more as a whole.
  const yaml = createRedactor(recording.secrets)(draft.yaml);
  const shown = options.output ?? 'draft.yaml';
  const loaded = loadScenarioText(yaml, shown);
  if (loaded.scenario === undefined || loaded.diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    throw new Error(`the draft of ${file} does not validate:\n${formatDiagnostics(loaded.diagnostics, yaml)}`);
  const actions = draft.session.steps.filter((step) => step.action !== 'request').length;
  const raw = draft.session.steps.length - actions;
  const summary = `${recording.exchanges.length} requests → ${actions} IdP action${actions === 1 ? '' : 's'}, ${raw} raw request${raw === 1 ? '' : 's'} (profile ${draft.idp})`;
  if (options.output === undefined) {
    io.stdout.write(yaml);
    io.stderr.write(`${summary}\n`);
    return EXIT.ok;
  }
  await writeNew(resolve(io.cwd, options.output), yaml, options.force === true, options.output);
  io.stderr.write(`wrote ${options.output}: ${summary}\n  next: scim-check run ${options.output}\n`);
  return EXIT.ok;
}

export interface DriftOptions {
  idp?: string;
  reporter?: string;
  failOnDrift?: boolean;
}

/**
 * `scim-check scenario drift FILE`: per recognised action, the recorded requests next to what the
 * profile predicts. A maintainer's tool: it reports and exits 0; `--fail-on-drift` makes drift exit 1.
 */
export async function driftCommand(file: string, options: DriftOptions, io: CliIo): Promise<number> {
  const reporter = options.reporter ?? 'pretty';
  if (reporter !== 'pretty' && reporter !== 'json')
    throw new ScimCheckError('USAGE', `unknown drift reporter "${reporter}"`, {
      hint: 'use --reporter pretty or --reporter json',
    });
  const recording = await readRecording(file, io);
  const draft = draftScenario(recording, options.idp);
  const report = await driftReport(recording, draft, toolVersion());
  const redact = createRedactor(recording.secrets);
  io.stdout.write(redact(reporter === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatDrift(report)));
  return report.drift && options.failOnDrift === true ? EXIT.failed : EXIT.ok;
}
