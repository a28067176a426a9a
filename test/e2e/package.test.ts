import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, REPO_ROOT } from '../support/run-cli.js';

/*
 * The package as a user gets it: `npm pack` on a copy of this checkout, then `npm install` of
 * the tarball into an empty project, then every command run there through the installed bin.
 * scim-check is not on the npm registry, so this tarball is how users install it (README,
 * `scim-check init`'s Next steps); everything the README promises after an install is run here.
 *
 * The pack runs on a copy (the files git tracks or would track, node_modules linked) so that
 * its prepack/prepare scripts, which delete and rebuild dist/, never touch the dist/ that the
 * other test files of the same `npm test` run are spawning. Slow: a TypeScript build (~20 s of
 * CPU) and an install of the dependencies (from the npm cache when warm, else the registry).
 */

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const TARBALL = `${PACKAGE.name}-${PACKAGE.version}.tgz`;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** Each command; the install and the pack get the hook's budget. */
const COMMAND_MS = 60_000;

let work: string;
/** The empty project the tarball is installed into. */
let project: string;
let tarball: string;
/** What `npm pack --json` reported as the tarball's files. */
let packed: string[];

/**
 * npm's own environment minus what a parent `npm test` sets for its script (the package being
 * tested, the lifecycle event, the prefix it ran in), so the child npm sees the folder it runs in.
 */
function npmEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|init_cwd$|scim_check_)/i.test(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    NO_COLOR: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Runs a command to its end: exit code and output, killed after `timeoutMs`. */
function exec(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? npmEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? COMMAND_MS);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code, stdout, stderr });
    });
  });
}

/** The installed `scim-check` bin (the link npm made in node_modules/.bin), with a clean environment. */
function scimCheck(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'scim-check.cmd' : 'scim-check');
  return exec(bin, args, {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? project, NO_COLOR: '1', ...env },
  });
}

/** Every file of this checkout that git tracks or would track (untracked but not ignored), as it is now. */
function checkoutFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split('\0').filter((file) => file !== '' && existsSync(join(REPO_ROOT, file)));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'scim-check-package-'));
  const checkout = join(work, 'checkout');
  for (const file of checkoutFiles()) cpSync(join(REPO_ROOT, file), join(checkout, file));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(checkout, 'node_modules'), 'junction');
  // A file an old build left behind: prepack must clear dist/ so it is not shipped.
  mkdirSync(join(checkout, 'dist', 'gone'), { recursive: true });
  writeFileSync(join(checkout, 'dist', 'gone', 'stale-module.js'), 'export {};\n');

  const pack = await exec(NPM, ['pack', '--json', '--pack-destination', work], { cwd: checkout, timeoutMs: 240_000 });
  expect(pack.code, pack.stderr).toBe(0);
  const report = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  expect(report[0]!.filename).toBe(TARBALL);
  packed = report[0]!.files.map((file) => file.path.split(sep).join('/'));
  tarball = join(work, TARBALL);

  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'my-scim-app', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  const install = await exec(NPM, ['install', '--save-dev', '--prefer-offline', tarball], {
    cwd: project,
    timeoutMs: 240_000,
  });
  expect(install.code, install.stdout + install.stderr).toBe(0);
}, 480_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', { timeout: 120_000 }, () => {
  it('ships bin, dist, scenarios, schema, README and package.json, and nothing else', () => {
    const outside = packed.filter(
      (file) =>
        !/^(bin|dist|scenarios|schema)\//.test(file) && !/^(package\.json|README\.md|LICEN[CS]E(\.\w+)?)$/i.test(file),
    );
    expect(outside).toEqual([]);
    for (const file of [
      'bin/scim-check.js',
      'dist/cli/main.js',
      'dist/load/load-worker.js',
      'schema/scenario.schema.json',
      'README.md',
    ])
      expect(packed).toContain(file);
  });

  it('ships every built-in scenario', () => {
    const scenarios = (dir: string): string[] =>
      readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? scenarios(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
      );
    expect(packed.filter((file) => file.startsWith('scenarios/')).sort()).toEqual(scenarios('scenarios').sort());
  });

  it('ships a fresh build: every dist module compiled from a source file, none left from an old build, no source maps', () => {
    const modules = packed.filter((file) => file.startsWith('dist/'));
    expect(modules.filter((file) => !file.endsWith('.js'))).toEqual([]);
    // Source maps would point at src/, which is not shipped.
    expect(
      modules.filter((file) => !existsSync(join(REPO_ROOT, 'src', file.slice('dist/'.length).replace(/\.js$/, '.ts')))),
    ).toEqual([]);
    expect(modules).not.toContain('dist/gone/stale-module.js');
  });
});

