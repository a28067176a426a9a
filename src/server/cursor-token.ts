import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Sealed, opaque cursor values. RFC 9865 §2 makes cursors opaque URL-safe strings, and its
 * security considerations (§5.2) ask servers to obfuscate them so that clients can neither read
 * nor forge one, and to detect a forged one at once. AES-256-GCM gives both: the position inside
 * cannot be read, and a changed or invented value fails authentication. The key lives only in
 * this process, so the server keeps no per-cursor state (nothing for a flood of first requests to
 * exhaust, §5.3) and a restart invalidates every cursor it issued.
 *
 * The text is base64url, whose alphabet (letters, digits, `-`, `_`) lies within the unreserved
 * characters of RFC 3986 §2.3 that RFC 9865 §2 allows in a cursor.
 */
export class CursorSealer {
  readonly #key = randomBytes(32);

  /** Seals a JSON-serialisable payload into a cursor value. */
  seal(payload: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The payload of a cursor this sealer issued; undefined for anything else (forged, truncated, foreign). */
  open(cursor: string): unknown {
    // iv (12) + tag (16) + at least one sealed byte, and no more than any payload we seal.
    if (!/^[A-Za-z0-9_-]{39,2048}$/.test(cursor)) return undefined;
    const bytes = Buffer.from(cursor, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}
