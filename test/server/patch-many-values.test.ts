import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttributeDefinition, findAttributeDefinition } from '../../src/scim/attribute-definition.js';
import { coerceMultiValue } from '../../src/scim/patch/coerce.js';
import { applyPatch } from '../../src/scim/patch/index.js';
import { elementHolds } from '../../src/scim/patch/value-equality.js';
import type { ScimResource } from '../../src/scim/resource.js';
import type { ResourceTypeDefinition } from '../../src/scim/resource-type.js';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../../src/scim/resource-type.js';
import { URN } from '../../src/scim/urns.js';
import { BADGE_RESOURCE_TYPE } from '../scim/patch/fixtures.js';
import { createUser, patchOp, startTestServer, type TestServer } from './helpers.js';

// One PATCH carrying tens of thousands of values (an IdP pushing a huge list) must finish in
// time proportional to its size: "already present?" is answered from an index, not by comparing
// each new value with every value before it. How long it takes is measured by
// bench/patch-scaling.js (n vs 4n); here: the outcome, and that the indexed answer is exactly
// the one the element-by-element comparison (elementHolds) gives.

const MANY = 20_000;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

const emails = (count: number, prefix: string, type = 'work') =>
  Array.from({ length: count }, (_, i) => ({ value: `${prefix}.${i}@example.com`, type }));

