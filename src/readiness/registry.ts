import { ScimCheckError } from '../errors.js';
import { closestMatch } from '../scenario/did-you-mean.js';
import { ENTRA_GALLERY_SUITE } from './entra-gallery.js';
import { OKTA_OIN_SUITE } from './okta-oin.js';
import type { ReadinessSuite, ReadinessSuiteName } from './suite.js';

const SUITES: Readonly<Record<ReadinessSuiteName, ReadinessSuite>> = {
  'entra-gallery': ENTRA_GALLERY_SUITE,
  'okta-oin': OKTA_OIN_SUITE,
};

/** The gates `scim-check readiness` knows, in the order its help lists them. */
export const READINESS_SUITE_NAMES = Object.keys(SUITES) as ReadinessSuiteName[];

/** The suite of that name; an unknown name is a usage error with the closest name and the list. */
export function readinessSuite(name: string): ReadinessSuite {
  const wanted = name.trim().toLowerCase();
  const suite = (SUITES as Record<string, ReadinessSuite | undefined>)[wanted];
  if (suite !== undefined) return suite;
  const suggestion = closestMatch(name, READINESS_SUITE_NAMES);
  throw new ScimCheckError(
    'USAGE',
    `unknown readiness suite "${name}"${suggestion === undefined ? '' : ` — did you mean ${suggestion}?`}`,
    { hint: `choose ${READINESS_SUITE_NAMES.join(' or ')}` },
  );
}
