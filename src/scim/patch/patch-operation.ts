/** The three PATCH operations of RFC 7644 §3.5.2; anything else is refused. */
export type PatchOpName = 'add' | 'replace' | 'remove';

/**
 * One normalised PATCH operation: `op` is lower-cased, `path` is absent when the
 * client sent none (or `null`), and `value` is kept exactly as sent.
 */
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}
