import { describe, expect, it } from 'vitest';
import { allCatalogueRows } from '../../src/checks/catalogue.js';
import { EXPLANATIONS } from '../../src/checks/explanations.js';
import { explainRow, formatExplanation } from '../../src/cli/commands/explain.js';

describe('check explanations (scim-check explain)', () => {
  const ids = new Set(allCatalogueRows().map((row) => row.id));

  it('cover at least 40 rows, each a real SPEC-CHECKS ID with a reason and a fix', () => {
    const curated = Object.entries(EXPLANATIONS);
    expect(curated.length).toBeGreaterThanOrEqual(40);
    for (const [id, explanation] of curated) {
      expect(ids.has(id), id).toBe(true);
      expect(explanation.why.length, id).toBeGreaterThan(20);
      expect(explanation.bugs.length, id).toBeGreaterThan(0);
    }
  });

  it('explain every catalogue row, with a link for every RFC reference', () => {
    for (const row of allCatalogueRows()) {
      const explanation = explainRow(row);
      expect(explanation.rule).toContain(row.requirement);
      if (/RFC\s*\d+/.test(row.rfc)) expect(explanation.links.length, row.id).toBeGreaterThan(0);
      for (const link of explanation.links) expect(link.url).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+(#section-[\d.]*\d)?$/);
      expect(formatExplanation(explanation)).toContain(`${row.id} — `);
    }
  });
});
