import { describe, expect, it } from 'vitest';
import type { PlannedIdpRequest } from '../../src/standards/index.js';
import {
  bodyNotScimJson,
  carriesPassword,
  conditionalHeader,
  elementTargetingPath,
  filterBeyondEqAnd,
  filterOnOtherMethod,
  nonCanonicalType,
  pathlessOperation,
  putOfResource,
  undeclaredAttribute,
} from '../../src/standards/request-rules.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

function request(partial: Partial<PlannedIdpRequest>): PlannedIdpRequest {
  return {
    idp: 'generic',
    scenario: 'scenarios/x.yaml',
    action: 'updateUser',
    method: 'GET',
    path: '/Users',
    query: {},
    headers: { 'content-type': 'application/scim+json' },
    body: undefined,
    ...partial,
  };
}

const patch = (path: string, operations: unknown[]) =>
  request({ method: 'PATCH', path, body: { schemas: [PATCH_OP], Operations: operations } });

describe('request rules (the predicates behind the conflict report)', () => {
  it('every PATCH operation has a path (interop-01 §6.5.1.1)', () => {
    expect(pathlessOperation(patch('/Users/1', [{ op: 'replace', value: { active: false } }]))).toBe(
      '{"op":"replace","value":{"active":false}}',
    );
    expect(pathlessOperation(patch('/Users/1', [{ op: 'replace', path: 'active', value: false }]))).toBeUndefined();
    expect(pathlessOperation(patch('/Users/1', [{ op: 'replace', path: ' ', value: {} }]))).toBeDefined();
    expect(pathlessOperation(request({ method: 'PUT', path: '/Users/1', body: { Operations: [{}] } }))).toBeUndefined();
  });

  it('no PUT of a resource (§6.5)', () => {
    expect(putOfResource(request({ method: 'PUT', path: '/Groups/42' }))).toBe('PUT /Groups/{id}');
    expect(putOfResource(request({ method: 'PATCH', path: '/Groups/42' }))).toBeUndefined();
  });

  it('a filtered PATCH path targets a sub-attribute (§6.5.2.2)', () => {
    expect(elementTargetingPath(patch('/Groups/1', [{ op: 'remove', path: 'members[value eq "u1"]' }]))).toBe(
      'remove members[value eq "u1"]',
    );
    expect(
      elementTargetingPath(patch('/Users/1', [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'a' }])),
    ).toBeUndefined();
  });

  it('filters use eq and and only, and only on GET (§6.3)', () => {
    expect(filterBeyondEqAnd(request({ query: { filter: 'userName eq "a" and active eq true' } }))).toBeUndefined();
    expect(filterBeyondEqAnd(request({ query: { filter: 'userName sw "a" or title pr' } }))).toBe(
      'or, sw, pr in filter="userName sw \\"a\\" or title pr"',
    );
    expect(filterOnOtherMethod(request({ method: 'PATCH', query: { filter: 'a eq "b"' } }))).toBe(
      'PATCH with filter="a eq \\"b\\""',
    );
    expect(filterOnOtherMethod(request({ query: { filter: 'a eq "b"' } }))).toBeUndefined();
  });

  it('no conditional headers (§6.7), bodies labelled application/scim+json (§6.2)', () => {
    expect(conditionalHeader(request({ headers: { 'if-match': 'W/"1"' } }))).toBe('if-match: W/"1"');
    expect(conditionalHeader(request({}))).toBeUndefined();
    expect(
      bodyNotScimJson(request({ method: 'POST', body: {}, headers: { 'content-type': 'application/json' } })),
    ).toBe('Content-Type: application/json');
    expect(bodyNotScimJson(request({ method: 'POST', body: {} }))).toBeUndefined();
  });

  it('only declared attributes and schema URIs (§5.3), judged against the RFC 7643 schemas', () => {
    const create = (body: unknown, path = '/Users') => request({ method: 'POST', path, body });
    expect(undeclaredAttribute(create({ schemas: [USER], userName: 'a', name: { givenName: 'A' } }))).toBeUndefined();
    expect(undeclaredAttribute(create({ schemas: [USER], userName: 'a', favouriteColour: 'red' }))).toBe(
      'attribute favouriteColour',
    );
    expect(undeclaredAttribute(create({ schemas: [GROUP, 'urn:example:Group'], displayName: 'g' }, '/Groups'))).toBe(
      'schema urn:example:Group',
    );
    expect(
      undeclaredAttribute(
        create({
          schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
          userName: 'a',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'x', shoeSize: 9 },
        }),
      ),
    ).toBe('attribute urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize');
    expect(
      undeclaredAttribute(patch('/Users/1', [{ op: 'replace', value: { 'name.familyName': 'B' } }])),
    ).toBeUndefined();
    expect(undeclaredAttribute(patch('/Users/1', [{ op: 'add', path: 'nickname', value: 'B' }]))).toBeUndefined();
    expect(undeclaredAttribute(patch('/Users/1', [{ op: 'add', path: 'shoeSize', value: 9 }]))).toBe('path shoeSize');
  });

  it('type values from the canonical values (§5.4), and no password (IPSIE §6.1.2)', () => {
    const body = (emails: unknown) => request({ method: 'POST', body: { schemas: [USER], userName: 'a', emails } });
    expect(nonCanonicalType(body([{ value: 'a@x', type: 'work' }]))).toBeUndefined();
    expect(nonCanonicalType(body([{ value: 'a@x', type: 'Work Email' }]))).toBe('emails type "Work Email"');
    expect(carriesPassword(request({ method: 'POST', body: { userName: 'a', password: 'p' } }))).toBe(
      'POST with a password',
    );
    expect(carriesPassword(patch('/Users/1', [{ op: 'replace', path: 'password', value: 'p' }]))).toBe(
      'PATCH of password',
    );
    expect(carriesPassword(patch('/Users/1', [{ op: 'replace', path: 'title', value: 'p' }]))).toBeUndefined();
  });
});
