/** A position in a scenario file; line and column are 1-based. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Stable codes callers can branch on; never rename one. */
export type ErrorCode =
  | 'SCENARIO_NOT_FOUND'
  | 'SCENARIO_UNREADABLE'
  | 'SCENARIO_INVALID'
  | 'USAGE'
  | 'PREFLIGHT_FAILED'
  | 'HTTP_ERROR'
  | 'TEMPLATE_ERROR'
  | 'INTERNAL';

/**
 * The one error type of scim-check: a stable `code`, an optional source span
 * (for diagnostics that point at a scenario line), and the underlying `cause`.
 */
export class ScimCheckError extends Error {
  readonly code: ErrorCode;
  readonly span: SourceSpan | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { span?: SourceSpan; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScimCheckError';
    this.code = code;
    this.span = options.span;
    this.hint = options.hint;
  }
}
