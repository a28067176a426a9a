import { createHash } from 'node:crypto';
import { html, Markup, scriptJson } from './markup.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

/*
 * The page shell every HTML report shares: one file with no external resource of any kind, so it
 * opens the same from file://, from a CI artifact and offline. Its one stylesheet and one script
 * are inline and allowed by their sha256 in a Content-Security-Policy (CSP Level 3 §8.4 "hash-source"
 * for inline `<style>` and `<script>`): with `default-src 'none'`, markup that escaped by mistake can
 * neither run script (inline event handlers and `javascript:` URLs need 'unsafe-inline') nor load
 * anything. Data for the script sits in a JSON block, which never executes, so it needs no hash.
 */

/** `'sha256-…'` of a text as CSP hash-sources spell it (base64 of the UTF-8 bytes' digest). */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy of every report: nothing loads, only our own style and script run. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${cspHash(PAGE_STYLE)}; script-src ${cspHash(PAGE_SCRIPT)}; img-src data:`;

/** Our own constants, inserted as written: the policy names their hashes. */
const STYLE = new Markup(PAGE_STYLE);
const SCRIPT = new Markup(PAGE_SCRIPT);
/** Quotes and base64 only, no `"`: written as is, so the file reads like the policy it states. */
const POLICY = new Markup(CONTENT_SECURITY_POLICY);

export interface PageParts {
  /** The document title (escaped). */
  title: string;
  /** What goes inside `<main id="report">`. */
  main: Markup;
  /** What the script reads from `#report-data`; escaped for a script element by scriptJson. */
  data: unknown;
}

/** The whole document. The empty `data:` icon keeps browsers from asking the network for a favicon. */
export function renderPage(parts: PageParts): string {
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${parts.title}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="report">
${parts.main}
</main>
<script type="application/json" id="report-data">${scriptJson(parts.data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
  return page.text;
}
