import type { SourceSpan } from '../errors.js';

/** How bad a diagnostic is: errors stop the scenario from loading, warnings do not. */
export type DiagnosticSeverity = 'error' | 'warning';

/**
 * Stable diagnostic codes; tools may branch on them, so never rename one.
 * - file: `not-found`, `is-directory`, `unreadable`, `too-large`, `encoding`, `empty`
 * - YAML: `yaml-syntax`, `duplicate-key`, `yaml-warning`, `alias`
 * - shape: `type`, `required`, `unknown-key`, `invalid-value`, `unknown-action`, `missing-action`,
 *   `multiple-actions`, `unknown-argument`, `duplicate-argument`
 * - meaning: `unknown-user`, `unknown-group`, `template`, `json-path`
 * - `internal` for a bug in scim-check itself
 */
export type DiagnosticCode =
  | 'not-found'
  | 'is-directory'
  | 'unreadable'
  | 'too-large'
  | 'encoding'
  | 'empty'
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'yaml-warning'
  | 'alias'
  | 'type'
  | 'required'
  | 'unknown-key'
  | 'invalid-value'
  | 'unknown-action'
  | 'missing-action'
  | 'multiple-actions'
  | 'unknown-argument'
  | 'duplicate-argument'
  | 'unknown-user'
  | 'unknown-group'
  | 'template'
  | 'json-path'
  | 'internal';

/** A problem found in a scenario file, pointing at the offending YAML node. */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable machine-readable code, one of {@link DiagnosticCode}. */
  code: string;
  /** One-line human description, e.g. `unknown action "asignUser" in step 3`. */
  title: string;
  span: SourceSpan;
  /** What to do about it, e.g. `did you mean "assignUser"?`. */
  hint?: string;
}

/** Builds an error diagnostic; keeps call sites short. */
export function errorAt(code: DiagnosticCode, title: string, span: SourceSpan, hint?: string): Diagnostic {
  return hint === undefined ? { severity: 'error', code, title, span } : { severity: 'error', code, title, span, hint };
}

/** True when any diagnostic is an error (warnings do not stop loading). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
