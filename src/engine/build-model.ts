import type { GroupView, UserView } from '../idp/profile.js';
import { renderDeep, renderTemplate, type TemplateContext } from '../scenario/index.js';
import type { GroupSpec, Scenario, UserSpec } from '../scenario/model.js';
import { ExpectedModel } from './expected-model.js';

/**
 * Scenario attributes in YAML form (`title: X`, `name: {middleName: Y}`, an extension URN
 * holding an object) flattened to the attribute paths the profiles and the state diff use.
 */
export function attributePaths(attributes: Record<string, unknown> | undefined): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!isObject) {
      paths[name] = value;
      continue;
    }
    const separator = name.startsWith('urn:') ? ':' : '.';
    for (const [sub, subValue] of Object.entries(value as Record<string, unknown>))
      paths[`${name}${separator}${sub}`] = subValue;
  }
  return paths;
}

/** The userName an IdP sends when the scenario names none: run-prefixed, so it never collides. */
function defaultUserName(key: string): string {
  return `scimcheck-{{run}}-${key}@example.com`;
}

function userView(spec: UserSpec, context: TemplateContext): UserView {
  const text = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : renderTemplate(value, context);
  const view: UserView = {
    key: spec.key,
    userName: renderTemplate(spec.userName ?? spec.email ?? defaultUserName(spec.key), context),
    active: spec.active ?? true,
    attributes: renderDeep(attributePaths(spec.attributes), context),
  };
  const optional = {
    givenName: text(spec.givenName),
    familyName: text(spec.familyName),
    email: text(spec.email),
    displayName: text(spec.displayName),
    externalId: text(spec.externalId),
  };
  for (const [field, value] of Object.entries(optional))
    if (value !== undefined) (view as unknown as Record<string, unknown>)[field] = value;
  return view;
}

function groupView(spec: GroupSpec, context: TemplateContext): GroupView {
  const view: GroupView = { key: spec.key, displayName: renderTemplate(spec.displayName, context), members: [] };
  if (spec.externalId !== undefined) view.externalId = renderTemplate(spec.externalId, context);
  return view;
}

/**
 * The IdP's starting view: every user and group the scenario declares, names resolved,
 * nothing on the server yet. Throws ScimCheckError(TEMPLATE_ERROR) on an unresolvable template.
 */
export function buildExpectedModel(
  scenario: Scenario,
  runId: string,
  env: Record<string, string | undefined>,
): ExpectedModel {
  const model = new ExpectedModel();
  const context: TemplateContext = { run: runId, users: {}, groups: {}, vars: {}, env };
  for (const spec of Object.values(scenario.users))
    model.users.set(spec.key, { view: userView(spec, context), state: 'absent' });
  for (const spec of Object.values(scenario.groups))
    model.groups.set(spec.key, { view: groupView(spec, context), state: 'absent' });
  return model;
}
