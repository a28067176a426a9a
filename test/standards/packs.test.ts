import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCatalogueRows, findCatalogueRow } from '../../src/checks/catalogue.js';
import { coverageOf } from '../../src/checks/implemented.js';
import { ScimCheckError } from '../../src/errors.js';
import { allStandards, checkedRowIds, selectStandards } from '../../src/standards/index.js';
import { REPO_ROOT } from '../support/run-cli.js';

describe('standard packs (src/standards/)', () => {
  it('are drafts, each citing its document, revision and date', () => {
    expect(
      allStandards().map((pack) => [pack.name, pack.document.name, pack.document.version, pack.document.date]),
    ).toEqual([
      ['interop-01', 'draft-zollner-scim-interop-profile-01', '-01', '2026-04-15'],
      ['ipsie-al1', 'ipsie-al-scim-profile-1_0', 'Draft 00', '2026-09-08'],
      ['ipsie-al2', 'ipsie-al-scim-profile-1_0', 'Draft 00', '2026-09-08'],
    ]);
    for (const pack of allStandards()) expect(pack.draft).toBe(true);
  });

  it('judge a `check` row only by an evaluated catalogue row, and cite a section on every row', () => {
    for (const pack of allStandards()) {
      for (const row of pack.rows) {
        expect(row.section, `${pack.name} ${row.id}`).toMatch(/^§\d/);
        if (row.verification.kind === 'check') {
          expect(findCatalogueRow(row.id), `${pack.name} ${row.id}`).toBeDefined();
          // READ-ID-CASE-style rows nothing evaluates would read "not checked" forever: pick an evaluated one.
          expect(coverageOf(row.id).length, `${pack.name} ${row.id}`).toBeGreaterThan(0);
        } else {
          // A pack's own id is never a catalogue row: one place for each rule.
          expect(findCatalogueRow(row.id), `${pack.name} ${row.id}`).toBeUndefined();
        }
        if (row.conflict?.acceptedWhen !== undefined) expect(findCatalogueRow(row.conflict.acceptedWhen)).toBeDefined();
      }
      expect(new Set(pack.rows.map((row) => row.id)).size, pack.name).toBe(pack.rows.length);
    }
  });

  it('use every draft row of the catalogue, each in the pack of its draft', () => {
    const used = (prefix: string, names: string[]) =>
      allStandards()
        .filter((pack) => names.includes(pack.name))
        .flatMap((pack) => pack.rows.map((row) => row.id))
        .filter((id) => id.startsWith(prefix) && findCatalogueRow(id) !== undefined)
        .sort();
    const catalogue = (prefix: string) =>
      allCatalogueRows()
        .map((row) => row.id)
        .filter((id) => id.startsWith(prefix))
        .sort();
    expect(used('INTEROP01-', ['interop-01'])).toEqual(catalogue('INTEROP01-'));
    expect(used('IPSIE-', ['ipsie-al1', 'ipsie-al2'])).toEqual(catalogue('IPSIE-'));
  });

  it('ship their own scenarios', () => {
    for (const pack of allStandards())
      for (const file of pack.scenarios) expect(existsSync(join(REPO_ROOT, 'scenarios', file)), file).toBe(true);
  });

  it('select the packs a pack builds on, once each, in listing order', () => {
    expect(selectStandards(['ipsie-al2']).map((pack) => pack.name)).toEqual(['interop-01', 'ipsie-al1', 'ipsie-al2']);
    expect(selectStandards(['interop-01', 'IPSIE-AL1', 'interop-01']).map((pack) => pack.name)).toEqual([
      'interop-01',
      'ipsie-al1',
    ]);
    expect(selectStandards([])).toEqual([]);
  });

  it('refuse an unknown name with the list of packs', () => {
    let error: unknown;
    try {
      selectStandards(['interop-02']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimCheckError);
    expect((error as ScimCheckError).code).toBe('USAGE');
    expect((error as ScimCheckError).message).toBe('unknown standard "interop-02" — did you mean interop-01?');
    expect((error as ScimCheckError).hint).toContain('interop-01, ipsie-al1, ipsie-al2');
  });

  it('name the rows whose verdicts they take, including the rows that judge client rules', () => {
    const ids = checkedRowIds(selectStandards(['interop-01']));
    expect(ids.has('INTEROP01-PATCH-PATH-REQUIRED')).toBe(true);
    expect(ids.has('DEL-NAME-REUSABLE')).toBe(true);
    expect(ids.has('PUT-SUPPORTED')).toBe(true);
    expect(ids.has('INTEROP01-CLIENT-NO-PUT')).toBe(false);
  });
});
