import { allCatalogueRows } from '../../checks/catalogue.js';
import type { CatalogueRow, Explanation } from '../../checks/catalogue-row.js';
import { coverageOf } from '../../checks/implemented.js';
import { SCENARIO_EXPECT_ID } from '../../checks/scenario-expectation.js';
import { ScimCheckError } from '../../errors.js';
import { rfcLinks } from '../../report/rfc-link.js';
import { closestMatch } from '../../scenario/did-you-mean.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export interface ExplainOptions {
  json?: boolean;
}

/** What `explain` prints, as data (also the `--json` output). */
export interface CheckExplanation {
  id: string;
  area: string;
  level: CatalogueRow['level'];
  rfc: string;
  links: { text: string; url: string }[];
  rule: string;
  severity: string;
  /** The catalogue gate as written (`SPC:filter`, `schema:User.groups`). */
  gate?: string;
  /** The gate in words: the condition a run applies and the scenario key that applies it. */
  runsWhen?: string;
  why: string;
  bugs: Explanation['bugs'];
  /** False when `why` and `bugs` were derived from the catalogue row rather than written for it. */
  curated: boolean;
  /** Present when no code evaluates the row yet: why (the row's `notCheckedBecause`). */
  notChecked?: string;
}

/** Not a catalogue row, but an ID reports show: a scenario's own `expect:` block. */
const SCENARIO_EXPECT_ROW: CatalogueRow = {
  id: SCENARIO_EXPECT_ID,
  area: 'Scenario',
  requirement: 'The response matches the `expect:` block the scenario author wrote for a raw `request` step.',
  rfc: 'scenario file',
  level: 'MUST',
  how: 'Compare status, headers and body fields of the response with `expect:`; each mismatch is a finding.',
};

function severity(row: CatalogueRow): string {
  switch (row.level) {
    case 'MUST':
    case 'MUST*':
      return 'a failure is an error: it fails the run (exit 1)';
    case 'SHOULD':
      return 'a failure is a warning: reported, fails the run only with --strict';
    case 'MAY':
      return 'informational: recorded, never fails the run';
    case 'INTEROP':
      return `an error under the ${(row.interopFamilies ?? []).join(', ') || 'named'} profile(s), informational under the others`;
  }
}

/** Catalogue `schema:` gates that name an attribute characteristic (RFC 7643 §7), not an attribute. */
const CHARACTERISTIC_GATES: Record<string, string> = {
  immutable: 'declares an attribute with mutability "immutable"',
  writeOnly: 'declares an attribute with mutability "writeOnly"',
  uniqueness: 'declares an attribute with a uniqueness of "server" or "global"',
  'returned=request': 'declares an attribute with returned "request"',
};

/**
 * The attribute a `schema:` gate names, as a step's `when: { attribute }` spells it: a bare core
 * attribute (`x509Certificates`) is the User's, which is where RFC 7643 §4.1 defines it.
 */
export function gateAttribute(gate: string): string | undefined {
  const name = gate.startsWith('schema:') ? gate.slice('schema:'.length) : undefined;
  if (name === undefined || name === 'extension' || CHARACTERISTIC_GATES[name] !== undefined) return undefined;
  if (name.startsWith('resourceType=')) return undefined;
  return name.startsWith('urn:') || /^(User|Group)\./.test(name) ? name : `User.${name}`;
}

/**
 * The catalogue gate in the words of what the engine evaluates (src/engine/step-gates.ts), so
 * "Runs when" states the condition a run really applies, and the scenario key that applies it.
 */
export function runsWhen(gate: string): string {
  if (gate === 'SPC:asyncRequest')
    return 'the server\'s ServiceProviderConfig says securityEvents.asyncRequest is "request" or "long" (scenario `requires: [asyncRequest]`); skipped when it says "none" or has no securityEvents (RFC 9967 §4: not supported); when it does not say usably, the row still runs and a failure is a warning';
  const spc = /^SPC:(\w+)(=false)?$/.exec(gate);
  if (spc) {
    const [, feature, negated] = spc;
    return negated
      ? `the server's ServiceProviderConfig says ${feature}.supported is false (step gate \`when: { feature: ${feature}, supported: false }\`); skipped otherwise, also when it does not say`
      : `the server's ServiceProviderConfig says ${feature}.supported is true (scenario \`requires: [${feature}]\` or step gate \`when: { feature: ${feature} }\`); skipped when it says false; when it does not say, the row still runs and a failure is a warning (RFC 7643 §5)`;
  }
  if (gate === 'probe')
    return 'always tried once: a 404 or 501 answer means the feature is not offered, and the row is reported as skipped';
  if (gate === 'schema:extension')
    return "the server's /ResourceTypes names the schema extension the step uses (step gate `when: { schema: urn:… }`); skipped otherwise; when /ResourceTypes cannot be read, the row runs and a failure is a warning";
  // Groups are optional in some profiles (IPSIE AL2 §6.2): a whole resource type, not an attribute.
  const resourceType = /^schema:resourceType=(\w+)$/.exec(gate)?.[1];
  if (resourceType !== undefined)
    return `the server's /ResourceTypes names ${resourceType} (step gate \`when: { schema: urn:ietf:params:scim:schemas:core:2.0:${resourceType} }\`); skipped otherwise`;
  const characteristic = CHARACTERISTIC_GATES[gate.slice('schema:'.length)];
  if (gate.startsWith('schema:') && characteristic !== undefined)
    return `the server's /Schemas ${characteristic}; skipped otherwise`;
  const attribute = gateAttribute(gate);
  if (attribute !== undefined)
    return `the server's /Schemas declares ${attribute} (step gate \`when: { attribute: ${attribute} }\`); skipped otherwise; when /Schemas cannot be read, the row runs and a failure is a warning`;
  return gate;
}

