import type { Theme } from './theme.js';

/** What the pretty formatters need besides the results themselves. */
export interface FormatContext {
  theme: Theme;
  /** Scenario file text, for the offending step's line. */
  sourceOf(file: string): string | undefined;
  /** The SCIM base URL, to shorten URLs in verbose exchange lines; unknown before `runStart`. */
  baseUrl: string | undefined;
  verbose: boolean;
}
