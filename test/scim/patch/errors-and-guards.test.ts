import { describe, expect, it } from 'vitest';
import { applyPatch, parsePatchRequest } from '../../../src/scim/patch/index.js';
import type { ScimType } from '../../../src/scim/scim-error.js';
import { URN } from '../../../src/scim/urns.js';
import { scimErrorOf } from '../scim-error-of.js';
import {
  BJENSEN_ID,
  deepFreeze,
  group,
  HOME_EMAIL,
  type PatchCase,
  patchBody,
  RESOURCE_TYPES,
  user,
  WORK_EMAIL,
} from './fixtures.js';

// What the fixture tables leave out: request validation (RFC 7644 §3.5.2), the mutability
// and type guards (RFC 7643 §2.2, §2.3), atomicity, and `primary` handling (RFC 7643 §2.4).

function caught(action: () => unknown): { status: number; scimType: ScimType | undefined } {
  const error = scimErrorOf(action);
  return { status: error.status, scimType: error.scimType };
}

function apply(testCase: PatchCase): unknown {
  const initial = deepFreeze(structuredClone(testCase.initial));
  return applyPatch(
    initial,
    parsePatchRequest(patchBody(testCase.operations)),
    RESOURCE_TYPES[testCase.type ?? 'User'],
  );
}

describe('parsePatchRequest refuses malformed bodies (RFC 7644 §3.5.2, PATCH-BODY-VALIDATED)', () => {
  const cases: { name: string; body: unknown; scimType: ScimType }[] = [
    { name: 'not an object', body: [], scimType: 'invalidSyntax' },
    {
      name: 'empty schemas',
      body: { schemas: [], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      scimType: 'invalidSyntax',
    },
    {
      name: 'wrong schema',
      body: { schemas: [URN.user], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      scimType: 'invalidSyntax',
    },
    { name: 'Operations missing', body: { schemas: [URN.patchOp] }, scimType: 'invalidSyntax' },
    { name: 'Operations empty', body: patchBody([]), scimType: 'invalidSyntax' },
    {
      name: 'Operations not an array',
      body: { schemas: [URN.patchOp], Operations: { op: 'add' } },
      scimType: 'invalidSyntax',
    },
    { name: 'an operation that is not an object', body: patchBody(['add']), scimType: 'invalidSyntax' },
    { name: 'op missing', body: patchBody([{ path: 'title', value: 'x' }]), scimType: 'invalidSyntax' },
    {
      name: 'unknown op "move"',
      body: patchBody([{ op: 'move', path: 'title', value: 'x' }]),
      scimType: 'invalidSyntax',
    },
    { name: 'add without value', body: patchBody([{ op: 'add', path: 'title' }]), scimType: 'invalidSyntax' },
    { name: 'replace without value', body: patchBody([{ op: 'replace', path: 'title' }]), scimType: 'invalidSyntax' },
    {
      name: 'path that is not a string',
      body: patchBody([{ op: 'replace', path: 7, value: 'x' }]),
      scimType: 'invalidPath',
    },
    {
      name: 'path-less add whose value is not an object',
      body: patchBody([{ op: 'add', value: 'x' }]),
      scimType: 'invalidValue',
    },
  ];
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, { body, scimType }) => {
    expect(caught(() => parsePatchRequest(body))).toEqual({ status: 400, scimType });
  });

  it('reads a body with no schemas key as a PatchOp: authentik sends one (INTEROP-PATCH-NO-SCHEMAS)', () => {
    expect(parsePatchRequest({ Operations: [{ op: 'replace', value: { displayName: 'x' } }] })).toEqual([
      { op: 'replace', value: { displayName: 'x' } },
    ]);
  });

  it('accepts member names in any case (RFC 7643 §2.1) and lower-cases op', () => {
    const operations = parsePatchRequest({
      SCHEMAS: [URN.patchOp.toUpperCase()],
      operations: [{ OP: 'REPLACE', PATH: 'title', VALUE: 'x' }],
    });
    expect(operations).toEqual([{ op: 'replace', path: 'title', value: 'x' }]);
  });

  it('treats a null path as no path', () => {
    expect(parsePatchRequest(patchBody([{ op: 'add', path: null, value: { title: 'x' } }]))).toEqual([
      { op: 'add', value: { title: 'x' } },
    ]);
  });
});

