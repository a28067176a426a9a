import { describe, expect, it } from 'vitest';
import { applyPatch, parsePatchRequest } from '../../../src/scim/patch/index.js';
import { scimErrorOf } from '../scim-error-of.js';
import { deepFreeze, type PatchCase, patchBody, RESOURCE_TYPES } from './fixtures.js';
import { AUTHENTIK_CASES, ENTRA_CASES, KEYCLOAK_CASES, OKTA_CASES } from './idp-cases.js';
import { RFC_ADD_CASES, RFC_REMOVE_CASES, RFC_REPLACE_CASES } from './rfc-cases.js';

// Runs the fixture tables through the same two calls the reference server makes for a PATCH
// request: parsePatchRequest on the body, then applyPatch on the stored resource.

function run(testCase: PatchCase): unknown {
  const resourceType = RESOURCE_TYPES[testCase.type ?? 'User'];
  // Frozen inputs prove applyPatch never mutates the stored resource or the request.
  const initial = deepFreeze(structuredClone(testCase.initial));
  const body = deepFreeze(patchBody(structuredClone(testCase.operations)));
  return applyPatch(initial, parsePatchRequest(body), resourceType);
}

function runTable(cases: PatchCase[]): void {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    if (testCase.error) {
      const error = scimErrorOf(() => run(testCase));
      expect({ status: error.status, scimType: error.scimType }).toEqual(testCase.error);
      return;
    }
    expect(testCase.expected, 'a case needs expected or error').toBeDefined();
    expect(run(testCase)).toEqual(testCase.expected);
  });
}

describe('RFC 7644 §3.5.2.1 add', () => runTable(RFC_ADD_CASES));
describe('RFC 7644 §3.5.2.2 remove', () => runTable(RFC_REMOVE_CASES));
describe('RFC 7644 §3.5.2.3 replace', () => runTable(RFC_REPLACE_CASES));
describe('Okta PATCH shapes', () => runTable(OKTA_CASES));
describe('Entra ID PATCH shapes', () => runTable(ENTRA_CASES));
describe('Keycloak PATCH shapes', () => runTable(KEYCLOAK_CASES));
describe('authentik PATCH shapes', () => runTable(AUTHENTIK_CASES));

describe('the fixture tables', () => {
  it('every case has exactly one outcome and a unique name', () => {
    const all = [
      ...RFC_ADD_CASES,
      ...RFC_REMOVE_CASES,
      ...RFC_REPLACE_CASES,
      ...OKTA_CASES,
      ...ENTRA_CASES,
      ...KEYCLOAK_CASES,
      ...AUTHENTIK_CASES,
    ];
    for (const testCase of all)
      expect(Number(testCase.expected !== undefined) + Number(testCase.error !== undefined), testCase.name).toBe(1);
    expect(new Set(all.map((testCase) => testCase.name)).size).toBe(all.length);
  });
});
