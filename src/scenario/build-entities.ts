import type { GroupSpec, UserSpec } from './model.js';
import type { SourceMap } from './source-map.js';

const USER_STRING_FIELDS = ['givenName', 'familyName', 'email', 'displayName', 'externalId'] as const;

/**
 * Builds the typed users from the (schema-valid) `users:` mapping. `userName` defaults to `email`,
 * as IdPs provision the login email as userName unless told otherwise; with neither, the engine
 * makes up a run-unique one.
 */
export function buildUsers(
  section: Record<string, Record<string, unknown>>,
  sourceMap: SourceMap,
): Record<string, UserSpec> {
  const users: Record<string, UserSpec> = {};
  for (const [key, fields] of Object.entries(section)) {
    const user: UserSpec = { key, span: sourceMap.keySpanAt(['users', key]) };
    const userName = (fields.userName as string | undefined) ?? (fields.email as string | undefined);
    if (userName !== undefined) user.userName = userName;
    for (const field of USER_STRING_FIELDS) {
      const value = fields[field];
      if (typeof value === 'string') user[field] = value;
    }
    if (typeof fields.active === 'boolean') user.active = fields.active;
    if (fields.attributes !== undefined) user.attributes = fields.attributes as Record<string, unknown>;
    users[key] = user;
  }
  return users;
}

/** Builds the typed groups from the (schema-valid) `groups:` mapping. */
export function buildGroups(
  section: Record<string, Record<string, unknown>>,
  sourceMap: SourceMap,
): Record<string, GroupSpec> {
  const groups: Record<string, GroupSpec> = {};
  for (const [key, fields] of Object.entries(section)) {
    const group: GroupSpec = {
      key,
      displayName: fields.displayName as string,
      span: sourceMap.keySpanAt(['groups', key]),
    };
    if (typeof fields.externalId === 'string') group.externalId = fields.externalId;
    groups[key] = group;
  }
  return groups;
}
