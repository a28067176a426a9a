import { ScimCheckError } from '../errors.js';
import { closestMatch } from '../scenario/did-you-mean.js';
import { authentikProfile } from './authentik.js';
import { entraCompliantProfile, entraLegacyProfile } from './entra.js';
import { entraValidatorProfile } from './entra-validator.js';
import { genericProfile } from './generic.js';
import { googleProfile } from './google.js';
import { jumpcloudProfile } from './jumpcloud.js';
import { keycloakProfile } from './keycloak.js';
import { keycloakPatchProfile } from './keycloak-patch.js';
import { keycloakSuveraProfile } from './keycloak-suvera.js';
import { oktaProfile } from './okta.js';
import { oktaAiwProfile } from './okta-aiw.js';
import { oneloginProfile } from './onelogin.js';
import { pingProfile } from './ping.js';
import type { IdpProfile } from './profile.js';
import { type IdpName, isIdpName, PROFILE_NAMES } from './profile-names.js';
import { rauthyProfile } from './rauthy.js';

/**
 * The profile of every name in PROFILE_NAMES: the type makes a name without a profile a
 * compile error, and test/idp/registry.test.ts checks each profile carries its own name.
 */
const PROFILES: Readonly<Record<IdpName, IdpProfile>> = {
  generic: genericProfile,
  okta: oktaProfile,
  'okta-aiw': oktaAiwProfile,
  entra: entraLegacyProfile,
  'entra-compliant': entraCompliantProfile,
  keycloak: keycloakProfile,
  'keycloak-patch': keycloakPatchProfile,
  google: googleProfile,
  onelogin: oneloginProfile,
  jumpcloud: jumpcloudProfile,
  authentik: authentikProfile,
  ping: pingProfile,
  rauthy: rauthyProfile,
  'entra-validator': entraValidatorProfile,
  'keycloak-suvera': keycloakSuveraProfile,
};

/** Profiles this build ships, in listing order (PROFILE_NAMES). */
export function allProfiles(): IdpProfile[] {
  return PROFILE_NAMES.map((name) => PROFILES[name]);
}

export function findProfile(name: string): IdpProfile | undefined {
  return isIdpName(name) ? PROFILES[name] : undefined;
}

/**
 * The usage error for a profile name that is not one: with the closest name when it looks like a
 * typo (`entr` → `entra`), and the full list.
 */
export function unknownProfileError(name: string): ScimCheckError {
  const names = allProfiles().map((profile) => profile.name);
  const suggestion = closestMatch(name, names);
  return new ScimCheckError(
    'USAGE',
    `unknown IdP profile "${name}"${suggestion === undefined ? '' : ` — did you mean ${suggestion}?`}`,
    {
      hint: `choose from ${names.join(', ')} (see \`scim-check list profiles\`)`,
    },
  );
}
