import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.js';

const STACK_TRACE = /\n\s+at \S+/;
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('init into a directory it cannot write', () => {
  it('a path through a file: exit 2 naming the path, no internal error (it printed an ENOTDIR stack trace)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-check-init-'));
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'a file, not a directory\n');
    const result = await runMain(['init', join(file, 'project')]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot write ${join(file, 'project')}`);
    expect(result.stderr).toContain('a part of the path is a file, not a directory');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it.runIf(existsSync('/proc/self'))(
    'a directory the file system refuses (/proc): exit 2 (it spun at 100 % CPU forever)',
    async () => {
      const result = await runMain(['init', '/proc/scim-check-forbidden']);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('cannot write /proc/scim-check-forbidden');
      expect(result.stderr).not.toMatch(STACK_TRACE);
    },
  );
});
