import { inertText } from '../terminal-text.js';

/*
 * Escaping by default. Every piece of the HTML report is built with the `html` template tag: what
 * it interpolates is escaped unless it is already `Markup` (built by `html` itself). So a string a
 * server or a scenario supplied can only ever become text, never markup, wherever a module puts
 * it; there is no "raw" helper to forget. Server text is also made inert (src/report/terminal-text.ts):
 * bidi overrides would reorder what a reader sees (Trojan Source, CVE-2021-42574) in a browser too.
 */

/** HTML that is safe to insert as it is: built by `html` from escaped parts and constants. */
export class Markup {
  /** Use `html` or `joinMarkup`, never this, to make markup. */
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What `html` accepts between its literal parts; `undefined`, `null` and `false` render nothing. */
export type Interpolation = Markup | string | number | boolean | undefined | null | readonly Interpolation[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `text` as HTML text or a quoted attribute value: `& < > " '` as references (the HTML
 * standard's "escaping a string", plus `'` so single-quoted attributes are safe too), control
 * characters as visible `\u001b`-style escapes.
 */
export function escapeHtml(text: string): string {
  return inertText(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function render(value: Interpolation): string {
  if (value === undefined || value === null || value === false || value === true) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return (value as readonly Interpolation[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The template tag every module writes markup with: the literal parts are ours, every
 * interpolated value is escaped (arrays render each element) unless it is Markup already.
 * Attribute values must be quoted in the template: `<p title="${value}">`.
 */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Markup {
  let text = strings[0]!;
  for (let index = 0; index < values.length; index++) text += render(values[index]!) + strings[index + 1]!;
  return new Markup(text);
}

/** Markup pieces joined by `separator` (itself escaped unless Markup). */
export function joinMarkup(parts: readonly Interpolation[], separator: Interpolation = ''): Markup {
  return new Markup(parts.map(render).join(render(separator)));
}

/**
 * JSON for `<script type="application/json">`: `<`, `>` and `&` as `\u003c` `\u003e` `\u0026`,
 * so no server text can close the element (`</script>`) or open a comment (`<!--`); U+2028 and
 * U+2029 escaped too, so the text is also valid as a JavaScript literal.
 */
export function scriptJson(value: unknown): Markup {
  const json = JSON.stringify(value) ?? 'null';
  return new Markup(
    json.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}