describe('the installed tarball', { timeout: 120_000 }, () => {
  it('installs without TypeScript or any devDependency, and without building', () => {
    const installed = join(project, 'node_modules');
    for (const devOnly of ['typescript', 'vitest', '@types/node', 'scimmy'])
      expect(existsSync(join(installed, devOnly)), devOnly).toBe(false);
    expect(existsSync(join(installed, 'scim-check', 'src'))).toBe(false);
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).devDependencies).toEqual({
      'scim-check': `file:../${TARBALL}`,
    });
  });

  it('--version', async () => {
    const run = await scimCheck(['--version']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(PACKAGE.version);
  });

  it('list, list profiles: the built-ins, and sources a user can read', async () => {
    const list = await scimCheck(['list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^Built-in scenarios/);
    expect(list.stdout).toMatch(/^okta-group-push +okta +\d+ +Okta group push$/m);
    const profiles = await scimCheck(['list', 'profiles']);
    expect(profiles.code, profiles.stderr).toBe(0);
    expect(profiles.stdout).toMatch(/^ {2}okta +Okta/m);
    expect(profiles.stdout).not.toMatch(/IDP-NOTES|SPEC-CHECKS|\.\.\/shared/);
  });

  it('explain CREATE-201', async () => {
    const run = await scimCheck(['explain', 'CREATE-201']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^CREATE-201 — /);
    expect(run.stdout).toContain('RFC 7644 §3.3');
  });

  it('validate a built-in scenario by name', async () => {
    const run = await scimCheck(['validate', 'okta-group-push']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok +.*okta-group-push\.yaml$/m);
  });

  it('run okta-group-push against the embedded server', async () => {
    const run = await scimCheck(['run', 'okta-group-push']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Scenarios: 1 passed (1)');
    expect(run.stdout).toMatch(/^Target: +http:\/\/127\.0\.0\.1:\d+\/scim\/v2 \(embedded reference server\)$/m);
  });

  it('run --dry-run: every built-in scenario', async () => {
    const run = await scimCheck(['run', '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Dry run: nothing was sent\./);
    for (const name of ['okta-group-push', 'entra-quirks', 'spec/patch'])
      expect(run.stdout).toContain(`scim-check/scenarios/${name}.yaml — `);
  });

  it('init . then run its scenarios: the starter links the installed schema and runs', async () => {
    const init = await scimCheck(['init', '.']);
    expect(init.code, init.stderr).toBe(0);
    // Installed already, so Next steps skip the install.
    expect(init.stdout).toContain('Next steps:\n  1. Add the repository secrets');
    const starterFolder = join(project, 'scim-check', 'scenarios');
    const modeline = readFileSync(join(starterFolder, 'starter.yaml'), 'utf8').split('\n')[0]!;
    expect(modeline).toBe('# yaml-language-server: $schema=../../node_modules/scim-check/schema/scenario.schema.json');
    const schema = resolve(starterFolder, modeline.slice(modeline.indexOf('=') + 1));
    expect(JSON.parse(readFileSync(schema, 'utf8'))).toHaveProperty('$schema');
    expect(relative(project, schema)).not.toMatch(/^\.\./);
    // As the generated workflow runs it: the project's own copy, never the registry's.
    expect(readFileSync(join(project, '.github/workflows/scim-check.yml'), 'utf8')).toContain(
      'npx --no-install scim-check run scim-check/scenarios/',
    );
    const run = await exec(NPX, ['--no-install', 'scim-check', 'run', 'scim-check/scenarios/', '--dry-run'], {
      cwd: project,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'scim-check/scenarios/starter.yaml — My app — user and group lifecycle (profile: okta)',
    );
  });

  it('serve: says where it listens on its first line, answers a run, stops on SIGTERM', async () => {
    const bin = join(project, 'node_modules', 'scim-check', 'bin', 'scim-check.js');
    const server = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const firstLine = await new Promise<string>((done, fail) => {
        let text = '';
        server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('\n')) done(text.slice(0, text.indexOf('\n')));
        });
        server.on('exit', (code) => fail(new Error(`serve exited (${code}) before its first line`)));
        setTimeout(() => fail(new Error('no first line from serve in 30 s')), 30_000);
      });
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+\/scim\/v2) {2}token: (\S+)$/.exec(firstLine);
      expect(listening, firstLine).not.toBeNull();
      const run = await scimCheck(['run', 'okta-group-push', '--base-url', listening![1]!], {
        SCIM_CHECK_TOKEN: listening![2]!,
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const exited = new Promise<number | null>((done) => server.on('exit', done));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('matrix --idp okta', async () => {
    const run = await scimCheck(['matrix', '--idp', 'okta']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^okta +✓ pass +✓ pass$/m);
  });

  it('load --users 5 --groups 1 (its worker thread runs from dist/)', async () => {
    const run = await scimCheck(['load', '--users', '5', '--groups', '1']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^users +5 +0 /m);
  });

  it('npx --package ./TARBALL scim-check, without installing it first (README)', async () => {
    const elsewhere = join(work, 'one-off');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'package.json'), '{"private":true}\n');
    cpSync(tarball, join(elsewhere, TARBALL));
    const run = await exec(NPX, ['--yes', '--prefer-offline', '--package', `./${TARBALL}`, 'scim-check', '--version'], {
      cwd: elsewhere,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(PACKAGE.version);
    expect(existsSync(join(elsewhere, 'node_modules'))).toBe(false);
  });
});
