/** Public documents the profiles follow; cited next to each action. */
export const SOURCES = {
  okta20: 'Okta SCIM 2.0 reference (developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20; okta-developer-docs docs/reference/scim/scim-20)',
  okta11: 'Okta SCIM 1.1 reference (developer.okta.com/docs/api/openapi/okta-scim/guides/scim-11): test connection requests',
  oktaConcepts: 'Okta "Understanding SCIM" concepts page (developer.okta.com/docs/concepts/scim): 429 policy, PUT fallback',
  rfc7644: 'RFC 7644, SCIM Protocol',
} as const;
