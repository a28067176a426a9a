/**
 * Bounds on filter and path input. A server parses attacker-controlled text, so a pathological
 * filter must end in a 400 response, never in a stack overflow or a slow request.
 */
export const FILTER_LIMITS = {
  /** Longest filter or path accepted, in characters. */
  maxLength: 10_000,
  /** Deepest nesting of parentheses, `not (…)` and value paths accepted. */
  maxDepth: 50,
} as const;
