import { describe, expect, it } from 'vitest';
import { renderTemplate, type TemplateContext, templateReferences } from '../../src/scenario/index.js';

const context: TemplateContext = { run: 'r1x', users: {}, groups: {}, vars: { id: 'u-1' }, env: {} };

describe('the \\{{ escape: a literal "{{" in a template', () => {
  it('renders \\{{ as {{, next to real placeholders, and is no reference', () => {
    expect(renderTemplate('Tom \\{{nick}} {{vars.id}} {{run}}', context)).toBe('Tom {{nick}} u-1 r1x');
    expect(templateReferences('\\{{nick}} {{run}}')).toEqual(['run']);
  });

  it('keeps an escaped {{ that never closes, and a backslash before it', () => {
    expect(renderTemplate('a \\{{ b', context)).toBe('a {{ b');
    // A recorded `\{{` is escaped as `\\{{`: the first backslash stays, the escape gives `{{`.
    expect(renderTemplate('\\\\{{x', context)).toBe('\\{{x');
  });
});
