import { URN } from './urns.js';

/** The `scimType` values of RFC 7644 §3.12 Table 9, and the paging errors RFC 9865 §2.1 adds to it. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

/** The SCIM Error response body (RFC 7644 §3.12); `status` is a string there. */
export interface ScimErrorBody {
  schemas: [typeof URN.error];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

/**
 * A protocol-level failure the domain code raises (bad filter, bad PATCH path, uniqueness...).
 * The server turns it into an Error response; the expected-state model turns it into a finding.
 */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;

  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }

  toBody(): ScimErrorBody {
    return scimErrorBody(this.status, this.message, this.scimType);
  }
}

/** Builds an Error body; the one place that decides its shape. */
export function scimErrorBody(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  const body: ScimErrorBody = { schemas: [URN.error], status: String(status), detail };
  if (scimType !== undefined) body.scimType = scimType;
  return body;
}
