import type { IdpName } from '../idp/profile-names.js';
import type { HarEntry } from '../report/har/har-types.js';

/*
 * The HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) `scim-check record` writes: the
 * entries `run --har` writes (src/report/har/to-har-entry.ts), with a recording's own `_scimCheck`
 * (custom fields start with `_` in HAR 1.2) and the recorded server's base URL on the log, which
 * `replay` and `scenario from-har` need to tell the SCIM path from the server's prefix.
 */

/** What the recorder knows about one entry. */
export interface RecordingContext {
  /** The IdP the request was recognised as (src/recording/recognise-idp.ts), when it was. */
  idp?: IdpName;
  /** The sign it was recognised by. */
  idpReason?: string;
  /** When the proxy received the request (ISO 8601). */
  recordedAt: string;
  /** Position in the recording, from 1. */
  exchangeId: number;
}

/** One recorded request and response. */
export type RecordedEntry = Omit<HarEntry, '_scimCheck'> & {
  /** Why a recorded body is not what crossed the wire (cut at the recording limit, decoded). */
  comment?: string;
  _scimCheck: RecordingContext;
};

/** What the log says about the recording as a whole. */
export interface RecordingInfo {
  /** The base URL requests were forwarded to, e.g. `https://app.example.com/scim/v2` (the SCIM root). */
  targetBaseUrl: string;
  /** `record`: written by the recording proxy. */
  recordedBy: 'record';
  startedAt: string;
}

/** A recording as a HAR document. */
export interface RecordingHar {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    comment?: string;
    _scimCheck: RecordingInfo;
    entries: RecordedEntry[];
  };
}
