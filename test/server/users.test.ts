import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { createUser, expectScimError, startTestServer, type TestServer, userBody } from './helpers.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

describe('POST /Users (RFC 7644 §3.3)', () => {
  it('answers 201 with Location, ETag and complete meta', async () => {
    const reply = await api.call('POST', '/Users', {
      body: userBody('create-ann@example.com', {
        externalId: 'X-Ann',
        name: { givenName: 'Ann', familyName: 'Lee' },
        emails: [{ value: 'create-ann@example.com', type: 'work', primary: true }],
        active: true,
        displayName: 'Zoë Ñúñez 山田 😀',
      }),
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const user = reply.body;
    expect(user.schemas).toEqual([URN.user]);
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.userName).toBe('create-ann@example.com');
    expect(user.externalId).toBe('X-Ann');
    expect(user.displayName).toBe('Zoë Ñúñez 山田 😀');
    expect(user.meta.resourceType).toBe('User');
    expect(user.meta.location).toBe(`${api.baseUrl}/Users/${user.id}`);
    expect(reply.headers.get('location')).toBe(user.meta.location);
    expect(Date.parse(user.meta.created)).not.toBeNaN();
    expect(user.meta.lastModified).toBe(user.meta.created);
    expect(user.meta.version).toMatch(/^W\/".+"$/);
    expect(reply.headers.get('etag')).toBe(user.meta.version);

    const read = await api.call('GET', `/Users/${user.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(user);
    expect(read.headers.get('etag')).toBe(user.meta.version);
  });

  it('ignores read-only attributes in the body: id, meta, groups (RFC 7644 §3.1)', async () => {
    const reply = await api.call('POST', '/Users', {
      body: userBody('readonly@example.com', {
        id: 'forced-id',
        meta: { created: '2001-01-01T00:00:00Z', resourceType: 'Group' },
        groups: [{ value: 'g1' }],
      }),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.id).not.toBe('forced-id');
    expect(reply.body.meta.created).not.toBe('2001-01-01T00:00:00Z');
    expect(reply.body.meta.resourceType).toBe('User');
    expect(reply.body.groups).toBeUndefined();
    expectScimError(await api.call('GET', '/Users/forced-id'), 404);
  });

  it('stores a password but never returns it (RFC 7643 §4.1.1)', async () => {
    const reply = await api.call('POST', '/Users', {
      body: userBody('secret@example.com', { password: 't1meMa$heen' }),
    });
    expect(reply.status).toBe(201);
    expect(reply.text).not.toContain('t1meMa$heen');
    expect(reply.body.password).toBeUndefined();
    const id = reply.body.id;
    for (const path of [
      `/Users/${id}`,
      `/Users/${id}?attributes=password`,
      `/Users?filter=userName eq "secret@example.com"&attributes=password,userName`,
    ]) {
      const read = await api.call('GET', path);
      expect(read.status).toBe(200);
      expect(read.text).not.toContain('t1meMa$heen');
      expect(read.text).not.toContain('"password"');
    }
    // A filter on it would be an oracle for guessing passwords.
    expectScimError(await api.call('GET', '/Users?filter=password eq "t1meMa$heen"'), 400, 'invalidFilter');
  });

  it('accepts attribute names in any case (RFC 7643 §2.1)', async () => {
    const reply = await api.call('POST', '/Users', {
      body: { SCHEMAS: [URN.user], UserName: 'case@example.com', NAME: { GivenName: 'Cas' } },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.userName).toBe('case@example.com');
    expect(reply.body.name).toEqual({ givenName: 'Cas' });
  });

  it('accepts Entra string booleans in bodies', async () => {
    const reply = await api.call('POST', '/Users', { body: userBody('strbool@example.com', { active: 'False' }) });
    expect(reply.status).toBe(201);
    expect(reply.body.active).toBe(false);
  });

  it('refuses a duplicate userName with 409 uniqueness, ignoring case', async () => {
    await createUser(api, 'Dup.User@Example.com');
    expectScimError(await api.call('POST', '/Users', { body: userBody('dup.user@example.com') }), 409, 'uniqueness');
    expectScimError(await api.call('POST', '/Users', { body: userBody('DUP.USER@EXAMPLE.COM') }), 409, 'uniqueness');
  });

  it('refuses a missing userName and wrong value types with 400 invalidValue', async () => {
    expectScimError(
      await api.call('POST', '/Users', { body: { schemas: [URN.user], displayName: 'No Name' } }),
      400,
      'invalidValue',
    );
    expectScimError(await api.call('POST', '/Users', { body: userBody('   ') }), 400, 'invalidValue');
    expectScimError(
      await api.call('POST', '/Users', { body: userBody('bad-active@example.com', { active: 'yes' }) }),
      400,
      'invalidValue',
    );
    expectScimError(
      await api.call('POST', '/Users', { body: userBody('bad-emails@example.com', { emails: { value: 'x' } }) }),
      400,
      'invalidValue',
    );
    expectScimError(
      await api.call('POST', '/Users', { body: userBody('bad-name@example.com', { name: 'Ann' }) }),
      400,
      'invalidValue',
    );
  });

  it('refuses bodies that are not a User with 400 invalidSyntax', async () => {
    expectScimError(await api.call('POST', '/Users', { body: '{"schemas":[' }), 400, 'invalidSyntax');
    expectScimError(await api.call('POST', '/Users', { body: '[1,2]' }), 400, 'invalidSyntax');
    expectScimError(
      await api.call('POST', '/Users', { body: { userName: 'no-schemas@example.com' } }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await api.call('POST', '/Users', { body: { schemas: [URN.group], userName: 'wrong@example.com' } }),
      400,
      'invalidSyntax',
    );
    expectScimError(await api.call('POST', '/Users'), 400, 'invalidSyntax');
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expectScimError(await api.call('POST', '/Users', { body: `{"schemas":${deep}}` }), 400, 'invalidSyntax');
  });
});

describe('media types (RFC 7644 §3.8, §8.1)', () => {
  it('accepts application/json request bodies', async () => {
    const reply = await api.call('POST', '/Users', {
      body: userBody('json@example.com'),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  });

  it('refuses other media types with 415', async () => {
    const reply = await api.call('POST', '/Users', {
      body: JSON.stringify(userBody('xml@example.com')),
      headers: { 'content-type': 'text/plain' },
    });
    expectScimError(reply, 415);
    expectScimError(
      await api.call('POST', '/Users', { body: '<User/>', headers: { 'content-type': 'application/xml' } }),
      415,
    );
    expect((await api.call('GET', '/Users?filter=userName eq "xml@example.com"')).body.totalResults).toBe(0);
  });

  it('answers JSON with the SCIM media type whatever the Accept header', async () => {
    for (const accept of ['application/json', '*/*', 'text/html']) {
      const reply = await api.call('GET', '/Users?count=1', { headers: { accept } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    }
  });

  it('refuses a body over the limit with 413 and stays usable', async () => {
    const padding = 'x'.repeat(1_100_000);
    const reply = await api.call('POST', '/Users', { body: userBody('big@example.com', { nickName: padding }) });
    expectScimError(reply, 413);
    expect((await api.call('GET', '/Users?count=0')).status).toBe(200);
  });
});

describe('GET /Users/{id} (RFC 7644 §3.4.1)', () => {
  it('answers 404 with a SCIM Error for an unknown or case-altered id', async () => {
    const user = await createUser(api, 'get-404@example.com');
    expectScimError(await api.call('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
    expectScimError(await api.call('GET', `/Users/${user.id.toUpperCase()}`), 404);
    // ids are unique across types: a user id is no group.
    expectScimError(await api.call('GET', `/Groups/${user.id}`), 404);
  });

  it('shapes the body with attributes and excludedAttributes (RFC 7644 §3.9)', async () => {
    const user = await createUser(api, 'shape@example.com', {
      name: { givenName: 'Sha', familyName: 'Pe' },
      emails: [{ value: 'shape@example.com', type: 'work' }],
      active: true,
      externalId: 'X-shape',
    });
    const only = await api.call('GET', `/Users/${user.id}?attributes=userName,emails`);
    expect(Object.keys(only.body).sort()).toEqual(['emails', 'id', 'schemas', 'userName']);
    const sub = await api.call('GET', `/Users/${user.id}?attributes=name.familyName`);
    expect(sub.body.name).toEqual({ familyName: 'Pe' });
    expect(sub.body.id).toBe(user.id);
    const urn = await api.call('GET', `/Users/${user.id}?attributes=${encodeURIComponent(`${URN.user}:USERNAME`)}`);
    expect(urn.body.userName).toBe('shape@example.com');
    const excluded = await api.call('GET', `/Users/${user.id}?excludedAttributes=emails,name,id`);
    expect(excluded.body.emails).toBeUndefined();
    expect(excluded.body.name).toBeUndefined();
    expect(excluded.body.id).toBe(user.id); // returned always (RFC 7643 §7)
    expect(excluded.body.active).toBe(true);
    expect(excluded.body.externalId).toBe('X-shape');
  });
});

describe('PUT /Users/{id} (RFC 7644 §3.5.1)', () => {
  it('replaces the writable attributes and keeps id and created', async () => {
    const user = await createUser(api, 'put@example.com', { nickName: 'Old', title: 'T1', name: { givenName: 'P' } });
    const body = {
      ...user,
      title: 'T2',
      nickName: undefined,
      id: 'other-id',
      phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
    };
    const reply = await api.call('PUT', `/Users/${user.id}`, { body });
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(user.id);
    expect(reply.body.title).toBe('T2');
    expect(reply.body.nickName).toBeUndefined();
    expect(reply.body.name).toEqual({ givenName: 'P' });
    expect(reply.body.phoneNumbers).toEqual([{ value: '+1 555 0100', type: 'work' }]);
    expect(reply.body.meta.created).toBe(user.meta.created);
    expect(reply.body.meta.version).not.toBe(user.meta.version);
    expect(reply.headers.get('etag')).toBe(reply.body.meta.version);
    expectScimError(await api.call('GET', '/Users/other-id'), 404);
  });

  it('null and [] clear attributes; an unchanged PUT keeps the version', async () => {
    const user = await createUser(api, 'put-null@example.com', { nickName: 'N', phoneNumbers: [{ value: '1' }] });
    const cleared = await api.call('PUT', `/Users/${user.id}`, { body: { ...user, nickName: null, phoneNumbers: [] } });
    expect(cleared.body.nickName).toBeUndefined();
    expect(cleared.body.phoneNumbers).toBeUndefined();
    const again = await api.call('PUT', `/Users/${user.id}`, { body: cleared.body });
    expect(again.body.meta.version).toBe(cleared.body.meta.version);
    expect(again.body.meta.lastModified).toBe(cleared.body.meta.lastModified);
  });

  it('refuses a PUT without userName, a taken userName, and an unknown id', async () => {
    const first = await createUser(api, 'put-first@example.com');
    const second = await createUser(api, 'put-second@example.com');
    expectScimError(
      await api.call('PUT', `/Users/${second.id}`, { body: { schemas: [URN.user], displayName: 'x' } }),
      400,
      'invalidValue',
    );
    expectScimError(
      await api.call('PUT', `/Users/${second.id}`, { body: userBody('PUT-FIRST@example.com') }),
      409,
      'uniqueness',
    );
    expect((await api.call('PUT', `/Users/${first.id}`, { body: userBody('PUT-FIRST@example.com') })).status).toBe(200);
    expectScimError(
      await api.call('PUT', '/Users/00000000-0000-4000-8000-000000000000', { body: userBody('ghost@example.com') }),
      404,
    );
    expect((await api.call('GET', '/Users?filter=userName eq "ghost@example.com"')).body.totalResults).toBe(0);
  });

  it('deactivates with active:false the way Okta does and reactivates', async () => {
    const user = await createUser(api, 'okta-put@example.com', { active: true });
    const off = await api.call('PUT', `/Users/${user.id}`, { body: { ...user, active: false } });
    expect(off.body.active).toBe(false);
    expect((await api.call('GET', `/Users/${user.id}`)).body.active).toBe(false);
    const on = await api.call('PUT', `/Users/${user.id}`, { body: { ...user, active: true } });
    expect(on.body.active).toBe(true);
  });
});

describe('DELETE /Users/{id} (RFC 7644 §3.6)', () => {
  it('answers 204 with no body, then 404 to everything, and frees the userName', async () => {
    const user = await createUser(api, 'delete-me@example.com');
    const reply = await api.call('DELETE', `/Users/${user.id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expectScimError(await api.call('GET', `/Users/${user.id}`), 404);
    expectScimError(await api.call('PUT', `/Users/${user.id}`, { body: userBody('delete-me@example.com') }), 404);
    expectScimError(
      await api.call('PATCH', `/Users/${user.id}`, {
        body: { schemas: [URN.patchOp], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      }),
      404,
    );
    expectScimError(await api.call('DELETE', `/Users/${user.id}`), 404);
    expect((await api.call('GET', '/Users?filter=userName eq "delete-me@example.com"')).body.totalResults).toBe(0);
    expect((await api.call('POST', '/Users', { body: userBody('delete-me@example.com') })).status).toBe(201);
  });
});

describe('ETags (RFC 7644 §3.14)', () => {
  it('If-None-Match with the current tag gives 304 without a body; a stale tag gives 200', async () => {
    const user = await createUser(api, 'etag-get@example.com');
    const notModified = await api.call('GET', `/Users/${user.id}`, { headers: { 'if-none-match': user.meta.version } });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(user.meta.version);
    const stale = await api.call('GET', `/Users/${user.id}`, { headers: { 'if-none-match': 'W/"scimcheck-stale"' } });
    expect(stale.status).toBe(200);
  });

  it('If-Match with a stale tag gives 412 on PUT, PATCH and DELETE and changes nothing', async () => {
    const user = await createUser(api, 'etag-write@example.com', { title: 'Before' });
    const stale = { 'if-match': 'W/"scimcheck-stale"' };
    expectScimError(
      await api.call('PUT', `/Users/${user.id}`, { body: { ...user, title: 'After' }, headers: stale }),
      412,
    );
    expectScimError(
      await api.call('PATCH', `/Users/${user.id}`, {
        body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'title', value: 'After' }] },
        headers: stale,
      }),
      412,
    );
    expectScimError(await api.call('DELETE', `/Users/${user.id}`, { headers: stale }), 412);
    const read = await api.call('GET', `/Users/${user.id}`);
    expect(read.body.title).toBe('Before');
    expect(read.body.meta.version).toBe(user.meta.version);

    const current = { 'if-match': user.meta.version };
    const updated = await api.call('PATCH', `/Users/${user.id}`, {
      body: { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'title', value: 'After' }] },
      headers: current,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.meta.version).not.toBe(user.meta.version);
    expectScimError(await api.call('DELETE', `/Users/${user.id}`, { headers: current }), 412);
    expect((await api.call('DELETE', `/Users/${user.id}`, { headers: { 'if-match': '*' } })).status).toBe(204);
  });
});
