import { inertText } from '../terminal-text.js';

/*
 * Text from a run (a check message or a runtime error can quote the server) inside the job summary's
 * Markdown: shown as written, never rendered. GitHub renders the summary as GitHub Flavored
 * Markdown with HTML, so a server could otherwise add links, tracking images or HTML to the page.
 */

/**
 * Escapes everything that starts Markdown structure inline: CommonMark lets any ASCII punctuation
 * be backslash-escaped (spec §2.4), which covers links and images (`[`, `]`, `!`), raw HTML and
 * autolinks (`<`, `>`), entities (`&`), code spans and emphasis (`` ` ``, `*`, `_`, `~`) and table
 * cells (`|`). GFM's bare-URL autolinks start at `://` or `www.`; an escaped `:` or `.` stops them.
 * Line breaks become spaces, so the text stays within its list item or table cell.
 */
export function markdownText(text: string): string {
  return inertText(text)
    .replace(/[\\`*_~[\]<>|!&]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/\r?\n/g, ' ');
}
