import type { DocumentedOperation, Quirk } from './evidence.js';
import {
  bodyOf,
  filtersOn,
  isPlainObject,
  isResourcePath,
  type PatchOperationShape,
  patchOperations,
  queryKeys,
} from './evidence-match.js';
import type { PlannedRequest } from './profile.js';
import { SOURCES } from './sources.js';

// What the Microsoft Learn pages show the Entra provisioning service sending, request by request
// (MicrosoftDocs/entra-docs, docs/identity/app-provisioning/use-scim-to-provision-users-and-groups.md
// and application-provisioning-config-problem-scim-compatibility.md), for the default job and the
// aadOptscim062020 flag.

type Mode = 'legacy' | 'compliant';

const TITLE_TUTORIAL = SOURCES.entraTutorial.split(' (')[0]!;
const TITLE_KNOWN_ISSUES = SOURCES.entraKnownIssues.split(' (')[0]!;
/** A section of the tutorial. */
const tutorial = (section: string): string => `${TITLE_TUTORIAL}, "${section}"`;
/** A section of the known-issues (compatibility) page. */
const knownIssues = (section: string): string => `${TITLE_KNOWN_ISSUES}, "${section}"`;

const GUID = /^userName eq "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/;

/** The op as the mode spells it: `Replace` by default, `replace` with the flag. */
function op(mode: Mode, name: 'add' | 'replace' | 'remove'): string {
  return mode === 'compliant' ? name : `${name[0]!.toUpperCase()}${name.slice(1)}`;
}

function userPatch(request: PlannedRequest): PatchOperationShape[] {
  return isResourcePath(request, 'Users') ? patchOperations(request) : [];
}
function groupPatch(request: PlannedRequest): PatchOperationShape[] {
  return isResourcePath(request, 'Groups') ? patchOperations(request) : [];
}

const isRefValue = (member: unknown): boolean =>
  isPlainObject(member) && member.$ref === null && typeof member.value === 'string';

