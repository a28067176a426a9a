export { type Diagnostic, type DiagnosticCode, type DiagnosticSeverity, hasErrors } from './diagnostic.js';
export { formatDiagnostic, formatDiagnostics } from './format-diagnostic.js';
export { type LoadResult, loadScenarioFile, loadScenarioText } from './load-scenario.js';
export {
  ACTION_NAMES,
  type ActionName,
  type Feature,
  type GroupSpec,
  type IdpName,
  type RawRequest,
  type ResponseExpectation,
  type Scenario,
  type StateExpectation,
  type Step,
  type UserSpec,
} from './model.js';
export { MAX_SCENARIO_BYTES } from './read-scenario-file.js';
export { SCENARIO_SCHEMA_PATH } from './schema-validator.js';
export { stepSubject } from './step-subject.js';
export { renderDeep, renderTemplate, type TemplateContext, templateReferences } from './template.js';
