import { describe, expect, it } from 'vitest';
import { allCatalogueRows, catalogueRow, levelOf } from '../../src/checks/catalogue.js';
import { fixHint } from '../../src/checks/fix-hints.js';
import { IDP_FAMILIES, PROFILE_NAMES } from '../../src/idp/profile-names.js';

const rows = allCatalogueRows();

describe('the check catalogue (src/checks/catalogue/)', () => {
  it('has unique, well-formed IDs and every column filled', () => {
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.id).toMatch(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/);
      for (const text of [row.area, row.requirement, row.rfc, row.how]) expect(text.trim(), row.id).not.toBe('');
      if (row.gate !== undefined) expect(row.gate, row.id).toMatch(/^(SPC:\w+(=false)?|schema:\S+|probe)$/);
      if (row.fixHint !== undefined) expect(row.fixHint.length, row.id).toBeGreaterThan(20);
      if (row.explanation !== undefined) {
        expect(row.explanation.why.length, row.id).toBeGreaterThan(20);
        expect(row.explanation.bugs.length, row.id).toBeGreaterThan(0);
      }
    }
  });

  it('names IdP families on INTEROP rows, and only there', () => {
    for (const row of rows) {
      if (row.level === 'INTEROP') expect(row.interopFamilies?.length, row.id).toBeGreaterThan(0);
      else expect(row.interopFamilies, row.id).toBeUndefined();
      for (const family of row.interopFamilies ?? []) expect(IDP_FAMILIES, row.id).toContain(family);
    }
  });

  it('makes an INTEROP failure an error under every profile of the family it names, info elsewhere', () => {
    const okta = catalogueRow('INTEROP-OKTA-PUT-DEACTIVATE');
    const levels = Object.fromEntries(PROFILE_NAMES.map((name) => [name, levelOf(okta, name)]));
    expect(levels).toMatchObject({
      okta: 'error',
      'okta-aiw': 'error',
      generic: 'info',
      entra: 'info',
      keycloak: 'info',
    });
    expect(levelOf(catalogueRow('INTEROP-OP-CASE'), 'entra-compliant')).toBe('error');
    expect(levelOf(catalogueRow('CREATE-201'), 'google')).toBe('error');
  });

  it('holds CREATE-IDENTITY, with its fix hint and explanation', () => {
    expect(catalogueRow('CREATE-IDENTITY')).toMatchObject({
      area: 'Create',
      level: 'MUST',
      rfc: 'RFC 7644 §3.3; RFC 7643 §3.1',
      explanation: { why: expect.any(String) },
    });
    expect(fixHint('CREATE-IDENTITY')).toBe(
      'A POST must create a new resource or answer 409 uniqueness; never return an existing resource',
    );
    expect(fixHint('SCENARIO-EXPECT')).toBeUndefined();
  });
});
