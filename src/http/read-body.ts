import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';

/** A response body as read: text, whether the cap cut it, and a decoding problem if any. */
export interface ReadBody {
  text: string;
  /** The (decoded) body was longer than the cap; `text` holds its start. */
  truncated: boolean;
  /** Content-Encoding named a coding we could not undo, or the compressed stream was corrupt. */
  decodeError?: string;
}

type Decoder = Gunzip;

/**
 * Decoders for the codings RFC 9110 §8.4.1 registers that servers actually send. undici's
 * `request` hands bodies over as they came off the wire, so decoding is ours to do.
 */
function decoderFor(coding: string): Decoder | undefined {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress() as unknown as Decoder;
    default:
      return undefined;
  }
}

/** Codings listed in Content-Encoding, in the order they were applied; `identity` dropped. */
function contentCodings(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/**
 * Reads a body up to `limit` bytes after decoding, so neither a runaway server nor a small
 * compressed "zip bomb" can eat our memory. Past the cap it stops reading and destroys the
 * stream (the connection is not reused).
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, limit: number): Promise<ReadBody> {
  const codings = contentCodings(contentEncoding);
  let stream: Readable = body;
  // Codings are undone in reverse order of application (RFC 9110 §8.4).
  for (const coding of [...codings].reverse()) {
    const decoder = decoderFor(coding);
    if (!decoder) {
      discard(body);
      return {
        text: '',
        truncated: false,
        decodeError: `Content-Encoding "${coding}" is not one scim-check can decode (gzip, deflate, br)`,
      };
    }
    stream.on('error', (error) => decoder.destroy(error));
    stream = stream.pipe(decoder);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      if (size + buffer.length > limit) {
        chunks.push(buffer.subarray(0, limit - size));
        truncated = true;
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
  } catch (error) {
    if (codings.length === 0 || !isZlibError(error)) throw error;
    discard(body);
    return {
      text: Buffer.concat(chunks).toString('utf8'),
      truncated: false,
      decodeError: `the body is not valid ${codings.join(', ')} data (${(error as Error).message})`,
    };
  }
  if (truncated) {
    discard(stream);
    discard(body);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

/**
 * Stops reading a body we gave up on. undici emits an 'error' (RequestAbortedError) when a body
 * is destroyed early; without a listener that would be an uncaught exception and crash the run.
 */
function discard(stream: Readable): void {
  stream.on('error', () => {});
  stream.destroy();
}

/** zlib and brotli failures, as opposed to the socket dying under the stream (a transport error). */
function isZlibError(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__')) return true;
  return (
    !code.startsWith('UND_ERR') &&
    !code.startsWith('E') &&
    /zlib|brotli|header check|unexpected end of file|decompress/i.test(String((error as Error).message))
  );
}
