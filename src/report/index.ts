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
export { JsonReporter } from './json-reporter.js';
export { PrettyReporter } from './pretty-reporter.js';
