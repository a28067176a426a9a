import { ScimCheckError } from '../errors.js';
import { closestMatch } from '../scenario/did-you-mean.js';
import { INTEROP_01 } from './interop-01.js';
import { IPSIE_AL1, IPSIE_AL2 } from './ipsie.js';
import { STANDARD_NAMES, type StandardName, type StandardPack } from './pack.js';

const PACKS: Readonly<Record<StandardName, StandardPack>> = {
  'interop-01': INTEROP_01,
  'ipsie-al1': IPSIE_AL1,
  'ipsie-al2': IPSIE_AL2,
};

/** Every pack this build ships, in listing order. */
export function allStandards(): StandardPack[] {
  return STANDARD_NAMES.map((name) => PACKS[name]);
}

/** The usage error for a `--standard` that names no pack: the closest name and the full list. */
export function unknownStandardError(name: string): ScimCheckError {
  const suggestion = closestMatch(name, [...STANDARD_NAMES]);
  return new ScimCheckError(
    'USAGE',
    `unknown standard "${name}"${suggestion === undefined ? '' : ` — did you mean ${suggestion}?`}`,
    { hint: `choose from ${STANDARD_NAMES.join(', ')} (see \`scim-check list standards\`)` },
  );
}

/**
 * The packs `--standard` selects, with the packs they build on (ipsie-al2 → ipsie-al1 →
 * interop-01), each once, in listing order. An unknown name is a usage error, before anything runs.
 */
export function selectStandards(names: readonly string[]): StandardPack[] {
  const chosen = new Set<StandardName>();
  const add = (name: StandardName): void => {
    if (chosen.has(name)) return;
    chosen.add(name);
    for (const required of PACKS[name].requires) add(required);
  };
  for (const name of names) {
    const wanted = name.trim().toLowerCase();
    if (!(STANDARD_NAMES as readonly string[]).includes(wanted)) throw unknownStandardError(name);
    add(wanted as StandardName);
  }
  return STANDARD_NAMES.filter((name) => chosen.has(name)).map((name) => PACKS[name]);
}

/**
 * The catalogue rows the packs take verdicts from (their `check` rows, and the rows that say
 * whether a server accepts what a client rule forbids): what their scenarios and the spec suite must run.
 */
export function checkedRowIds(packs: readonly StandardPack[]): Set<string> {
  return new Set(
    packs.flatMap((pack) =>
      pack.rows.flatMap((row) => [
        ...(row.verification.kind === 'check' ? [row.id] : []),
        ...(row.conflict?.acceptedWhen === undefined ? [] : [row.conflict.acceptedWhen]),
      ]),
    ),
  );
}
