import type { ReadinessSuite, VendorTest } from './suite.js';
import { CLIENT_ASSERTION_STEP, CLIENT_CREDENTIALS_STEP, TOKEN_SCENARIO } from './token-scenario-names.js';

/*
 * Microsoft's Entra app gallery validation, replayed offline. The validator is a Logic App that
 * runs 25 tests against the vendor's SCIM endpoint from a live Azure tenant
 * (AzureAD/SCIMReferenceCode, Microsoft.SCIM.LogicAppValidationTemplate/StandardLogicApp:
 * SCIM-Validation-Test-Overview.md for the inventory and pass criteria, SCIMTests_Workflow.json for
 * the direct SCIM requests). Tests 1-14 go through Entra's provisioning engine and are judged
 * in the tenant's provisioning logs; what reaches the endpoint is replayed with the `entra`
 * profile (scenarios/readiness/entra-gallery-engine.yaml). Tests 15-25 call the endpoint directly
 * and are replayed request by request (scenarios/readiness/entra-gallery-scim.yaml).
 */

const OVERVIEW =
  'AzureAD/SCIMReferenceCode, Microsoft.SCIM.LogicAppValidationTemplate, SCIM-Validation-Test-Overview.md';
const WORKFLOW = 'AzureAD/SCIMReferenceCode, Microsoft.SCIM.LogicAppValidationTemplate, SCIMTests_Workflow.json';
const REQUIREMENTS = 'Microsoft Learn, "App gallery user provisioning requirements" (Aug 2026)';

const ENGINE = 'Readiness: Entra gallery, provisioning engine tests';
const DIRECT = 'Readiness: Entra gallery, direct SCIM tests';

/** Why Provision on Demand is not replayed: the call that starts it goes to Microsoft Graph, not to the vendor. */
const POD =
  'provisionOnDemand is a Microsoft Graph call in the tenant; the requests it causes at the SCIM endpoint are those of the create test, which is replayed';
const OPTIONAL = 'optional for Microsoft: a failure is reported as WARNING and does not block the submission';
/**
 * The token-endpoint rows that decide the two credentials tests, for the flow each tests: the
 * response shape and a token the SCIM API takes (RFC 6749 §5.1, RFC 6750 §2.1), a lifetime of 1
 * to 6 hours and no token for a wrong credential (the requirements page), an expired token
 * refused (RFC 6750 §3.1). TOKEN-AUDIENCE is not among them: the gallery does not ask for audiences.
 */
const CREDENTIAL_CHECKS = [
  'TOKEN-RESPONSE-SHAPE',
  'TOKEN-LIFETIME',
  'TOKEN-ACCEPTED',
  'TOKEN-BAD-SECRET',
  'TOKEN-EXPIRED-REFUSED',
] as const;

const NO_MANAGER =
  'Microsoft skips the test when manager is not mapped, which does not block (say in the submission that the app has no manager)';

const engine = (name: string, summary: string, fix: string, extra: Partial<VendorTest> = {}): VendorTest => ({
  name,
  citation: `${OVERVIEW}, ${name}`,
  summary,
  decidedBy: { scenario: ENGINE, steps: [name] },
  fix,
  ...extra,
});

const direct = (name: string, summary: string, fix: string, extra: Partial<VendorTest> = {}): VendorTest => ({
  name,
  citation: `${OVERVIEW}, ${name}; ${WORKFLOW}`,
  summary,
  decidedBy: { scenario: DIRECT, steps: [name] },
  fix,
  ...extra,
});

