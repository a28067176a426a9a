import { describe, expect, it } from 'vitest';
import { googleProfile } from '../../src/idp/google.js';
import { alice, BOB, drive, eng, PATCH_URN } from './drive.js';

// Golden wire requests of the google profile. No public source shows Google's bodies: every
// shape here is the profile's inferred choice, pinned so a change shows in review.

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_URN], Operations });
const SCIM = { accept: 'application/scim+json', 'content-type': 'application/scim+json' };
const READ = { accept: 'application/scim+json' };

describe('google profile (unverified)', () => {
  it('is marked unverified and pushes no groups', () => {
    expect(googleProfile.verified).toBe(false);
    expect(googleProfile.summary).toMatch(/^UNVERIFIED/);
    const { requests, outcome } = drive(googleProfile, googleProfile.actions.pushGroup(eng(), [BOB]));
    expect(requests).toEqual([]);
    expect(outcome.skipped).toMatch(/users only/);
  });

  it('testConnection probes GET /Users?count=1; deactivation is a PATCH replace on active', () => {
    expect(drive(googleProfile, googleProfile.actions.testConnection()).requests).toEqual([
      { method: 'GET', path: '/Users', query: { count: '1' }, headers: READ },
    ]);
    expect(drive(googleProfile, googleProfile.actions.deactivateUser(alice())).requests).toEqual([
      {
        method: 'PATCH',
        path: '/Users/u-alice',
        headers: SCIM,
        body: patch({ op: 'replace', path: 'active', value: false }),
      },
    ]);
  });
});
