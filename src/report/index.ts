export { GithubReporter } from './github-reporter.js';
export { HarReporter } from './har-reporter.js';
export { HtmlReporter } from './html-reporter.js';
export {
  type JsonCheck,
  type JsonExchange,
  type JsonFinding,
  type JsonReport,
  type JsonScenario,
  type JsonStep,
  toJsonReport,
} from './json-report.js';
export { JsonReporter } from './json-reporter.js';
export type { JsonBaselineEntry, JsonOccurrence, JsonRootCause } from './json-root-causes.js';
export { JunitReporter } from './junit-reporter.js';
export { PrettyReporter } from './pretty-reporter.js';
export {
  createReporter,
  FILE_ONLY_REPORTERS,
  isReporterName,
  REPORTER_NAMES,
  type ReporterName,
} from './registry.js';
export type { Reporter, ReporterContext } from './reporter.js';
