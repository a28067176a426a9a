/*
 * What a secret can look like when a server echoes it back or an output rewrites it: the secret
 * itself (in any case: HTTP lower-cases header names), its hex, and its base64/base64url forms,
 * also of `Bearer <secret>`, and the part of the base64 that stays fixed when the secret sits
 * inside a larger blob at each of the three byte offsets mod 3. Character escapes (JSON `\u0053`,
 * `\/`, percent-encoding, XML references) are undone before these are looked for
 * (escaped-text.ts), so any mix of them is caught too.
 */

/** One text to look for; `anyCase` when its letters may come back in another case (HTTP lower-cases header names). */
export interface Spelling {
  text: string;
  anyCase: boolean;
}

/** Embedded base64 fragments shorter than this are too likely to occur by chance in ids and hashes. */
const MIN_EMBEDDED_BASE64 = 12;
/** Hex of shorter secrets would match ordinary hex ids. */
const MIN_HEX_BYTES = 8;

/**
 * The part of base64(prefix + secret + suffix) that depends on the secret alone, for a prefix of
 * `offset` bytes: the first characters mix in prefix bits (none, 2 or 3 characters for offsets 0,
 * 1, 2) and the last partial group mixes in suffix bits.
 */
export function embeddedBase64(bytes: Uint8Array, offset: 0 | 1 | 2, alphabet: 'base64' | 'base64url'): string {
  const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
  const encoded = padded.toString(alphabet).replace(/=+$/, '');
  const remainder = padded.length % 3;
  const end = remainder === 0 ? encoded.length : encoded.length - 1;
  const start = [0, 2, 3][offset]!;
  return encoded.slice(start, end);
}

/** Every whole-text spelling of one secret, longest first. */
export function secretSpellings(secret: string): Spelling[] {
  const bytes = Buffer.from(secret, 'utf8');
  const spellings: Spelling[] = [{ text: secret, anyCase: true }];
  if (bytes.length >= MIN_HEX_BYTES) spellings.push({ text: bytes.toString('hex'), anyCase: true });
  for (const text of [secret, `Bearer ${secret}`]) {
    const encoded = Buffer.from(text, 'utf8');
    for (const alphabet of ['base64', 'base64url'] as const) {
      const whole = encoded.toString(alphabet);
      const unpadded = whole.replace(/=+$/, '');
      // Base64 of a 3-byte secret is 4 characters: common enough in ordinary text to leave alone.
      if (unpadded.length >= 6) spellings.push({ text: whole, anyCase: false }, { text: unpadded, anyCase: false });
    }
  }
  for (const offset of [0, 1, 2] as const) {
    for (const alphabet of ['base64', 'base64url'] as const) {
      const fragment = embeddedBase64(bytes, offset, alphabet);
      if (fragment.length >= MIN_EMBEDDED_BASE64) spellings.push({ text: fragment, anyCase: false });
    }
  }
  const seen = new Set<string>();
  return spellings
    .filter((spelling) => spelling.text !== '' && !seen.has(spelling.text) && seen.add(spelling.text))
    .sort((a, b) => b.text.length - a.text.length);
}
