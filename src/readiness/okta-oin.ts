import type { ReadinessSuite, VendorTest } from './suite.js';

/*
 * Okta's OIN gate for SCIM apps (okta-developer-docs, guides/submit-oin-app "Test your SCIM
 * integration"): the Runscope/BlazeMeter SPEC and CRUD tests, the Entitlements and "with
 * Entitlements" CRUD tests, the Import User Schema discovery (guides/scim-with-entitlements), and
 * the manual test plan okta-scim-test-plan-v2.xlsx (guides/scim-provisioning-integration-test).
 * The test files live under packages/@okta/vuepress-site/.vuepress/public/standards/SCIM/SCIMFiles/
 * in that repository; names are Okta's own (Runscope step notes, test-plan case ids and titles).
 * The plan's cases not listed here are Okta-side set-up steps or UI checks, named in the README.
 */

/** Every OIN test, in Okta's order: SPEC, CRUD, Entitlements, Import User Schema, the manual plan. */
export const OKTA_OIN_TESTS: readonly VendorTest[] = [
  {
    name: 'Okta SPEC: Required Test: Test Users endpoint',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Test Users endpoint"',
    summary:
      'GET /Users?count=1&startIndex=1 → 200 ListResponse with numeric itemsPerPage, startIndex and totalResults, and a first user with id, name, userName, active and emails[0].value.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Test Users endpoint'] },
    fix: "Page /Users with numeric paging fields; return id, name.givenName/familyName, userName, active and emails on every user. Okta's guide asks for at least one user before the run.",
  },
  {
    name: 'Okta SPEC: Required Test: Get Users/{{id}}',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Get Users/{{id}}"',
    summary: 'GET /Users/{id} of the first listed user → 200 with the same id and the same attributes.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Get Users/{id}'] },
    fix: 'Serve GET /Users/{id} with the id, name, userName, active and emails the list showed.',
  },
  {
    name: 'Okta SPEC: Required Test: Test invalid User by username',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Test invalid User by username"',
    summary: 'GET /Users?filter=userName eq "<unknown>" → 200 ListResponse with totalResults 0.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Test invalid User by username'] },
    fix: 'Answer a filter that matches nothing with 200 and totalResults 0, never 404.',
  },
  {
    name: 'Okta SPEC: Required Test: Test invalid User by ID',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Test invalid User by ID"',
    summary: 'GET /Users/<unknown id> → 404 with a detail and the SCIM Error schema.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Test invalid User by ID'] },
    fix: 'Answer an unknown id with 404 and a SCIM Error body (schemas, detail).',
  },
  {
    name: "Okta SPEC: Required Test: Make sure random user doesn't exist",
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Make sure random user doesn\'t exist"',
    summary: 'GET /Users?filter=userName eq "<new user>" → 200 with totalResults 0.',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 SPEC test',
      steps: ["Required Test: Make sure random user doesn't exist"],
    },
    fix: 'Answer a filter that matches nothing with 200 and totalResults 0.',
  },
  {
    name: 'Okta SPEC: Required Test: Create Okta user with realistic values',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Create Okta user with realistic values"',
    summary:
      'POST /Users with userName, name, a work email, displayName and active → 201 echoing them, with an id and the core User schema.',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 SPEC test',
      steps: ['Required Test: Create Okta user with realistic values'],
    },
    fix: 'Create the user and answer 201 with the stored resource, id included.',
  },
  {
    name: 'Okta SPEC: Required Test: Verify that user was created',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Verify that user was created"',
    summary: 'GET /Users/{new id} → 200 with the userName, givenName and familyName sent.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Verify that user was created'] },
    fix: 'Store and return userName and name exactly as sent.',
  },
  {
    name: 'Okta SPEC: Required Test: Expect failure when recreating user with same values',
    citation:
      'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Expect failure when recreating user with same values"',
    summary: 'POST /Users again with the same userName → 409.',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 SPEC test',
      steps: ['Required Test: Expect failure when recreating user with same values'],
    },
    fix: 'Refuse a duplicate userName with 409 uniqueness.',
  },
  {
    name: 'Okta SPEC: Required Test: Username Case Sensitivity Check',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Username Case Sensitivity Check"',
    summary:
      'GET /Users?filter=userName eq "<userName in capitals>" → 200; the run also asks for the user created above, since userName is caseExact false (RFC 7643 §4.1.1) and Okta\'s variable randomUsernameCaps exists to test that.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Username Case Sensitivity Check'] },
    fix: "Compare userName case-insensitively in filters (RFC 7643 §4.1.1 caseExact false), so Okta's lookup finds the user whatever the case.",
  },
  {
    name: 'Okta SPEC: Optional Test: Verify Groups endpoint',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Optional Test: Verify Groups endpoint"',
    summary: 'GET /Groups → 200, with Resources an array when groups exist.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Optional Test: Verify Groups endpoint'] },
    fix: 'Serve GET /Groups as a ListResponse.',
  },
  {
    name: 'Okta SPEC: Required Test: Check status 401',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Check status 401"',
    summary: 'GET /Users with `Authorization: non-token` → 401 with a detail, status "401" and the SCIM Error schema.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Check status 401'] },
    fix: 'Refuse a bad credential with 401 and a SCIM Error body.',
  },
  {
    name: 'Okta SPEC: Required Test: Check status 404',
    citation: 'SCIMFiles/Okta-SCIM-20-SPEC-Test.json step "Required Test: Check status 404"',
    summary: 'GET /Users/00919288221112222 → 404 with a detail, status "404" and the SCIM Error schema.',
    decidedBy: { scenario: 'Okta OIN: SCIM 2.0 SPEC test', steps: ['Required Test: Check status 404'] },
    fix: 'Answer an unknown id with 404 and a SCIM Error body whose status is "404".',
  },
  {
    name: 'Okta CRUD: Check SCIM Apps instance in Okta',
    citation: 'SCIMFiles/Okta-SCIM-20-CRUD-Test.json',
    summary: "GET {oktaOrgUrl}/api/v1/apps/{appId} on Okta's own API.",
    notOffline: "a call to Okta's own API in a live org; nothing reaches the SCIM server",
    fix: 'Create the app instance in your Okta org.',
  },
  {
    name: 'Okta CRUD: Add new random user to Okta',
    citation: 'SCIMFiles/Okta-SCIM-20-CRUD-Test.json',
    summary: 'POST {oktaOrgUrl}/api/v1/users creates the user in Okta.',
    notOffline: "a call to Okta's own API in a live org; nothing reaches the SCIM server",
    fix: '—',
  },
  {
    name: 'Okta CRUD: Assign user to SCIM App',
    citation:
      'SCIMFiles/Okta-SCIM-20-CRUD-Test.json steps "Assign user to SCIM App" and "Verify if user is created in SCIM App"',
    summary:
      'Okta assigns the user; GET /Users?filter=userName eq … finds it with its userName, email, givenName and familyName.',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 CRUD test',
      steps: ['Assign user to SCIM App', 'Verify if user is created in SCIM App'],
    },
    fix: 'Create the user Okta sends and find it by userName.',
  },
  {
    name: 'Okta CRUD: Update user firstname',
    citation:
      'SCIMFiles/Okta-SCIM-20-CRUD-Test.json steps "Update user firstname" and "Verify firstname update in SCIM App"',
    summary: 'Okta pushes a new first name; GET /Users/{id} shows name.givenName changed.',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 CRUD test',
      steps: ['Update user firstname', 'Verify firstname update in SCIM App'],
    },
    fix: "Apply Okta's profile update (PUT or PATCH) to name.givenName.",
  },
  {
    name: 'Okta CRUD: Deactivate user in Okta',
    citation:
      'SCIMFiles/Okta-SCIM-20-CRUD-Test.json steps "Deactivate user in Okta" and "Verify if user is deactivated in SCIM App"',
    summary: 'Okta deactivates the user; GET /Users/{id} shows active false.',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 CRUD test',
      steps: ['Deactivate user in Okta', 'Verify if user is deactivated in SCIM App'],
    },
    fix: "Honour active: false from Okta's PATCH/PUT and keep the user readable.",
  },
  {
    name: 'Okta CRUD: Reactivate user in okta',
    citation:
      'SCIMFiles/Okta-SCIM-20-CRUD-Test.json steps "Reactivate user in okta" and "Verify if user is reactivated in SCIM App"',
    summary: 'Okta reactivates and assigns again; GET /Users/{id} shows active true with the same id.',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 CRUD test',
      steps: ['Reactivate user in okta', 'Verify if user is reactivated in SCIM App'],
    },
    fix: 'Honour active: true on the same user; never recreate it.',
  },
  {
    name: 'Okta CRUD: Removes an assignment for a user in Okta',
    citation:
      'SCIMFiles/Okta-SCIM-20-CRUD-Test.json steps "Removes an assignment for a user in Okta" and "Verify if user is deactivated in SCIM App"',
    summary: 'Okta unassigns the user; GET /Users/{id} shows active false (Okta deactivates, never deletes).',
    decidedBy: {
      scenario: 'Okta OIN: SCIM 2.0 CRUD test',
      steps: [
        'Removes an assignment for a user in Okta',
        'Verify if user is deactivated in SCIM App (after unassignment)',
      ],
    },
    fix: "Treat Okta's unassignment (active: false) as a deactivation; keep the user readable.",
  },
  {
    name: 'Okta Entitlements: Duplicate the request for multiple Entitlement Endpoints',
    citation: 'SCIMFiles/Okta-SCIM-20-Entitlements-Test.json; guides/scim-with-entitlements',
    summary:
      'For every endpoint /ResourceTypes lists with urn:okta:scim:schemas:core:1.0:Role or …:Entitlement: GET {endpoint}?count=1&startIndex=1 → 200 ListResponse, Resources not empty, itemsPerPage 1, numeric startIndex and totalResults.',
    decidedBy: {
      scenario: 'Okta OIN: Entitlements test and Import User Schema',
      steps: ['Entitlements test: Role endpoints', 'Entitlements test: Entitlement endpoints'],
      checks: ['OKTA-ENTITLEMENT-PAGE'],
    },
    fix: 'Page each entitlement endpoint like /Users and write the paging fields as numbers.',
  },
  {
    name: 'Okta Import User Schema',
    citation: 'guides/scim-with-entitlements "Endpoint call sequence", "User schema discovery"',
    summary:
      'Okta reads /ResourceTypes, the User core schema from /Schemas, and each extension the User ResourceType names in schemaExtensions.',
    decidedBy: {
      scenario: 'Okta OIN: Entitlements test and Import User Schema',
      steps: [
        '/ResourceTypes lists the entitlement types',
        'Import User Schema: the User ResourceType and its extensions',
        'Import User Schema: core attributes from /Schemas',
        'Import User Schema: the enterprise extension the User ResourceType names',
      ],
      checks: ['OKTA-IMPORT-USER-SCHEMA'],
    },
    fix: "Declare user extensions in the User ResourceType's schemaExtensions and serve each under /Schemas/<urn>.",
  },
  {
    name: 'Okta CRUD with Entitlements: Assign grants to a user',
    citation: 'SCIMFiles/Okta-SCIM-20-With-Entitlements-CRUD-Test.json',
    summary: 'POST {oktaOrgUrl}/governance/api/v1/grants grants the user an entitlement in Okta Identity Governance.',
    notOffline: "a call to Okta's governance API in a live org with Okta Identity Governance",
    fix: '—',
  },
  {
    name: 'Okta CRUD with Entitlements: Verify if a user is created in a SCIM app',
    citation:
      'SCIMFiles/Okta-SCIM-20-With-Entitlements-CRUD-Test.json; guides/scim-with-entitlements "User with entitlements and roles"',
    summary:
      'A user assigned with a role and an entitlement is found by userName and carries them in roles and entitlements.',
    decidedBy: {
      scenario: 'Okta OIN: Entitlements test and Import User Schema',
      steps: [
        'with Entitlements CRUD: assign a user who holds a role and an entitlement',
        'with Entitlements CRUD: Verify if a user is created in a SCIM app',
      ],
    },
    fix: "Store and return the user's roles and entitlements (RFC 7643 §4.1.2).",
  },
  {
    name: 'OIN plan C9335 Verify App Assignment For User Already Created In App',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9335',
    summary:
      'A user already in the app is assigned in Okta: Okta links to it (lookup by userName) and no second user appears.',
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: [
        'C9335 setup: the user is created in the app first',
        'C9335 Verify App Assignment For User Already Created In App',
        "C9335 expected: linked to the app's user, no second user",
      ],
    },
    fix: 'Find existing users by userName (case-insensitive) so Okta links instead of creating a duplicate.',
  },
  {
    name: 'OIN plan C9293 Verify Re-Activation Of User Is Synced To Target App',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9293',
    summary: 'A deactivated user is assigned again: active again, with the same id.',
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: [
        'C9293 setup: the id before deactivation',
        'C9293 Verify Re-Activation Of User Is Synced To Target App',
        'C9293 expected: active, with the same id',
      ],
    },
    fix: 'Reactivate the same user on active: true; never issue a new id.',
  },
  {
    name: 'OIN plan C9337 Verify Update To Push Empty Values',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9337',
    summary: 'Attributes erased in Okta are pushed empty; no errors.',
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: ['C9337 Verify Update To Push Empty Values'],
    },
    fix: 'Accept null/absent values for optional attributes and clear them.',
  },
  {
    name: 'OIN plan C9316 Verify Push Groups > Push Now',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9316',
    summary: "Members added in the app are overwritten by Push Now: Okta's membership replaces the app's.",
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: [
        'C9316 setup: a member is added in the app, not by Okta',
        'C9316 Verify Push Groups > Push Now',
        "C9316 expected: Okta's membership overwrote the app's",
      ],
    },
    fix: "Apply Okta's full member replace; do not keep members Okta did not send.",
  },
  {
    name: 'OIN plan C9317 Verify Push Groups > Push Empty Group',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9317',
    summary: 'A group with no members is created in the app.',
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: ['C9317 Verify Push Groups > Push Empty Group'],
    },
    fix: 'Accept a group create with members: [].',
  },
  {
    name: 'OIN plan C9315 Verify Push Groups > Link Group >Rename App Group',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9315',
    summary: 'An app group is linked: Okta renames it and adds its members; old members stay, no second group.',
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: [
        'C9315 setup: a group exists in the app with its own member',
        'C9315 Verify Push Groups > Link Group > Rename App Group',
        'C9315 expected: renamed, old members kept, no second group',
      ],
    },
    fix: "Apply Okta's PATCH replace {id, displayName} and member adds to the existing group.",
  },
  {
    name: 'OIN plan C9321 Verify Push Groups > Unlink Pushed Group > Leave the group in the target app',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9321',
    summary: 'Unlinked with "Leave the group": the group and its members stay in the app.',
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: ['C9321 Verify Push Groups > Unlink Pushed Group > Leave the group in the target app'],
    },
    fix: 'Nothing to send on unlink-and-leave: keep the group.',
  },
  {
    name: 'OIN plan C9318 Verify Push Groups > Unlink Pushed Group > Delete the group in the target app',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9318',
    summary: 'Unlinked with "Delete the group": the group is gone, its users are not.',
    decidedBy: {
      scenario: 'Okta OIN: manual test plan, server-observable cases',
      steps: [
        'C9318 Verify Push Groups > Unlink Pushed Group > Delete the group in the target app',
        'C9318 expected: the group is gone, its users are not',
      ],
    },
    fix: 'Delete the group on DELETE /Groups/{id} without deleting its members.',
  },
  {
    name: 'OIN plan C9298 Setup SCIM App',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9298',
    summary: "Setup SCIM App (from the plan's title and expected result).",
    notOffline: "configuring the app in Okta's Admin Console",
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9306 Enable Provisioning and SCIM features',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9306',
    summary: "Enable Provisioning and SCIM features (from the plan's title and expected result).",
    notOffline: "enabling provisioning in Okta's Admin Console",
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9340 Enable Provisioning With Incorrect credentials',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9340',
    summary: "Enable Provisioning With Incorrect credentials (from the plan's title and expected result).",
    notOffline: "Okta's Admin Console shows the error for wrong credentials (the SPEC 401 test covers the server side)",
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9342 Verify Login to App SWA',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9342',
    summary: "Verify Login to App SWA (from the plan's title and expected result).",
    notOffline: 'signing in through an Okta tile (SWA) is outside SCIM',
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9343 Verify Login to App SAML',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9343',
    summary: "Verify Login to App SAML (from the plan's title and expected result).",
    notOffline: 'SAML sign-in is outside SCIM',
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9289 Verify Attribute Type In the Profile Editor',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9289',
    summary: "Verify Attribute Type In the Profile Editor (from the plan's title and expected result).",
    notOffline: "the Profile Editor's attribute types are Okta UI",
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9299 Verify Configuration Guide',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9299',
    summary: "Verify Configuration Guide (from the plan's title and expected result).",
    notOffline: 'a human reviews the configuration guide',
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C21902 Verify OAUTH2 using NOT allow-listed redirect URIs',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C21902',
    summary: "Verify OAUTH2 using NOT allow-listed redirect URIs (from the plan's title and expected result).",
    notOffline: "OAuth redirect allow-listing is between Okta and the app's authorization server",
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9319 Verify Push Groups > Deactivate Group Push',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9319',
    summary: "Verify Push Groups > Deactivate Group Push (from the plan's title and expected result).",
    notOffline: 'deactivating group push means Okta sends nothing; an absence of requests is seen only in the org',
    fix: 'Follow the plan in a live Okta org.',
  },
  {
    name: 'OIN plan C9360 Verify User Profile if User Mastered By Profile Sourcing',
    citation: 'SCIMFiles/okta-scim-test-plan-v2.xlsx case C9360',
    summary: "Verify User Profile if User Mastered By Profile Sourcing (from the plan's title and expected result).",
    notOffline: "the profile-sourcing status is shown in Okta's UI",
    fix: 'Follow the plan in a live Okta org.',
  },
];

/** `scim-check readiness okta-oin`. */
export const OKTA_OIN_SUITE: ReadinessSuite = {
  name: 'okta-oin',
  idp: 'okta',
  title: 'Okta Integration Network (OIN) SCIM submission',
  citations: [
    'okta-developer-docs guides/submit-oin-app',
    'okta-developer-docs guides/scim-provisioning-integration-prepare and -test',
    'okta-developer-docs guides/scim-with-entitlements',
    'okta-developer-docs SCIMFiles (Runscope/BlazeMeter test JSON, okta-scim-test-plan-v2.xlsx)',
  ],
  scenarios: ['okta-oin-spec.yaml', 'okta-oin-crud.yaml', 'okta-oin-entitlements.yaml', 'okta-oin-plan.yaml'],
  tests: OKTA_OIN_TESTS,
};
