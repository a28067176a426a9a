import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { URN } from '../../src/scim/urns.js';
import { createGroup, createUser, expectScimError, startTestServer, type TestServer } from './helpers.js';

// Fixtures in the style of SPEC-CHECKS §6: q-u1…q-u4 share a prefix; u3 has no title,
// u4 is inactive, u1 has a second (home) email.

let api: TestServer;
const users: Record<string, any> = {};
let group: any;

const filterQuery = (filter: string, extra = ''): string => `/Users?filter=${encodeURIComponent(filter)}${extra}`;
const userNames = (body: any): string[] => body.Resources.map((resource: any) => resource.userName);

beforeAll(async () => {
  api = await startTestServer();
  users.u1 = await createUser(api, 'q-u1@example.com', {
    externalId: 'Xq1',
    title: 'Title-A',
    active: true,
    name: { givenName: 'Bob', familyName: 'Fam-q' },
    emails: [
      { value: 'q-u1@example.com', type: 'work', primary: true },
      { value: 'q-u1@alt.example.org', type: 'home' },
    ],
  });
  users.u2 = await createUser(api, 'q-u2@example.com', {
    externalId: 'Xq2',
    title: 'Title-B',
    active: true,
    nickName: 'O\'Malley "Q"',
    name: { givenName: 'anna', familyName: 'Fam-q' },
  });
  users.u3 = await createUser(api, 'q-u3@example.com', {
    externalId: 'Xq3',
    active: true,
    name: { givenName: 'Carl' },
  });
  users.u4 = await createUser(api, 'q-u4@example.com', { externalId: 'Xq4', title: 'Title-A', active: false });
  group = await createGroup(api, 'q-group', { members: [{ value: users.u1.id }] });
});
afterAll(() => api.close());