/** The operations both modes document, with their casing and boolean form. */
function entraOperations(mode: Mode): DocumentedOperation[] {
  const prefix = mode === 'legacy' ? 'entra' : 'entra-compliant';
  const falseValue = mode === 'legacy' ? 'False' : false;
  const operations: DocumentedOperation[] = [
    {
      id: `${prefix}.testConnection`,
      summary: 'Test Connection: GET /Users?filter=userName eq "<random GUID>", expecting 200 and an empty list',
      action: 'testConnection',
      grade: 'documented',
      citations: [tutorial('Getting started'), SOURCES.entraTutorial],
      matches: (request) =>
        request.method === 'GET' &&
        request.path === '/Users' &&
        queryKeys(request).join(',') === 'filter' &&
        GUID.test(request.query?.filter ?? ''),
    },
    {
      id: `${prefix}.user.lookup`,
      summary: 'lookup before create: GET /Users?filter=userName eq "…" without paging',
      action: 'assignUser',
      grade: 'documented',
      citations: [tutorial('Get User by query')],
      matches: (request) =>
        request.method === 'GET' &&
        request.path === '/Users' &&
        queryKeys(request).join(',') === 'filter' &&
        filtersOn(request, 'userName') &&
        !GUID.test(request.query?.filter ?? ''),
    },
    {
      id: `${prefix}.user.create`,
      summary: 'create: POST /Users with the core and enterprise schemas, meta.resourceType, roles [] and a work email',
      action: 'assignUser',
      grade: 'documented',
      citations: [tutorial('Create User')],
      matches: (request) => {
        const body = bodyOf(request);
        return (
          request.method === 'POST' &&
          request.path === '/Users' &&
          Array.isArray(body?.schemas) &&
          body.schemas.length === 2 &&
          isPlainObject(body.meta) &&
          body.meta.resourceType === 'User' &&
          Array.isArray(body.roles)
        );
      },
    },
    {
      id: `${prefix}.user.email`,
      summary: `new work email: ${op(mode, 'replace')} (or ${op(mode, 'add')}) on path emails[type eq "work"].value`,
      action: 'updateUser',
      grade: 'documented',
      citations: [
        tutorial('Update User [Multi-valued properties]'),
        knownIssues('Requests to replace multiple attributes'),
      ],
      matches: (request) =>
        userPatch(request).some(
          (operation) =>
            operation.path === 'emails[type eq "work"].value' &&
            (operation.op === op(mode, 'replace') || operation.op === op(mode, 'add')),
        ),
    },
    {
      id: `${prefix}.user.add-single-value`,
      summary: `an attribute the user had no value for: ${op(mode, 'add')} with its path (nickName in the sample)`,
      action: 'updateUser',
      grade: 'documented',
      citations: [knownIssues('Requests to add a single-value string attribute')],
      matches: (request) =>
        userPatch(request).some(
          (operation) =>
            operation.op === op(mode, 'add') &&
            typeof operation.path === 'string' &&
            !operation.path.includes('[') &&
            !operation.path.endsWith('manager') &&
            typeof operation.value === 'string',
        ),
    },
    {
      id: `${prefix}.user.manager`,
      summary:
        'manager: Add on the bare path "manager" with a one-element array [{"$ref", "value"}] (quirk entra.manager-bare-path)',
      action: 'updateUser',
      grade: 'documented',
      citations: [tutorial('Handling provisioning and deprovisioning of users'), 'Example 5 of that section'],
      matches: (request) =>
        userPatch(request).some(
          (operation) =>
            operation.op === op(mode, 'add') &&
            operation.path === 'manager' &&
            Array.isArray(operation.value) &&
            operation.value.length === 1 &&
            isPlainObject(operation.value[0]) &&
            '$ref' in operation.value[0],
        ),
    },
    {
      id: `${prefix}.user.disable`,
      summary: `disable, unassign (soft delete): ${op(mode, 'replace')} on path active with ${JSON.stringify(falseValue)}`,
      action: 'deactivateUser',
      grade: 'documented',
      citations: [knownIssues('Requests made to disable users'), tutorial('Disable User')],
      matches: (request) => {
        const operations = userPatch(request);
        return (
          operations.length === 1 &&
          operations[0]!.op === op(mode, 'replace') &&
          operations[0]!.path === 'active' &&
          operations[0]!.value === falseValue
        );
      },
    },
    {
      id: `${prefix}.user.delete`,
      summary: 'hard delete (30 days after the soft delete, or a purge): DELETE /Users/{id}',
      action: 'deleteUser',
      grade: 'documented',
      citations: [tutorial('Delete User'), SOURCES.entraHowItWorks],
      matches: (request) => request.method === 'DELETE' && isResourcePath(request, 'Users'),
    },
    {
      id: `${prefix}.group.lookup`,
      summary: 'group lookup: GET /Groups?excludedAttributes=members&filter=displayName eq "…"',
      action: 'pushGroup',
      grade: 'documented',
      citations: [tutorial('Get Group by displayName')],
      matches: (request) =>
        request.method === 'GET' &&
        request.path === '/Groups' &&
        request.query?.excludedAttributes === 'members' &&
        filtersOn(request, 'displayName'),
    },
    {
      id: `${prefix}.group.create`,
      summary: 'group create: POST /Groups with the ADSCIM group schema, meta.resourceType and no members',
      action: 'pushGroup',
      grade: 'documented',
      citations: [tutorial('Create Group')],
      matches: (request) => {
        const body = bodyOf(request);
        return (
          request.method === 'POST' &&
          request.path === '/Groups' &&
          body !== undefined &&
          !('members' in body) &&
          Array.isArray(body.schemas) &&
          body.schemas.length === 2
        );
      },
    },
    {
      id: `${prefix}.group.rename`,
      summary: `rename: ${op(mode, 'replace')} on path displayName`,
      action: 'renameGroup',
      grade: mode === 'legacy' ? 'documented' : 'inferred',
      citations: [tutorial('Update Group [Non-member attributes]')],
      matches: (request) =>
        groupPatch(request).some(
          (operation) => operation.op === op(mode, 'replace') && operation.path === 'displayName',
        ),
    },
    {
      id: `${prefix}.group.members-add`,
      summary: `members added: ${op(mode, 'add')} on path members with [{"$ref": null, "value"}]`,
      action: 'addMembers',
      grade: 'documented',
      citations: [tutorial('Update Group [Add Members]')],
      matches: (request) =>
        groupPatch(request).some(
          (operation) =>
            operation.op === op(mode, 'add') &&
            operation.path === 'members' &&
            Array.isArray(operation.value) &&
            operation.value.every(isRefValue),
        ),
    },
    mode === 'legacy'
      ? {
          id: 'entra.group.members-remove',
          summary: 'members removed: Remove on path "members" with a value array (no filter)',
          action: 'removeMembers',
          grade: 'documented',
          citations: [tutorial('Update Group [Remove Members]'), knownIssues('Requests to remove a group member')],
          matches: (request) =>
            groupPatch(request).some(
              (operation) =>
                operation.op === 'Remove' && operation.path === 'members' && Array.isArray(operation.value),
            ),
        }
      : {
          id: 'entra-compliant.group.members-remove',
          summary: 'members removed: remove on members[value eq "…"], one op per member',
          action: 'removeMembers',
          grade: 'documented',
          citations: [knownIssues('Requests to remove a group member')],
          matches: (request) =>
            groupPatch(request).some(
              (operation) =>
                operation.op === 'remove' &&
                /^members\[value eq ".+"\]$/.test(operation.path ?? '') &&
                operation.value === undefined,
            ),
        },
    {
      id: `${prefix}.group.delete`,
      summary: 'group deleted: DELETE /Groups/{id}',
      action: 'deleteGroup',
      grade: 'documented',
      citations: [tutorial('Delete Group')],
      matches: (request) => request.method === 'DELETE' && isResourcePath(request, 'Groups'),
    },
  ];
  if (mode === 'legacy') {
    operations.push(
      {
        id: 'entra.user.replace-each',
        summary: 'several attributes changed: one PATCH, one Replace with a path per attribute',
        action: 'updateUser',
        grade: 'documented',
        citations: [
          knownIssues('Requests to replace multiple attributes'),
          tutorial('Update User [Multi-valued properties]'),
        ],
        matches: (request) => {
          const operations = userPatch(request);
          return (
            operations.length >= 2 &&
            operations.every((operation) => typeof operation.path === 'string' && /^[A-Z]/.test(operation.op))
          );
        },
      },
      {
        id: 'entra.user.userName',
        summary: 'new userName: Replace on path userName',
        action: 'updateUser',
        grade: 'documented',
        citations: [tutorial('Update User [Single-valued properties]')],
        matches: (request) =>
          userPatch(request).some((operation) => operation.op === 'Replace' && operation.path === 'userName'),
      },
    );
  } else {
    operations.push({
      id: 'entra-compliant.user.replace-nopath',
      summary:
        'several attributes changed: path-less replace whose value keys are attribute paths ("name.givenName"), the work email in its own op first',
      action: 'updateUser',
      grade: 'documented',
      citations: [knownIssues('Requests to replace multiple attributes')],
      matches: (request) =>
        userPatch(request).some(
          (operation) =>
            operation.op === 'replace' &&
            operation.path === undefined &&
            isPlainObject(operation.value) &&
            Object.keys(operation.value).some((key) => key.includes('.')),
        ),
    });
  }
  return operations;
}

