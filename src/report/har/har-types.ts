/* The subset of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) scim-check writes. */

export interface HarNameValue {
  name: string;
  value: string;
}

/** Where an exchange came from in the run; `_`-prefixed custom fields are allowed by HAR 1.2. */
export interface HarScimContext {
  /** Scenario file, or null for the preflight before any scenario. */
  scenario: string | null;
  /** 1-based step number as the file counts steps; null for preflight and cleanup. */
  step: number | null;
  action: string;
  idp: string | null;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string; comment?: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: { code: string; message: string };
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _scimCheck: HarScimContext & { exchangeId: number };
  /** Earlier tries of this request that were retried (429, reset), oldest first. */
  _attempts?: {
    startedAt: string;
    durationMs: number;
    status?: number;
    error?: { code: string; message: string };
    waitMs: number;
    reason: string;
  }[];
  /** Why a 429 or reset on the last try was not retried. */
  _retryNote?: string;
}

export interface HarLog {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    comment?: string;
    entries: HarEntry[];
  };
}
