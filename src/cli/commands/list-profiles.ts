import type { EvidenceGrade } from '../../idp/evidence.js';
import { EVIDENCE_GRADES, inferredBehaviours } from '../../idp/evidence.js';
import type { IdpProfile, PlannedRequest } from '../../idp/profile.js';
import { familyOf } from '../../idp/profile-names.js';
import { allProfiles } from '../../idp/registry.js';
import { SOURCES } from '../../idp/sources.js';
import type { IdpName } from '../../scenario/model.js';

/** One quirk as `list profiles --json` prints it: citations as readable documents, not SOURCES keys. */
export interface QuirkRow {
  id: string;
  summary: string;
  grade: EvidenceGrade;
  citations: string[];
  observedOn?: string;
  disagreement?: string;
}

/** One documented operation; `covered` only with `--coverage` (it takes a dry run of every built-in scenario). */
export interface OperationRow {
  id: string;
  summary: string;
  action: string;
  grade: EvidenceGrade;
  citations: string[];
  covered?: boolean;
}

export interface ProfileRow {
  name: string;
  family: string;
  title: string;
  verified: boolean;
  summary: string;
  sources: string[];
  /** What the profile had to guess: the summaries of its quirks graded `inferred` (kept for --json readers). */
  inferred: string[];
  quirks: QuirkRow[];
  documentedOperations: OperationRow[];
}

/**
 * A citation as a user can read it: a SOURCES key becomes its document. The team's own notes
 * (`SOURCES.idpNotes`) summarise the public documents and do not ship, so they are never offered.
 */
function readableCitations(citations: readonly string[]): string[] {
  const documents = citations.map((citation) =>
    Object.hasOwn(SOURCES, citation) ? SOURCES[citation as keyof typeof SOURCES] : citation,
  );
  // A free citation of the notes ("scim-check IDP-NOTES.md, Entra …") is left out for the same reason.
  return [...new Set(documents)].filter((document) => document !== SOURCES.idpNotes && !/IDP-NOTES/.test(document));
}

/**
 * Every profile with its evidence. `planned` is what the built-in scenarios make each profile send
 * (src/idp/coverage.ts); given, each documented operation says whether one of them sends it.
 */
export function profileRows(planned?: ReadonlyMap<IdpName, readonly PlannedRequest[]>): ProfileRow[] {
  return allProfiles().map((profile) => ({
    name: profile.name,
    family: familyOf(profile.name),
    title: profile.title,
    verified: profile.verified,
    summary: profile.summary,
    sources: readableCitations(profile.sources),
    inferred: inferredBehaviours(profile.quirks),
    quirks: profile.quirks.map((quirk) => ({
      id: quirk.id,
      summary: quirk.summary,
      grade: quirk.grade,
      citations: readableCitations(quirk.citations),
      ...(quirk.observedOn !== undefined ? { observedOn: quirk.observedOn } : {}),
      ...(quirk.disagreement !== undefined ? { disagreement: quirk.disagreement } : {}),
    })),
    documentedOperations: operationRows(profile, planned?.get(profile.name) ?? (planned ? [] : undefined)),
  }));
}

function operationRows(profile: IdpProfile, planned: readonly PlannedRequest[] | undefined): OperationRow[] {
  return profile.documentedOperations.map((operation) => ({
    id: operation.id,
    summary: operation.summary,
    action: operation.action,
    grade: operation.grade,
    citations: readableCitations(operation.citations),
    ...(planned !== undefined ? { covered: planned.some((request) => operation.matches(request)) } : {}),
  }));
}

/** "3 documented, 1 inferred": how many of each grade, strongest first. */
function gradeCounts(entries: readonly { grade: EvidenceGrade }[]): string {
  return EVIDENCE_GRADES.map((grade) => [grade, entries.filter((entry) => entry.grade === grade).length] as const)
    .filter(([, count]) => count > 0)
    .map(([grade, count]) => `${count} ${grade}`)
    .join(', ');
}

/**
 * One profile for a person scanning the list: title, summary, numbered sources, then each quirk
 * on one line with its grade and the numbers of the sources that show it, so the evidence sits
 * next to the claim without repeating long document names 14 times over.
 */
function prettyProfile(row: ProfileRow): string {
  const sources: string[] = [...row.sources];
  const refs = (citations: readonly string[]): string => {
    if (citations.length === 0) return '';
    const numbers = citations.map((citation) => {
      if (!sources.includes(citation)) sources.push(citation);
      return `[${sources.indexOf(citation) + 1}]`;
    });
    return ` ${numbers.join('')}`;
  };
  const body: string[] = [row.summary];
  if (row.quirks.length > 0) {
    body.push(`quirks (${gradeCounts(row.quirks)}):`);
    // Strongest evidence first; within a grade, in the profile's own order.
    const byGrade = [...row.quirks].sort((a, b) => EVIDENCE_GRADES.indexOf(a.grade) - EVIDENCE_GRADES.indexOf(b.grade));
    for (const quirk of byGrade) {
      const observed = quirk.observedOn !== undefined ? ` (seen ${quirk.observedOn})` : '';
      body.push(`  ${quirk.grade.padEnd(10)}  ${quirk.summary}${observed}${refs(quirk.citations)}`);
      if (quirk.disagreement !== undefined) body.push(`  ${''.padEnd(10)}  sources disagree: ${quirk.disagreement}`);
    }
  }
  if (row.documentedOperations.length > 0) {
    const withCoverage = row.documentedOperations.some((operation) => operation.covered !== undefined);
    if (withCoverage) {
      body.push(`requests (${gradeCounts(row.documentedOperations)}):`);
      for (const operation of row.documentedOperations) {
        const sent = operation.covered ? 'sent by a built-in scenario' : 'NOT SENT by any built-in scenario';
        body.push(`  ${operation.grade.padEnd(10)}  ${operation.summary} — ${sent}${refs(operation.citations)}`);
      }
    } else {
      body.push(
        `requests: ${row.documentedOperations.length} (${gradeCounts(row.documentedOperations)}); \`list profiles --coverage\` lists each and whether a built-in scenario sends it`,
      );
    }
  }
  const status = row.verified ? '' : '  [UNVERIFIED: no public source shows the wire format]';
  const sourceLines = sources.map((source, index) => `  [${index + 1}] ${source}`);
  return [
    `  ${row.name.padEnd(16)} ${row.title}${status}`,
    ...body.map((line) => `    ${line}`),
    ...(sourceLines.length > 0 ? ['    sources:', ...sourceLines.map((line) => `    ${line}`)] : []),
  ].join('\n');
}

/** The pretty block of `list profiles`, with how to read the grades. */
export function prettyProfiles(rows: readonly ProfileRow[]): string {
  return [
    'IdP profiles (pick one with --idp NAME or `idp:` in the scenario):',
    'Evidence: documented = a cited source shows the request; observed = a public report of real traffic; inferred = our guess.',
    '',
    rows.map(prettyProfile).join('\n\n'),
  ].join('\n');
}
