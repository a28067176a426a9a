import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
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
    await makeDirectories(dirname(target.path), io.cwd);
    try {
      await writeFile(target.path, contentOf(target.file), 'utf8');
    } catch (cause) {
      throw cannotWrite(shown(target.path, io.cwd), cause);
    }
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

/** A path as the user will recognise it: relative below the working directory, absolute elsewhere. */
function shown(path: string, cwd: string): string {
  const near = relative(cwd, path);
  return near === '' || near.startsWith('..') ? path : near;
}

function cannotWrite(path: string, cause: unknown): ScimCheckError {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason = code === 'ENOTDIR' ? 'a part of the path is a file, not a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOENT' ? 'the file system does not allow a directory there' : ((cause as Error).message ?? String(cause));
  return new ScimCheckError('USAGE', `cannot write ${path}: ${reason}`, { cause, hint: 'give init a directory you can write to, e.g. the root of your repository: scim-check init .' });
}

/**
 * mkdir -p, one level at a time from the nearest existing ancestor. Node's own recursive mkdir
 * spun at 100 % CPU under /proc (a path whose parent refuses new entries), and its ENOTDIR came
 * out as an internal error; each level here either exists as a directory or is created, or the
 * user is told which part of the path is wrong.
 */
async function makeDirectories(path: string, cwd: string): Promise<void> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      if (!(await stat(current)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannotWrite(shown(path, cwd), error);
      missing.unshift(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const directory of missing) {
    try {
      await mkdir(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotWrite(shown(directory, cwd), error);
    }
  }
}
