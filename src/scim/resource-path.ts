/** The two resource types scim-check creates and writes (RFC 7643 §4). */
export type ResourceKind = 'User' | 'Group';

/**
 * The one place that turns ids into request paths and request URLs back into the resource they
 * address. Everything that decides "which resource does this request touch" asks here, so the
 * write guard and the ledger can never disagree with what actually goes on the wire.
 */

const COLLECTION: Record<ResourceKind, string> = { User: 'Users', Group: 'Groups' };

/**
 * Why an id must never be placed in a path. RFC 7643 §3.1 lets an id be any string, but one that
 * is empty, or that a URL parser or a lenient server would read as `.`/`..` segments, addresses
 * something other than itself once it is in a URL (`x/../abc` is `abc`; `\` is `/` to WHATWG URL
 * parsers), so a server handing out such an id is treated as hostile.
 */
export function unsafeIdReason(id: string): string | undefined {
  if (id === '') return 'the id is empty';
  // A server may decode a path more than once (`%252F` → `%2F` → `/`): every decoding is judged.
  let decoded = id;
  for (let round = 0; round < 4; round++) {
    if (decoded.split(/[/\\]/).some((part) => part === '.' || part === '..'))
      return `the id ${JSON.stringify(id)} contains a "." or ".." path segment, which would address another resource`;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      break;
    }
    if (next === decoded) break;
    decoded = next;
  }
  return undefined;
}

/** An id that cannot be placed in a path; the request is never sent. */
export class UnsafeIdError extends Error {
  readonly code = 'UNSAFE_WRITE';
}

/** `/Users/{id}` with the id percent-encoded as exactly one segment; throws on an unsafe or missing id. */
export function resourcePath(kind: ResourceKind, id: string | undefined): string {
  if (id === undefined) throw new UnsafeIdError(`cannot address a ${kind} that has no id yet`);
  const unsafe = unsafeIdReason(id);
  if (unsafe !== undefined) throw new UnsafeIdError(`refusing to address ${kind} ${JSON.stringify(id)}: ${unsafe}`);
  return `/${COLLECTION[kind]}/${encodeURIComponent(id)}`;
}

/** What a request URL addresses, below the SCIM base URL. */
export type AddressedTarget =
  | { type: 'resource'; kind: ResourceKind; id: string }
  | { type: 'collection'; kind: ResourceKind }
  | { type: 'search' }
  | { type: 'bulk' }
  /** Below the base URL, but not a User or Group (discovery endpoints, /Me, ...). */
  | { type: 'other'; path: string }
  /** Not below the base URL at all (another origin or path), or not parseable. */
  | { type: 'outside' };

function kindOf(segment: string): ResourceKind | undefined {
  const lower = segment.toLowerCase();
  return lower === 'users' ? 'User' : lower === 'groups' ? 'Group' : undefined;
}

/**
 * What `url` addresses below `baseUrl`, judged on the URL as it will be sent: already parsed, so
 * `.`/`..` segments are resolved and `\` is `/`, exactly as the server will see them.
 */
export function addressedTarget(url: URL, baseUrl: URL): AddressedTarget {
  if (url.origin !== baseUrl.origin) return { type: 'outside' };
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const path = url.pathname;
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return { type: 'outside' };
  const raw = path
    .slice(basePath.length)
    .split('/')
    .filter((segment) => segment !== '');
  let segments: string[];
  try {
    segments = raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return { type: 'outside' };
  }
  if (segments.length === 1 && segments[0] === '.search') return { type: 'search' };
  if (segments.length === 1 && segments[0]!.toLowerCase() === 'bulk') return { type: 'bulk' };
  const kind = segments.length > 0 ? kindOf(segments[0]!) : undefined;
  if (kind !== undefined && segments.length === 1) return { type: 'collection', kind };
  if (kind !== undefined && segments.length === 2)
    return segments[1] === '.search' ? { type: 'search' } : { type: 'resource', kind, id: segments[1]! };
  return { type: 'other', path: `/${segments.join('/')}` };
}

/** Joins the base URL and a SCIM path (`/Users` under `https://h/scim/v2` is `https://h/scim/v2/Users`); an absolute URL stays as it is. */
export function resolveUrl(baseUrl: string, path: string, query?: Record<string, string>): URL {
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
  return url;
}

/** The resource a path or URL relative to `baseUrl` addresses, if it is a single User or Group. */
export function addressedResource(pathOrUrl: string, baseUrl: string): { kind: ResourceKind; id: string } | undefined {
  let url: URL;
  try {
    url = resolveUrl(baseUrl, pathOrUrl);
  } catch {
    return undefined;
  }
  const target = addressedTarget(url, new URL(baseUrl));
  return target.type === 'resource' ? { kind: target.kind, id: target.id } : undefined;
}

/**
 * The resource a path names by its last two segments (`…/Users/{id}`), wherever it is mounted:
 * for checks that see only the request URL, and for a Bulk `location` built from the server's
 * own host and mount point.
 */
export function resourceOfPath(pathname: string): { kind: ResourceKind; id: string } | undefined {
  const segments = pathname
    .split(/[?#]/)[0]!
    .split('/')
    .filter((segment) => segment !== '');
  const [collection, raw] = segments.slice(-2);
  const kind = collection === undefined ? undefined : kindOf(collection);
  if (kind === undefined || raw === undefined || raw === '.search') return undefined;
  try {
    return { kind, id: decodeURIComponent(raw) };
  } catch {
    return undefined;
  }
}

/** What a path relative to the SCIM root addresses (`/Users`, `/Users/{id}`, `/Bulk`, ...). */
export function targetOfPath(path: string): AddressedTarget {
  const base = new URL('https://scim.invalid/');
  try {
    return addressedTarget(resolveUrl(base.toString(), path), base);
  } catch {
    return { type: 'outside' };
  }
}
