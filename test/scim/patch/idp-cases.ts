import { URN } from '../../../src/scim/urns.js';
import {
  BJENSEN_ID,
  GROUP_ID,
  group,
  HOME_EMAIL,
  MANAGER_ID,
  MEMBER_2,
  MEMBER_3,
  type PatchCase,
  user,
  WORK_EMAIL,
} from './fixtures.js';

// The PATCH shapes real identity providers send, as collected in the team's IDP-NOTES (each case names its IdP and source).

const ENTERPRISE = URN.enterpriseUser;
const withEnterprise = (extension: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...user(extra),
  schemas: [URN.user, ENTERPRISE],
  [ENTERPRISE]: extension,
});

export const OKTA_CASES: PatchCase[] = [
  {
    name: 'Okta deactivate: path-less replace {active:false}',
    initial: user({ active: true }),
    operations: [{ op: 'replace', value: { active: false } }],
    expected: user({ active: false }),
  },
  {
    name: "Okta rename: path-less replace carrying the group's own id",
    type: 'Group',
    initial: group({ members: [{ value: MEMBER_2 }] }),
    operations: [{ op: 'replace', value: { id: GROUP_ID, displayName: 'Platform' } }],
    expected: group({ displayName: 'Platform', members: [{ value: MEMBER_2 }] }),
  },
  {
    name: 'Okta membership update: remove by filter and add in one request',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }] }),
    operations: [
      { op: 'remove', path: `members[value eq "${MEMBER_2}"]` },
      { op: 'add', path: 'members', value: [{ value: MEMBER_3, display: 'Tom Smith' }] },
    ],
    expected: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_3 }] }),
  },
  {
    name: 'Okta full push: replace members',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }] }),
    operations: [{ op: 'replace', path: 'members', value: [{ value: MEMBER_3, display: 'Tom Smith' }] }],
    expected: group({ members: [{ value: MEMBER_3 }] }),
  },
  {
    name: 'Okta full push with an empty list empties the group',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }] }),
    operations: [{ op: 'replace', path: 'members', value: [] }],
    expected: group(),
  },
];

export const ENTRA_CASES: PatchCase[] = [
  {
    name: 'Entra default: capitalised Replace with string "False" for active',
    initial: user({ active: true }),
    operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    expected: user({ active: false }),
  },
  {
    name: 'Entra default: string "True" re-activates',
    initial: user({ active: false }),
    operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    expected: user({ active: true }),
  },
  {
    name: 'Entra default: one op per attribute, Add for a previously empty attribute',
    initial: user({ displayName: 'Babs', emails: [WORK_EMAIL] }),
    operations: [
      { op: 'Replace', path: 'displayName', value: 'Barbara Jensen' },
      { op: 'Add', path: 'title', value: 'Tour Guide' },
      { op: 'Replace', path: 'name.givenName', value: 'Barbara' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'barbara@example.com' },
    ],
    expected: user({
      displayName: 'Barbara Jensen',
      title: 'Tour Guide',
      name: { givenName: 'Barbara' },
      emails: [{ ...WORK_EMAIL, value: 'barbara@example.com' }],
    }),
  },
  {
    name: 'Entra default: Add manager with a one-element array holding $ref null',
    initial: user(),
    operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: [{ $ref: null, value: MANAGER_ID }] }],
    expected: withEnterprise({ manager: { value: MANAGER_ID } }),
  },
  {
    name: 'Entra default: Add manager as an object (path "manager" in the extension)',
    initial: withEnterprise({ department: 'Tours' }),
    operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: { value: MANAGER_ID } }],
    expected: withEnterprise({ department: 'Tours', manager: { value: MANAGER_ID } }),
  },
  {
    // Entra's tutorial ("Develop a SCIM endpoint", Example 5) writes the bare path "manager":
    // only the enterprise extension defines it, so it resolves there (lenient RFC 7644 §3.10).
    name: 'Entra tutorial: Add manager on the bare path "manager"',
    initial: user(),
    operations: [{ op: 'Add', path: 'manager', value: [{ $ref: null, value: MANAGER_ID }] }],
    expected: withEnterprise({ manager: { value: MANAGER_ID } }),
  },
  {
    name: 'Bare extension names: replace manager.value and a path-less department',
    initial: withEnterprise({ manager: { value: 'old-manager' } }),
    operations: [
      { op: 'Replace', path: 'manager.value', value: MANAGER_ID },
      { op: 'Replace', value: { department: 'Tours' } },
    ],
    expected: withEnterprise({ manager: { value: MANAGER_ID }, department: 'Tours' }),
  },
  {
    // The hosted SCIM Validator's recorded "Remove Manager" (kayasax/SCIMTool report, 2026-02-10).
    name: 'Entra validator: Replace manager with {"value": ""} removes it',
    initial: withEnterprise({ department: 'Tours', manager: { value: 'old-manager' } }),
    operations: [{ op: 'Replace', path: `${ENTERPRISE}:manager`, value: { value: '' } }],
    expected: withEnterprise({ department: 'Tours' }),
  },
  {
    name: 'Entra default: replace manager.value',
    initial: withEnterprise({ manager: { value: 'old-manager' } }),
    operations: [{ op: 'Replace', path: `${ENTERPRISE}:manager.value`, value: MANAGER_ID }],
    expected: withEnterprise({ manager: { value: MANAGER_ID } }),
  },
  {
    name: 'Entra default: Add members with $ref null',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }] }),
    operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: MEMBER_2 }] }],
    expected: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }] }),
  },
  {
    // RFC 7644 §3.5.2.2 read literally would empty the group; we follow Entra (see remove.ts).
    name: 'Entra default: Remove members with a value list removes only those',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }, { value: MEMBER_3 }] }),
    operations: [{ op: 'Remove', path: 'members', value: [{ value: MEMBER_2 }, { value: MEMBER_3 }] }],
    expected: group({ members: [{ value: BJENSEN_ID }] }),
  },
  {
    name: 'Entra default: Replace displayName of a group',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }] }),
    operations: [{ op: 'Replace', path: 'displayName', value: 'Platform' }],
    expected: group({ displayName: 'Platform', members: [{ value: BJENSEN_ID }] }),
  },
  {
    name: 'Entra: add to emails[type eq "work"].value creates the work email',
    initial: user(),
    operations: [{ op: 'Add', path: 'emails[type eq "work"].value', value: 'bjensen@example.com' }],
    expected: user({ emails: [{ type: 'work', value: 'bjensen@example.com' }] }),
  },
  {
    name: 'Entra: add to emails[type eq "work"].value sets it when the work email exists',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [{ op: 'Add', path: 'emails[type eq "work"].value', value: 'new@example.com' }],
    expected: user({ emails: [{ ...WORK_EMAIL, value: 'new@example.com' }, HOME_EMAIL] }),
  },
  {
    name: 'Entra compliant: path-less replace keyed by attribute paths',
    initial: withEnterprise(
      { department: 'Tours', employeeNumber: '1' },
      { active: true, name: { familyName: 'Jensen', givenName: 'Barbara' } },
    ),
    operations: [
      {
        op: 'replace',
        value: { 'name.givenName': 'A', [`${ENTERPRISE}:department`]: 'X', active: false },
      },
    ],
    expected: withEnterprise(
      { department: 'X', employeeNumber: '1' },
      { active: false, name: { familyName: 'Jensen', givenName: 'A' } },
    ),
  },
  {
    name: 'Entra compliant: path-less add of an extension attribute lists the extension',
    initial: user(),
    operations: [{ op: 'add', value: { [`${ENTERPRISE}:employeeNumber`]: '7' } }],
    expected: withEnterprise({ employeeNumber: '7' }),
  },
  {
    name: 'Entra compliant: remove a member by value filter',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }] }),
    operations: [{ op: 'remove', path: `members[value eq "${BJENSEN_ID}"]` }],
    expected: group({ members: [{ value: MEMBER_2 }] }),
  },
  {
    name: 'path-less value with the extension URN as a key holding an object',
    initial: withEnterprise({ department: 'Tours' }),
    operations: [
      {
        op: 'replace',
        value: { [ENTERPRISE]: { costCenter: '4130', manager: { value: MANAGER_ID } }, title: 'Guide' },
      },
    ],
    expected: withEnterprise(
      { department: 'Tours', costCenter: '4130', manager: { value: MANAGER_ID } },
      { title: 'Guide' },
    ),
  },
];