/** The gallery's tests in the overview's order (1-25), then the onboarding requirements it checks alongside. */
const TESTS: readonly VendorTest[] = [
  engine(
    'Create_User_Test',
    'Entra looks the new user up by userName (a miss must be 200 with no results), POSTs it, and finds it with GET /Users?filter=userName eq.',
    'answer a userName lookup that matches nothing with 200 and totalResults 0, and POST /Users with 201 and the created user',
    { decidedBy: { scenario: ENGINE, steps: ['test connection', 'Create_User_Test'] } },
  ),
  engine(
    'Update_User_Test',
    'Entra PATCHes the changed mapped attributes (title, department in the enterprise extension); the values must read back.',
    'apply PATCH replace on core and enterprise extension attributes and return them on GET',
  ),
  engine(
    'Disable_User_Test',
    'Entra disables the user with PATCH Replace active "False" (soft delete is mandatory); the user must read back inactive.',
    'accept PATCH replace of active (also the string "False" Entra sends by default) and keep the user readable with active false',
  ),
  engine(
    'Delete_User_Test',
    'Entra soft-deletes then hard-deletes the user (DELETE /Users/{id}); the user must be gone (404 or no match).',
    'answer DELETE /Users/{id} with 204 and 404 afterwards',
    { optional: OPTIONAL },
  ),
  engine(
    'User_Update_Manager_Test',
    'Entra sets a manager, then changes it (PATCH Add on the enterprise manager with [{$ref, value}]); the manager must read back. The remove phase is replayed by SCIM_Update_Manager_Test.',
    'accept the enterprise manager as [{"$ref": null, "value": id}] and as {"value": id}, and return manager.value on GET',
    { whenSkipped: NO_MANAGER },
  ),
  engine(
    'Restore_User_Test',
    'Entra unassigns the user (soft delete, active false) and assigns it again (active true); the user must come back active with the same id.',
    'keep a soft-deleted user readable and let PATCH active true restore it',
  ),
  {
    name: 'POD_User_Test',
    citation: `${OVERVIEW}, POD_User_Test`,
    summary: 'Provision on Demand for one user, then the user is looked for on the SCIM endpoint.',
    notOffline: POD,
    fix: 'see Create_User_Test',
  },
  engine(
    'Create_Group_Test',
    'Entra looks the group up by displayName (excludedAttributes=members), then POSTs it without members.',
    'serve the Group schema and POST /Groups; group provisioning is mandatory for the gallery',
  ),
  engine(
    'Update_Group_Test',
    'Entra renames the group with PATCH Replace displayName; the new name must read back.',
    'apply PATCH replace of displayName on /Groups/{id}',
  ),
  engine(
    'Delete_Group_Test',
    'Entra deletes the group (DELETE /Groups/{id}); it must be gone.',
    'answer DELETE /Groups/{id} with 204 and 404 afterwards',
    { optional: OPTIONAL },
  ),
  engine(
    'Group_Update_Add_Member_Test',
    'Entra adds members with PATCH Add members [{$ref: null, value}] (several in one operation); they must read back.',
    'accept PATCH add on members with several values at once',
  ),
  engine(
    'Group_Update_Remove_Member_Test',
    'Entra removes one member with Remove on path members and a value array; only that member may go.',
    'on remove with path "members" and a value array, remove only the listed members',
  ),
  {
    name: 'POD_Group_Test',
    citation: `${OVERVIEW}, POD_Group_Test`,
    summary: 'Provision on Demand for one group, then the group is looked for on the SCIM endpoint.',
    notOffline: POD,
    fix: 'see Create_Group_Test',
  },
  {
    name: 'Restore_Group_Test',
    citation: `${OVERVIEW}, Restore_Group_Test`,
    summary: 'The group is unassigned (deleted at the endpoint) and assigned again (created anew).',
    notOffline:
      "the re-create after an unassign is Entra's provisioning engine matching its own logs; scim-check's Entra profile does not replay a second push of an unlinked group (the create and delete it is made of are replayed by Create_Group_Test and Delete_Group_Test)",
    fix: 'see Create_Group_Test and Delete_Group_Test',
    optional: OPTIONAL,
  },
  direct(
    'Schema_Discoverability_Test',
    'GET /Schemas, flattened into names such as emails[type eq "work"].value and compared, ignoring case, with the attributes Entra maps by default; none may be missing.',
    'serve the User, enterprise User and Group schemas in /Schemas with every default-mapped attribute, and declare the canonicalValues of emails.type, addresses.type and phoneNumbers.type',
    { decidedBy: { scenario: DIRECT, steps: ['Schema_Discoverability_Test'], checks: ['ENTRA-SCHEMA-DISCOVERABLE'] } },
  ),
  direct(
    'SCIM_Null_Update_Test',
    'A user with every optional mapped attribute set gets one PATCH replacing each with "", then one with null; each PATCH answers 200/204 and each GET shows the attributes null or empty.',
    'treat replace with "" or null as clearing the attribute, also on paths such as emails[type eq "work"].value and enterprise extension attributes',
  ),
  direct(
    'SCIM_User_Create_Test',
    'POST /Users with a well-formed body: 200 or 201, a non-empty id, and the userName sent comes back.',
    'answer POST /Users with 201, the id and the userName as sent',
  ),
  direct(
    'SCIM_User_Update_Test',
    'One PATCH replacing every single-valued string attribute (core and enterprise extension); the GET must show every value sent.',
    'apply every operation of a PATCH, including enterprise extension paths, and return the values on GET',
  ),
  direct(
    'SCIM_Group_Create_Test',
    'POST /Groups: 200 or 201, a non-empty id, and the displayName sent comes back.',
    'serve /Groups and answer POST with 201, the id and the displayName as sent',
  ),
  direct(
    'SCIM_Group_Update_Test',
    "One PATCH replacing the group's single-valued, non-reference attributes (displayName, externalId); the GET must show them.",
    'apply PATCH replace of displayName and externalId on /Groups/{id}',
  ),
  {
    name: 'Validate_Credentials_Test',
    citation: `${OVERVIEW}, Validate_Credentials_Test; ${REQUIREMENTS}`,
    summary:
      'A client-credentials token from the vendor token endpoint (RFC 6749 §4.4), valid 60 to 360 minutes, then GET /Users?startIndex=1&count=1 with it.',
    decidedBy: { scenario: TOKEN_SCENARIO, steps: [CLIENT_CREDENTIALS_STEP], checks: CREDENTIAL_CHECKS },
    whenNotRun:
      'the gallery requires OAuth client credentials or workload identity federation, and this run did not authenticate with a client secret: give --oauth-token-url, --client-id and the secret (SCIM_CHECK_CLIENT_SECRET or --client-secret-file)',
    fix: 'offer an OAuth 2.0 client-credentials token endpoint (tokens valid 1 to 6 hours, invalid_client for a wrong secret) and accept its tokens on the SCIM API',
    eitherWith: 'Federated_Identity_Test',
  },
  {
    name: 'Federated_Identity_Test',
    citation: `${OVERVIEW}, Federated_Identity_Test; ${REQUIREMENTS}`,
    summary:
      "Entra ID presents a JWT it signed to the vendor's token endpoint as a client assertion (workload identity federation, RFC 7523 §2.2) and gets a vendor token for the SCIM API. Replayed by signing the assertion with a key the token endpoint trusts.",
    decidedBy: { scenario: TOKEN_SCENARIO, steps: [CLIENT_ASSERTION_STEP], checks: CREDENTIAL_CHECKS },
    untestedWithout:
      "the run did not authenticate with a client assertion: pass --client-assertion-key FILE with a private key whose public key the token endpoint trusts (as it would trust Entra's); either this test or Validate_Credentials_Test must pass",
    fix: 'accept a client assertion (RFC 7523 §2.2) signed by a trusted key at the token endpoint and its tokens on the SCIM API, or pass Validate_Credentials_Test',
    eitherWith: 'Validate_Credentials_Test',
  },
  direct(
    'SCIM_User_Pagination_Test',
    'With at least 11 users, GET /Users?startIndex=N&count=5 page by page: every page 200, startIndex page*5+1, at least two pages.',
    'honour count and echo the startIndex asked for (1-based) in every ListResponse',
  ),
  direct(
    'SCIM_Group_Pagination_Test',
    'The same over /Groups with startIndex=N&count=5.',
    'honour count and startIndex on /Groups too',
    { optional: OPTIONAL },
  ),
  direct(
    'SCIM_Update_Manager_Test',
    'PATCH the enterprise manager: set (add), change (replace), remove (replace with ""), each 200/204 and read back.',
    'accept add and replace of manager, and a replace with "" as removing it',
    { whenSkipped: NO_MANAGER },
  ),
  {
    name: 'Onboarding: filter with no match answers 200',
    citation: `${OVERVIEW}, "Key Onboarding Requirements"`,
    summary: 'A userName or displayName filter that matches nothing answers 200 with empty results, never 404.',
    decidedBy: { scenario: DIRECT, steps: ['zero-result filter', 'zero-result group filter'] },
    fix: 'answer a query with no match with 200 and totalResults 0, not 404',
  },
  {
    name: 'Onboarding: 25 requests per second',
    citation: `${OVERVIEW}, "Key Onboarding Requirements"`,
    summary: 'The endpoint sustains at least 25 requests per second.',
    notOffline:
      'a throughput requirement, not a request the validator sends: measure it with `scim-check load --rate 25/s`',
    fix: 'see `scim-check load`',
  },
];

/** The Entra app gallery gate (`scim-check readiness entra-gallery`). */
export const ENTRA_GALLERY_SUITE: ReadinessSuite = {
  name: 'entra-gallery',
  idp: 'entra',
  title: 'Microsoft Entra app gallery (SCIM validation, 25 tests)',
  citations: [OVERVIEW, WORKFLOW, REQUIREMENTS],
  scenarios: ['entra-gallery-engine.yaml', 'entra-gallery-scim.yaml'],
  tests: TESTS,
};
