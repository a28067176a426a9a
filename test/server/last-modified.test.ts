import { describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { ResourceService } from '../../src/server/resource-service.js';
import { createStore } from '../../src/server/store.js';

/*
 * RFC 7643 §3.1: lastModified is the time of the most recent change. A clock that has not moved
 * (two writes in one millisecond, or a clock stepped back) must still show a change as a later
 * timestamp, or a client comparing reads sees none. The clock is frozen here to make the
 * same-millisecond case certain rather than likely.
 */
describe('reference server lastModified', () => {
  const FROZEN = '2024-05-01T10:00:00.000Z';

  it('moves forward on every change even when the clock stands still', () => {
    const service = new ResourceService(createStore(), () => FROZEN);
    const created = service.create('User', { schemas: [URN.user], userName: 'frozen@example.com' });
    const patched = service.patch('User', created.id, {
      schemas: [URN.patchOp],
      Operations: [{ op: 'replace', path: 'title', value: 'One' }],
    });
    const replaced = service.replace('User', created.id, {
      schemas: [URN.user],
      userName: 'frozen@example.com',
      title: 'Two',
    });
    expect(created.meta.lastModified).toBe(FROZEN);
    expect(Date.parse(patched.meta.lastModified)).toBeGreaterThan(Date.parse(created.meta.lastModified));
    expect(Date.parse(replaced.meta.lastModified)).toBeGreaterThan(Date.parse(patched.meta.lastModified));
    expect(replaced.meta.created).toBe(FROZEN);
  });

  it('moves a group forward when deleting a member changes it, on a frozen clock', () => {
    const service = new ResourceService(createStore(), () => FROZEN);
    const member = service.create('User', { schemas: [URN.user], userName: 'member@example.com' });
    const group = service.create('Group', {
      schemas: [URN.group],
      displayName: 'frozen-group',
      members: [{ value: member.id }],
    });
    service.delete('User', member.id);
    const after = service.get('Group', group.id);
    expect(Date.parse(after.meta.lastModified)).toBeGreaterThan(Date.parse(group.meta.lastModified));
  });
});
