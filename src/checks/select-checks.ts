import { allCatalogueRows } from './catalogue.js';

/**
 * `FILTER-*` → /^FILTER-.*$/i: `*` matches any run of characters, `?` exactly one, the rest
 * literally, without case (IDs are upper-case and people type them lower). Also used for the
 * check, scenario and step globs of waivers.
 */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .trim()
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/** Globs that match no catalogue ID: almost certainly a typo the user wants to hear about. */
export function unmatchedGlobs(globs: readonly string[]): string[] {
  const ids = allCatalogueRows().map((row) => row.id);
  return globs.filter((glob) => !ids.some((id) => globToRegExp(glob).test(id)));
}

/**
 * `--check` / `--skip-check` as a predicate on check IDs. With `--check` only matching catalogue
 * rows are kept; `--skip-check` then removes matches. The scenario's own assertions
 * (SCENARIO-EXPECT) and state diffs that carry no catalogue ID are always kept, because a scenario
 * author's expectations are not part of the catalogue selection.
 */
export function checkSelector(
  include: readonly string[],
  exclude: readonly string[],
): ((id: string) => boolean) | undefined {
  if (include.length === 0 && exclude.length === 0) return undefined;
  const catalogueIds = new Set(allCatalogueRows().map((row) => row.id));
  const includes = include.map(globToRegExp);
  const excludes = exclude.map(globToRegExp);
  return (id) => {
    if (!catalogueIds.has(id)) return true;
    if (includes.length > 0 && !includes.some((pattern) => pattern.test(id))) return false;
    return !excludes.some((pattern) => pattern.test(id));
  };
}
