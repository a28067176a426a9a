/**
 * The one list of IdP profile names, and the IdP family each belongs to. Everything else that
 * names profiles derives from here: the `IdpName` type, the profile registry (which must hold a
 * profile for every name), the scenario JSON Schema's `idp` enum (`npm run schema` rewrites it;
 * a test fails when it drifts), the retry policies and the INTEROP rows of the check catalogue.
 *
 * This module imports nothing, so src/http, src/checks and src/scenario can use it without
 * reaching the profiles (which import http and checks types).
 */

/** Profile names in listing order; `generic` first, as it is the default. */
export const PROFILE_NAMES = [
  'generic',
  'okta',
  'okta-aiw',
  'entra',
  'entra-compliant',
  'keycloak',
  'keycloak-patch',
  'google',
  'onelogin',
  'jumpcloud',
  'authentik',
  'ping',
  'rauthy',
  'entra-validator',
  'keycloak-suvera',
] as const;

export type IdpName = (typeof PROFILE_NAMES)[number];

/** The IdP a profile simulates, whatever app template or mode it uses. */
export const IDP_FAMILIES = [
  'generic',
  'okta',
  'entra',
  'keycloak',
  'google',
  'onelogin',
  'jumpcloud',
  'authentik',
  'ping',
  'rauthy',
  // Microsoft's hosted SCIM Validator is its own client, not the Entra provisioning engine: the
  // rows only it relies on (a PATCH answered 200 with a body) must not judge servers under `entra`.
  'entra-validator',
] as const;

export type IdpFamily = (typeof IDP_FAMILIES)[number];

/**
 * Each profile's family. A catalogue row that an IdP relies on (INTEROP) and a retry policy
 * name a family, so every mode of that IdP gets them: the custom AIW app is still Okta, the
 * aadOptscim062020 flag is still Entra, the PATCH mode of the plugin is still Keycloak.
 */
const FAMILY: Readonly<Record<IdpName, IdpFamily>> = {
  generic: 'generic',
  okta: 'okta',
  'okta-aiw': 'okta',
  entra: 'entra',
  'entra-compliant': 'entra',
  keycloak: 'keycloak',
  'keycloak-patch': 'keycloak',
  google: 'google',
  onelogin: 'onelogin',
  jumpcloud: 'jumpcloud',
  authentik: 'authentik',
  ping: 'ping',
  rauthy: 'rauthy',
  'entra-validator': 'entra-validator',
  // Another Keycloak connector (suvera/keycloak-scim2-storage): still Keycloak, like the PATCH mode.
  'keycloak-suvera': 'keycloak',
};

export function isIdpName(name: string): name is IdpName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The family of a profile name; undefined for a name no profile has. */
export function familyOf(name: IdpName): IdpFamily;
export function familyOf(name: string): IdpFamily | undefined;
export function familyOf(name: string): IdpFamily | undefined {
  return isIdpName(name) ? FAMILY[name] : undefined;
}
