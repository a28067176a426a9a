import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ScimCheckError } from '../errors.js';
import type { ActionName } from './model.js';

/**
 * The published JSON Schema. Both `src/scenario/*.ts` and the compiled `dist/scenario/*.js`
 * sit two levels below the package root, where `schema/` ships (package.json `files`).
 */
export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('../../schema/scenario.schema.json', import.meta.url));

/** Validators compiled from the published schema. */
export interface ScenarioValidators {
  /** The whole document. */
  document: ValidateFunction;
  /** The normalized arguments of one action (`#/definitions/<action>Arguments`). */
  actionArguments(action: ActionName): ValidateFunction;
}

let cached: ScenarioValidators | undefined;

/** Reads and compiles the schema on first use (about 100 ms), then reuses it for every load. */
export function scenarioValidators(): ScenarioValidators {
  if (cached !== undefined) return cached;
  let schema: { $id: string };
  try {
    schema = JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as { $id: string };
  } catch (cause) {
    throw new ScimCheckError('INTERNAL', `cannot read the scenario JSON Schema at ${SCENARIO_SCHEMA_PATH}`, {
      cause,
      hint: 'the installation looks incomplete; reinstall scim-check',
    });
  }
  // verbose: errors carry their parentSchema, which names the allowed keys for did-you-mean hints.
  // strictRequired is off: the editor-facing `anyOf: [{required: [set]}, …]` shapes name properties declared elsewhere.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const document = ajv.compile(schema);
  const argumentValidators = new Map<ActionName, ValidateFunction>();
  cached = {
    document,
    actionArguments(action) {
      let validate = argumentValidators.get(action);
      if (validate === undefined) {
        validate = ajv.getSchema(`${schema.$id}#/definitions/${action}Arguments`);
        if (validate === undefined)
          throw new ScimCheckError('INTERNAL', `the scenario JSON Schema has no definition for ${action}Arguments`);
        argumentValidators.set(action, validate);
      }
      return validate;
    },
  };
  return cached;
}

export type { ErrorObject };
