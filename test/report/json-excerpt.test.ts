import { describe, expect, it } from 'vitest';
import { bodyExcerpt, layoutJson } from '../../src/report/pretty/json-excerpt.js';

describe('layoutJson', () => {
  it.each([
    ['a scalar', 'text', '"text"'],
    ['a short object stays on one line', { op: 'add', path: 'members' }, '{"op":"add","path":"members"}'],
    ['empty containers', { a: [], b: {} }, '{"a":[],"b":{}}'],
  ])('%s', (_name, value, expected) => {
    expect(layoutJson(value, 40)).toBe(expected);
  });

  it('opens a value that does not fit, keeping members that fit on one line', () => {
    const value = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: 'members' }],
    };
    expect(layoutJson(value, 64)).toBe(
      [
        '{',
        '  "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],',
        '  "Operations": [{"op":"remove","path":"members"}]',
        '}',
      ].join('\n'),
    );
  });
});

describe('bodyExcerpt', () => {
  const limits = { maxLines: 3, maxChars: 60, width: 30 };

  it.each([
    ['no body', undefined, []],
    ['a blank body', '  \n', []],
    ['text that is not JSON', 'Service Unavailable', ['Service Unavailable']],
    ['short JSON', '{"status":"404"}', ['{"status":"404"}']],
  ])('%s', (_name, body, expected) => {
    expect(bodyExcerpt(body, undefined, limits)).toEqual(expected);
  });

  it('cuts after the line limit and marks the cut', () => {
    const body = JSON.stringify({ first: 'aaaaaaaaaaaa', second: 'bbbbbbbbbbbb', third: 'cccccccccccc', fourth: 'd' });
    expect(bodyExcerpt(body, undefined, limits)).toEqual([
      '{',
      '  "first": "aaaaaaaaaaaa",',
      '  "second": "bbbbbbbbbbbb", …',
    ]);
  });

  it('cuts a long line at the character limit', () => {
    const lines = bodyExcerpt('x'.repeat(100), undefined, limits);
    expect(lines).toEqual([`${'x'.repeat(60)}…`]);
  });

  it('prefers the already parsed JSON over the raw text', () => {
    expect(bodyExcerpt('{"ignored":true}', { used: 1 }, limits)).toEqual(['{"used":1}']);
  });
});

describe('bodyExcerpt with the paths the findings name', () => {
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '2819c223-7f76-453a-919d-413861904646',
    externalId: 'ak-7f76453a919d',
    userName: 'pia@example.com',
    name: { givenName: 'Pia', familyName: 'Lindqvist', formatted: 'Pia Lindqvist' },
    displayName: 'Pia Lindqvist',
    active: true,
    meta: {
      resourceType: 'User',
      created: '2026-12-07T10:00:00Z',
      lastModified: '2026-12-07T10:00:00Z',
      version: 'W/"3"',
    },
    emails: [{ value: 'pia@example.com', type: 'other', primary: true }],
  };

  it('shows the attribute a finding points at, which a plain excerpt cut off (the authentik emails entry)', () => {
    const body = JSON.stringify(user);
    expect(bodyExcerpt(body).join('\n')).not.toContain('"emails"');
    const focused = bodyExcerpt(body, undefined, undefined, ['$.emails[0].type']);
    expect(focused.slice(0, 4).join('\n')).toContain(
      '"emails": [{"value":"pia@example.com","type":"other","primary":true}]',
    );
    expect(focused[1]).toContain('"schemas"');
  });

  it('changes nothing for paths that name no top-level attribute', () => {
    const body = JSON.stringify(user);
    expect(bodyExcerpt(body, undefined, undefined, ['$.nowhere'])).toEqual(bodyExcerpt(body));
  });
});
