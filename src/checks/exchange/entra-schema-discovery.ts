import type { Exchange } from '../../http/exchange.js';
import { familyOf } from '../../idp/profile-names.js';
import { URN } from '../../scim/urns.js';
import type { Finding } from '../check-result.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { jsonObject } from './response-helpers.js';
import { requestPath } from './returned-resources.js';

/*
 * How the Entra gallery validator reads /Schemas (AzureAD/SCIMReferenceCode,
 * Microsoft.SCIM.LogicAppValidationTemplate/StandardLogicApp/SCIMTests_Workflow.json,
 * Schema_Discoverability_Test): it takes the User, enterprise User and Group schemas and turns
 * their attributes into the names Entra's attribute mapping uses. `manager` and `members` count by
 * name; a multi-valued complex attribute becomes `name[type eq "v"].sub` for each canonical value
 * of its `type` sub-attribute (without canonical values it falls back to the primary element);
 * a single-valued complex one becomes `name.sub`; reference attributes are left out.
 */

/** The target attributes of the Entra SCIM app's default user mapping (Microsoft Learn, "Tutorial: Develop and plan provisioning for a SCIM endpoint", default user attribute mapping). */
export const ENTRA_DEFAULT_USER_TARGETS: readonly string[] = [
  'userName',
  'active',
  'displayName',
  'title',
  'emails[type eq "work"].value',
  'preferredLanguage',
  'name.givenName',
  'name.familyName',
  'name.formatted',
  'addresses[type eq "work"].formatted',
  'addresses[type eq "work"].streetAddress',
  'addresses[type eq "work"].locality',
  'addresses[type eq "work"].region',
  'addresses[type eq "work"].postalCode',
  'addresses[type eq "work"].country',
  'phoneNumbers[type eq "work"].value',
  'phoneNumbers[type eq "mobile"].value',
  'phoneNumbers[type eq "fax"].value',
  'externalId',
  `${URN.enterpriseUser}:employeeNumber`,
  `${URN.enterpriseUser}:department`,
  `${URN.enterpriseUser}:manager`,
];

/** The target attributes of the default group mapping (same tutorial, default group attribute mapping). */
export const ENTRA_DEFAULT_GROUP_TARGETS: readonly string[] = ['displayName', 'externalId', 'members'];

type Definition = Record<string, unknown>;

const definitionsOf = (value: unknown): Definition[] =>
  Array.isArray(value)
    ? value.filter((item): item is Definition => item !== null && typeof item === 'object' && !Array.isArray(item))
    : [];

/** The names one attribute definition contributes, prefixed with its extension URN when it has one. */
function flattenAttribute(attribute: Definition, prefix: string): string[] {
  const name = typeof attribute.name === 'string' ? attribute.name : undefined;
  if (name === undefined) return [];
  const full = `${prefix}${name}`;
  if (name === 'manager' || name === 'members') return [full];
  if (attribute.type === 'reference') return [];
  if (attribute.type !== 'complex') return [full];
  const subAttributes = definitionsOf(attribute.subAttributes);
  if (attribute.multiValued !== true)
    return subAttributes
      .filter((sub) => sub.type !== 'complex' && sub.type !== 'reference' && typeof sub.name === 'string')
      .map((sub) => `${full}.${sub.name as string}`);
  const values = subAttributes.filter((sub) => sub.name !== 'type' && sub.name !== 'primary');
  const typeDefinition = subAttributes.find((sub) => sub.name === 'type');
  const canonical = Array.isArray(typeDefinition?.canonicalValues)
    ? typeDefinition.canonicalValues.filter((value): value is string => typeof value === 'string')
    : [];
  const selectors = canonical.length > 0 ? canonical.map((value) => `type eq "${value}"`) : ['primary eq true'];
  return selectors.flatMap((selector) =>
    values.filter((sub) => typeof sub.name === 'string').map((sub) => `${full}[${selector}].${sub.name as string}`),
  );
}

/** The flattened attribute names of one schema; extension attributes carry the schema URN (`urn:…:User:department`). */
export function flattenSchema(schema: Definition): string[] {
  const prefix = schema.id === URN.enterpriseUser ? `${URN.enterpriseUser}:` : '';
  return definitionsOf(schema.attributes).flatMap((attribute) => flattenAttribute(attribute, prefix));
}

/** Why a target is missing: the usual cause is a `type` with no declared canonical values. */
function missingReason(target: string, schemas: readonly Definition[]): string {
  const typed = /^([^[]+)\[type eq "([^"]+)"\]/.exec(target);
  if (typed !== null) {
    const [, attribute, value] = typed;
    const definition = schemas
      .flatMap((schema) => definitionsOf(schema.attributes))
      .find((candidate) => candidate.name === attribute);
    const type = definitionsOf(definition?.subAttributes).find((sub) => sub.name === 'type');
    if (definition !== undefined && !Array.isArray(type?.canonicalValues))
      return `${attribute}.type declares no canonicalValues, so the validator cannot form ${target}`;
    if (type !== undefined && Array.isArray(type.canonicalValues))
      return `${attribute}.type does not list "${value}" among its canonicalValues`;
  }
  return 'not declared in /Schemas';
}

/** The default-mapped targets missing from the flattened /Schemas answer, compared ignoring case. */
export function undiscoverableTargets(resources: readonly Definition[]): Finding[] {
  const byId = (urn: string): Definition | undefined => resources.find((schema) => schema.id === urn);
  const userSchemas = [byId(URN.user), byId(URN.enterpriseUser)].filter((schema) => schema !== undefined);
  const groupSchema = byId(URN.group);
  const findings: Finding[] = [];
  const compare = (targets: readonly string[], schemas: Definition[], label: string): void => {
    const known = new Set(schemas.flatMap(flattenSchema).map((name) => name.toLowerCase()));
    for (const target of targets)
      if (!known.has(target.toLowerCase()))
        findings.push({
          message: `${label} attribute ${target} is not discoverable: ${missingReason(target, schemas)}`,
          path: '$.Resources',
          expected: target,
          actual: '(missing)',
        });
  };
  compare(ENTRA_DEFAULT_USER_TARGETS, userSchemas, 'user');
  // Group provisioning is mandatory for the gallery (SCIM-Validation-Test-Overview.md, "Group Tests Are Mandatory").
  if (groupSchema === undefined)
    findings.push({
      message: '/Schemas does not return the Group schema; the gallery requires group provisioning',
      path: '$.Resources',
      expected: URN.group,
      actual: '(missing)',
    });
  else compare(ENTRA_DEFAULT_GROUP_TARGETS, [groupSchema], 'group');
  return findings;
}

const isSchemasList = (exchange: Exchange): boolean =>
  exchange.request.method === 'GET' && /\/Schemas\/?$/.test(requestPath(exchange)) && exchange.response?.status === 200;

/** ENTRA-SCHEMA-DISCOVERABLE: the gallery's Schema_Discoverability_Test over a /Schemas list, under the Entra profiles. */
export const entraSchemaDiscoverable: ExchangeCheck = {
  id: 'ENTRA-SCHEMA-DISCOVERABLE',
  // Only Entra reads /Schemas this way; under other profiles the row would be noise on every discovery read.
  appliesTo: (exchange, context) => isSchemasList(exchange) && familyOf(context.idp) === 'entra',
  check(exchange) {
    const resources = definitionsOf(jsonObject(exchange)?.Resources);
    if (resources.length === 0)
      return [{ message: '/Schemas returned no schemas', path: '$.Resources', actual: '(empty)' }];
    return undiscoverableTargets(resources);
  },
};
