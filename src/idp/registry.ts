import type { IdpName } from '../scenario/model.js';
import { genericProfile } from './generic.js';
import { oktaProfile } from './okta.js';
import type { IdpProfile } from './profile.js';

const PROFILES = new Map<IdpName, IdpProfile>([
  [genericProfile.name, genericProfile],
  [oktaProfile.name, oktaProfile],
]);

/** Profiles this build ships, in listing order. */
export function allProfiles(): IdpProfile[] {
  return [...PROFILES.values()];
}

export function findProfile(name: string): IdpProfile | undefined {
  return PROFILES.get(name as IdpName);
}
