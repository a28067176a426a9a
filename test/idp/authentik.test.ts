import { describe, expect, it } from 'vitest';
import { authentikProfile } from '../../src/idp/authentik.js';
import { alice, BOB, CAROL, drive, eng, GROUP_URN, PATCH_URN, scripted, USER_URN } from './drive.js';

// Golden wire requests of the authentik profile (authentik/providers/scim/clients/*.py and the
// default SCIM mappings in blueprints/system/providers-scim.yaml).

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });
const SCIM = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };
const READ = { accept: 'application/scim+json' };

describe('authentik profile', () => {
  it('testConnection: GET /ServiceProviderConfig', () => {
    expect(drive(authentikProfile, authentikProfile.actions.testConnection()).requests).toEqual([
      { method: 'GET', path: '/ServiceProviderConfig', headers: READ },
    ]);
  });

  it('assignUser: POST with the default mapping (emails typed "other")', () => {
    const { requests } = drive(authentikProfile, authentikProfile.actions.assignUser(alice({ id: undefined })));
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/Users',
        headers: SCIM,
        body: {
          schemas: [USER_URN],
          userName: 'alice@example.com',
          name: { formatted: 'Alice Doe', givenName: 'Alice', familyName: 'Doe' },
          photos: [],
          emails: [{ value: 'alice@example.com', type: 'other', primary: true }],
          active: true,
          externalId: expect.any(String),
        },
      },
    ]);
  });

  it('assignUser on 409: adopts the user found by userName eq and PUTs it', () => {
    const found = { status: 200, json: { totalResults: 1, Resources: [{ id: 'u-old' }] } };
    const { requests, outcome } = drive(
      authentikProfile,
      authentikProfile.actions.assignUser(alice({ id: undefined })),
      scripted({ 0: { status: 409 }, 1: found }),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /Users',
      'GET /Users',
      'PUT /Users/u-old',
    ]);
    expect(outcome.userId).toBe('u-old');
  });

  it('deactivateUser: a full PUT with active:false', () => {
    const { requests } = drive(authentikProfile, authentikProfile.actions.deactivateUser(alice()));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'PUT',
      path: '/Users/u-alice',
      body: { id: 'u-alice', active: false },
    });
  });

  it('pushGroup: POST without members, then one add op per member', () => {
    const { requests } = drive(
      authentikProfile,
      authentikProfile.actions.pushGroup(eng({ id: undefined, members: [], externalId: 'ext' }), [BOB, CAROL]),
    );
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/Groups',
        headers: SCIM,
        body: { schemas: [GROUP_URN], displayName: 'Engineering', externalId: 'ext' },
      },
      {
        method: 'PATCH',
        path: '/Groups/g-new',
        headers: SCIM,
        body: patch(
          { op: 'add', path: 'members', value: [{ value: 'u-bob' }] },
          { op: 'add', path: 'members', value: [{ value: 'u-carol' }] },
        ),
      },
    ]);
  });

  it('renameGroup: path-less replace with the whole group but not its read-only id, no PatchOp schemas, then a GET', () => {
    // goauthentik/authentik PR #23950 (2026-07) dropped `id` from this value; the PatchRequest is
    // dumped with exclude_unset, so the envelope has no `schemas` (Infisical issue #6552).
    const { requests } = drive(
      authentikProfile,
      authentikProfile.actions.renameGroup(eng({ externalId: 'ext' }), 'Platform'),
    );
    expect(requests.map((request) => request.body)).toEqual([
      {
        Operations: [{ op: 'replace', value: { schemas: [GROUP_URN], displayName: 'Platform', externalId: 'ext' } }],
      },
      undefined,
    ]);
    expect(requests[1]).toMatchObject({ method: 'GET', path: '/Groups/g-eng' });
  });

  it('importUsers: GET /Users, then ?startIndex=N with no count', () => {
    const page = (ids: string[]) => ({ status: 200, json: { totalResults: 3, Resources: ids.map((id) => ({ id })) } });
    const { requests } = drive(
      authentikProfile,
      authentikProfile.actions.importUsers(undefined),
      scripted({ 0: page(['a', 'b']), 1: page(['c']) }),
    );
    expect(requests.map((request) => request.query)).toEqual([undefined, { startIndex: '3' }]);
  });
});
