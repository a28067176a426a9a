import { checkedRow, type StandardDocument, type StandardPack } from './pack.js';
import { carriesPassword } from './request-rules.js';

/*
 * "IPSIE AL SCIM 2.0 Profile Draft 00" (J. Schreiber, D. Zollner; OpenID IPSIE Working Group,
 * 8 September 2026), read from the openid/ipsie-scim-al source. AL1 is §4 (shared by every level)
 * and §5; AL2 adds §6. Sections are the draft's; requirements are paraphrased. Rows an RFC
 * 7643/7644 row already asks reuse it; the others are the IPSIE-* rows of
 * src/checks/catalogue/ipsie.ts.
 */
const DOCUMENT: StandardDocument = {
  name: 'ipsie-al-scim-profile-1_0',
  title: 'IPSIE AL SCIM 2.0 Profile',
  version: 'Draft 00',
  date: '2026-09-08',
  publisher: 'OpenID Foundation IPSIE Working Group (J. Schreiber, D. Zollner)',
  url: 'https://openid.net/specs/ipsie-al-scim-profile-1_0.html',
};

const NOTES = ['AL3 (role management) is not defined yet in Draft 00, so there is no ipsie-al3 pack.'];

/** `--standard ipsie-al1`: AL1, user deprovisioning; it builds on the interop profile (§4.2). */
export const IPSIE_AL1: StandardPack = {
  name: 'ipsie-al1',
  title: 'IPSIE AL1: user deprovisioning',
  document: DOCUMENT,
  draft: true,
  requires: ['interop-01'],
  scenarios: ['standards/ipsie-al1.yaml'],
  notes: NOTES,
  rows: [
    {
      id: 'IPSIE-OAUTH-JWT-CLIENT',
      section: '§4.1',
      requirement:
        'OAuth 2.0 client_credentials with RFC 7523 JWT client authentication, a token limited to the scim scope, RFC 8414 metadata',
      strength: 'MUST',
      verification: {
        kind: 'not-checked',
        reason: 'scim-check is given a bearer token; it does not run the OAuth flow that issues it',
      },
    },
    {
      id: 'IPSIE-INTEROP-PROFILE',
      section: '§4.2',
      requirement: 'The Application also conforms to the SCIM 2.0 Interoperability Profile (-01)',
      strength: 'MUST',
      verification: { kind: 'pack', pack: 'interop-01' },
    },
    {
      id: 'IPSIE-RATE-LIMITS',
      section: '§4.3, §8',
      requirement: 'Every endpoint is rate limited and answers 429 with Retry-After past the limit',
      strength: 'MUST',
      verification: {
        kind: 'not-checked',
        reason: 'finding the limit means exceeding it; scim-check retries 429s but never provokes them',
      },
    },
    {
      id: 'IPSIE-THROUGHPUT',
      section: '§4.3',
      requirement: 'At least 25 SCIM requests per second per tenant',
      strength: 'MUST',
      verification: {
        kind: 'not-checked',
        reason: 'a load measurement, not a conformance check: use `scim-check load --rate 25/s`',
      },
    },
    checkedRow('IPSIE-BULK-SUPPORTED', '§4.3', '/Bulk is supported'),
    checkedRow('BULK-200', '§4.3', 'A bulk request is processed'),
    checkedRow('PATCH-ADD', '§4.3', 'One PATCH may update several attributes'),
    checkedRow('PATCH-REPLACE-ACTIVE', '§5.1', 'Users are deactivated and reactivated by PATCH of active'),
    checkedRow('DEL-204', '§5.2', 'DELETE /Users/{id} works'),
    checkedRow('DEL-NAME-REUSABLE', '§5.2', 'A deleted userName can be created again'),
    checkedRow('READ-200', '§5.3', 'GET /Users/{id} works'),
    checkedRow('INTEROP-FILTER-CORRELATION', '§5.4', 'userName eq and externalId eq find users'),
    checkedRow(
      'IPSIE-FILTER-EMAILS',
      '§5.4',
      'emails[value eq …] and emails[type eq "work" and value eq …] find users',
    ),
    checkedRow('ERR-BODY', '§8', 'Errors use the SCIM error format'),
    {
      id: 'IPSIE-NO-LOCAL-CHANGES',
      section: '§4.2, §10',
      requirement: 'Users and groups are not modified locally in the Application',
      strength: 'MUST',
      verification: {
        kind: 'not-checked',
        reason: 'what the Application allows outside SCIM cannot be seen over SCIM',
      },
    },
  ],
};

/** `--standard ipsie-al2`: AL2, user and group management; it builds on AL1. */
export const IPSIE_AL2: StandardPack = {
  name: 'ipsie-al2',
  title: 'IPSIE AL2: user and group management',
  document: DOCUMENT,
  draft: true,
  requires: ['ipsie-al1'],
  scenarios: ['standards/ipsie-al2.yaml'],
  notes: NOTES,
  rows: [
    checkedRow('IPSIE-USER-SCHEMA', '§6.1.1', 'User has userName, displayName, active; externalId is supported'),
    {
      id: 'IPSIE-NO-PASSWORD',
      section: '§6.1.2',
      requirement: 'No password attribute: the Application does not support it and the Identity Service never sends it',
      strength: 'MUST',
      verification: { kind: 'check' },
      conflict: { refuses: 'requests that carry a password', matches: carriesPassword },
    },
    checkedRow('CREATE-201', '§6.1.3', 'POST /Users creates'),
    checkedRow('PATCH-ADD', '§6.1.4', 'PATCH /Users/{id} updates'),
    checkedRow('PAGE-WALK', '§6.1.5', 'GET /Users lists every user'),
    checkedRow('IPSIE-GROUP-SCHEMA', '§6.2.1', 'Group has displayName and members; externalId is supported'),
    checkedRow('IPSIE-GROUP-NAME-UNIQUE', '§6.2.1', 'Two groups do not share a displayName', 'SHOULD'),
    checkedRow('GROUP-CREATE', '§6.2.2', 'POST /Groups creates, with no members'),
    checkedRow('GROUP-EXCLUDE-MEMBERS', '§6.2.3', 'Group lists honour excludedAttributes=members'),
    checkedRow('GROUP-FILTER-DISPLAYNAME', '§6.2.5', 'displayName eq finds groups'),
    checkedRow('IPSIE-FILTER-GROUPS', '§6.2.5', 'externalId eq and members[value eq …] find groups'),
    checkedRow('PATCH-MEMBERS-ADD', '§6.2.6', 'PATCH adds members'),
    checkedRow('PATCH-MEMBERS-REMOVE', '§6.2.6', 'PATCH removes members'),
    checkedRow('IPSIE-GROUP-PATCH-50', '§6.2.6', '50 member operations fit in one PATCH'),
  ],
};
