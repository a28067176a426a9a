import { describe, expect, it } from 'vitest';
import { oneloginProfile } from '../../src/idp/onelogin.js';
import { alice, BOB, drive, eng, PATCH_URN } from './drive.js';

// Golden wire requests of the onelogin profile (developers.onelogin.com/scim call list; the
// group op shapes are inferred, see the profile's `inferred`).

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });
const READ = { accept: 'application/scim+json' };

describe('onelogin profile', () => {
  it('testConnection looks up a userName that cannot exist', () => {
    expect(drive(oneloginProfile, oneloginProfile.actions.testConnection()).requests).toEqual([
      {
        method: 'GET',
        path: '/Users',
        query: { filter: expect.stringMatching(/^userName eq "onelogin-test-[0-9a-f-]{36}"$/) },
        headers: READ,
      },
    ]);
  });

  it('assignUser: lookup, POST, then GET of the created user', () => {
    const { requests } = drive(oneloginProfile, oneloginProfile.actions.assignUser(alice({ id: undefined })));
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /Users',
      'POST /Users',
      'GET /Users/u-new',
    ]);
    expect(requests[0]!.query).toEqual({ filter: 'userName eq "alice@example.com"' });
  });

  it('removeMembers: remove with members[value eq]', () => {
    expect(drive(oneloginProfile, oneloginProfile.actions.removeMembers(eng(), [BOB])).requests[0]!.body).toEqual(
      patch({ op: 'remove', path: 'members[value eq "u-bob"]' }),
    );
  });
});
