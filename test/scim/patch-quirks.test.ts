import { describe, expect, it } from 'vitest';
import { entraLegacyProfile } from '../../src/idp/entra.js';
import {
  compliantUpdateOperations,
  legacyUpdateOperations,
  managerOperation,
  removeMemberOperations,
} from '../../src/idp/entra-requests.js';
import { oktaCreateBody } from '../../src/idp/okta.js';
import type { PlannedRequest, UserView } from '../../src/idp/profile.js';
import { patchBody } from '../../src/idp/request-helpers.js';
import { type QuirkRequest, quirksIn, withRfcForm } from '../../src/scim/patch/quirks.js';
import { URN } from '../../src/scim/urns.js';

/*
 * The request bodies come from the profiles themselves, so the quirk list follows what the IdPs
 * are simulated to send, and each RFC form is what RFC 7644 §3.5.2 spells for the same intent.
 */

const ENTERPRISE = URN.enterpriseUser;
const user: UserView = {
  key: 'jane',
  id: 'u1',
  userName: 'jane@example.com',
  givenName: 'Jane',
  familyName: 'Diaz',
  active: true,
  attributes: {},
};
const patchUser = (operations: unknown[]): QuirkRequest => ({
  method: 'PATCH',
  kind: 'User',
  body: patchBody(operations),
});
const patchGroup = (operations: unknown[]): QuirkRequest => ({
  method: 'PATCH',
  kind: 'Group',
  body: patchBody(operations),
});
const kinds = (request: QuirkRequest): string[] => quirksIn(request).map((quirk) => quirk.kind);
const operationsOf = (body: unknown): unknown[] => (body as { Operations: unknown[] }).Operations;

describe('quirksIn: the non-RFC habits a request carries', () => {
  it("Entra's manager update carries a capitalised op, the bare name, a one-element array for single-valued manager and a null $ref", () => {
    // The tutorial's Example 5 writes the bare path `manager` (quirk entra.manager-bare-path).
    const request = patchUser([managerOperation('legacy', 'm1')]);
    expect(quirksIn(request)).toEqual([
      { kind: 'op-case', checkId: 'INTEROP-OP-CASE', occurrences: ['Operations[0].op: "Add"'] },
      {
        kind: 'bare-extension-name',
        checkId: 'INTEROP-EXTENSION-BARE-NAME',
        occurrences: ['Operations[0].path: "manager"'],
      },
      {
        kind: 'single-value-array',
        checkId: 'INTEROP-SINGLE-VALUE-ARRAY',
        occurrences: ['Operations[0] "manager": a one-element array'],
      },
      { kind: 'null-ref', checkId: 'INTEROP-NULL-REF', occurrences: ['Operations[0].value: 1 "$ref": null'] },
    ]);
  });

  it('the manager as IDP-NOTES abbreviates it (path "manager") is also a bare extension name', () => {
    expect(kinds(patchUser([{ op: 'Add', path: 'manager', value: [{ $ref: null, value: 'm1' }] }]))).toEqual([
      'op-case',
      'bare-extension-name',
      'single-value-array',
      'null-ref',
    ]);
  });

  it('Entra deactivation: capitalised op and a string boolean; a lower-case RFC request has none', async () => {
    const program = entraLegacyProfile.actions.deactivateUser(user);
    const planned = program.next().value as PlannedRequest;
    expect(kinds({ method: planned.method, kind: 'User', body: planned.body })).toEqual(['op-case', 'boolean-string']);
    expect(kinds(patchUser([{ op: 'replace', path: 'active', value: false }]))).toEqual([]);
    expect(kinds(patchUser([{ op: 'replace', value: { active: false } }]))).toEqual([]);
  });

  it('the aadOptscim062020 path-less replace with attribute-path keys', () => {
    // Both attributes had a value, so both are replaced (an unset one would get its own add).
    const numbered = { ...user, attributes: { [`${ENTERPRISE}:employeeNumber`]: '6' } };
    const request = patchUser(
      compliantUpdateOperations(numbered, { givenName: 'X', [`${ENTERPRISE}:employeeNumber`]: '7' }),
    );
    expect(quirksIn(request)).toEqual([
      {
        kind: 'nopath-dotted',
        checkId: 'INTEROP-NOPATH-DOTTED',
        occurrences: [
          'Operations[0].value key "name.givenName"',
          `Operations[0].value key "${ENTERPRISE}:employeeNumber"`,
        ],
      },
    ]);
    // A schema URN as key holds the extension's attributes: RFC form.
    expect(
      kinds(patchUser([{ op: 'replace', value: { [ENTERPRISE]: { employeeNumber: '7' }, name: { givenName: 'X' } } }])),
    ).toEqual([]);
  });

  it('member removal by a value array (Entra default mode), but not the filtered form', () => {
    expect(kinds(patchGroup(removeMemberOperations('legacy', [{ key: 'a', id: 'id-a', display: 'a' }])))).toEqual([
      'op-case',
      'null-ref',
      'remove-members-by-value',
    ]);
    expect(kinds(patchGroup(removeMemberOperations('compliant', [{ key: 'a', id: 'id-a', display: 'a' }])))).toEqual(
      [],
    );
  });

  it("Entra's first work email, Add on a filtered value path; Replace on it is RFC form", () => {
    expect(kinds(patchUser(legacyUpdateOperations(user, { email: 'j@example.com' })))).toEqual([
      'op-case',
      'add-valuepath-creates',
    ]);
    expect(kinds(patchUser([{ op: 'replace', path: 'emails[type eq "work"].value', value: 'j@example.com' }]))).toEqual(
      [],
    );
  });

  it("Okta's create carries a placeholder password; a GET, a PUT or an unparsable body carries nothing", () => {
    expect(kinds({ method: 'POST', kind: 'User', body: oktaCreateBody(user) })).toEqual(['placeholder-password']);
    expect(
      kinds({ method: 'PUT', kind: 'User', body: { schemas: [URN.user], userName: 'x', active: 'False' } }),
    ).toEqual([]);
    expect(kinds({ method: 'PATCH', kind: 'User', body: 'not json' })).toEqual([]);
    expect(kinds({ method: 'PATCH', kind: undefined, body: patchBody([{ op: 'Add', path: 'x', value: 1 }]) })).toEqual(
      [],
    );
  });
});

