import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { runMain } from '../support/run-main.js';
import { type Element, one, parseHtml, select, textOf } from './html-dom.js';

/*
 * `--standard interop-01` on the HTML report of `run` and of `matrix`, against the embedded
 * reference server: the pack says it follows a draft that may change, its rows carry the verdicts
 * the JSON report of the same run gives, and the conflict table names the IdPs that need the
 * server's deliberate deviations (path-less PATCH for Okta and Entra's compliant mode).
 */

let dir: string;
let runPage: Element;
let matrixPage: Element;
let report: JsonReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-html-standards-'));
  const run = await runMain([
    'run',
    '--standard',
    'interop-01',
    '--reporter',
    `html=${join(dir, 'run.html')}`,
    '--reporter',
    `json=${join(dir, 'run.json')}`,
  ]);
  expect(run.code, run.stderr).toBe(1);
  runPage = parseHtml(readFileSync(join(dir, 'run.html'), 'utf8'));
  report = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as JsonReport;
  const matrix = await runMain([
    'matrix',
    '--standard',
    'interop-01',
    '--reporter',
    `html=${join(dir, 'matrix.html')}`,
  ]);
  expect(matrix.code, matrix.stderr).toBe(1);
  matrixPage = parseHtml(readFileSync(join(dir, 'matrix.html'), 'utf8'));
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the standard packs on the HTML report', () => {
  it('say the pack follows a draft that may change, on run and on matrix', () => {
    for (const page of [runPage, matrixPage]) {
      const pack = one(page, 'section#standards section.standard#standard-interop-01');
      expect(textOf(one(pack, '.draft'))).toMatch(/DRAFT:.*draft-zollner-scim-interop-profile-01.*may change/);
    }
  });

  it('give every row the verdict the JSON report of the same run gives', () => {
    const json = report.standards?.find((pack) => pack.name === 'interop-01');
    expect(json).toBeDefined();
    const shown = select(runPage, 'section#standard-interop-01 tr[data-row]').map(
      (row) => `${row.attributes.get('data-row')} ${row.attributes.get('data-verdict')}`,
    );
    expect(shown).toEqual(json!.rows.map((row) => `${row.id} ${row.verdict}`));
    expect(shown.filter((row) => row.endsWith(' deviates'))).toHaveLength(4);
  });

  it('name the IdPs that need the path-less PATCH the reference server accepts', () => {
    const conflict = select(runPage, 'section#standard-interop-01 table.conflicts tr[data-rule]').find((row) =>
      textOf(row).includes('PATCH operations without path'),
    );
    expect(conflict).toBeDefined();
    expect(conflict!.attributes.get('data-effect')).toBe('needs this deviation');
    expect(textOf(conflict!)).toMatch(
      /need this deviation:.*entra-compliant \(updateUser\).*okta \([^)]*deactivateUser/,
    );
  });
});
