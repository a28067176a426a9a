import type { RunResult } from '../engine/results.js';
import { createReporter, type Reporter, type ReporterContext } from '../report/index.js';
import type { CliIo } from './io.js';
import type { ReporterSpec } from './reporter-options.js';

/** `--har FILE` is `--reporter har=FILE` under a name people know from browser dev tools. */
export function withHarSpec(specs: ReporterSpec[], har: string | undefined): ReporterSpec[] {
  return har === undefined ? specs : [...specs, { name: 'har', path: har }];
}

/**
 * Under GitHub Actions the github reporter joins by itself (DESIGN.md), unless asked for
 * explicitly. Its annotations go to stdout next to the pretty reporter's text; when stdout
 * carries a document (json, junit, har) they go to stderr, which the runner also scans for
 * workflow commands, so the document stays parseable.
 */
export function automaticGithubReporter(
  specs: readonly ReporterSpec[],
  base: Omit<ReporterContext, 'out'>,
  io: CliIo,
): Reporter | undefined {
  if (!io.env.githubActions || specs.some((spec) => spec.name === 'github')) return undefined;
  const stdoutTaken = specs.some((spec) => spec.path === undefined && spec.name !== 'pretty');
  return createReporter('github', {
    ...base,
    color: false,
    interactive: false,
    out: stdoutTaken ? io.stderr : io.stdout,
  });
}

/** One stderr note about waivers, so stale and expired entries are seen whatever the reporters. */
export function waiverNotes(result: RunResult): string {
  const report = result.waivers;
  if (report === undefined) return '';
  const lines: string[] = [];
  if (report.waived > 0)
    lines.push(`scim-check: ${report.waived} failure${report.waived === 1 ? '' : 's'} waived by ${report.file}`);
  for (const waiver of report.expired)
    lines.push(
      `scim-check: waiver for ${waiver.check} (${report.file}:${waiver.line}) expired on ${waiver.until}; the failure counts again (${waiver.reason})`,
    );
  for (const waiver of report.stale)
    lines.push(
      `scim-check: stale waiver for ${waiver.check} (${report.file}:${waiver.line}) matched no failure; remove it if the bug is fixed`,
    );
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
