/** Public documents the profiles follow; cited next to each action. */
export const SOURCES = {
  okta20:
    'Okta SCIM 2.0 reference (developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20; okta-developer-docs docs/reference/scim/scim-20)',
  okta11:
    'Okta SCIM 1.1 reference (developer.okta.com/docs/api/openapi/okta-scim/guides/scim-11): test connection requests',
  oktaConcepts:
    'Okta "Understanding SCIM" concepts page (developer.okta.com/docs/concepts/scim): 429 policy, PUT fallback',
  oktaAiw:
    'Okta "Build a SCIM provisioning integration" guides (okta-developer-docs docs/guides/scim-provisioning-integration-*): AIW apps use PUT for users and groups',
  entraTutorial:
    'Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM endpoint" (use-scim-to-provision-users-and-groups): request and response samples',
  entraKnownIssues:
    'Microsoft Learn, "Known issues and resolutions with SCIM 2.0 protocol compliance" (application-provisioning-config-problem-scim-compatibility): capitalised ops, "False" strings, aadOptscim062020',
  entraHowItWorks: 'Microsoft Learn, "How application provisioning works": scope, soft and hard delete, retry cycles',
  keycloakMitodl: 'mitodl/keycloak-scim (src/main/java/sh/libre/scim/core/{ScimClient,UserAdapter,GroupAdapter}.java)',
  keycloakPelotech:
    'pelotech/keycloak-scim fork (UserAdapter.java: name, emails type=work primary=true; PATCH fallback)',
  keycloakSuvera:
    'suvera/keycloak-scim2-storage, master of 2024-09-29 (src/main/java/dev/suvera/keycloak/scim2/storage/storage/)',
  suveraScim2Sdk:
    'suvera/scim2-sdk of 2024-09-29 (scim2-sdk-client Scim2ClientImpl and Scim2ClientBuilder; scim2-sdk-schema UserRecord and GroupRecord)',
  google:
    'Google Workspace Admin Help, answer 7681608 (automated user provisioning) and the 2016 Workspace updates post; no request bodies are public',
  onelogin:
    'OneLogin developer docs, developers.onelogin.com/scim (the calls OneLogin makes and the SCIM JSON template)',
  jumpcloud: 'JumpCloud support, "Custom SCIM identity management" (test connection, group push rules)',
  authentik:
    'goauthentik/authentik, authentik/providers/scim/clients/{base,users,groups}.py and blueprints/system/providers-scim.yaml',
  pingScimProvisioner:
    'Ping Identity, "SCIM Provisioner" (docs.pingidentity.com/integrations/scim/pf_scim_connector.html): feature table (user PATCH no, group PATCH yes, groups matched by retrieving all groups), disable or delete on deprovisioning, provisioning disabled users',
  pingUserGroupManagement:
    'Ping Identity, SCIM Provisioner "User and group management" (pf_scim_connector_user_and_group_management, revised 2024-07-08): users matched on userName, group provisioning, name and membership updates, deletion',
  pingProvisioningOptions:
    'Ping Identity, PingFederate provisioner "Provisioning options" tables (User Create/Update/Disable-Delete, Provision Disabled Users, Remove User Action: Disable (default) or Delete)',
  pingOneFilterExpressions:
    'Ping Identity, PingOne "SCIM filter expressions" (p1_scim_filter_expressions): the user filter template with "%s", default set by the User Identifier, examples `username Eq "%s"` and `email Co "%s"`',
  rauthy:
    'sebadob/rauthy, src/data/src/entity/clients_scim.rs and scim_types.rs (the outbound SCIM client), book/src/work/scim.md (the flow it documents)',
  scimValidatorRecording:
    'kayasax/SCIMTool, "SCIM Validator Analysis Report — scim-results-9.json" (a recorded run of scimvalidator.microsoft.com, 2026-02-10/11): every request and answer of 24 tests and 7 previews',
  scimValidatorEmptyPatch:
    'scimmyjs/scimmy issues #59 (2024-10-31) and #90 (2025-10-09), AzureAD/SCIMReferenceCode #112: the SCIM Validator sends a PATCH with an empty Operations array',
  entraManagerString:
    'Budibase/budibase PR #17071 (2025-10-03) and apache/directory-scimple issue #1242 (2026-09-16): the enterprise manager sent as a bare string instead of {value}',
  idpNotes: 'scim-check IDP-NOTES.md (summary of the sources above)',
  rfc7644: 'RFC 7644, SCIM Protocol',
} as const;
