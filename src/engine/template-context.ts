import type { TemplateContext } from '../scenario/index.js';
import type { ScenarioContext } from './run-context.js';

/** What `{{…}}` can see at this point of the run: the model as it stands, captures, opted-in env. */
export function templateContextOf(context: ScenarioContext): TemplateContext {
  return { run: context.runId, ...context.model.templateValues(), vars: context.vars, env: context.env };
}
