/*
 * Server text is shown, never obeyed. A terminal acts on escape sequences (ESC: clear the screen,
 * set the window title, write the clipboard with OSC 52), on their 8-bit C1 forms (U+009B is CSI
 * to some terminals), on a carriage return (overwrite the line), and bidi embeddings, overrides
 * and isolates reorder what is read (Trojan Source, CVE-2021-42574). Each of those characters is
 * written as a visible `\u001b`-style escape instead: the same spelling JSON uses, so a JSON
 * document on stdout stays valid JSON.
 */

// Tab and line feed stay; every other C0 control, DEL, C1, and the bidi controls U+202A–U+202E
// and U+2066–U+2069. The marks U+200E/U+200F stay: they only nudge, and RTL names use them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * SGR sequences chalk writes for the pretty reporter's theme and ora's spinner: styles, the 16
 * colours, their resets, and 256/true colour. Not conceal (8) or blink (5, 6).
 */
const SGR = String.raw`\u001b\[(?:(?:[0-4]|7|9|2[1-9]|3[0-79]|4[0-79]|9[0-7]|10[0-7]|[34]8;5;\d{1,3}|[34]8;2;\d{1,3};\d{1,3};\d{1,3})(?:;(?:[0-4]|7|9|2[1-9]|3[0-79]|4[0-79]|9[0-7]|10[0-7]|[34]8;5;\d{1,3}|[34]8;2;\d{1,3};\d{1,3};\d{1,3}))*)?m`;

/**
 * What ora and the load progress bar draw with on an interactive stderr: line erase, cursor
 * column/up, cursor show/hide, synchronized output on/off, carriage return.
 */
const PROGRESS = String.raw`\u001b\[(?:[0-2]?K|\d*G|\d*A|\?25[lh]|\?2026[hl])|\r`;

function escapeControl(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character the module comment lists written as a visible escape. */
export function inertText(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

const KEEP_COLOUR = new RegExp(`(${SGR})|${CONTROL.source}`, 'g');
const KEEP_COLOUR_AND_PROGRESS = new RegExp(`(${SGR}|${PROGRESS})|${CONTROL.source}`, 'g');

/**
 * Text about to reach a terminal (or a CI log, which renders ANSI): like inertText, but the colour
 * sequences scim-check itself writes pass, and on an interactive stderr also what a spinner draws
 * with. Server text is escaped where reporters render it; this is the net under them.
 */
export function terminalText(text: string, options: { progress: boolean }): string {
  return text.replace(
    options.progress ? KEEP_COLOUR_AND_PROGRESS : KEEP_COLOUR,
    (match: string, kept: string | undefined) => kept ?? escapeControl(match),
  );
}
