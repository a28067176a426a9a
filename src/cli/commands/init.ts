import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { ScimCheckError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import { githubWorkflow, STARTER_SCENARIO, STARTER_WAIVERS } from './init-templates.js';

export interface InitOptions {
  force?: boolean;
}

/** The files `init` writes, relative to the project directory. */
const INIT_FILES = ['scim-check/scenarios/starter.yaml', 'scim-check/waivers.yaml', '.github/workflows/scim-check.yml'] as const;

function contentOf(file: (typeof INIT_FILES)[number]): string {
  switch (file) {
    case 'scim-check/scenarios/starter.yaml':
      return STARTER_SCENARIO;
    case 'scim-check/waivers.yaml':
      return STARTER_WAIVERS;
    case '.github/workflows/scim-check.yml':
      return githubWorkflow(toolVersion());
  }
}

/**
 * `scim-check init [dir]`: a starter scenario, a waivers file and a GitHub Actions workflow that
 * reads the base URL and token from repository secrets through the environment. Existing files
 * are never overwritten without --force, and nothing is written if any would be.
 */
export async function initCommand(dir: string, options: InitOptions, io: CliIo): Promise<number> {
  const root = resolve(io.cwd, dir);
  const targets = INIT_FILES.map((file) => ({ file, path: join(root, file) }));
  const existing = targets.filter((target) => existsSync(target.path));
  if (existing.length > 0 && !options.force) {
    throw new ScimCheckError('USAGE', `not overwriting ${existing.map((target) => relative(io.cwd, target.path) || target.file).join(', ')}`, { hint: 'pass --force to replace them, or run init in another directory' });
  }
  for (const target of targets) {
    await mkdir(dirname(target.path), { recursive: true });
    await writeFile(target.path, contentOf(target.file), 'utf8');
    io.stdout.write(`${existing.includes(target) ? 'replaced' : 'created'} ${relative(io.cwd, target.path)}\n`);
  }
  io.stdout.write(
    [
      '',
      'Next steps:',
      '  1. Add the repository secrets SCIM_CHECK_BASE_URL and SCIM_CHECK_TOKEN.',
      `  2. Try it locally: npx scim-check run ${relative(io.cwd, join(root, 'scim-check/scenarios')) || '.'} --dry-run`,
      '  3. Commit the files; the workflow runs on every pull request.',
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
