import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ScimCheckError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import { githubWorkflow, STARTER_WAIVERS, starterScenario } from './init-templates.js';

export interface InitOptions {
  force?: boolean;
}

/** The files `init` writes, relative to the project directory. */
const INIT_FILES = [
  'scim-check/scenarios/starter.yaml',
  'scim-check/waivers.yaml',
  '.github/workflows/scim-check.yml',
] as const;
type InitFile = (typeof INIT_FILES)[number];

/** The scenario schema inside an installed scim-check package. */
const INSTALLED_SCHEMA = join('node_modules', 'scim-check', 'schema', 'scenario.schema.json');

/**
 * The scenario schema of the scim-check this project installed: the nearest
 * node_modules/scim-check at or above `root` (npm resolves packages the same way, and workspaces
 * hoist them to the top), never looking past the repository root (.git), so the link stays
 * inside the repository. Undefined when there is none yet.
 */
function installedSchema(root: string): string | undefined {
  for (let current = root; ; current = dirname(current)) {
    const schema = join(current, INSTALLED_SCHEMA);
    if (existsSync(schema)) return schema;
    if (existsSync(join(current, '.git')) || dirname(current) === current) return undefined;
  }
}

function contentOf(file: InitFile, schemaPath: string): string {
  switch (file) {
    case 'scim-check/scenarios/starter.yaml':
      return starterScenario(schemaPath);
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
  // Not installed yet: where `npm install --save-dev` in the project folder will put it.
  const installed = installedSchema(root);
  const schema = installed ?? join(root, INSTALLED_SCHEMA);
  // A relative modeline path, with forward slashes on every platform (it is a URI reference).
  const schemaPath = relative(join(root, 'scim-check/scenarios'), schema).split(sep).join('/');
  const existing = targets.filter((target) => existsSync(target.path));
  if (existing.length > 0 && !options.force) {
    throw new ScimCheckError(
      'USAGE',
      `not overwriting ${existing.map((target) => relative(io.cwd, target.path) || target.file).join(', ')}`,
      { hint: 'pass --force to replace them, or run init in another directory' },
    );
  }
  for (const target of targets) {
    await makeDirectories(dirname(target.path), io.cwd);
    try {
      await writeFile(target.path, contentOf(target.file, schemaPath), 'utf8');
    } catch (cause) {
      throw cannotWrite(shown(target.path, io.cwd), cause);
    }
    io.stdout.write(`${existing.includes(target) ? 'replaced' : 'created'} ${relative(io.cwd, target.path)}\n`);
  }
  io.stdout.write(
    nextSteps({
      installed: installed !== undefined,
      project: root === io.cwd ? '' : shown(root, io.cwd),
      scenarios: relative(io.cwd, join(root, 'scim-check/scenarios')),
    }),
  );
  return EXIT.ok;
}

/**
 * What to do after init. scim-check is not on the npm registry yet, so until the project has
 * installed it (from the tarball `npm pack` makes in a clone) the first step says how: the
 * workflow runs that installed copy, and the starter's schema link points into it.
 */
function nextSteps(where: { installed: boolean; project: string; scenarios: string }): string {
  const tarball = `scim-check-${toolVersion()}.tgz`;
  const install = [
    "  1. Install scim-check in this project: the workflow runs that copy, and the starter's schema",
    `     link points into it. It is not on the npm registry yet: run \`npm pack\` in a scim-check`,
    `     clone, copy the ${tarball} it writes ${where.project === '' ? 'here' : `to ${where.project}`}, and run${where.project === '' ? '' : ' there'}:`,
    `     npm install --save-dev ./${tarball}`,
  ];
  const rest = [
    'Add the repository secrets SCIM_CHECK_BASE_URL and SCIM_CHECK_TOKEN.',
    `Try it locally: npx scim-check run ${where.scenarios || '.'} --dry-run`,
    `Commit the files${where.installed ? '' : `, with package.json, package-lock.json and ${tarball}`}; the workflow runs on every pull request.`,
  ];
  const first = where.installed ? 1 : 2;
  return [
    '',
    'Next steps:',
    ...(where.installed ? [] : install),
    ...rest.map((step, index) => `  ${first + index}. ${step}`),
    '',
  ].join('\n');
}

/** A path as the user will recognise it: relative below the working directory, absolute elsewhere. */
function shown(path: string, cwd: string): string {
  const near = relative(cwd, path);
  return near === '' || near.startsWith('..') ? path : near;
}

function cannotWrite(path: string, cause: unknown): ScimCheckError {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOTDIR'
      ? 'a part of the path is a file, not a directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'read-only file system'
          : code === 'ENOENT'
            ? 'the file system does not allow a directory there'
            : ((cause as Error).message ?? String(cause));
  return new ScimCheckError('USAGE', `cannot write ${path}: ${reason}`, {
    cause,
    hint: 'give init a directory you can write to, e.g. the root of your repository: scim-check init .',
  });
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
