import type { IdpName } from '../scenario/model.js';
import { authentikProfile } from './authentik.js';
import { entraCompliantProfile, entraLegacyProfile } from './entra.js';
import { genericProfile } from './generic.js';
import { googleProfile } from './google.js';
import { jumpcloudProfile } from './jumpcloud.js';
import { keycloakProfile } from './keycloak.js';
import { keycloakPatchProfile } from './keycloak-patch.js';
import { oktaAiwProfile } from './okta-aiw.js';
import { oktaProfile } from './okta.js';
import { oneloginProfile } from './onelogin.js';
import type { IdpProfile } from './profile.js';

const PROFILES = new Map<IdpName, IdpProfile>([
  [genericProfile.name, genericProfile],
  [oktaProfile.name, oktaProfile],
  [oktaAiwProfile.name, oktaAiwProfile],
  [entraLegacyProfile.name, entraLegacyProfile],
  [entraCompliantProfile.name, entraCompliantProfile],
  [keycloakProfile.name, keycloakProfile],
  [keycloakPatchProfile.name, keycloakPatchProfile],
  [googleProfile.name, googleProfile],
  [oneloginProfile.name, oneloginProfile],
  [jumpcloudProfile.name, jumpcloudProfile],
  [authentikProfile.name, authentikProfile],
]);

/** Profiles this build ships, in listing order. */
export function allProfiles(): IdpProfile[] {
  return [...PROFILES.values()];
}

export function findProfile(name: string): IdpProfile | undefined {
  return PROFILES.get(name as IdpName);
}