export const KEYCLOAK_CASES: PatchCase[] = [
  {
    name: 'Keycloak user-patchOp: replace active "false", userName, displayName',
    initial: user({ active: true, displayName: 'Babs' }),
    operations: [
      { op: 'replace', path: 'active', value: 'false' },
      { op: 'replace', path: 'userName', value: 'bjensen2' },
      { op: 'replace', path: 'displayName', value: 'Barbara' },
    ],
    expected: user({ active: false, userName: 'bjensen2', displayName: 'Barbara' }),
  },
  {
    name: 'Keycloak group-patchOp: replace members, displayName and externalId',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }] }),
    operations: [
      { op: 'replace', path: 'members', value: [{ value: MEMBER_2, $ref: `Users/${MEMBER_2}` }] },
      { op: 'replace', path: 'displayName', value: 'Platform' },
      { op: 'replace', path: 'externalId', value: 'kc-1' },
    ],
    expected: group({
      members: [{ value: MEMBER_2, $ref: `Users/${MEMBER_2}` }],
      displayName: 'Platform',
      externalId: 'kc-1',
    }),
  },
  {
    name: 'Keycloak: remove members without value empties the group',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }] }),
    operations: [{ path: 'members', op: 'remove' }],
    expected: group(),
  },
];

export const AUTHENTIK_CASES: PatchCase[] = [
  {
    name: 'authentik: one add op per member',
    type: 'Group',
    initial: group(),
    operations: [
      { op: 'add', path: 'members', value: [{ value: BJENSEN_ID }] },
      { op: 'add', path: 'members', value: [{ value: MEMBER_2 }] },
      { op: 'add', path: 'members', value: [{ value: MEMBER_3 }] },
    ],
    expected: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }, { value: MEMBER_3 }] }),
  },
  {
    name: 'authentik: path-less replace with the whole group',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }] }),
    operations: [{ op: 'replace', value: { displayName: 'Renamed', members: [{ value: MEMBER_2 }] } }],
    expected: group({ displayName: 'Renamed', members: [{ value: MEMBER_2 }] }),
  },
  {
    name: 'a single object where an array is expected is wrapped',
    type: 'Group',
    initial: group({ members: [{ value: BJENSEN_ID }] }),
    operations: [{ op: 'add', path: 'members', value: { value: MEMBER_2 } }],
    expected: group({ members: [{ value: BJENSEN_ID }, { value: MEMBER_2 }] }),
  },
];
