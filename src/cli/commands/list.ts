import { relative, sep } from 'node:path';
import { catalogueCoverage } from '../../checks/implemented.js';
import { ScimCheckError } from '../../errors.js';
import { jsonPackIdentity } from '../../report/json-report.js';
import { loadScenarioFile } from '../../scenario/index.js';
import { allStandards } from '../../standards/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { BUILT_IN_SCENARIOS, scenarioFilesIn } from '../scenario-paths.js';
import { prettyProfiles, profileRows } from './list-profiles.js';

export interface ListOptions {
  json?: boolean;
  /**
   * `list profiles --coverage`: dry-run every built-in IdP scenario (src/idp/coverage.ts) to say
   * which documented request each sends. Off by default: it multiplies the listing's time.
   */
  coverage?: boolean;
}

/** What the built-in scenarios make each profile send; loaded only when asked, the engine is large. */
async function plannedByProfile() {
  const { builtInIdpScenarios, plannedRequestsByProfile } = await import('../../idp/coverage.js');
  return plannedRequestsByProfile(await builtInIdpScenarios());
}

const TOPICS = ['scenarios', 'profiles', 'checks', 'standards'] as const;
type Topic = (typeof TOPICS)[number];

async function scenarioRows(): Promise<{ name: string; file: string; idp: string; title: string; steps: number }[]> {
  const rows = [];
  for (const file of scenarioFilesIn(BUILT_IN_SCENARIOS)) {
    const name = relative(BUILT_IN_SCENARIOS, file)
      .split(sep)
      .join('/')
      .replace(/\.ya?ml$/i, '');
    const loaded = await loadScenarioFile(file, `scenarios/${name}.yaml`);
    if (loaded.scenario)
      rows.push({
        name,
        file: `scenarios/${name}.yaml`,
        idp: loaded.scenario.idp,
        title: loaded.scenario.name,
        steps: loaded.scenario.steps.length,
      });
  }
  return rows;
}

/** Every catalogue row with how the code covers it: data only (src/checks/implemented.ts), no file is read. */
function checkRows(): {
  id: string;
  level: string;
  rfc: string;
  gate: string;
  area: string;
  requirement: string;
  implemented: boolean;
  coverage: string[];
  reason?: string;
}[] {
  return catalogueCoverage().map(({ row, coverage: how, reason }) => ({
    id: row.id,
    level: row.level,
    rfc: row.rfc,
    gate: row.gate ?? '—',
    area: row.area,
    requirement: row.requirement,
    implemented: how.length > 0,
    coverage: how,
    ...(reason !== undefined ? { reason } : {}),
  }));
}

/** The standard packs `--standard` accepts: each a draft, with its document, revision, date and row count. */
function standardRows(): (ReturnType<typeof jsonPackIdentity> & { rows: number })[] {
  return allStandards().map((pack) => ({ ...jsonPackIdentity(pack), rows: pack.rows.length }));
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '),
    )
    .join('\n');
}

/** `scim-check list [scenarios|profiles|checks] [--json]`: what this build ships. */
export async function listCommand(topic: string | undefined, options: ListOptions, io: CliIo): Promise<number> {
  if (topic !== undefined && !(TOPICS as readonly string[]).includes(topic)) {
    throw new ScimCheckError('USAGE', `cannot list "${topic}"`, {
      hint: `choose from ${TOPICS.join(', ')}, or nothing for scenarios and profiles`,
    });
  }
  const topics: Topic[] = topic === undefined ? ['scenarios', 'profiles'] : [topic as Topic];
  if (options.coverage && !topics.includes('profiles'))
    throw new ScimCheckError('USAGE', `--coverage applies to \`list profiles\`, not to "${topic}"`, {
      hint: 'run `scim-check list profiles --coverage`',
    });
  const data: Record<string, unknown> = {};
  for (const name of topics)
    data[name] =
      name === 'scenarios'
        ? await scenarioRows()
        : name === 'profiles'
          ? profileRows(options.coverage ? await plannedByProfile() : undefined)
          : name === 'standards'
            ? standardRows()
            : checkRows();
  if (options.json) {
    io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return EXIT.ok;
  }
  const blocks: string[] = [];
  if (data.scenarios) {
    const rows = data.scenarios as Awaited<ReturnType<typeof scenarioRows>>;
    blocks.push(
      `Built-in scenarios (run one with \`scim-check run NAME\`):\n${table([['NAME', 'IDP', 'STEPS', 'TITLE'], ...rows.map((row) => [row.name, row.idp, String(row.steps), row.title])])}`,
    );
  }
  if (data.profiles) blocks.push(prettyProfiles(data.profiles as ReturnType<typeof profileRows>));
  if (data.checks) {
    const rows = data.checks as ReturnType<typeof checkRows>;
    const implemented = rows.filter((row) => row.implemented).length;
    const missing = rows.filter((row) => !row.implemented).map((row) => `  ${row.id}: ${row.reason ?? ''}`);
    blocks.push(
      `Check catalogue (${implemented} of ${rows.length} rows implemented):\n${table([['ID', 'LEVEL', 'RFC', 'GATE', 'HOW'], ...rows.map((row) => [row.id, row.level, row.rfc, row.gate, row.implemented ? row.coverage.join('+') : 'not checked'])])}` +
        (missing.length > 0 ? `\n\nNot checked, and why:\n${missing.join('\n')}` : ''),
    );
  }
  if (data.standards) {
    const rows = data.standards as ReturnType<typeof standardRows>;
    blocks.push(
      `Standard packs (run one with \`scim-check run --standard NAME\`; every one follows a draft, which may change):\n${table(
        [
          ['NAME', 'DOCUMENT', 'VERSION', 'DATE', 'ROWS', 'TITLE'],
          ...rows.map((row) => [
            row.name,
            row.document,
            `${row.version} (draft)`,
            row.date,
            String(row.rows),
            `${row.title}${row.requires.length === 0 ? '' : ` (adds ${row.requires.join(', ')})`}`,
          ]),
        ],
      )}`,
    );
  }
  io.stdout.write(`${blocks.join('\n\n')}\n`);
  return EXIT.ok;
}
