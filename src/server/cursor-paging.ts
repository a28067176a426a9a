import { createHash } from 'node:crypto';
import { ScimError } from '../scim/scim-error.js';
import { CursorSealer } from './cursor-token.js';

/** How long a cursor stays valid between page requests when the options do not say, in seconds (RFC 9865 §4 `cursorTimeout`). */
export const DEFAULT_CURSOR_TIMEOUT = 3600;

/** How the reference server pages with cursors; both have defaults. */
export interface CursorPagingOptions {
  /** `pagination.cursorTimeout` (RFC 9865 §4): whole seconds a cursor stays valid between page requests. */
  cursorTimeout?: number;
  /** Milliseconds since the epoch. Tests pass a fake clock to expire a cursor without waiting for it. */
  clock?: () => number;
}

/** A cursor request as the query layer hands it over (RFC 9865 §2, §3). */
export interface CursorRequest {
  /** The `cursor` parameter: empty on the first request, else a `nextCursor` or `previousCursor` we issued. */
  cursor: string;
  /** The `count` parameter as sent (a query-string text or a SearchRequest number); undefined when absent. */
  count: unknown;
  /**
   * What makes two requests the same query (endpoint, filter, sort). A client must repeat every
   * parameter but `cursor` (RFC 9865 §2); a cursor replayed on another query is refused.
   */
  query: string;
}

/** One cursor page of an already filtered and sorted result list. */
export interface CursorPage<T> {
  items: T[];
  /** The 1-based position of the first item, for the ListResponse's `startIndex`. */
  startIndex: number;
  nextCursor?: string;
  previousCursor?: string;
}

/** What a cursor holds, sealed (cursor-token.ts): where its page starts, and what it was issued for. */
interface CursorPosition {
  /** A hash of the query it belongs to. */
  q: string;
  /** The `count` of the first request, or null when it had none (RFC 9865 §2.1: it must not change). */
  n: number | null;
  /** `next`: the page that starts at `a`; `previous`: the page that ends just before `a`. */
  d: 'next' | 'previous';
  /** The item the page is anchored to, so a deletion elsewhere moves no page boundary. */
  a: string;
  /** For `next`: the last item served, whose successor starts the page when `a` itself is gone. */
  b?: string;
  /** The anchor's offset when issued: the fallback when neither item is there any more. */
  o: number;
  /** When the cursor was issued, in milliseconds, for `cursorTimeout`. */
  t: number;
}

function isPosition(value: unknown): value is CursorPosition {
  const position = value as Partial<CursorPosition> | undefined;
  return (
    typeof position === 'object' &&
    position !== null &&
    typeof position.q === 'string' &&
    (position.n === null || Number.isInteger(position.n)) &&
    (position.d === 'next' || position.d === 'previous') &&
    typeof position.a === 'string' &&
    (position.b === undefined || typeof position.b === 'string') &&
    Number.isInteger(position.o) &&
    Number.isInteger(position.t)
  );
}

const invalidCursor = (): ScimError =>
  new ScimError(
    400,
    'invalidCursor',
    'The cursor is not one this server issued for this query: send an empty cursor for the first page, then the nextCursor or previousCursor of the last answer (RFC 9865 §2.1).',
  );

/**
 * `count` as a cursor request sends it: null when absent, else an integer; anything else is the
 * `invalidCount` error (RFC 9865 §2.1). Index paging stays lenient about the same text
 * (list-response.ts); a client that opted into cursors gets told.
 */
function requestedCount(count: unknown): number | null {
  if (count === undefined || count === null || count === '') return null;
  if (typeof count === 'number' && Number.isInteger(count)) return count;
  if (typeof count === 'string' && /^\s*[+-]?\d{1,15}\s*$/.test(count)) return Number.parseInt(count, 10);
  throw new ScimError(400, 'invalidCount', `count "${String(count)}" is not an integer (RFC 9865 §2.1).`);
}

/**
 * RFC 9865 cursor pagination for the reference server. Stateless: a cursor carries its own
 * position, sealed, so the server stores nothing per cursor. A next page is anchored to the
 * resource it starts with, so a client that deletes what it has already read (a deprovisioning
 * sweep) skips nothing, which index paging cannot promise (RFC 9865 §1 on why cursors exist).
 */