/** Every request of the default SCIM job. */
export const ENTRA_OPERATIONS: readonly DocumentedOperation[] = entraOperations('legacy');
/** Every request with the aadOptscim062020 flag. */
export const ENTRA_COMPLIANT_OPERATIONS: readonly DocumentedOperation[] = entraOperations('compliant');

/** Habits of both modes. */
const SHARED_QUIRKS = (prefix: string): Quirk[] => [
  {
    id: `${prefix}.lookup-miss-200`,
    summary: 'Test Connection and every lookup expect 200 with an empty ListResponse for a miss, never 404.',
    grade: 'documented',
    citations: [tutorial('Getting started'), tutorial('Get User by query - Zero results')],
  },
  {
    id: `${prefix}.lookup-no-paging`,
    summary: 'Lookups send only the filter, without startIndex or count.',
    grade: 'documented',
    citations: [tutorial('Get User by query')],
  },
  {
    id: `${prefix}.patch-only`,
    summary: 'Never sends PUT: every user and group change is a PATCH, one operation per changed attribute.',
    grade: 'documented',
    citations: [SOURCES.entraTutorial, knownIssues('Requests to replace multiple attributes')],
  },
  {
    id: `${prefix}.add-when-unset`,
    summary: 'Add for an attribute the user had no value for, Replace for one it had.',
    grade: 'documented',
    citations: [
      knownIssues('Requests to add a single-value string attribute'),
      tutorial('Update User [Multi-valued properties]'),
    ],
  },
  {
    id: `${prefix}.group-without-members`,
    summary:
      'Creates a group without members (ADSCIM group schema, meta.resourceType), then adds members with [{"$ref": null, "value"}].',
    grade: 'documented',
    citations: [tutorial('Create Group'), tutorial('Update Group [Add Members]')],
  },
  {
    id: `${prefix}.excluded-members`,
    summary: 'Group reads and lookups ask for excludedAttributes=members.',
    grade: 'documented',
    citations: [tutorial('Get Group'), tutorial('Get Group by displayName')],
  },
  {
    id: `${prefix}.group-patch-204`,
    summary: 'Expects 204 No Content after a group PATCH; a body listing every member is discouraged.',
    grade: 'documented',
    citations: [tutorial('Group Operations')],
  },
  {
    id: `${prefix}.soft-then-hard-delete`,
    summary: 'Unassignment is a soft delete (active false); DELETE comes only with the hard delete 30 days later.',
    grade: 'documented',
    citations: [SOURCES.entraHowItWorks],
  },
  {
    id: `${prefix}.manager-bare-path`,
    summary: 'The manager is set on the bare path "manager", not the enterprise URN path.',
    grade: 'documented',
    citations: [tutorial('Handling provisioning and deprovisioning of users')],
    disagreement:
      "RFC 7644 §3.10 reads an attribute named without its URN as the core schema's, so a strict server refuses the bare name (INTEROP-EXTENSION-BARE-NAME); the reference server resolves it to the one extension that defines it.",
  },
  {
    id: `${prefix}.manager-ref`,
    summary: 'The manager value is a one-element array [{"$ref", "value"}] for a single-valued attribute.',
    grade: 'documented',
    citations: [tutorial('Handling provisioning and deprovisioning of users')],
    disagreement:
      'The tutorial\'s manager sample carries the manager\'s URL in "$ref"; its member samples carry "$ref": null, which scim-check sends for both (it knows no base URL).',
  },
  {
    id: `${prefix}.members-incremental`,
    summary: 'A group already provisioned gets Add/Remove member operations for the difference only.',
    grade: 'inferred',
    citations: [SOURCES.entraHowItWorks],
    disagreement:
      "Users report a replace of members with a partial list from Microsoft's SCIM Validator, not from the provisioning engine; no Microsoft page shows the engine sending one (see profile entra-validator).",
  },
  {
    id: `${prefix}.headers`,
    summary: 'Only Content-Type: application/scim+json; no sample shows Accept or User-Agent.',
    grade: 'inferred',
    citations: [tutorial('Handling provisioning and deprovisioning of users')],
  },
  {
    id: `${prefix}.matched-user-patch`,
    summary: 'A user found by the lookup gets one PATCH with the attributes that differ (active first).',
    grade: 'inferred',
    citations: [SOURCES.entraHowItWorks],
  },
  {
    id: `${prefix}.no-import`,
    summary: 'Does not import from the app: no documented flow pages through /Users or /Groups.',
    grade: 'inferred',
    citations: [SOURCES.entraHowItWorks],
  },
  {
    id: `${prefix}.unlink-sends-nothing`,
    summary: 'A group leaving scope without a delete sends nothing; Entra keeps no link.',
    grade: 'inferred',
    citations: [SOURCES.entraHowItWorks],
  },
];

