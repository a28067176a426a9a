import { describe, expect, it } from 'vitest';
import { jumpcloudProfile } from '../../src/idp/jumpcloud.js';
import { BOB, drive, eng, GROUP_URN, PATCH_URN, scripted, USER_URN } from './drive.js';

// Golden wire requests of the jumpcloud profile (JumpCloud's custom SCIM article: test connection,
// empty groups, group takeover; value-array member removal per a third party).

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });

describe('jumpcloud profile', () => {
  it('testConnection creates a test user and a test group, then deletes both', () => {
    const { requests } = drive(jumpcloudProfile, jumpcloudProfile.actions.testConnection());
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /Users',
      'POST /Groups',
      'DELETE /Users/u-new',
      'DELETE /Groups/g-new',
    ]);
    expect(requests[0]!.body).toMatchObject({
      schemas: [USER_URN],
      userName: expect.stringMatching(/^jumpcloud-test-/),
      active: true,
    });
    expect(requests[1]!.body).toMatchObject({
      schemas: [GROUP_URN],
      displayName: expect.stringMatching(/^jumpcloud-test-/),
    });
  });

  it('testConnection deactivates the test user when DELETE is refused', () => {
    const { requests } = drive(
      jumpcloudProfile,
      jumpcloudProfile.actions.testConnection(),
      scripted({ 2: { status: 405 } }),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /Users',
      'POST /Groups',
      'DELETE /Users/u-new',
      'PATCH /Users/u-new',
      'DELETE /Groups/g-new',
    ]);
  });

  it('never pushes an empty group', () => {
    const { requests, outcome } = drive(
      jumpcloudProfile,
      jumpcloudProfile.actions.pushGroup(eng({ id: undefined, members: [] }), []),
    );
    expect(requests).toEqual([]);
    expect(outcome.skipped).toMatch(/empty groups/);
  });

  it('takes over an existing group with the same name', () => {
    const existing = {
      status: 200,
      json: { totalResults: 1, Resources: [{ id: 'g-old', displayName: 'Engineering' }] },
    };
    const { requests, outcome } = drive(
      jumpcloudProfile,
      jumpcloudProfile.actions.pushGroup(eng({ id: undefined, members: [] }), [BOB]),
      scripted({ 0: existing }),
    );
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Groups',
      'PATCH /Groups/g-old',
    ]);
    expect(outcome.groupId).toBe('g-old');
  });

  it('removeMembers: remove on members with a value array', () => {
    expect(drive(jumpcloudProfile, jumpcloudProfile.actions.removeMembers(eng(), [BOB])).requests[0]!.body).toEqual(
      patch({ op: 'remove', path: 'members', value: [{ value: 'u-bob' }] }),
    );
  });
});
