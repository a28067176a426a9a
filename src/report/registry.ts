import { ScimCheckError } from '../errors.js';
import { GithubReporter } from './github-reporter.js';
import { HarReporter } from './har-reporter.js';
import { HtmlReporter } from './html-reporter.js';
import { JsonReporter } from './json-reporter.js';
import { JunitReporter } from './junit-reporter.js';
import { guardStream } from './output-guard.js';
import { PrettyReporter } from './pretty-reporter.js';
import type { Reporter, ReporterContext } from './reporter.js';

/** Names accepted by `--reporter`. */
export type ReporterName = 'pretty' | 'json' | 'junit' | 'github' | 'har' | 'html';

export const REPORTER_NAMES: readonly ReporterName[] = ['pretty', 'json', 'junit', 'github', 'har', 'html'];

/** Reporters that only write to a file (`html=FILE`): a page is no use in a terminal or a CI log. */
export const FILE_ONLY_REPORTERS: readonly ReporterName[] = ['html'];

/** Narrows a `--reporter` value to a known name. */
export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

/**
 * Builds the reporter registered under `name`; an unknown name is a usage error (exit 2). With a
 * guard in the context, the reporter writes through it: a report file is redacted like stdout
 * (which the CLI guards itself; guarding it again changes nothing), whatever the reporter renders.
 */
export function createReporter(name: ReporterName, unguarded: ReporterContext): Reporter {
  const context =
    unguarded.guard === undefined
      ? unguarded
      : { ...unguarded, out: guardStream(unguarded.out, unguarded.guard, { kind: 'file' }) };
  switch (name) {
    case 'pretty':
      return new PrettyReporter(context);
    case 'json':
      return new JsonReporter(context);
    case 'junit':
      return new JunitReporter(context);
    case 'github':
      return new GithubReporter(context);
    case 'har':
      return new HarReporter(context, context.toolVersion ?? '0.0.0');
    case 'html':
      return new HtmlReporter(context);
    default:
      throw new ScimCheckError('USAGE', `unknown reporter "${String(name)}"`, {
        hint: `choose one of: ${REPORTER_NAMES.join(', ')}`,
      });
  }
}
