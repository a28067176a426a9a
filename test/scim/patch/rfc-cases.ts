import { URN } from '../../../src/scim/urns.js';
import {
  BJENSEN_ID,
  group,
  HOME_EMAIL,
  MEMBER_2,
  MEMBER_3,
  type PatchCase,
  user,
  WORK_ADDRESS,
  WORK_EMAIL,
} from './fixtures.js';

// Every example of RFC 7644 §3.5.2.1 (add), §3.5.2.2 (remove) and §3.5.2.3 (replace),
// applied to resources shaped like the ones in RFC 7643 §8.

const babs = { $ref: `https://example.com/v2/Users/${BJENSEN_ID}`, value: BJENSEN_ID };
const member2 = { $ref: `https://example.com/v2/Users/${MEMBER_2}`, value: MEMBER_2 };
const member3 = { $ref: `https://example.com/v2/Users/${MEMBER_3}`, value: MEMBER_3 };

export const RFC_ADD_CASES: PatchCase[] = [
  {
    // §3.5.2.1 first example. `display` is read-only in our Group schema, so it is not stored.
    name: '§3.5.2.1 add a member to a group',
    type: 'Group',
    initial: group({ members: [member2] }),
    operations: [{ op: 'add', path: 'members', value: [{ display: 'Babs Jensen', ...babs }] }],
    expected: group({ members: [member2, babs] }),
  },
  {
    name: '§3.5.2.1 add a member to a group without members creates the attribute',
    type: 'Group',
    initial: group(),
    operations: [{ op: 'add', path: 'members', value: [{ display: 'Babs Jensen', ...babs }] }],
    expected: group({ members: [babs] }),
  },
  {
    // §3.5.2.1 second example: path-less, with the lower-case "nickname" of the RFC text.
    name: '§3.5.2.1 path-less add of emails and nickname',
    initial: user({ emails: [WORK_EMAIL] }),
    operations: [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }],
    expected: user({ emails: [WORK_EMAIL, HOME_EMAIL], nickName: 'Babs' }),
  },
  {
    name: '§3.5.2.1 add on a single-valued attribute replaces it',
    initial: user({ title: 'Tour Guide' }),
    operations: [{ op: 'add', path: 'title', value: 'Chief Tour Guide' }],
    expected: user({ title: 'Chief Tour Guide' }),
  },
  {
    name: '§3.5.2.1 add on a complex attribute merges sub-attributes',
    initial: user({ name: { familyName: 'Jensen', givenName: 'Barbara' } }),
    operations: [{ op: 'add', path: 'name', value: { givenName: 'Babs', middleName: 'Jane' } }],
    expected: user({ name: { familyName: 'Jensen', givenName: 'Babs', middleName: 'Jane' } }),
  },
  {
    name: '§3.5.2.1 add a sub-attribute of an absent complex attribute creates it',
    initial: user(),
    operations: [{ op: 'add', path: 'name.familyName', value: 'Jensen' }],
    expected: user({ name: { familyName: 'Jensen' } }),
  },
  {
    name: '§3.5.2.1 a value already present is not added again',
    type: 'Group',
    initial: group({ members: [babs] }),
    operations: [{ op: 'add', path: 'members', value: [{ value: BJENSEN_ID, display: 'Babs Jensen' }] }],
    expected: group({ members: [babs] }),
  },
  {
    name: '§3.5.2.1 an email already present is not added again',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [{ op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org', type: 'home' }] }],
    expected: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
  },
  {
    name: '§3.5.2.1 fully qualified extension path stores under the URN and lists it in schemas',
    initial: user(),
    operations: [{ op: 'add', path: `${URN.enterpriseUser}:employeeNumber`, value: '701984' }],
    expected: {
      ...user(),
      schemas: [URN.user, URN.enterpriseUser],
      [URN.enterpriseUser]: { employeeNumber: '701984' },
    },
  },
  {
    name: '§3.5.2 operations apply in order (remove then add emails)',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [
      { op: 'remove', path: 'emails' },
      { op: 'add', path: 'emails', value: [{ value: 'e7@example.com', type: 'other' }] },
    ],
    expected: user({ emails: [{ value: 'e7@example.com', type: 'other' }] }),
  },
];

export const RFC_REMOVE_CASES: PatchCase[] = [
  {
    name: '§3.5.2.2 remove one member by value filter',
    type: 'Group',
    initial: group({ members: [babs, member2] }),
    operations: [{ op: 'remove', path: `members[value eq "${BJENSEN_ID}"]` }],
    expected: group({ members: [member2] }),
  },
  {
    name: '§3.5.2.2 remove all members',
    type: 'Group',
    initial: group({ members: [babs, member2] }),
    operations: [{ op: 'remove', path: 'members' }],
    expected: group(),
  },
  {
    name: '§3.5.2.2 remove emails matching a complex filter',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL, { value: 'bj@example.org', type: 'work' }] }),
    operations: [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
    expected: user({ emails: [HOME_EMAIL, { value: 'bj@example.org', type: 'work' }] }),
  },
  {
    name: '§3.5.2.2 replace all members with remove then add',
    type: 'Group',
    initial: group({ members: [babs] }),
    operations: [
      { op: 'remove', path: 'members' },
      {
        op: 'add',
        path: 'members',
        value: [
          { display: 'James Smith', ...member2 },
          { display: 'Tom Smith', ...member3 },
        ],
      },
    ],
    expected: group({ members: [member2, member3] }),
  },
  {
    name: '§3.5.2.2 remove a single-valued attribute',
    initial: user({ nickName: 'Babs' }),
    operations: [{ op: 'remove', path: 'nickName' }],
    expected: user(),
  },
  {
    name: '§3.5.2.2 remove a sub-attribute; the emptied complex attribute is unassigned',
    initial: user({ name: { familyName: 'Jensen', givenName: 'Barbara' } }),
    operations: [
      { op: 'remove', path: 'name.familyName' },
      { op: 'remove', path: 'name.givenName' },
    ],
    expected: user(),
  },
  {
    name: '§3.5.2.2 removing the last matching value unassigns the attribute',
    initial: user({ emails: [HOME_EMAIL] }),
    operations: [{ op: 'remove', path: 'emails[type eq "home"]' }],
    expected: user(),
  },
  {
    name: '§3.5.2.2 remove a sub-attribute of the matching elements',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [{ op: 'remove', path: 'emails[type eq "work"].primary' }],
    expected: user({ emails: [{ value: 'bjensen@example.com', type: 'work' }, HOME_EMAIL] }),
  },
  {
    // Our choice: RFC 7644 §3.5.2.2 does not ask for noTarget here; the value is already gone.
    name: '§3.5.2.2 a value filter that matches nothing removes nothing and succeeds',
    type: 'Group',
    initial: group({ members: [member2] }),
    operations: [{ op: 'remove', path: `members[value eq "${BJENSEN_ID}"]` }],
    expected: group({ members: [member2] }),
  },
  {
    name: '§3.5.2.2 remove an absent attribute is a no-op',
    initial: user(),
    operations: [{ op: 'remove', path: 'nickName' }],
    expected: user(),
  },
  {
    name: '§3.5.2.2 remove an extension attribute; the emptied extension leaves schemas',
    initial: {
      ...user(),
      schemas: [URN.user, URN.enterpriseUser],
      [URN.enterpriseUser]: { department: 'Tour Operations' },
    },
    operations: [{ op: 'remove', path: `${URN.enterpriseUser}:department` }],
    expected: user(),
  },
  {
    name: '§3.5.2.2 remove without path is noTarget',
    initial: user({ nickName: 'Babs' }),
    operations: [{ op: 'remove' }],
    error: { status: 400, scimType: 'noTarget' },
  },
  {
    name: '§3.5.2.2 removing a required attribute (userName) is mutability',
    initial: user(),
    operations: [{ op: 'remove', path: 'userName' }],
    error: { status: 400, scimType: 'mutability' },
  },
  {
    name: '§3.5.2.2 removing a required attribute (Group displayName) is mutability',
    type: 'Group',
    initial: group(),
    operations: [{ op: 'remove', path: 'displayName' }],
    error: { status: 400, scimType: 'mutability' },
  },
  {
    name: '§3.5.2.2 removing a read-only attribute (id) is mutability',
    initial: user(),
    operations: [{ op: 'remove', path: 'id' }],
    error: { status: 400, scimType: 'mutability' },
  },
];

