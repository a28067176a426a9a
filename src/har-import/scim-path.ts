/** SCIM endpoints (RFC 7644 §3.2): where the base URL ends in a recorded URL. */
const ENDPOINTS = ['Users', 'Groups', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas', 'Bulk', 'Me', '.search'];

/**
 * The path of a recorded URL under its SCIM base URL: everything from the first SCIM endpoint
 * on (`https://app.example.com/scim/v2/Users/42` → `/Users/42`). A URL with no endpoint keeps
 * its whole path.
 */
export function scimPathOf(pathname: string): string {
  const segments = pathname.split('/');
  const at = segments.findIndex((segment) => ENDPOINTS.includes(segment));
  return at === -1 ? pathname : `/${segments.slice(at).join('/')}`;
}

/** What a SCIM path addresses: a resource type and, for `/Users/{id}`, the id. */
export interface Addressed {
  kind: 'Users' | 'Groups' | 'other';
  id?: string;
}

export function addressedBy(path: string): Addressed {
  const match = /^\/(Users|Groups)(?:\/([^/?]+))?\/?$/.exec(path);
  if (match === null) return { kind: 'other' };
  const kind = match[1] as 'Users' | 'Groups';
  return match[2] === undefined ? { kind } : { kind, id: decodeURIComponent(match[2]) };
}

/** The path with every resource id shown as `{id}`: how drift and the round-trip test compare paths. */
export function normalisedPath(path: string): string {
  const { kind, id } = addressedBy(path);
  return kind !== 'other' && id !== undefined ? `/${kind}/{id}` : path;
}
