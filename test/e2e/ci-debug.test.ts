import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli.js';
import { runMain } from '../support/run-main.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-debug-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('scim-check explain', () => {
  it('explains a check: rule, RFC link, why IdPs care, typical bugs', async () => {
    const run = await runMain(['explain', 'patch-members-add']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^PATCH-MEMBERS-ADD — Groups and membership, MUST\n\n`add` on `members` adds the given members and keeps the existing ones\. scim-check checks it like\nthis:/,
    );
    expect(run.stdout).toContain('https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.1');
    expect(run.stdout).toContain('Why IdPs care:');
    expect(run.stdout).toContain('Typical server bugs and their fixes:');
  });

  it('derives text for rows without a written explanation', async () => {
    const run = await runMain(['explain', 'SORT-ORDER', '--json']);
    expect(run.code).toBe(0);
    const explanation = JSON.parse(run.stdout);
    expect(explanation).toMatchObject({ id: 'SORT-ORDER', curated: false });
    expect(explanation.why).not.toBe('');
    expect(explanation.links.length).toBeGreaterThan(0);
  });

  it('says when this version does not check a row, and why (it described the check as if it ran)', async () => {
    const run = await runMain(['explain', 'READ-ID-CASE']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('READ-ID-CASE — Retrieve, SHOULD — NOT CHECKED by this version');
    expect(run.stdout).toMatch(/scim-check does not\s+check this yet \(needs a case-flipped copy/);
    expect(JSON.parse((await runMain(['explain', 'READ-ID-CASE', '--json'])).stdout).notChecked).toMatch(
      /case-flipped/,
    );
    expect(JSON.parse((await runMain(['explain', 'CREATE-201', '--json'])).stdout).notChecked).toBeUndefined();
  });

  it('suggests the closest ID for an unknown one (exit 2)', async () => {
    const run = await runMain(['explain', 'PATCH-MEMBER-ADD']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown check "PATCH-MEMBER-ADD" — did you mean PATCH-MEMBERS-ADD?');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('scim-check run --dry-run', () => {
  it('refuses report options it would never write (it ignored --reporter json=FILE and --har silently)', async () => {
    const run = await runMain([
      'run',
      'scenarios/okta-group-push.yaml',
      '--dry-run',
      '--reporter',
      'json=plan.json',
      '--har',
      'plan.har',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--dry-run writes no reports, so json=plan.json and har=plan.har would never be written',
    );
    expect(run.stdout).toBe('');
  });

  it('prints the planned requests per profile without sending anything', async () => {
    // A port that accepts connections and records them: nothing may arrive.
    let connections = 0;
    const listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as { port: number }).port;
    try {
      const run = await runMain([
        'run',
        'okta-group-push',
        '--dry-run',
        '--base-url',
        `http://127.0.0.1:${port}/scim/v2`,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(connections).toBe(0);
      expect(run.stdout).toContain('Dry run: nothing was sent.');
      expect(run.stdout).toContain('scenarios/okta-group-push.yaml — Okta group push (profile: okta)');
      expect(run.stdout).toMatch(
        /^ {2}2 assignUser\n {4}GET \/Users\?filter=userName eq "alice\.[a-z0-9]+@example\.com"&startIndex=1&count=100\n {4}POST \/Users\n {6}\{"schemas":\["urn:ietf:params:scim:schemas:core:2\.0:User"\],"userName":"alice\./m,
      );
      expect(run.stdout).toMatch(
        /^ {4}PATCH \/Groups\/[0-9a-f-]+\n {6}\{"schemas":\["urn:ietf:params:scim:api:messages:2\.0:PatchOp"\],"Operations":\[\{"op":"add","path":"members"/m,
      );
      expect(run.stdout).toMatch(/^ {4}verify: GET \/Users\/[0-9a-f-]+$/m);
      // The group was deleted by its unlink step (the ledger released it), so cleanup deletes only the users.
      expect(run.stdout).toMatch(/^ {2}cleanup\n {4}DELETE \/Users\//m);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('replays the plan as another IdP with --idp', async () => {
    const run = await runMain(['run', 'okta-group-push', '--dry-run', '--idp', 'generic']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(profile: generic)');
  });
});

describe('scim-check run --only', () => {
  it('runs the earlier steps as setup, then the step, then cleanup', async () => {
    const run = await runMain([
      'run',
      'scenarios/okta-group-push.yaml',
      '--only',
      'okta-group-push:6',
      '--reporter',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.scenarios).toHaveLength(1);
    const steps = report.scenarios[0].steps.map((step: any) => [step.index, step.action, step.setup ?? false]);
    expect(steps).toEqual([
      [0, 'testConnection', true],
      [1, 'assignUser', true],
      [2, 'assignUser', true],
      [3, 'assignUser', true],
      [4, 'pushGroup', true],
      [5, 'addMembers', false],
      [6, 'cleanup', false],
    ]);
  });

  it('explains what it could not find (exit 2)', async () => {
    const typo = await runMain(['run', '--only', 'okta-grup-push:6']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "okta-group-push"?');
    const ambiguous = await runMain(['run', 'scenarios/okta-group-push.yaml', '--only', 'okta-group-push:assignUser']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('"assignUser" matches steps 2, 3, 4');
    const tooFar = await runMain(['run', 'scenarios/okta-group-push.yaml', '--only', 'okta-group-push:99']);
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toMatch(/has \d+ steps, not 99/);
  });
});

describe('scim-check init', () => {
  it('writes a valid starter scenario, a waivers file and a workflow with env-only secrets', async () => {
    const run = await runMain(['init', dir]);
    expect(run.code, run.stderr).toBe(0);
    const workflow = readFileSync(join(dir, '.github/workflows/scim-check.yml'), 'utf8');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions' own `${{ }}` syntax, not a template.
    expect(workflow).toContain('SCIM_CHECK_BASE_URL: ${{ secrets.SCIM_CHECK_BASE_URL }}');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions' own `${{ }}` syntax, not a template.
    expect(workflow).toContain('SCIM_CHECK_TOKEN: ${{ secrets.SCIM_CHECK_TOKEN }}');
    // Secrets reach the CLI only through the environment, never on the command line.
    expect(workflow).not.toMatch(/--token|--base-url/);
    expect(workflow).toContain('--reporter junit=scim-check-junit.xml');
    expect(workflow).toContain('--waivers scim-check/waivers.yaml');

    // It runs the copy the project installed, never a package of that name from the registry
    // (scim-check is not published; `npx --yes scim-check` would run a stranger's code).
    expect(workflow).toContain('run: npm ci');
    expect(workflow).toContain('npx --no-install scim-check run scim-check/scenarios/');
    expect(workflow).not.toMatch(/npx --yes|scim-check@/);

    const validate = await runMain(['validate', join(dir, 'scim-check/scenarios/starter.yaml')]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    // The starter runs green against the embedded server, with the (empty) waivers file.
    const started = await runMain([
      'run',
      join(dir, 'scim-check/scenarios'),
      '--waivers',
      join(dir, 'scim-check/waivers.yaml'),
    ]);
    expect(started.code, started.stdout + started.stderr).toBe(0);
  });

  it('without scim-check installed: links the schema where npm will install it, and says how to install it', async () => {
    const run = await runMain(['init', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const starter = readFileSync(join(dir, 'scim-check/scenarios/starter.yaml'), 'utf8');
    // yaml-language-server resolves a relative modeline path from the file's own folder.
    expect(starter.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/scim-check/schema/scenario.schema.json',
    );
    expect(starter).not.toContain('https://');
    const tarball = `scim-check-${JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version}.tgz`;
    expect(run.stdout).toContain(
      `run \`npm pack\` in a scim-check\n     clone, copy the ${tarball} it writes here, and run:\n     npm install --save-dev ./${tarball}\n`,
    );
    expect(run.stdout).toContain(
      `  4. Commit the files, with package.json, package-lock.json and ${tarball}; the workflow runs on every pull request.`,
    );
    expect(run.stdout).toContain('  3. Try it locally: npx scim-check run scim-check/scenarios --dry-run');
  });

  it('with scim-check installed above the init folder: the schema link resolves to its schema, no install step', async () => {
    // A project that installed scim-check, with init run in a sub-folder of it.
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    mkdirSync(join(dir, 'node_modules/scim-check/schema'), { recursive: true });
    copyFileSync(
      join(REPO_ROOT, 'schema/scenario.schema.json'),
      join(dir, 'node_modules/scim-check/schema/scenario.schema.json'),
    );
    const run = await runMain(['init', 'service'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const starterFolder = join(dir, 'service/scim-check/scenarios');
    const modeline = readFileSync(join(starterFolder, 'starter.yaml'), 'utf8').split('\n')[0]!;
    expect(modeline).toBe(
      '# yaml-language-server: $schema=../../../node_modules/scim-check/schema/scenario.schema.json',
    );
    expect(existsSync(resolve(starterFolder, modeline.slice(modeline.indexOf('=') + 1)))).toBe(true);
    expect(run.stdout).not.toContain('npm pack');
    expect(run.stdout).toContain(
      'Next steps:\n  1. Add the repository secrets SCIM_CHECK_BASE_URL and SCIM_CHECK_TOKEN.\n  2. Try it locally: npx scim-check run service/scim-check/scenarios --dry-run\n  3. Commit the files; the workflow runs on every pull request.\n',
    );
  });

  it('refuses to overwrite existing files unless --force', async () => {
    const existing = join(dir, 'scim-check/waivers.yaml');
    expect((await runMain(['init', dir])).code).toBe(0);
    writeFileSync(existing, '# mine\n');
    const again = await runMain(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('not overwriting');
    expect(readFileSync(existing, 'utf8')).toBe('# mine\n');
    const forced = await runMain(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(existing, 'utf8')).not.toBe('# mine\n');
    expect(existsSync(join(dir, '.github/workflows/scim-check.yml'))).toBe(true);
  });
});
