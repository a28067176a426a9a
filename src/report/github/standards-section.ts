import type { StandardReport } from '../../standards/report.js';
import { conflictEffectLabel, conflictIdps, conflictStance } from '../pretty/format-standards.js';
import { markdownText } from './markdown-text.js';

/**
 * The job summary's section for a run with `--standard`: per pack, that it follows a draft which
 * may change, its deviations, and the rules that refuse what some IdP profile sends.
 */
export function standardsSection(reports: readonly StandardReport[] | undefined): string[] {
  if (reports === undefined || reports.length === 0) return [];
  const lines = ['', '### Standards (drafts, may change)'];
  for (const report of reports) {
    const { follows, deviates, notChecked, clientRules } = report.summary;
    lines.push(
      '',
      `**${report.name}** — ${markdownText(report.title)}. ⚠️ ${markdownText(report.draftNote)}. Rows: ${follows} follow, ${deviates} deviate, ${notChecked} not checked, ${clientRules} client rules.`,
      '',
    );
    for (const row of report.rows.filter((candidate) => candidate.verdict === 'deviates'))
      lines.push(
        `- ❌ **${row.id}** ${markdownText(row.section)} ${markdownText(row.requirement)}${row.message === undefined ? '' : ` — ${markdownText(row.message)}`}`,
      );
    for (const entry of report.conflicts.filter((candidate) => candidate.idps.length > 0))
      lines.push(
        `- ${markdownText(entry.section)} ${markdownText(entry.refuses)}: ${markdownText(conflictStance(entry))}; ${markdownText(conflictEffectLabel(entry))}: ${markdownText(conflictIdps(entry))}`,
      );
  }
  return lines;
}
