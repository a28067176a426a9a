import { ScimError, type ScimType } from '../scim-error.js';

/** Builds the ScimError for a syntax problem from a detail such as `unexpected "qq" at position 9: …`. */
export type SyntaxErrorFactory = (detail: string) => ScimError;

/**
 * One factory per kind of input, so a bad filter is `invalidFilter` and a bad PATCH path
 * (even when the fault lies inside its value filter) is `invalidPath` (RFC 7644 §3.12 Table 9).
 */
export function syntaxErrorFactory(subject: string, scimType: ScimType): SyntaxErrorFactory {
  return (detail) => new ScimError(400, scimType, `${subject}: ${detail}`);
}

/** Quotes a token for an error detail, keeping very long tokens readable. */
export function quoteToken(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}