/** Habits of the default SCIM job. */
export const ENTRA_QUIRKS: readonly Quirk[] = [
  ...SHARED_QUIRKS('entra'),
  {
    id: 'entra.capitalised-ops',
    summary: 'Ops are capitalised: Add, Replace, Remove.',
    grade: 'documented',
    citations: [knownIssues('Flags to alter the SCIM behavior'), tutorial('Update User [Multi-valued properties]')],
  },
  {
    id: 'entra.boolean-strings',
    summary: 'Disabling sends Replace on active with the string "False" (and "True" to enable).',
    grade: 'documented',
    citations: [knownIssues('Requests made to disable users')],
    disagreement:
      'The tutorial\'s "Disable User" sample sends a JSON false with "Replace"; the known-issues page says the default job sends "False" and only the flag sends false.',
  },
  {
    id: 'entra.remove-members-by-value',
    summary: 'Removes members with Remove on path "members" and a value array, expecting only those members to go.',
    grade: 'documented',
    citations: [tutorial('Update Group [Remove Members]'), knownIssues('Requests to remove a group member')],
    disagreement:
      'The tutorial\'s values carry "$ref": null, the known-issues page\'s do not; RFC 7644 §3.5.2.2 reads a remove without a filter as removing every member.',
  },
];

/** Habits with the aadOptscim062020 flag. */
export const ENTRA_COMPLIANT_QUIRKS: readonly Quirk[] = [
  ...SHARED_QUIRKS('entra-compliant'),
  {
    id: 'entra-compliant.nopath-dotted',
    summary:
      'Attributes that had a value are replaced by one path-less replace whose keys are attribute paths ("name.givenName"); the work email keeps its own op.',
    grade: 'documented',
    citations: [knownIssues('Requests to replace multiple attributes')],
  },
  {
    id: 'entra-compliant.boolean-active',
    summary: 'Lower-case ops and a JSON boolean for active.',
    grade: 'documented',
    citations: [knownIssues('Requests made to disable users')],
  },
  {
    id: 'entra-compliant.remove-members-filter',
    summary: 'Removes each member with remove on members[value eq "…"].',
    grade: 'documented',
    citations: [knownIssues('Requests to remove a group member')],
  },
  {
    id: 'entra-compliant.manager-own-op',
    summary: 'The manager keeps its own add op with [{$ref, value}] under the flag.',
    grade: 'inferred',
    citations: [knownIssues('Flags to alter the SCIM behavior')],
  },
  {
    id: 'entra-compliant.rename-path',
    summary: 'Group renames keep the path displayName under the flag.',
    grade: 'inferred',
    citations: [tutorial('Update Group [Non-member attributes]')],
  },
];
