import type { IncomingMessage } from 'node:http';
import { ScimError } from '../scim/scim-error.js';

/** Media types accepted on request bodies (RFC 7644 §3.8, §8.1); parameters such as charset are allowed. */
const ACCEPTED_MEDIA_TYPES = new Set(['application/scim+json', 'application/json']);

/** Past this many bytes an oversize body is no longer drained but the connection is dropped. */
const DRAIN_LIMIT_FACTOR = 16;

/**
 * Deepest nesting of objects and arrays accepted. SCIM resources nest three levels at most
 * (RFC 7643 §2.3.8 forbids complex sub-attributes); the bound keeps recursive code that walks
 * request values (bulkId substitution, cloning) far from the stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/** True when the JSON text nests objects or arrays deeper than `max` (strings are skipped). */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return false;
}

/** How an oversize body is described in the 413 detail. */
export interface BodyLimit {
  bytes: number;
  detail: string;
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/** Reads and discards the rest of a request so that the client can read the response. */
export function drainRequest(request: IncomingMessage): void {
  request.resume();
}

/** 415 unless the Content-Type is SCIM's or plain JSON (RFC 7644 §3.8, §8.1); an absent one is tolerated. */
export function checkBodyMediaType(contentType: string | undefined): void {
  if (contentType === undefined) return;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_MEDIA_TYPES.has(mediaType)) {
    throw new ScimError(
      415,
      undefined,
      `Content-Type "${contentType}" is not supported; send application/scim+json or application/json.`,
    );
  }
}

/**
 * A request body's text as a JSON object, or undefined for an empty body: 400 `invalidSyntax` for
 * malformed JSON, JSON nested too deep, or JSON that is not an object (RFC 7644 §3.12).
 */
export function parseJsonBody(raw: string): Record<string, unknown> | undefined {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') return undefined;
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new ScimError(
      400,
      'invalidSyntax',
      `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unparsable';
    throw new ScimError(400, 'invalidSyntax', `The request body is not valid JSON (${reason}).`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ScimError(400, 'invalidSyntax', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads a JSON request body within `limit` and returns it as an object, or undefined when the
 * request has no body. Errors are ScimErrors: 415 for another media type, 413 past the limit
 * (the rest of the body is drained first, so the client reliably gets the answer), and the 400s
 * of parseJsonBody.
 */
export async function readJsonBody(
  request: IncomingMessage,
  limit: BodyLimit,
): Promise<Record<string, unknown> | undefined> {
  if (!hasBody(request)) {
    drainRequest(request);
    return undefined;
  }
  try {
    checkBodyMediaType(request.headers['content-type']);
  } catch (error) {
    drainRequest(request);
    throw error;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  let tooLarge = false;
  await new Promise<void>((resolve, reject) => {
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit.bytes) {
        tooLarge = true;
        chunks.length = 0;
        if (received > limit.bytes * DRAIN_LIMIT_FACTOR) {
          // Draining this much would only waste time; the client will see the connection close.
          request.destroy();
          reject(new ScimError(413, undefined, limit.detail));
        }
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve());
    request.on('error', reject);
    request.on('aborted', () => reject(new Error('request aborted')));
  });
  if (tooLarge) throw new ScimError(413, undefined, limit.detail);
  return parseJsonBody(Buffer.concat(chunks).toString('utf8'));
}
