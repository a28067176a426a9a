/** One RFC reference found in a catalogue `rfc` field, with its rfc-editor.org address. */
export interface RfcLink {
  /** As written, e.g. `RFC 7644 §3.5.2.1`. */
  text: string;
  url: string;
}

const REFERENCE = /RFC\s*(\d{3,5})(?:\s*§\s*(\d+(?:\.\d+)*))?/g;

/**
 * The RFC references in `RFC 7643 §5; RFC 7644 §3.12 (Table 8)`, each linked to its section on
 * rfc-editor.org (`https://www.rfc-editor.org/rfc/rfc7644#section-3.12`), in order.
 */
export function rfcLinks(rfc: string): RfcLink[] {
  return [...rfc.matchAll(REFERENCE)].map((match) => {
    const [text, number, section] = match as unknown as [string, string, string | undefined];
    return {
      text,
      url: `https://www.rfc-editor.org/rfc/rfc${number}${section === undefined ? '' : `#section-${section}`}`,
    };
  });
}

/** `[RFC 7644 §3.3](https://…#section-3.3)` for each reference; the plain text when none parses. */
export function rfcMarkdown(rfc: string): string {
  const links = rfcLinks(rfc);
  return links.length === 0 ? rfc : links.map((link) => `[${link.text}](${link.url})`).join(', ');
}
