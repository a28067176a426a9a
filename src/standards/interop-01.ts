import { checkedRow, type PackRow, type StandardPack } from './pack.js';
import {
  bodyNotScimJson,
  conditionalHeader,
  elementTargetingPath,
  filterBeyondEqAnd,
  filterOnOtherMethod,
  nonCanonicalType,
  pathlessOperation,
  putOfResource,
  undeclaredAttribute,
} from './request-rules.js';

const client = { kind: 'client' } as const;

/*
 * draft-zollner-scim-interop-profile-01 (D. Zollner, Okta, 15 April 2026), read from the
 * ietf.org archive text. Sections are the draft's; requirements are paraphrased. Rows whose
 * question an RFC 7643/7644 row already asks reuse that row (kind `check` with its catalogue id);
 * the others are the INTEROP01-* rows of src/checks/catalogue/interop-profile.ts.
 */
const ROWS: readonly PackRow[] = [
  checkedRow(
    'INTEROP01-SPC-CONFORMANT',
    '§4',
    'A conformant server says so with interopProfileConformant: true in /ServiceProviderConfig',
  ),
  checkedRow('DISC-SPC-GET', '§5.1', '/ServiceProviderConfig is served'),
  checkedRow('DISC-RT-LIST', '§5.1', '/ResourceTypes is served'),
  checkedRow('DISC-SCHEMAS-LIST', '§5.1', '/Schemas is served'),
  checkedRow('DISC-RT-SCHEMA-LINK', '§5.1', 'Every schema a ResourceType names is served by /Schemas'),
  checkedRow(
    'CHAR-DECLARED-ONLY',
    '§5.1',
    '/Schemas matches what the server implements (no undeclared attributes in resources)',
  ),
  checkedRow('INTEROP01-RT-ID-NAME', '§5.1', 'Every ResourceType has an id equal to its name'),
  checkedRow('FILTER-CASE-INSENSITIVE', '§5.2', 'userName is compared without case in filters'),
  checkedRow('CREATE-UNIQUENESS-CASE', '§5.2', 'userName is compared without case for uniqueness, as in filters'),
  checkedRow('FILTER-CASE-EXACT', '§5.2', 'externalId (and id) values compare with case'),
  {
    id: 'INTEROP01-UNDECLARED-REFUSED',
    section: '§5.3',
    requirement: 'Undeclared attributes and schema URIs are refused with 400 invalidSyntax',
    strength: 'MUST',
    verification: { kind: 'check' },
    conflict: {
      refuses: 'attributes or schema URIs outside the RFC 7643 schemas',
      matches: undeclaredAttribute,
    },
  },
  {
    id: 'INTEROP01-CANONICAL-DECLARED',
    section: '§5.4',
    requirement: 'canonicalValues are declared for the type of every typed multi-valued attribute',
    strength: 'MUST',
    verification: {
      kind: 'not-checked',
      reason:
        'needs a walk of every attribute in /Schemas, which the scenario language cannot express; not generated yet',
    },
  },
  {
    id: 'INTEROP01-CLIENT-CANONICAL-TYPES',
    section: '§5.4',
    requirement: 'Clients use only the type values canonicalValues lists',
    strength: 'MUST',
    verification: client,
    conflict: { refuses: 'type values outside the canonical values of RFC 7643', matches: nonCanonicalType },
  },
  checkedRow('DISC-RT-ENDPOINTS-LIVE', '§6.1', 'Each resource type has its own endpoint'),
  checkedRow('READ-200', '§6.1', 'A resource is read at /{endpoint}/{id}'),
  checkedRow('MEDIA-RESP-TYPE', '§6.2', 'Responses are labelled application/scim+json'),
  checkedRow('MEDIA-REQ-SCIM-JSON', '§6.2', 'Requests labelled application/scim+json are accepted'),
  {
    id: 'INTEROP01-CLIENT-SCIM-JSON',
    section: '§6.2',
    requirement: 'Clients label request bodies application/scim+json',
    strength: 'MUST',
    verification: client,
    conflict: {
      refuses: 'bodies not labelled application/scim+json',
      matches: bodyNotScimJson,
      acceptedWhen: 'MEDIA-REQ-JSON',
    },
  },
  {
    // The profiles model User-Agent only where a source shows it (Okta), so no conflict is derived from it.
    id: 'INTEROP01-CLIENT-USER-AGENT',
    section: '§6.2',
    requirement: 'Clients send a meaningful User-Agent',
    strength: 'MUST',
    verification: client,
  },
  checkedRow('INTEROP01-REQUIRED-FEATURES', '§6.3, §6.5', 'Filtering and PATCH are supported and advertised'),
  checkedRow('FILTER-EQ', '§6.3', 'The eq operator works'),
  checkedRow('FILTER-LOGICAL', '§6.3', 'The and operator works'),
  checkedRow(
    'INTEROP01-FILTER-UNKNOWN-400',
    '§6.3',
    'A filter on an undefined attribute is refused with 400 invalidFilter',
  ),
  {
    id: 'INTEROP01-CLIENT-EQ-AND',
    section: '§6.3',
    requirement: 'Clients filter with eq and and only',
    strength: 'MUST',
    verification: client,
    conflict: { refuses: 'filters with other operators', matches: filterBeyondEqAnd },
  },
  {
    id: 'INTEROP01-CLIENT-FILTER-GET',
    section: '§6.3',
    requirement: 'Clients send filter only on GET',
    strength: 'MUST',
    verification: client,
    conflict: { refuses: 'a filter parameter on other methods', matches: filterOnOtherMethod },
  },
  checkedRow('PAGE-WALK', '§6.4', 'Index (or cursor) paging visits every match'),
  checkedRow('INTEROP01-COUNT-100', '§6.4', 'A client count of 100 is honoured'),
  {
    id: 'INTEROP01-CLIENT-NO-PUT',
    section: '§6.5',
    requirement: 'Clients update with PATCH, never PUT',
    strength: 'MUST',
    verification: client,
    conflict: { refuses: 'PUT of a resource', matches: putOfResource, acceptedWhen: 'PUT-SUPPORTED' },
  },
  {
    id: 'INTEROP01-PATCH-PATH-REQUIRED',
    section: '§6.5.1.1',
    requirement: 'Every PATCH operation has a path; a path-less one is refused with 400 invalidSyntax',
    strength: 'MUST',
    verification: { kind: 'check' },
    conflict: { refuses: 'PATCH operations without path', matches: pathlessOperation },
  },
  checkedRow(
    'PATCH-ADD',
    '§6.5.2.1',
    'add sets a singular attribute as replace does, and appends to a multi-valued one',
  ),
  checkedRow(
    'INTEROP01-REPLACE-COMPLEX-WHOLE',
    '§6.5.2.1',
    'replace of a whole complex attribute drops the sub-attributes left out (RFC 7644 keeps them)',
  ),
  checkedRow(
    'PATCH-REPLACE-MULTI',
    '§6.5.2.2',
    'replace of a multi-valued attribute without a filter replaces the whole set',
  ),
  {
    id: 'INTEROP01-CLIENT-VALUEPATH-SUBATTR',
    section: '§6.5.2.2, §6.5.3',
    requirement: 'A filtered PATCH path targets a sub-attribute, never the element (a server may refuse it)',
    strength: 'MUST',
    verification: client,
    conflict: {
      refuses: 'filtered paths that target the element (members[value eq …])',
      matches: elementTargetingPath,
      acceptedWhen: 'PATCH-MEMBERS-REMOVE',
    },
  },
  checkedRow('DEL-GONE-404', '§6.6', 'A deleted resource answers 404 and is not merely deactivated'),
  checkedRow('DEL-NOT-LISTED', '§6.6', 'Deleted resources are left out of queries'),
  checkedRow('DEL-NAME-REUSABLE', '§6.6', 'A deleted userName can be used again'),
  {
    id: 'INTEROP01-CLIENT-NO-CONDITIONAL',
    section: '§6.7',
    requirement: 'Clients send no If-Match, If-None-Match or other conditional headers (a server may refuse them)',
    strength: 'MUST',
    verification: client,
    conflict: { refuses: 'conditional request headers', matches: conditionalHeader, acceptedWhen: 'VER-IF-MATCH' },
  },
  checkedRow('CREATE-UNIQUENESS-409', '§6.9.1', 'A POST that breaks uniqueness gets 409 uniqueness'),
  checkedRow('PATCH-UNIQUENESS', '§6.9.1', 'A PATCH that breaks uniqueness gets 409 uniqueness'),
  {
    id: 'INTEROP01-TLS-1-3',
    section: '§7.1',
    requirement: 'TLS 1.3 is supported',
    strength: 'MUST',
    verification: {
      kind: 'not-checked',
      reason:
        'scim-check does not pin the TLS version it negotiates; AUTH-TLS checks TLS 1.2 or newer, which -01 still allows',
    },
  },
];

/** `--standard interop-01`: the SCIM 2.0 Interoperability Profile, revision -01. */
export const INTEROP_01: StandardPack = {
  name: 'interop-01',
  title: 'SCIM 2.0 Interoperability Profile',
  document: {
    name: 'draft-zollner-scim-interop-profile-01',
    title: 'SCIM 2.0 Interoperability Profile',
    version: '-01',
    date: '2026-04-15',
    publisher: 'IETF Internet-Draft (individual), D. Zollner, Okta',
    url: 'https://www.ietf.org/archive/id/draft-zollner-scim-interop-profile-01.txt',
  },
  draft: true,
  requires: [],
  scenarios: ['standards/interop-01.yaml'],
  notes: [
    'Revision -02 (November 2026) was not available to check; this pack follows -01 as published on 15 April 2026.',
  ],
  rows: ROWS,
};
