import { describe, expect, it } from 'vitest';
import { allCatalogueRows } from '../../src/checks/catalogue.js';
import { explainRow, formatExplanation } from '../../src/cli/commands/explain.js';

describe('check explanations (scim-check explain)', () => {
  it('are hand-written for at least 40 rows, each with a reason and a fix', () => {
    const curated = allCatalogueRows().filter((row) => row.explanation !== undefined);
    expect(curated.length).toBeGreaterThanOrEqual(40);
    for (const row of curated) {
      const explanation = explainRow(row);
      expect(explanation.curated, row.id).toBe(true);
      expect(explanation.why, row.id).toBe(row.explanation!.why);
      expect(explanation.bugs.length, row.id).toBeGreaterThan(0);
    }
  });

  it('explain every catalogue row, with a link for every RFC reference', () => {
    for (const row of allCatalogueRows()) {
      const explanation = explainRow(row);
      expect(explanation.rule).toContain(row.requirement);
      if (/RFC\s*\d+/.test(row.rfc)) expect(explanation.links.length, row.id).toBeGreaterThan(0);
      for (const link of explanation.links)
        expect(link.url).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+(#section-[\d.]*\d)?$/);
      expect(formatExplanation(explanation)).toContain(`${row.id} — `);
    }
  });
});
