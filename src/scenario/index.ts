export { loadScenarioFile, loadScenarioText, type LoadResult } from './load-scenario.js';
export { MAX_SCENARIO_BYTES } from './read-scenario-file.js';
export { renderDeep, renderTemplate, templateReferences, type TemplateContext } from './template.js';
export { hasErrors, type Diagnostic, type DiagnosticCode, type DiagnosticSeverity } from './diagnostic.js';
export { formatDiagnostic, formatDiagnostics } from './format-diagnostic.js';
export { SCENARIO_SCHEMA_PATH } from './schema-validator.js';
export { stepSubject } from './step-subject.js';
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
