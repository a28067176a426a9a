import { describe, expect, it } from 'vitest';
import { ScimCheckError } from '../../src/errors.js';
import { renderDeep, renderTemplate, type TemplateContext, templateReferences } from '../../src/scenario/index.js';

function context(overrides: Partial<TemplateContext> = {}): TemplateContext {
  return {
    run: 'r1x',
    users: {
      alice: {
        id: 'u-1',
        userName: 'alice.r1x@example.com',
        email: 'alice.r1x@example.com',
        givenName: 'Alice',
        familyName: 'Doe',
      },
      bob: { userName: 'bob.r1x@example.com' },
    },
    groups: { eng: { id: 'g-1', displayName: 'Engineering r1x' }, ops: { displayName: 'Ops' } },
    vars: { aliceId: 'u-1' },
    env: { TENANT: 'acme', UNSET: undefined },
    ...overrides,
  };
}

/** The TEMPLATE_ERROR a render throws, for asserting message and hint. */
function renderError(text: string, ctx = context()): ScimCheckError {
  try {
    renderTemplate(text, ctx);
  } catch (error) {
    if (error instanceof ScimCheckError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('renderTemplate', () => {
  it.each([
    ['alice.{{run}}@example.com', 'alice.r1x@example.com'],
    ['{{ run }}-{{run}}', 'r1x-r1x'],
    ['{{users.alice.userName}}', 'alice.r1x@example.com'],
    ['{{ users.alice.id }}', 'u-1'],
    ['{{users.alice.familyName}}, {{users.alice.givenName}}', 'Doe, Alice'],
    ['/Groups/{{groups.eng.id}}', '/Groups/g-1'],
    ['{{groups.ops.displayName}}', 'Ops'],
    ['/Users/{{vars.aliceId}}', '/Users/u-1'],
    ['{{env.TENANT}}', 'acme'],
    ['no templates here', 'no templates here'],
    ['', ''],
    ['a single { brace } is text', 'a single { brace } is text'],
  ])('%j → %j', (text, expected) => {
    expect(renderTemplate(text, context())).toBe(expected);
  });

  it('says an id is not known before the resource was created', () => {
    const error = renderError('/Users/{{users.bob.id}}');
    expect(error.code).toBe('TEMPLATE_ERROR');
    expect(error.message).toBe(
      '{{users.bob.id}} is not known yet: user "bob" has no SCIM id until the server creates it',
    );
    expect(error.hint).toBe('use it only after the assignUser step for bob');
    expect(renderError('{{groups.ops.id}}').hint).toBe('use it only after the pushGroup step for ops');
  });

  it('says which field a user lacks', () => {
    const error = renderError('{{users.bob.externalId}}');
    expect(error.message).toBe('{{users.bob.externalId}} has no value: user "bob" has no externalId');
  });

  it('rejects unknown keys, fields and roots with a suggestion', () => {
    expect(renderError('{{users.alcie.id}}')).toMatchObject({
      message: '{{users.alcie.id}} refers to unknown user "alcie"',
      hint: 'did you mean "alice"?',
    });
    expect(renderError('{{groups.eng.name}}').message).toBe('unknown group field "name" in {{groups.eng.name}}');
    expect(renderError('{{user.alice.id}}')).toMatchObject({
      message: 'unknown template name "user" in {{user.alice.id}}',
      hint: 'did you mean "users"?',
    });
    expect(renderError('{{users.alice}}').message).toBe('{{users.alice}} must name a user and a field');
    expect(renderError('{{run.id}}').message).toBe('{{run}} has no fields, got {{run.id}}');
    expect(renderError('{{}}').message).toBe('empty template {{}}');
    expect(renderError('{{vars}}').message).toBe('{{vars}} must name exactly one variable');
  });

  it('refuses a variable that was not captured yet', () => {
    expect(renderError('{{vars.bobId}}')).toMatchObject({
      message: '{{vars.bobId}} is not known yet: no earlier step captured "bobId"',
    });
  });

  it('reads only opted-in environment variables, and says when one is unset', () => {
    expect(renderError('{{env.HOME}}')).toMatchObject({
      message: '{{env.HOME}} reads an environment variable the scenario did not opt into',
      hint: 'list it in the scenario: env: [HOME]',
    });
    expect(renderError('{{env.UNSET}}')).toMatchObject({
      message: '{{env.UNSET}} is empty: environment variable UNSET is not set',
      hint: 'set UNSET in the environment scim-check runs in',
    });
  });

  it('refuses an unclosed placeholder instead of sending it', () => {
    expect(renderError('alice.{{run@example.com').message).toBe('unclosed template in "alice.{{run@example.com"');
  });

  it('does not re-render a value that itself looks like a template', () => {
    expect(renderTemplate('{{vars.raw}}', context({ vars: { raw: '{{run}}' } }))).toBe('{{run}}');
  });
});

describe('renderDeep', () => {
  it('renders strings inside objects and arrays, leaving keys and other values alone', () => {
    const input = {
      userName: '{{users.alice.userName}}',
      '{{run}}': 'key stays',
      emails: [{ value: '{{users.alice.email}}', primary: true }],
      count: 3,
      nothing: null,
    };
    const output = renderDeep(input, context());
    expect(output).toEqual({
      userName: 'alice.r1x@example.com',
      '{{run}}': 'key stays',
      emails: [{ value: 'alice.r1x@example.com', primary: true }],
      count: 3,
      nothing: null,
    });
    expect(input.userName).toBe('{{users.alice.userName}}');
  });

  it('renders a bare string and passes other scalars through', () => {
    expect(renderDeep('{{run}}', context())).toBe('r1x');
    expect(renderDeep(42, context())).toBe(42);
    expect(renderDeep(undefined, context())).toBeUndefined();
  });

  it('throws for a bad reference anywhere inside', () => {
    expect(() => renderDeep({ a: [{ b: '{{users.nobody.id}}' }] }, context())).toThrow(ScimCheckError);
  });
});

describe('templateReferences', () => {
  it('lists trimmed expressions in order', () => {
    expect(templateReferences('{{ run }}/{{users.alice.id}}/{{  env.X }}')).toEqual(['run', 'users.alice.id', 'env.X']);
  });

  it('returns nothing for plain text and unclosed braces', () => {
    expect(templateReferences('plain')).toEqual([]);
    expect(templateReferences('{{run')).toEqual([]);
  });
});
