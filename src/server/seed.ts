import { URN } from '../scim/urns.js';
import type { ResourceService } from './resource-service.js';
import type { ScimStore } from './store.js';

const GIVEN_NAMES = [
  'Ada',
  'Babs',
  'Carlos',
  'Dana',
  'Emeka',
  'Fatima',
  'Goran',
  'Hana',
  'Ines',
  'Jun',
  'Kofi',
  'Lena',
  'Mateo',
  'Nia',
  'Omar',
  'Priya',
];
const FAMILY_NAMES = [
  'Jensen',
  'Okafor',
  'García',
  'Nakamura',
  'Novak',
  'Haddad',
  'Smith',
  'Müller',
  'Rossi',
  'Kowalski',
  'Silva',
  'Chen',
  "O'Brien",
];

/** The userName of the n-th seeded user (1-based): `seed-user-000001@example.com`. */
function seedUserName(index: number): string {
  return `seed-user-${String(index).padStart(6, '0')}@example.com`;
}

/** The n-th seeded user as a client would POST it to /Users (RFC 7643 §4.1). */
function seedUserBody(index: number): Record<string, unknown> {
  const givenName = GIVEN_NAMES[index % GIVEN_NAMES.length] as string;
  const familyName = FAMILY_NAMES[index % FAMILY_NAMES.length] as string;
  const userName = seedUserName(index);
  return {
    schemas: [URN.user],
    userName,
    externalId: `seed-${String(index).padStart(6, '0')}`,
    name: { givenName, familyName, formatted: `${givenName} ${familyName}` },
    displayName: `${givenName} ${familyName}`,
    emails: [{ value: userName, type: 'work', primary: true }],
    // Every tenth user is deactivated, so `active eq false` queries have something to find.
    active: index % 10 !== 0,
  };
}

/**
 * Preloads `count` users through the resource service, so they are validated and indexed
 * exactly like users an IdP creates. Users whose userName is already taken (a data file from
 * an earlier run) are skipped, so seeding is idempotent. Each create is O(1) thanks to the
 * userName index, so seeding 100k users is linear. Returns how many users were created.
 */
export function seedUsers(service: ResourceService, store: ScimStore, count: number): number {
  let created = 0;
  for (let index = 1; index <= count; index += 1) {
    if (store.userIdByUserName(seedUserName(index)) !== undefined) continue;
    service.create('User', seedUserBody(index));
    created += 1;
  }
  return created;
}
