import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/http/exchange.js';
import type { PlannedRequest } from '../../src/idp/profile.js';
import { oktaProfile } from '../../src/idp/okta.js';
import { driveAction } from '../../src/load/drive-action.js';
import type { LoadClient } from '../../src/load/load-client.js';
import { SyntheticDirectory } from '../../src/load/synthetic-directory.js';

/** A client answering from a function, recording what was sent (no network: driveAction's own logic only). */
function fakeClient(answer: (request: PlannedRequest) => { status: number; json?: unknown }): LoadClient & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(request) {
      sent.push(`${request.method} ${request.path}`);
      const { status, json } = answer(request);
      const exchange: Exchange = { id: sent.length, request: { method: request.method, url: request.path, headers: {} }, response: { status, headers: {}, body: JSON.stringify(json ?? null), json }, startedAt: '', durationMs: 1 };
      return exchange;
    },
    close: async () => undefined,
  };
}

describe('driveAction', () => {
  const directory = new SyntheticDirectory('run1', 10, 1, 5);

  it('never writes to a resource the run did not create, even when the IdP would (Okta links a found user)', async () => {
    // The lookup finds somebody else's account with the same userName: Okta would GET and PUT it.
    const client = fakeClient((request) => (request.method === 'GET' && request.path === '/Users' ? { status: 200, json: { totalResults: 1, Resources: [{ id: 'stranger', userName: 'x' }] } } : { status: 200, json: { id: 'stranger', userName: 'x', schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] } }));
    const outcome = await driveAction(oktaProfile.actions.assignUser(directory.user(0)), client, []);
    expect(outcome.failed).toMatch(/refused to PUT \/Users\/stranger/);
    expect(client.sent).not.toContain('PUT /Users/stranger');
  });

  it('lets an action write to what it created itself (group push: POST, then PATCH the new group)', async () => {
    const client = fakeClient((request) => (request.method === 'POST' ? { status: 201, json: { id: 'g1', displayName: 'x' } } : { status: 200, json: { id: 'g1' } }));
    const members = [{ key: 'user0', id: 'u0', display: 'user0' }];
    const outcome = await driveAction(oktaProfile.actions.pushGroup(directory.group(0), members), client, []);
    expect(outcome.groupId).toBe('g1');
    expect(client.sent).toEqual(['POST /Groups', 'PATCH /Groups/g1', 'PATCH /Groups/g1']);
  });
});

describe('SyntheticDirectory', () => {
  it('generates the same directory from an index, with run-unique names and no duplicate members', () => {
    const directory = new SyntheticDirectory('abc123', 100, 7, 30);
    expect(directory.user(42)).toEqual(new SyntheticDirectory('abc123', 100, 7, 30).user(42));
    expect(directory.user(42).userName).toContain('abc123');
    for (let group = 0; group < 7; group++) {
      const members = Array.from({ length: directory.membersPerGroup }, (_, slot) => directory.memberIndex(group, slot));
      expect(new Set(members).size).toBe(30);
    }
    // A group cannot have more members than there are users.
    expect(new SyntheticDirectory('r', 5, 1, 50).membersPerGroup).toBe(5);
  });
});