const errorCases: (PatchCase & { error: NonNullable<PatchCase['error']> })[] = [
  // PATCH-INVALID-PATH: malformed or unresolvable paths.
  {
    name: 'unclosed value filter',
    initial: user(),
    operations: [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }],
    error: { status: 400, scimType: 'invalidPath' },
  },
  {
    name: 'empty path segment',
    initial: user(),
    operations: [{ op: 'replace', path: 'name..givenName', value: 'x' }],
    error: { status: 400, scimType: 'invalidPath' },
  },
  {
    name: 'unknown attribute',
    initial: user(),
    operations: [{ op: 'replace', path: 'scimcheckNoSuchAttr', value: 'x' }],
    error: { status: 400, scimType: 'invalidPath' },
  },
  {
    name: 'unknown sub-attribute',
    initial: user(),
    operations: [{ op: 'replace', path: 'name.nope', value: 'x' }],
    error: { status: 400, scimType: 'invalidPath' },
  },
  {
    name: 'value filter on a single-valued attribute',
    initial: user(),
    operations: [{ op: 'replace', path: 'title[value eq "x"]', value: 'x' }],
    error: { status: 400, scimType: 'invalidPath' },
  },
  {
    name: 'value filter naming an unknown sub-attribute',
    initial: user({ emails: [WORK_EMAIL] }),
    operations: [{ op: 'remove', path: 'emails[nope eq "x"]' }],
    error: { status: 400, scimType: 'invalidPath' },
  },
  {
    name: 'unknown extension URN',
    initial: user(),
    operations: [{ op: 'add', path: 'urn:example:nope:2.0:User:x', value: 'x' }],
    error: { status: 400, scimType: 'invalidPath' },
  },
  // PATCH-READONLY: read-only attributes cannot change.
  {
    name: 'replace id with another value',
    initial: user(),
    operations: [{ op: 'replace', path: 'id', value: 'other' }],
    error: { status: 400, scimType: 'mutability' },
  },
  {
    name: 'replace meta.created',
    initial: user(),
    operations: [{ op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }],
    error: { status: 400, scimType: 'mutability' },
  },
  {
    name: 'add to User groups',
    initial: user(),
    operations: [{ op: 'add', path: 'groups', value: [{ value: 'g1' }] }],
    error: { status: 400, scimType: 'mutability' },
  },
  {
    name: 'path-less replace carrying another id',
    initial: user(),
    operations: [{ op: 'replace', value: { id: 'other', title: 'x' } }],
    error: { status: 400, scimType: 'mutability' },
  },
  // PATCH-IMMUTABLE (RFC 7644 §3.5.2): once set, an immutable attribute stays.
  {
    name: 'replace a set immutable attribute',
    type: 'Badge',
    initial: { label: 'L', serial: 'S1' },
    operations: [{ op: 'replace', path: 'serial', value: 'S2' }],
    error: { status: 400, scimType: 'mutability' },
  },
  {
    name: 'remove a set immutable attribute',
    type: 'Badge',
    initial: { label: 'L', serial: 'S1' },
    operations: [{ op: 'remove', path: 'serial' }],
    error: { status: 400, scimType: 'mutability' },
  },
  {
    name: 'remove a required attribute of another type',
    type: 'Badge',
    initial: { label: 'L' },
    operations: [{ op: 'remove', path: 'label' }],
    error: { status: 400, scimType: 'mutability' },
  },
  // ERR-INVALID-VALUE: values of the wrong JSON type (RFC 7643 §2.3).
  {
    name: 'boolean given "yes"',
    initial: user(),
    operations: [{ op: 'replace', path: 'active', value: 'yes' }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'boolean given 1',
    initial: user(),
    operations: [{ op: 'replace', path: 'active', value: 1 }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'string given an object',
    initial: user(),
    operations: [{ op: 'replace', path: 'title', value: { x: 1 } }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'single-valued attribute given an array',
    initial: user(),
    operations: [{ op: 'replace', path: 'title', value: ['a', 'b'] }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'integer given a string',
    type: 'Badge',
    initial: { label: 'L' },
    operations: [{ op: 'replace', path: 'level', value: '3' }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'integer given a fraction',
    type: 'Badge',
    initial: { label: 'L' },
    operations: [{ op: 'replace', path: 'level', value: 2.5 }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'dateTime given free text',
    type: 'Badge',
    initial: { label: 'L' },
    operations: [{ op: 'replace', path: 'issued', value: 'yesterday' }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'unknown sub-attribute in a complex value',
    initial: user(),
    operations: [{ op: 'add', path: 'emails', value: [{ value: 'a@example.com', colour: 'red' }] }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'path-less value naming an unknown attribute',
    initial: user(),
    operations: [{ op: 'replace', value: { scimcheckNoSuchAttr: 'x' } }],
    error: { status: 400, scimType: 'invalidValue' },
  },
  {
    name: 'two new primaries in one add',
    initial: user(),
    operations: [
      {
        op: 'add',
        path: 'emails',
        value: [
          { value: 'a@example.com', primary: true },
          { value: 'b@example.com', primary: true },
        ],
      },
    ],
    error: { status: 400, scimType: 'invalidValue' },
  },
  // PATCH-REPLACE-NOTARGET for members, and remove without a path.
  {
    name: 'replace a member that is not there',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }] }),
    operations: [{ op: 'replace', path: 'members[value eq "ghost"].value', value: 'x' }],
    error: { status: 400, scimType: 'noTarget' },
  },
];

describe('applyPatch refuses what RFC 7644 §3.5.2 and §3.12 refuse', () => {
  it.each(errorCases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    expect(caught(() => apply(testCase))).toEqual(testCase.error);
  });
});

const successCases: (PatchCase & { expected: NonNullable<PatchCase['expected']> })[] = [
  {
    name: 'an immutable attribute may be set while unassigned',
    type: 'Badge',
    initial: { label: 'L' },
    operations: [{ op: 'add', path: 'serial', value: 'S1' }],
    expected: { label: 'L', serial: 'S1' },
  },
  {
    name: 'an immutable attribute may be re-sent unchanged',
    type: 'Badge',
    initial: { label: 'L', serial: 'S1' },
    operations: [{ op: 'replace', path: 'serial', value: 'S1' }],
    expected: { label: 'L', serial: 'S1' },
  },
  {
    name: 'integer and dateTime values of the right type',
    type: 'Badge',
    initial: { label: 'L' },
    operations: [{ op: 'add', value: { level: 3, issued: '2024-05-01T10:00:00Z' } }],
    expected: { label: 'L', level: 3, issued: '2024-05-01T10:00:00Z' },
  },
  {
    name: 'simple multi-valued attribute: add appends, filter on value removes',
    type: 'Badge',
    initial: { label: 'L', tags: ['a'] },
    operations: [
      { op: 'add', path: 'tags', value: ['b', 'a'] },
      { op: 'remove', path: 'tags[value eq "a"]' },
    ],
    expected: { label: 'L', tags: ['b'] },
  },
  {
    name: 'replacing id with its own value is accepted (Okta re-sends it)',
    initial: user(),
    operations: [{ op: 'replace', path: 'id', value: BJENSEN_ID }],
    expected: user(),
  },
  {
    name: 'a new primary email clears the old one (PATCH-PRIMARY-UNIQUE, RFC 7643 §2.4)',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [{ op: 'add', path: 'emails', value: [{ value: 'e8@example.com', type: 'other', primary: true }] }],
    expected: user({
      emails: [
        { ...WORK_EMAIL, primary: false },
        HOME_EMAIL,
        { value: 'e8@example.com', type: 'other', primary: true },
      ],
    }),
  },
  {
    name: 'setting primary through a value path clears the old one',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }],
    expected: user({
      emails: [
        { ...WORK_EMAIL, primary: false },
        { ...HOME_EMAIL, primary: true },
      ],
    }),
  },
  {
    name: 'null in replace unassigns (RFC 7643 §2.5)',
    initial: user({ nickName: 'B' }),
    operations: [{ op: 'replace', path: 'nickName', value: null }],
    expected: user(),
  },
  {
    name: 'null in add adds nothing',
    initial: user({ nickName: 'B' }),
    operations: [{ op: 'add', path: 'nickName', value: null }],
    expected: user({ nickName: 'B' }),
  },
  {
    name: 'path-less add ignores schemas and meta',
    initial: user(),
    operations: [{ op: 'add', value: { schemas: ['x'], meta: { created: 'x' }, title: 'T' } }],
    expected: user({ title: 'T' }),
  },
  {
    name: 'extension attributes by URN path, replaced and removed',
    initial: user(),
    operations: [
      { op: 'replace', path: `${URN.enterpriseUser}:department`, value: 'D' },
      { op: 'replace', path: `${URN.enterpriseUser}:manager.value`, value: 'm1' },
    ],
    expected: {
      ...user(),
      schemas: [URN.user, URN.enterpriseUser],
      [URN.enterpriseUser]: { department: 'D', manager: { value: 'm1' } },
    },
  },
];