describe('withRfcForm: one habit at a time in RFC form, the others left as sent', () => {
  it('unwraps the manager array but keeps the capitalised op', () => {
    const request = patchUser([managerOperation('legacy', 'm1')]);
    expect(operationsOf(withRfcForm(request, 'single-value-array'))).toEqual([
      { op: 'Add', path: 'manager', value: { $ref: null, value: 'm1' } },
    ]);
    expect(operationsOf(withRfcForm(request, 'op-case'))).toEqual([
      { op: 'add', path: 'manager', value: [{ $ref: null, value: 'm1' }] },
    ]);
    expect(operationsOf(withRfcForm(request, 'bare-extension-name'))).toEqual([
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: [{ $ref: null, value: 'm1' }] },
    ]);
  });

  it('drops a null $ref and keeps a real one', () => {
    const request = patchGroup([
      {
        op: 'add',
        path: 'members',
        value: [
          { $ref: null, value: 'a' },
          { $ref: 'https://x/Users/b', value: 'b' },
        ],
      },
    ]);
    expect(operationsOf(withRfcForm(request, 'null-ref'))).toEqual([
      { op: 'add', path: 'members', value: [{ value: 'a' }, { $ref: 'https://x/Users/b', value: 'b' }] },
    ]);
  });

  it('turns "False" into false, and a bare extension name into its URN path', () => {
    expect(
      operationsOf(withRfcForm(patchUser([{ op: 'Replace', path: 'active', value: 'False' }]), 'boolean-string')),
    ).toEqual([{ op: 'Replace', path: 'active', value: false }]);
    expect(
      operationsOf(
        withRfcForm(patchUser([{ op: 'replace', path: 'employeeNumber', value: '7' }]), 'bare-extension-name'),
      ),
    ).toEqual([{ op: 'replace', path: `${ENTERPRISE}:employeeNumber`, value: '7' }]);
    expect(
      operationsOf(
        withRfcForm(patchUser([{ op: 'replace', value: { department: 'R&D', title: 'x' } }]), 'bare-extension-name'),
      ),
    ).toEqual([{ op: 'replace', value: { title: 'x', [ENTERPRISE]: { department: 'R&D' } } }]);
  });

  it('splits attribute-path keys into operations with a path', () => {
    const request = patchUser([{ op: 'replace', value: { 'name.givenName': 'X', title: 'T' } }]);
    expect(operationsOf(withRfcForm(request, 'nopath-dotted'))).toEqual([
      { op: 'replace', value: { title: 'T' } },
      { op: 'replace', path: 'name.givenName', value: 'X' },
    ]);
  });

  it('removes members by filter, adds an email as a whole element, and drops the placeholder password', () => {
    const removal = patchGroup([{ op: 'Remove', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }]);
    expect(operationsOf(withRfcForm(removal, 'remove-members-by-value'))).toEqual([
      { op: 'Remove', path: 'members[value eq "a"]' },
      { op: 'Remove', path: 'members[value eq "b"]' },
    ]);
    const email = patchUser([{ op: 'Add', path: 'emails[type eq "work"].value', value: 'j@example.com' }]);
    expect(operationsOf(withRfcForm(email, 'add-valuepath-creates'))).toEqual([
      { op: 'Add', path: 'emails', value: [{ type: 'work', value: 'j@example.com' }] },
    ]);
    const create = withRfcForm(
      { method: 'POST', kind: 'User', body: oktaCreateBody(user) },
      'placeholder-password',
    ) as Record<string, unknown>;
    expect(create).not.toHaveProperty('password');
    expect(create.userName).toBe(user.userName);
  });

  it('each RFC form carries no habit of its kind any more', () => {
    const request = patchUser([managerOperation('legacy', 'm1'), { op: 'Replace', path: 'active', value: 'True' }]);
    for (const quirk of quirksIn(request)) {
      expect(kinds({ ...request, body: withRfcForm(request, quirk.kind) })).not.toContain(quirk.kind);
    }
  });
});
