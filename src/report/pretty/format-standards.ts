import { NOT_RUN } from '../../standards/judge-rows.js';
import type { ConflictEntry, JudgedRow, StandardReport } from '../../standards/report.js';
import { inertText } from '../terminal-text.js';
import { plural } from './format-duration.js';
import { MARK, type Theme } from './theme.js';

const MAX_MESSAGE = 110;

function short(text: string): string {
  const line = inertText(text.split('\n')[0] ?? '');
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** `26 follow, 4 deviate, 2 not checked, 7 client rules (39)`: the counts that are not zero. */
function rowCounts(report: StandardReport, theme: Theme): string {
  const { follows, deviates, notChecked, clientRules } = report.summary;
  const parts = [
    follows > 0 ? theme.pass(`${follows} follow`) : '',
    deviates > 0 ? theme.fail(`${deviates} deviate`) : '',
    notChecked > 0 ? theme.skip(`${notChecked} not checked`) : '',
    clientRules > 0 ? theme.dim(plural(clientRules, 'client rule')) : '',
  ].filter((part) => part !== '');
  return `${parts.join(', ')} ${theme.dim(`(${report.rows.length})`)}`;
}

/** A row the reader must see: every deviation, and every server row left unjudged. */
function rowLine(row: JudgedRow, theme: Theme): string | undefined {
  const where = `${row.id}  ${theme.dim(row.section)}`;
  if (row.verdict === 'deviates') {
    const mark =
      row.strength === 'SHOULD'
        ? theme.warn(`${MARK.warning} deviates (SHOULD)`)
        : theme.fail(`${MARK.failed} deviates`);
    return `  ${mark}  ${where}  ${row.requirement}${row.message === undefined ? '' : theme.dim(` — ${short(row.message)}`)}`;
  }
  if (row.verdict === 'not checked')
    return `  ${theme.skip(`${MARK.skipped} not checked`)}  ${where}  ${row.requirement}${row.message === undefined ? '' : theme.dim(` — ${short(row.message)}`)}`;
  return undefined;
}

/** The server's side of a conflict, in words: what it does with the requests the rule refuses. */
export function conflictStance(entry: ConflictEntry): string {
  if (entry.verdict === 'client rule') {
    const judgedBy = entry.acceptedWhen === undefined ? '' : ` (${entry.acceptedWhen})`;
    if (entry.serverAccepts === true) return `a client rule; this server accepts them${judgedBy}`;
    if (entry.serverAccepts === false) return `a client rule; this server refuses them${judgedBy}`;
    return 'a client rule; a server may refuse them';
  }
  if (entry.verdict === 'follows') return 'this server follows the rule and refuses them';
  if (entry.verdict === 'deviates') return 'this server deviates and accepts them';
  return 'not checked on this server';
}

/** Who is affected, in words: `breaks here:`, `needed by:`, `break where enforced:`. */
export function conflictEffectLabel(entry: ConflictEntry): string {
  switch (entry.effect) {
    case 'breaks here':
      return 'will break against this server';
    case 'needs this deviation':
      return 'need this deviation';
    case 'breaks where enforced':
      return 'break on a server that enforces it';
  }
}

/** `okta (deactivateUser, reactivateUser), entra-compliant (updateUser)`. */
export function conflictIdps(entry: ConflictEntry): string {
  return entry.idps.map((idp) => `${idp.idp} (${idp.actions.join(', ')})`).join(', ');
}

/** The conflict table of one pack: rules that refuse something a profile sends, then the count of the others. */
export function formatConflicts(report: StandardReport, theme: Theme): string[] {
  const clashing = report.conflicts.filter((entry) => entry.idps.length > 0);
  const quiet = report.conflicts.length - clashing.length;
  if (report.conflicts.length === 0) return [];
  const lines = [
    `  ${theme.bold('Conflicts with the IdP profiles')} ${theme.dim('(from the requests each profile sends in its built-in scenarios, planned offline)')}`,
  ];
  for (const entry of clashing) {
    const paint =
      entry.effect === 'breaks here' ? theme.fail : entry.effect === 'needs this deviation' ? theme.warn : theme.dim;
    lines.push(
      `  ${entry.section} ${entry.refuses} — ${conflictStance(entry)}`,
      `      ${paint(`${conflictEffectLabel(entry)}:`)} ${conflictIdps(entry)}`,
    );
  }
  if (quiet > 0)
    lines.push(
      theme.dim(`  ${plural(quiet, 'other rule')} ${quiet === 1 ? 'refuses' : 'refuse'} nothing a profile sends`),
    );
  return lines;
}

/**
 * The standards block printed after the summary of a run with `--standard`: per pack, that it is
 * a draft which may change, the row counts, every deviation and unjudged row, and the conflicts.
 */
export function formatStandards(reports: readonly StandardReport[] | undefined, theme: Theme): string[] {
  if (reports === undefined || reports.length === 0) return [];
  const lines: string[] = [];
  for (const report of reports) {
    if (lines.length > 0) lines.push('');
    lines.push(
      `${theme.bold(`Standard ${report.name}`)}: ${report.title} — ${theme.warn(`DRAFT: ${report.draftNote}`)}`,
      `  Rows: ${rowCounts(report, theme)}`,
    );
    // Rows this run did not probe (a run with scenario arguments) are one line, not one each.
    const notRun = report.rows.filter((row) => row.verdict === 'not checked' && row.message === NOT_RUN);
    for (const row of report.rows) {
      const line = notRun.includes(row) ? undefined : rowLine(row, theme);
      if (line !== undefined) lines.push(line);
    }
    if (notRun.length > 0)
      lines.push(
        theme.skip(
          `  ${MARK.skipped} ${plural(notRun.length, 'row')} not run here (${notRun.map((row) => row.id).join(', ')}): run --standard ${report.name} without scenario arguments to judge them`,
        ),
      );
    for (const note of report.notes) lines.push(theme.dim(`  note: ${note}`));
    lines.push(...formatConflicts(report, theme));
  }
  return lines;
}
