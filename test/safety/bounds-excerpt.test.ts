import { describe, expect, it } from 'vitest';
import { bodyExcerpt } from '../../src/report/pretty/json-excerpt.js';

/*
 * Issue 11: the excerpt under a failure (pretty, JUnit) shows a few lines, so it must cost a few
 * lines' work whatever the body: it laid a 7 MiB body out whole (about 2 s each time) and parsed
 * and walked a deep one recursively (a stack overflow in the reporter).
 */

function cpuSeconds(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

describe('bodyExcerpt on bodies no SCIM server should send', () => {
  it('a body nested 100,000 levels deep is shown as text', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(bodyExcerpt(deep)).toEqual([`${'['.repeat(400)}…`]);
  });

  it('a 10 MiB body with 400,000 values is laid out only as far as the excerpt shows', () => {
    const value = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'a',
      emails: Array.from({ length: 400_000 }, (_, index) => ({ value: `user${index}@example.com`, type: 'work' })),
    };
    const text = JSON.stringify(value);
    let lines: string[] = [];
    const seconds = cpuSeconds(() => {
      lines = bodyExcerpt(text, value);
    });
    expect(lines).toEqual([
      '{',
      '  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],',
      '  "id": "a",',
      '  "emails": [',
      '    {"value":"user0@example.com","type":"work"},',
      '    {"value":"user1@example.com","type":"work"}, …',
    ]);
    expect(seconds).toBeLessThan(0.5);
  });

  it('a 10 MiB string is cut without being serialised whole', () => {
    const seconds = cpuSeconds(() => {
      expect(bodyExcerpt(undefined, undefined)).toEqual([]);
      // Opened as the layout always did (it does not fit on a line), then cut at 400 characters.
      expect(bodyExcerpt('{}', { title: 'x'.repeat(10 * 1024 * 1024) })).toEqual([
        '{',
        `  "title": "${'x'.repeat(399 - 12)}…`,
      ]);
    });
    expect(seconds).toBeLessThan(0.5);
  });
});
