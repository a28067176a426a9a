/**
 * Whether a value read back holds what was sent, for the state and body comparisons. A boolean
 * rendered as the string "true"/"false" counts as that boolean here: the type is DT-BOOLEAN's
 * rule, which judges every response, so one server habit is one finding under the row that names
 * it, not a second one under every read-back that compares `active` (issue 12, "one root cause").
 * The same holds for a number where a numeric string was expected (ERR-STATUS-STRING).
 */
export function sameJsonValue(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'boolean' && typeof actual === 'string') return actual.toLowerCase() === String(expected);
  // Likewise an Error `status` sent as a number where the RFC wants the string "404": ERR-STATUS-STRING's rule.
  if (typeof expected === 'string' && typeof actual === 'number') return String(actual) === expected;
  try {
    return JSON.stringify(expected) === JSON.stringify(actual);
  } catch {
    // Nested too deep to serialise (a server's answer that skipped the transport's depth bound,
    // as `load` reads them): nothing scim-check sent nests that deep, so it is not what was sent.
    return false;
  }
}