describe('filters (RFC 7644 §3.4.2.2)', () => {
  const cases: [string, string[]][] = [
    ['userName eq "q-u1@example.com"', ['q-u1@example.com']],
    ['USERNAME EQ "Q-U1@EXAMPLE.COM"', ['q-u1@example.com']],
    [`${URN.user}:userName eq "q-u1@example.com"`, ['q-u1@example.com']],
    ['userName sw "q-u" and title ne "Title-A"', ['q-u2@example.com', 'q-u3@example.com']],
    ['userName co "u1@"', ['q-u1@example.com']],
    ['userName ew "-u2@example.com"', ['q-u2@example.com']],
    ['userName sw "q-u" and title pr', ['q-u1@example.com', 'q-u2@example.com', 'q-u4@example.com']],
    ['userName sw "q-u" and active eq false', ['q-u4@example.com']],
    ['userName eq "q-u1@example.com" or userName eq "q-u2@example.com" and active eq false', ['q-u1@example.com']],
    ['(userName eq "q-u1@example.com" or userName eq "q-u4@example.com") and active eq false', ['q-u4@example.com']],
    [
      'userName sw "q-u" and not (userName eq "q-u1@example.com")',
      ['q-u2@example.com', 'q-u3@example.com', 'q-u4@example.com'],
    ],
    ['emails.value eq "q-u1@alt.example.org"', ['q-u1@example.com']],
    ['emails[type eq "work" and value co "alt.example"]', []],
    ['emails[type eq "home" and value co "alt.example"]', ['q-u1@example.com']],
    ['externalId eq "Xq2"', ['q-u2@example.com']],
    ['externalId eq "xq2"', []],
    ['name.familyName eq "Fam-q"', ['q-u1@example.com', 'q-u2@example.com']],
    ['nickName eq "O\'Malley \\"Q\\""', ['q-u2@example.com']],
    ['userName eq "q-nobody@example.com"', []],
  ];
  it.each(cases)('%s', async (filter, expected) => {
    const reply = await api.call('GET', filterQuery(filter));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.schemas).toEqual([URN.listResponse]);
    expect(userNames(reply.body).sort()).toEqual(expected);
    expect(reply.body.totalResults).toBe(expected.length);
  });

  it('filters on computed attributes: meta and the member display', async () => {
    const byVersion = await api.call('GET', filterQuery(`meta.version eq ${JSON.stringify(users.u3.meta.version)}`));
    expect(userNames(byVersion.body)).toEqual(['q-u3@example.com']);
    const byGroup = await api.call('GET', filterQuery(`groups.value eq "${group.id}"`));
    expect(userNames(byGroup.body)).toEqual(['q-u1@example.com']);
    const byMember = await api.call(
      'GET',
      `/Groups?filter=${encodeURIComponent('members.display eq "q-u1@example.com"')}`,
    );
    expect(byMember.body.Resources.map((resource: any) => resource.id)).toEqual([group.id]);
    const byCreated = await api.call(
      'GET',
      filterQuery(`userName sw "q-u" and meta.created ge "${users.u4.meta.created}"`),
    );
    expect(userNames(byCreated.body)).toContain('q-u4@example.com');
  });

  it.each([
    ['userName eq'],
    ['(userName eq "x"'],
    ['userName eq "x" and'],
    ['userName regex "x"'],
    ['scimcheckNoSuchAttr eq "x"'],
    ['scimcheckNoSuchAttr pr'],
    ['active gt true'],
    ['name eq "x"'],
    ['displayName eq "x" and members.value eq "y"'],
  ])('refuses %s with 400 invalidFilter', async (filter) => {
    expectScimError(await api.call('GET', filterQuery(filter)), 400, 'invalidFilter');
  });

  it('answers userName eq from the index without scanning', async () => {
    const scan = vi.spyOn(api.server.store, 'all');
    try {
      const reply = await api.call('GET', filterQuery('userName eq "Q-U2@example.com"'));
      expect(userNames(reply.body)).toEqual(['q-u2@example.com']);
      const byExternalId = await api.call('GET', filterQuery('externalId eq "Xq3"'));
      expect(userNames(byExternalId.body)).toEqual(['q-u3@example.com']);
      const byId = await api.call('GET', filterQuery(`id eq "${users.u4.id}" and active eq false`));
      expect(userNames(byId.body)).toEqual(['q-u4@example.com']);
      const groups = await api.call('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Q-GROUP"')}`);
      expect(groups.body.Resources.map((resource: any) => resource.id)).toEqual([group.id]);
      expect(scan).not.toHaveBeenCalled();
      await api.call('GET', filterQuery('userName sw "q-u2"'));
      expect(scan).toHaveBeenCalled();
    } finally {
      scan.mockRestore();
    }
  });
});

describe('paging (RFC 7644 §3.4.2.4)', () => {
  const prefix = 'filter=userName%20sw%20%22q-u%22&sortBy=userName';

  it('is 1-based and walks every match once', async () => {
    const seen: string[] = [];
    for (let startIndex = 1; startIndex <= 4; startIndex += 1) {
      const page = await api.call('GET', `/Users?${prefix}&startIndex=${startIndex}&count=1`);
      expect(page.body.totalResults).toBe(4);
      expect(page.body.startIndex).toBe(startIndex);
      expect(page.body.itemsPerPage).toBe(1);
      seen.push(...userNames(page.body));
    }
    expect(seen).toEqual(['q-u1@example.com', 'q-u2@example.com', 'q-u3@example.com', 'q-u4@example.com']);
    const past = await api.call('GET', `/Users?${prefix}&startIndex=5&count=1`);
    expect(past.status).toBe(200);
    expect(past.body.totalResults).toBe(4);
    expect(past.body.Resources).toEqual([]);
  });

  it('treats startIndex below 1 as 1 and defaults it to 1', async () => {
    for (const startIndex of ['0', '-3', 'abc']) {
      const page = await api.call('GET', `/Users?${prefix}&startIndex=${startIndex}&count=1`);
      expect(page.body.startIndex).toBe(1);
      expect(userNames(page.body)).toEqual(['q-u1@example.com']);
    }
    expect((await api.call('GET', `/Users?${prefix}`)).body.startIndex).toBe(1);
  });

  it('count=0 and negative counts give totalResults without Resources', async () => {
    for (const count of ['0', '-1']) {
      const page = await api.call('GET', `/Users?${prefix}&count=${count}`);
      expect(page.status).toBe(200);
      expect(page.body.totalResults).toBe(4);
      expect(page.body.itemsPerPage).toBe(0);
      expect(page.body.Resources).toEqual([]);
    }
  });

  it('never returns more than filter.maxResults', async () => {
    const config = await api.call('GET', '/ServiceProviderConfig');
    const page = await api.call('GET', '/Users?count=100000');
    expect(page.body.Resources.length).toBeLessThanOrEqual(config.body.filter.maxResults);
  });

  it('ignores unknown parameters and reads parameter names in any case', async () => {
    const page = await api.call('GET', `/Users?${prefix}&scimcheckUnknown=1&COUNT=2&StartIndex=2`);
    expect(page.status).toBe(200);
    expect(userNames(page.body)).toEqual(['q-u2@example.com', 'q-u3@example.com']);
  });
});

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  it('orders case-insensitively, missing values last, descending reversed', async () => {
    const ascending = await api.call('GET', filterQuery('userName sw "q-u"', '&sortBy=name.givenName'));
    expect(userNames(ascending.body)).toEqual([
      'q-u2@example.com',
      'q-u1@example.com',
      'q-u3@example.com',
      'q-u4@example.com',
    ]);
    const descending = await api.call(
      'GET',
      filterQuery('userName sw "q-u"', '&sortBy=name.givenName&sortOrder=descending'),
    );
    expect(userNames(descending.body)).toEqual([
      'q-u4@example.com',
      'q-u3@example.com',
      'q-u1@example.com',
      'q-u2@example.com',
    ]);
    const byTitle = await api.call('GET', filterQuery('userName sw "q-u"', '&sortBy=title'));
    expect(userNames(byTitle.body).at(-1)).toBe('q-u3@example.com');
  });

  it('refuses a sortBy that is not an attribute path with 400 invalidValue', async () => {
    expectScimError(await api.call('GET', '/Users?sortBy=a%20b'), 400, 'invalidValue');
  });
});

describe('list projection', () => {
  it('applies attributes and excludedAttributes to every resource', async () => {
    const reply = await api.call('GET', filterQuery('userName sw "q-u"', '&attributes=userName'));
    expect(reply.body.Resources).toHaveLength(4);
    for (const resource of reply.body.Resources)
      expect(Object.keys(resource).sort()).toEqual(['id', 'schemas', 'userName']);
    const excluded = await api.call('GET', filterQuery('userName sw "q-u"', '&excludedAttributes=emails,meta'));
    expect(excluded.body.Resources).toHaveLength(4);
    for (const resource of excluded.body.Resources) {
      expect(resource.emails).toBeUndefined();
      expect(resource.meta).toBeUndefined();
      expect(resource.userName).toBeDefined();
    }
  });
});

describe('POST /.search (RFC 7644 §3.4.3)', () => {
  it('queries one endpoint with a SearchRequest and creates nothing', async () => {
    const before = (await api.call('GET', '/Users?count=0')).body.totalResults;
    const reply = await api.call('POST', '/Users/.search', {
      body: {
        schemas: [URN.searchRequest],
        filter: 'userName eq "q-u1@example.com"',
        attributes: ['userName'],
        startIndex: 1,
        count: 10,
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.schemas).toEqual([URN.listResponse]);
    expect(reply.body.Resources).toEqual([{ schemas: [URN.user], id: users.u1.id, userName: 'q-u1@example.com' }]);
    expect((await api.call('GET', '/Users?count=0')).body.totalResults).toBe(before);
  });

  it('sorts, pages and excludes from the body', async () => {
    const reply = await api.call('POST', '/Users/.search', {
      body: {
        schemas: [URN.searchRequest],
        filter: 'userName sw "q-u"',
        sortBy: 'userName',
        sortOrder: 'descending',
        startIndex: 2,
        count: 2,
        excludedAttributes: ['emails'],
      },
    });
    expect(userNames(reply.body)).toEqual(['q-u3@example.com', 'q-u2@example.com']);
    expect(reply.body.totalResults).toBe(4);
  });

  it('spans every resource type at the service root, tagging each result', async () => {
    const reply = await api.call('POST', '/.search', {
      body: { schemas: [URN.searchRequest], filter: 'userName eq "q-u1@example.com" or displayName eq "q-group"' },
    });
    expect(reply.status).toBe(200);
    const found = reply.body.Resources.map((resource: any) => [resource.meta.resourceType, resource.id]).sort();
    expect(found).toEqual(
      [
        ['Group', group.id],
        ['User', users.u1.id],
      ].sort(),
    );
    const get = await api.call('GET', `?filter=${encodeURIComponent('displayName eq "q-group"')}`);
    expect(get.body.Resources.map((resource: any) => resource.id)).toEqual([group.id]);
  });

  it('refuses bad SearchRequests', async () => {
    expectScimError(await api.call('POST', '/Users/.search'), 400, 'invalidSyntax');
    expectScimError(
      await api.call('POST', '/Users/.search', { body: { schemas: [URN.user], filter: 'userName pr' } }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await api.call('POST', '/Users/.search', { body: { schemas: [URN.searchRequest], filter: 7 } }),
      400,
      'invalidValue',
    );
    expectScimError(
      await api.call('POST', '/Users/.search', { body: { schemas: [URN.searchRequest], filter: 'userName eq' } }),
      400,
      'invalidFilter',
    );
    expectScimError(
      await api.call('POST', '/.search', {
        body: { schemas: [URN.searchRequest], filter: 'scimcheckNoSuchAttr eq "x"' },
      }),
      400,
      'invalidFilter',
    );
  });
});