describe('applyPatch outcomes beyond the fixture tables', () => {
  it.each(successCases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    expect(apply(testCase)).toEqual(testCase.expected);
  });
});

describe('atomicity (RFC 7644 §3.5.2, PATCH-ATOMIC)', () => {
  it('a failing operation leaves the input untouched and returns nothing', () => {
    const initial = deepFreeze(user({ nickName: 'Before' }));
    const operations = parsePatchRequest(
      patchBody([
        { op: 'replace', path: 'nickName', value: 'After' },
        { op: 'remove', path: 'userName' },
      ]),
    );
    expect(caught(() => applyPatch(initial, operations, RESOURCE_TYPES.User))).toEqual({
      status: 400,
      scimType: 'mutability',
    });
    expect(initial).toEqual(user({ nickName: 'Before' }));
  });

  it('the result shares no objects with the input', () => {
    const initial = user({ name: { givenName: 'B' }, emails: [WORK_EMAIL] });
    const patched = applyPatch(
      initial,
      parsePatchRequest(patchBody([{ op: 'add', path: 'title', value: 'T' }])),
      RESOURCE_TYPES.User,
    );
    (patched.name as Record<string, unknown>).givenName = 'changed';
    (patched.emails as unknown[]).push({ value: 'x' });
    expect(initial).toEqual(user({ name: { givenName: 'B' }, emails: [WORK_EMAIL] }));
  });
});