export class CursorPaging {
  readonly cursorTimeout: number;
  /** `pagination.maxPageSize`: a larger `count` is served as this many (RFC 9865 §4). */
  readonly maxPageSize: number;
  /** `pagination.defaultPageSize`: the page size when the request has no `count`. */
  readonly defaultPageSize: number;
  readonly #clock: () => number;
  readonly #sealer = new CursorSealer();

  /** `pageSize` is both the default and the largest page, the same bound index paging has (filter.maxResults). */
  constructor(options: CursorPagingOptions, pageSize: number) {
    this.cursorTimeout = options.cursorTimeout ?? DEFAULT_CURSOR_TIMEOUT;
    this.maxPageSize = pageSize;
    this.defaultPageSize = pageSize;
    this.#clock = options.clock ?? Date.now;
  }

  /**
   * The /ServiceProviderConfig `pagination` attribute (RFC 9865 §4). Index stays the default
   * method: §2.4 asks a server that adds cursors to keep index as the default, and the IdPs page
   * with `startIndex` (Okta, OneLogin, authentik; src/idp/).
   */
  advertisement(): Record<string, unknown> {
    return {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: this.defaultPageSize,
      maxPageSize: this.maxPageSize,
      cursorTimeout: this.cursorTimeout,
    };
  }

  /**
   * Cuts the page a cursor request asks for out of the full ordered result list. `keyOf` names an
   * item uniquely and stably (the resource type and id). Throws the RFC 9865 §2.1 errors:
   * `invalidCursor`, `expiredCursor`, `invalidCount`.
   */
  page<T>(ordered: readonly T[], keyOf: (item: T) => string, request: CursorRequest): CursorPage<T> {
    const query = createHash('sha256').update(request.query).digest('base64url').slice(0, 22);
    const requested = requestedCount(request.count);
    // RFC 9865 §2: a negative count counts as 0; §4: no page is larger than maxPageSize.
    const size = requested === null ? this.defaultPageSize : Math.min(Math.max(requested, 0), this.maxPageSize);
    let start = 0;
    let end = Math.min(size, ordered.length);
    if (request.cursor !== '') {
      const position = this.#open(request.cursor, query);
      if (position.n !== requested)
        throw new ScimError(
          400,
          'invalidCount',
          `count must stay ${position.n ?? 'absent'} while following this cursor, as on the first request (RFC 9865 §2.1).`,
        );
      const indexOf = (key: string | undefined): number =>
        key === undefined ? -1 : ordered.findIndex((item) => keyOf(item) === key);
      const anchor = indexOf(position.a);
      if (position.d === 'next') {
        const served = anchor >= 0 ? -1 : indexOf(position.b);
        start = anchor >= 0 ? anchor : served >= 0 ? served + 1 : Math.min(position.o, ordered.length);
        end = Math.min(start + size, ordered.length);
      } else {
        end = anchor >= 0 ? anchor : Math.min(position.o, ordered.length);
        start = Math.max(0, end - size);
      }
    }
    const items = ordered.slice(start, end);
    const page: CursorPage<T> = { items, startIndex: start + 1 };
    // count=0 asks for totalResults only (RFC 9865 §2): there is no page to go on to.
    if (size === 0) return page;
    const following = ordered[end];
    if (following !== undefined) {
      const last = items.at(-1);
      page.nextCursor = this.#issue(
        { q: query, n: requested, d: 'next', a: keyOf(following), o: end },
        last === undefined ? undefined : keyOf(last),
      );
    }
    // Never on the first page (RFC 9865 §2); optional everywhere else.
    const first = items[0];
    if (start > 0 && first !== undefined)
      page.previousCursor = this.#issue({ q: query, n: requested, d: 'previous', a: keyOf(first), o: start });
    return page;
  }

  #issue(position: Omit<CursorPosition, 't' | 'b'>, served?: string): string {
    return this.#sealer.seal({ ...position, ...(served === undefined ? {} : { b: served }), t: this.#clock() });
  }

  #open(cursor: string, query: string): CursorPosition {
    const position = this.#sealer.open(cursor);
    if (!isPosition(position) || position.q !== query) throw invalidCursor();
    // cursorTimeout is the least a cursor lives (RFC 9865 §4): it expires only once that has fully passed.
    if (this.#clock() - position.t > this.cursorTimeout * 1000)
      throw new ScimError(
        400,
        'expiredCursor',
        `The cursor has expired: follow a cursor within cursorTimeout (${this.cursorTimeout} s), or start again with an empty cursor (RFC 9865 §2.1).`,
      );
    return position;
  }
}