const NEW_WORK_ADDRESS = {
  type: 'work',
  streetAddress: '911 Universal City Plaza',
  locality: 'Hollywood',
  region: 'CA',
  postalCode: '91608',
  country: 'US',
  formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
  primary: true,
};
const HOME_ADDRESS = {
  type: 'home',
  streetAddress: '456 Hollywood Blvd',
  locality: 'Hollywood',
  region: 'CA',
  postalCode: '91608',
  country: 'US',
};

export const RFC_REPLACE_CASES: PatchCase[] = [
  {
    name: '§3.5.2.3 replace all members',
    type: 'Group',
    initial: group({ members: [babs] }),
    operations: [
      {
        op: 'replace',
        path: 'members',
        value: [
          { display: 'Babs Jensen', ...babs },
          { display: 'James Smith', ...member2 },
        ],
      },
    ],
    expected: group({ members: [babs, member2] }),
  },
  {
    name: '§3.5.2.3 replace the work address by value filter',
    initial: user({ addresses: [WORK_ADDRESS, HOME_ADDRESS] }),
    operations: [{ op: 'replace', path: 'addresses[type eq "work"]', value: NEW_WORK_ADDRESS }],
    expected: user({ addresses: [NEW_WORK_ADDRESS, HOME_ADDRESS] }),
  },
  {
    name: '§3.5.2.3 replace a sub-attribute of the matching address',
    initial: user({ addresses: [WORK_ADDRESS, HOME_ADDRESS] }),
    operations: [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }],
    expected: user({ addresses: [{ ...WORK_ADDRESS, streetAddress: '1010 Broadway Ave' }, HOME_ADDRESS] }),
  },
  {
    name: '§3.5.2.3 path-less replace of emails and nickname',
    initial: user({ emails: [{ value: 'old@example.com', type: 'work' }], nickName: 'B', title: 'Tour Guide' }),
    operations: [{ op: 'replace', value: { emails: [WORK_EMAIL, HOME_EMAIL], nickname: 'Babs' } }],
    expected: user({ emails: [WORK_EMAIL, HOME_EMAIL], nickName: 'Babs', title: 'Tour Guide' }),
  },
  {
    name: '§3.5.2.3 replace a single-valued attribute',
    initial: user({ nickName: 'B' }),
    operations: [{ op: 'replace', path: 'nickName', value: 'Babs' }],
    expected: user({ nickName: 'Babs' }),
  },
  {
    name: '§3.5.2.3 replace a missing attribute acts as add',
    initial: user(),
    operations: [{ op: 'replace', path: 'nickName', value: 'N' }],
    expected: user({ nickName: 'N' }),
  },
  {
    name: '§3.5.2.3 replace a complex attribute leaves other sub-attributes alone',
    initial: user({ name: { familyName: 'Jensen', givenName: 'Barbara' } }),
    operations: [{ op: 'replace', path: 'name', value: { givenName: 'G2' } }],
    expected: user({ name: { familyName: 'Jensen', givenName: 'G2' } }),
  },
  {
    name: '§3.5.2.3 replace a multi-valued attribute without filter replaces the whole set',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [{ op: 'replace', path: 'emails', value: [{ value: 'e9@example.com', type: 'work', primary: true }] }],
    expected: user({ emails: [{ value: 'e9@example.com', type: 'work', primary: true }] }),
  },
  {
    name: '§3.5.2.3 replace the value of the matching email only',
    initial: user({ emails: [WORK_EMAIL, HOME_EMAIL] }),
    operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'e6@example.com' }],
    expected: user({ emails: [{ ...WORK_EMAIL, value: 'e6@example.com' }, HOME_EMAIL] }),
  },
  {
    name: '§3.5.2.3 replace with a filter and sub-attribute changes every matching element',
    initial: user({
      phoneNumbers: [
        { value: '1', type: 'work' },
        { value: '2', type: 'work' },
        { value: '3', type: 'home' },
      ],
    }),
    operations: [{ op: 'replace', path: 'phoneNumbers[type eq "work"].type', value: 'other' }],
    expected: user({
      phoneNumbers: [
        { value: '1', type: 'other' },
        { value: '2', type: 'other' },
        { value: '3', type: 'home' },
      ],
    }),
  },
  {
    name: '§3.5.2.3 replace with a value filter that matches nothing is noTarget',
    initial: user({ emails: [WORK_EMAIL] }),
    operations: [{ op: 'replace', path: 'emails[type eq "scimcheck-none"].value', value: 'x@example.com' }],
    error: { status: 400, scimType: 'noTarget' },
  },
  {
    name: '§3.5.2.3 replace with a value filter on an absent attribute is noTarget',
    initial: user(),
    operations: [{ op: 'replace', path: 'addresses[type eq "work"]', value: NEW_WORK_ADDRESS }],
    error: { status: 400, scimType: 'noTarget' },
  },
  {
    name: '§3.10 attribute names in paths are case-insensitive',
    initial: user({ nickName: 'B', emails: [WORK_EMAIL] }),
    operations: [
      { op: 'replace', path: 'NickName', value: 'C' },
      { op: 'replace', path: 'EMAILS[TYPE eq "work"].VALUE', value: 'e4@example.com' },
    ],
    expected: user({ nickName: 'C', emails: [{ ...WORK_EMAIL, value: 'e4@example.com' }] }),
  },
];