/** Text for rows nobody wrote an explanation for, from what the catalogue row says. */
function derived(row: CatalogueRow): Explanation {
  const why =
    row.level === 'INTEROP'
      ? `The RFC does not require this, but ${(row.interopFamilies ?? ['some IdPs']).join(' and ')} rely on it: a server that differs breaks provisioning from that IdP even though it is conformant.`
      : `IdPs are written against ${row.rfc}; a server that differs here makes the IdP misread the result of its ${row.area.toLowerCase()} requests, and the admin sees failed or silently wrong provisioning.`;
  return {
    why,
    bugs: [
      {
        bug: `The ${row.area.toLowerCase()} handler does not do what the rule above describes.`,
        fix: `Reproduce the exact request with \`--har\`, compare it with the rule and ${row.rfc}, and fix the handler; \`--only SCENARIO:STEP\` reruns just that step.`,
      },
    ],
  };
}

/** The explanation of one catalogue row; pure, for tests and `--json`. */
export function explainRow(row: CatalogueRow): CheckExplanation {
  const curated = row.explanation;
  const text = curated ?? derived(row);
  // The scenario `expect:` pseudo-row is evaluated by every scenario that has one.
  const notChecked =
    row.id !== SCENARIO_EXPECT_ID && coverageOf(row.id).length === 0
      ? (row.notCheckedBecause ?? 'not implemented yet')
      : undefined;
  return {
    id: row.id,
    area: row.area,
    level: row.level,
    rfc: row.rfc,
    links: rfcLinks(row.rfc),
    rule:
      notChecked === undefined
        ? `${row.requirement} scim-check checks it like this: ${row.how}`
        : `${row.requirement} scim-check does not check this yet (${notChecked}); it would: ${row.how}`,
    severity: severity(row),
    ...(row.gate === undefined ? {} : { gate: row.gate, runsWhen: runsWhen(row.gate) }),
    why: text.why,
    bugs: text.bugs,
    curated: curated !== undefined,
    ...(notChecked === undefined ? {} : { notChecked }),
  };
}

function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(`${indent}${line}`);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return lines;
}

/** The plain-text rendering of an explanation. */
export function formatExplanation(explanation: CheckExplanation): string {
  const lines = [
    `${explanation.id} — ${explanation.area}, ${explanation.level}${explanation.notChecked === undefined ? '' : ' — NOT CHECKED by this version'}`,
    '',
  ];
  lines.push(...wrap(explanation.rule, ''));
  lines.push('', `RFC:       ${explanation.rfc}`);
  for (const link of explanation.links) lines.push(`           ${link.url}`);
  lines.push(`Severity:  ${explanation.severity}`);
  if (explanation.runsWhen !== undefined)
    lines.push(
      ...wrap(`Runs when: ${explanation.runsWhen}.`, '', 89).map((line, index) =>
        index === 0 ? line : `           ${line}`,
      ),
    );
  lines.push('', 'Why IdPs care:', ...wrap(explanation.why, '  '));
  lines.push('', explanation.curated ? 'Typical server bugs and their fixes:' : 'How to track it down:');
  for (const { bug, fix } of explanation.bugs) {
    lines.push(...wrap(bug, '  - ').map((line, index) => (index === 0 ? line : `    ${line.slice(4)}`)));
    lines.push(...wrap(`fix: ${fix}`, '    '));
  }
  lines.push('', 'Debugging: `--har FILE` records the exact traffic; `--only SCENARIO:STEP` reruns one step.');
  return `${lines.join('\n')}\n`;
}

/**
 * `scim-check explain ID`: one check in plain words — the rule and how it is checked, the RFC
 * section with its link, why IdPs care, and the usual server bugs with their fixes. An unknown
 * ID is a usage error with a did-you-mean (exit 2).
 */
export async function explainCommand(id: string, options: ExplainOptions, io: CliIo): Promise<number> {
  const rows = [...allCatalogueRows(), SCENARIO_EXPECT_ROW];
  const wanted = id.trim().toUpperCase();
  const row = rows.find((candidate) => candidate.id === wanted);
  if (!row) {
    const suggestion = closestMatch(
      wanted,
      rows.map((candidate) => candidate.id),
    );
    throw new ScimCheckError(
      'USAGE',
      `unknown check "${id}"${suggestion === undefined ? '' : ` — did you mean ${suggestion}?`}`,
      { hint: 'see `scim-check list checks` for every ID' },
    );
  }
  const explanation = explainRow(row);
  io.stdout.write(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return EXIT.ok;
}
