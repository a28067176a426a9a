/** The outcome of decoding a file's bytes as UTF-8. */
export type DecodedText =
  | { ok: true; text: string }
  /** `offset` is the first bad byte; `lossy` has U+FFFD in place of bad sequences, for showing the line. */
  | { ok: false; offset: number; byte: number; utf16: boolean; lossy: string; line: number; column: number };

/**
 * Decodes strictly (`fatal: true`): a scenario read with replacement characters would send
 * mangled names to the server, so a non-UTF-8 file is refused with the position of the first bad byte.
 * A UTF-8 byte order mark is dropped, as editors on Windows like to write one.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidOffset(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    return {
      ok: false,
      offset,
      byte: bytes[offset] ?? 0,
      utf16: (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff),
      lossy: new TextDecoder('utf-8').decode(bytes),
      line: lines.length,
      column: (lines[lines.length - 1]?.length ?? 0) + 1,
    };
  }
}

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (the Unicode "maximal subpart" rules TextDecoder follows, RFC 3629 §4).
 */
function firstInvalidOffset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return index;
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return bytes.length;
}
