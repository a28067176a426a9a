import { readFile } from 'node:fs/promises';
import { ScimCheckError } from '../errors.js';
import type { RecordedEntry } from './recorded-har.js';

/** A HAR file as `replay` and `scenario from-har` read it. */
export interface Recording {
  file: string;
  /** The SCIM base URL the traffic went to: the log's `_scimCheck.targetBaseUrl`, or inferred from the URLs. */
  baseUrl: string;
  entries: RecordedEntry[];
}

/** Largest HAR read: a recording with bodies cut at 1 MiB each reaches this only after thousands of requests. */
const MAX_HAR_BYTES = 512 * 1_048_576;

function invalid(file: string, why: string): ScimCheckError {
  return new ScimCheckError('USAGE', `${file} is not a HAR file scim-check can replay: ${why}`, {
    hint: 'record one with `scim-check record --har FILE`, or export HAR 1.2 from browser dev tools or `scim-check run --har`',
  });
}

/** The path up to the first SCIM endpoint segment (RFC 7644 §3.2), e.g. `https://host/scim/v2`. */
function baseOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const match =
      /^(.*?)\/(?:Users|Groups|Me|Bulk|\.search|ServiceProviderConfig|ResourceTypes|Schemas)(?:[/?]|$)/.exec(
        parsed.pathname,
      );
    return match === null ? undefined : `${parsed.origin}${match[1]}`;
  } catch {
    return undefined;
  }
}

/** Reads and checks a HAR file: HAR 1.2's `log.entries`, each with a request method and URL. */
export async function readRecording(path: string, shownAs = path): Promise<Recording> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_HAR_BYTES) throw invalid(shownAs, `it is over ${MAX_HAR_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof ScimCheckError) throw error;
    throw new ScimCheckError('USAGE', `cannot read ${shownAs}: ${(error as Error).message}`, { cause: error });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw invalid(shownAs, `it is not JSON (${(error as Error).message})`);
  }
  const log = (document as { log?: { entries?: unknown; _scimCheck?: { targetBaseUrl?: unknown } } } | null)?.log;
  if (typeof log !== 'object' || log === null || !Array.isArray(log.entries))
    throw invalid(shownAs, 'it has no log.entries');
  const entries = log.entries as RecordedEntry[];
  for (const [index, entry] of entries.entries()) {
    if (typeof entry?.request?.method !== 'string' || typeof entry.request.url !== 'string')
      throw invalid(shownAs, `entry ${index + 1} has no request method and URL`);
  }
  const recorded = log._scimCheck?.targetBaseUrl;
  const baseUrl =
    typeof recorded === 'string'
      ? recorded
      : entries.map((entry) => baseOf(entry.request.url)).find((base) => base !== undefined);
  if (baseUrl === undefined) throw invalid(shownAs, 'no entry addresses a SCIM endpoint (/Users, /Groups, …)');
  return { file: shownAs, baseUrl: baseUrl.replace(/\/$/, ''), entries };
}
