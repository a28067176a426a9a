export type { Reporter, ReporterContext } from './reporter.js';
export { REPORTER_NAMES, createReporter, isReporterName, type ReporterName } from './registry.js';
export {
  toJsonReport,
  type JsonCheck,
  type JsonExchange,
  type JsonFinding,
  type JsonReport,
  type JsonScenario,
  type JsonStep,
} from './json-report.js';
export type { JsonBaselineEntry, JsonOccurrence, JsonRootCause } from './json-root-causes.js';
export { GithubReporter } from './github-reporter.js';
export { HarReporter } from './har-reporter.js';
export { JsonReporter } from './json-reporter.js';
export { JunitReporter } from './junit-reporter.js';
export { PrettyReporter } from './pretty-reporter.js';
