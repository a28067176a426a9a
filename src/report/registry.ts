import { ScimCheckError } from '../errors.js';
import { JsonReporter } from './json-reporter.js';
import { PrettyReporter } from './pretty-reporter.js';
import type { Reporter, ReporterContext } from './reporter.js';

/** Names accepted by `--reporter` (junit, github and har will join this list). */
export type ReporterName = 'pretty' | 'json';

export const REPORTER_NAMES: readonly ReporterName[] = ['pretty', 'json'];

/** Narrows a `--reporter` value to a known name. */
export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

/** Builds the reporter registered under `name`; an unknown name is a usage error (exit 2). */
export function createReporter(name: ReporterName, context: ReporterContext): Reporter {
  switch (name) {
    case 'pretty':
      return new PrettyReporter(context);
    case 'json':
      return new JsonReporter(context);
    default:
      throw new ScimCheckError('USAGE', `unknown reporter "${String(name)}"`, {
        hint: `choose one of: ${REPORTER_NAMES.join(', ')}`,
      });
  }
}
