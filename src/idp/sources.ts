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
  google:
    'Google Workspace Admin Help, answer 7681608 (automated user provisioning) and the 2016 Workspace updates post; no request bodies are public',
  onelogin:
    'OneLogin developer docs, developers.onelogin.com/scim (the calls OneLogin makes and the SCIM JSON template)',
  jumpcloud: 'JumpCloud support, "Custom SCIM identity management" (test connection, group push rules)',
  authentik:
    'goauthentik/authentik, authentik/providers/scim/clients/{base,users,groups}.py and blueprints/system/providers-scim.yaml',
  idpNotes: 'scim-check IDP-NOTES.md (summary of the sources above)',
  rfc7644: 'RFC 7644, SCIM Protocol',
} as const;
