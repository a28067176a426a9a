import type { ListResponse, ScimResource } from './resource.js';
import { URN } from './urns.js';

/** A normalised page request (RFC 7644 §3.4.2.4): 1-based `startIndex`, non-negative `count`. */
export interface PageRequest {
  startIndex: number;
  count: number;
}

/** Reads an integer from a query-string or SearchRequest value; anything unreadable is undefined. */
function readInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

/**
 * Applies the paging rules of RFC 7644 §3.4.2.4 Table 6: `startIndex` below 1 counts as 1,
 * a negative `count` as 0, and no page is larger than `maxResults` (the advertised
 * `filter.maxResults`). Unreadable values fall back to the defaults rather than failing,
 * as unknown or odd parameters should not break an IdP's import.
 */
export function normalizePaging(startIndex: unknown, count: unknown, maxResults: number): PageRequest {
  const start = readInteger(startIndex);
  const size = readInteger(count);
  return {
    startIndex: start === undefined || start < 1 ? 1 : start,
    count: size === undefined ? maxResults : Math.min(Math.max(size, 0), maxResults),
  };
}

/**
 * Builds a ListResponse for one page of an already filtered and sorted result set.
 * `Resources` is always present (an empty array when nothing is on the page), because
 * several IdPs index into it without checking (RFC 7644 §3.4.2 allows either).
 */
export function buildListResponse<T = ScimResource>(
  page: T[],
  totalResults: number,
  startIndex: number,
): ListResponse<T> {
  return {
    schemas: [URN.listResponse],
    totalResults,
    startIndex,
    itemsPerPage: page.length,
    Resources: page,
  };
}

/** Cuts one page out of a full result list (`startIndex` is 1-based). */
export function slicePage<T>(items: readonly T[], page: PageRequest): T[] {
  if (page.count === 0) return [];
  return items.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
}
