import { type FileHandle, open } from 'node:fs/promises';

/** Reads at most `limit` bytes from an open file. */
export async function readCapped(handle: FileHandle, limit: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * The first `limit + 1` bytes of a file at most, so a caller can tell "fits" from "too large"
 * without reading a mistaken argument (a log, /dev/zero, a disk image) into memory. One handle,
 * so a file swapped or grown after any size check of the caller is still capped.
 */
export async function readFileCapped(path: string, limit: number): Promise<{ bytes: Uint8Array; tooLarge: boolean }> {
  const handle = await open(path, 'r');
  try {
    const bytes = await readCapped(handle, limit + 1);
    return bytes.length > limit ? { bytes: bytes.subarray(0, limit), tooLarge: true } : { bytes, tooLarge: false };
  } finally {
    await handle.close();
  }
}
