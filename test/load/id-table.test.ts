import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/load/id-table.js';

describe('IdTable', () => {
  it('keeps ids by index in any order, grows past its first guess, and says which are missing', () => {
    const table = new IdTable(3000);
    const long = 'x'.repeat(200);
    for (let index = 2999; index >= 0; index -= 2) table.set(index, `${index}-${long}-é`);
    expect(table.get(2999)).toBe(`2999-${long}-é`);
    expect(table.get(1)).toBe(`1-${long}-é`);
    expect(table.has(2)).toBe(false);
    expect(table.get(2)).toBe('');
    table.set(2, 'late');
    expect(table.get(2)).toBe('late');
    expect(table.get(3)).toBe(`3-${long}-é`);
  });
});