describe(`one PATCH with ${MANY.toLocaleString('en-US')} values`, () => {
  it('adds them all, skipping the ones already present (RFC 7644 §3.5.2.1)', async () => {
    const user = await createUser(api, 'many-emails@example.com', {
      emails: [{ value: 'many.7@example.com', type: 'work', primary: true }],
    });
    const value = emails(MANY, 'many');
    // The same address again with other case (emails are not caseExact) is already present.
    value.push({ value: 'MANY.12@EXAMPLE.COM', type: 'WORK' }, { value: 'many.12@example.com', type: 'home' });
    const reply = await api.call('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'add', path: 'emails', value }) });
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    const stored = reply.body.emails as { value: string; type: string; primary?: boolean }[];
    expect(stored).toHaveLength(MANY + 1);
    expect(stored[0]).toEqual({ value: 'many.7@example.com', type: 'work', primary: true });
    expect(stored.slice(1, MANY)).toEqual(emails(MANY, 'many').filter((email) => email.value !== 'many.7@example.com'));
    expect(stored[MANY]).toEqual({ value: 'many.12@example.com', type: 'home' });

    const again = await api.call('PATCH', `/Users/${user.id}`, { body: patchOp({ op: 'add', path: 'emails', value }) });
    expect(again.status).toBe(200);
    expect(again.body.meta.version).toBe(reply.body.meta.version);
  }, 60_000);

  it('removes a long list of listed values and keeps the rest', async () => {
    const user = await createUser(api, 'many-removed@example.com', { emails: emails(MANY, 'gone') });
    const listed = emails(MANY, 'gone')
      .filter((_, i) => i % 2 === 0)
      .map((email) => ({ value: email.value.toUpperCase() }));
    const reply = await api.call('PATCH', `/Users/${user.id}`, {
      body: patchOp({ op: 'remove', path: 'emails', value: listed }),
    });
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    expect(reply.body.emails).toEqual(emails(MANY, 'gone').filter((_, i) => i % 2 === 1));
  }, 60_000);
});

/** What add and remove meant before the index: every value compared with every element (elementHolds). */
function referenceAdd(definition: AttributeDefinition, existing: unknown[], value: unknown): unknown[] {
  const elements = [...existing];
  for (const element of coerceMultiValue(definition, value, 'reference')) {
    if (elements.some((stored) => elementHolds(definition, stored, element))) continue;
    elements.push(element);
  }
  return elements;
}

function referenceRemove(definition: AttributeDefinition, existing: unknown[], value: unknown): unknown[] {
  const listed = coerceMultiValue(definition, value, 'reference');
  return existing.filter((element) => !listed.some((probe) => elementHolds(definition, element, probe)));
}

interface Case {
  resourceType: ResourceTypeDefinition;
  base: ScimResource;
  attribute: string;
  /** Stored elements, including odd spellings and shapes the index must not misjudge. */
  stored: fc.Arbitrary<unknown>;
  /** Values a client sends. */
  sent: fc.Arbitrary<unknown>;
}

const text = fc.constantFrom('a@x.org', 'A@X.org', 'b@x.org', 'B@x.ORG', 'c@x.org', '1');
const kind = fc.constantFrom('work', 'WORK', 'home', 'other');
const emailSent = fc.record({ value: text, type: kind, display: fc.constantFrom('D', 'd', 'E') }, { requiredKeys: [] });
const emailStored = fc.oneof(
  emailSent,
  fc.record({ Value: text, TYPE: kind }, { requiredKeys: [] }),
  fc.record({ value: fc.constantFrom(1, null, ['a@x.org']), type: kind }),
  fc.constantFrom('a@x.org', 7, null),
);
const memberId = fc.constantFrom('id-1', 'ID-1', 'id-2', 'id-3');

const CASES: Record<string, Case> = {
  'User emails (complex, matched on every sub-attribute sent)': {
    resourceType: USER_RESOURCE_TYPE,
    base: { schemas: [URN.user], id: 'u', userName: 'u' },
    attribute: 'emails',
    stored: emailStored,
    sent: emailSent,
  },
  'Group members (identified by value)': {
    resourceType: GROUP_RESOURCE_TYPE,
    base: { schemas: [URN.group], id: 'g', displayName: 'g' },
    attribute: 'members',
    stored: fc.oneof(
      fc.record({ value: memberId, type: fc.constantFrom('User', 'Group') }, { requiredKeys: ['value'] }),
      fc.record({ type: fc.constant('User') }),
    ),
    sent: fc.record({ value: memberId, type: fc.constantFrom('User', 'Group') }, { requiredKeys: [] }),
  },
  'a simple multi-valued string (tags)': {
    resourceType: BADGE_RESOURCE_TYPE,
    base: { schemas: [BADGE_RESOURCE_TYPE.schema.id], id: 'b', label: 'b' },
    attribute: 'tags',
    stored: fc.constantFrom('x', 'X', 'y', 'z'),
    sent: fc.constantFrom('x', 'X', 'y', 'z', 'w'),
  },
};

describe('the indexed add and remove decide exactly as element-by-element comparison does', () => {
  it.each(Object.entries(CASES))('%s', (_name, testCase) => {
    const definition = findAttributeDefinition(
      testCase.resourceType.schema.attributes,
      testCase.attribute,
    ) as AttributeDefinition;
    fc.assert(
      fc.property(
        fc.array(testCase.stored, { maxLength: 12 }),
        fc.array(testCase.sent, { maxLength: 12 }),
        (stored, sent) => {
          const resource = { ...testCase.base, ...(stored.length > 0 ? { [testCase.attribute]: stored } : {}) };
          for (const op of ['add', 'remove'] as const) {
            let expected: unknown[] | undefined;
            let expectedError: unknown;
            try {
              expected =
                op === 'add' ? referenceAdd(definition, stored, sent) : referenceRemove(definition, stored, sent);
            } catch (error) {
              expectedError = error;
            }
            let actual: unknown;
            let actualError: unknown;
            try {
              actual = applyPatch(resource, [{ op, path: testCase.attribute, value: sent }], testCase.resourceType)[
                testCase.attribute
              ];
            } catch (error) {
              actualError = error;
            }
            if (expectedError !== undefined) {
              expect(actualError).toBeDefined();
              continue;
            }
            // The PATCH fails only where the element-by-element comparison fails too.
            if (actualError !== undefined) throw actualError;
            expect(actual ?? []).toEqual(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
