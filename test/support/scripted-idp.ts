import { type Dispatcher, request as undiciRequest } from 'undici';
import {
  entraGroupBody,
  entraUserBody,
  legacyUpdateOperations,
  memberValues,
  opName,
  removeMemberOperations,
} from '../../src/idp/entra-requests.js';
import { OKTA_HEADERS, oktaCreateBody, oktaGroupLookup, oktaPutBody, oktaUserLookup } from '../../src/idp/okta.js';
import type { GroupView, MemberRef, UserView } from '../../src/idp/profile.js';
import { eqFilter, patchBody, withChanges } from '../../src/idp/request-helpers.js';
import { URN } from '../../src/scim/urns.js';

/*
 * A scripted "IdP": the request sequences Okta and Entra document, sent over real HTTP (undici)
 * with each IdP's documented headers and a bearer token, every id taken from an earlier response
 * as the real IdP would. Each request is one of the profile's documentedOperations
 * (src/idp/okta-evidence.ts, src/idp/entra-evidence.ts), built with the profiles' own body helpers
 * where those are the documented samples; the source of each request is cited next to it.
 */

/** One request the script sent and what came back. */
export interface ScriptedExchange {
  /** What the IdP was doing, e.g. `assign: create`. */
  label: string;
  method: string;
  /** Path below the base URL with the query, as sent. */
  path: string;
  requestBody?: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

/** What a scripted session sent and the ids the server issued. */
export interface ScriptedSession {
  exchanges: ScriptedExchange[];
  userId?: string;
  groupId?: string;
}

/**
 * Entra's documented samples show only Content-Type (tutorial, "Handling provisioning and
 * deprovisioning of users"); no User-Agent is documented, so the script sends none.
 */
export const ENTRA_SCRIPT_HEADERS = { 'content-type': 'application/scim+json' };

/** A User-Agent Entra has been seen sending (not documented by Microsoft): for recogniser tests only. */
export const ENTRA_OBSERVED_USER_AGENT = 'Microsoft Azure Active Directory SCIM Client';

class ScriptedClient {
  readonly exchanges: ScriptedExchange[] = [];
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly headers: Record<string, string>,
    private readonly dispatcher?: Dispatcher,
  ) {}

  /**
   * The IdP's headers, without Content-Type on a GET: a GET has no content to describe (RFC 9110
   * §8.3), and the profiles send none there either (src/executor/wire-headers.ts).
   */
  private headersFor(method: string): Record<string, string> {
    if (method !== 'GET') return this.headers;
    const { 'content-type': _none, ...rest } = this.headers;
    return rest;
  }

  async send(label: string, method: string, path: string, body?: unknown): Promise<ScriptedExchange> {
    const requestBody = body === undefined ? undefined : JSON.stringify(body);
    const answer = await undiciRequest(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
      method: method as 'GET',
      headers: { ...this.headersFor(method), authorization: `Bearer ${this.token}` },
      ...(requestBody === undefined ? {} : { body: requestBody }),
      ...(this.dispatcher === undefined ? {} : { dispatcher: this.dispatcher }),
    });
    const responseBody = await answer.body.text();
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    const exchange: ScriptedExchange = {
      label,
      method,
      path,
      ...(requestBody === undefined ? {} : { requestBody }),
      status: answer.statusCode,
      responseHeaders,
      responseBody,
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  /** The `id` of a JSON body; throws with the exchange when there is none (the script cannot go on without it). */
  static idOf(exchange: ScriptedExchange): string {
    const id = (JSON.parse(exchange.responseBody || '{}') as { id?: unknown }).id;
    if (typeof id !== 'string')
      throw new Error(`${exchange.label}: no id in ${exchange.status} ${exchange.responseBody}`);
    return id;
  }
}

function withQuery(path: string, query: Record<string, string> | undefined): string {
  return query === undefined ? path : `${path}?${new URLSearchParams(query).toString()}`;
}

/** A user the scripts provision: only realistic, generated test data. */
export function scriptedUser(prefix: string, key = 'alice', givenName = 'Alice'): UserView {
  return {
    key,
    userName: `${prefix}.${key}@example.com`,
    givenName,
    familyName: 'Example',
    email: `${prefix}.${key}@example.com`,
    active: true,
    attributes: {},
  };
}

/** Okta's member entry: `{value, display}` ("Update specific Group membership"). */
const oktaMember = (id: string, user: UserView) => ({ value: id, display: user.userName });

/**
 * Okta (OIN template app), SCIM 2.0 reference (SOURCES.okta20) unless noted, one request per
 * documented operation of src/idp/okta-evidence.ts: test connection (two requests), assign (lookup
 * + POST of the app profile) for two users, profile update (GET + PUT), deactivate and reactivate,
 * group push (lookup, POST, the rename re-sent, add), a membership change (rename, then one PATCH
 * that removes and adds), "Push now" (rename, replace on members), a removal, a rename, and
 * "unlink with delete in the target app" (DELETE of the group).
 */
export async function runOktaScript(
  baseUrl: string,
  token: string,
  prefix = 'okta',
  dispatcher?: Dispatcher,
): Promise<ScriptedSession> {
  const client = new ScriptedClient(baseUrl, token, OKTA_HEADERS, dispatcher);
  // SCIM 1.1 reference, "Create Users": on saving the integration "Okta makes two requests".
  await client.send('test connection: users', 'GET', withQuery('/Users', { startIndex: '1', count: '2' }));
  await client.send('test connection: groups', 'GET', withQuery('/Groups', { startIndex: '1', count: '100' }));
  const assign = async (user: UserView): Promise<string> => {
    // "Determine if the User already exists": userName eq with startIndex=1&count=100.
    const lookup = oktaUserLookup(user);
    await client.send(`assign ${user.key}: lookup`, 'GET', withQuery(lookup.path, lookup.query));
    // "Create the User": every key of the sample (locale, emails {primary, value, type}, groups [], password).
    return ScriptedClient.idOf(await client.send(`assign ${user.key}: create`, 'POST', '/Users', oktaCreateBody(user)));
  };
  const alice = scriptedUser(prefix);
  const bob = scriptedUser(prefix, 'bob', 'Bob');
  const aliceId = await assign(alice);
  const bobId = await assign(bob);
  // "Retrieve the User", then "Update the User": the app profile with the change, and the SCIM id.
  await client.send('update: read', 'GET', `/Users/${aliceId}`);
  await client.send(
    'update: put',
    'PUT',
    `/Users/${aliceId}`,
    oktaPutBody(withChanges(alice, { givenName: 'Alicia' }), aliceId),
  );
  // "Update a specific User (PATCH)": (de)activation as a path-less replace of {active}.
  await client.send(
    'deactivate',
    'PATCH',
    `/Users/${aliceId}`,
    patchBody([{ op: 'replace', value: { active: false } }]),
  );
  await client.send(
    'reactivate',
    'PATCH',
    `/Users/${aliceId}`,
    patchBody([{ op: 'replace', value: { active: true } }]),
  );
  // Group push: "Retrieve Groups" (displayName eq, Okta holds no id yet), then "Create Groups" with no members.
  const displayName = `${prefix} Engineering`;
  const groupLookup = oktaGroupLookup(displayName);
  await client.send('push group: lookup', 'GET', withQuery(groupLookup.path, groupLookup.query));
  const groupId = ScriptedClient.idOf(
    await client.send('push group: create', 'POST', '/Groups', { schemas: [URN.group], displayName, members: [] }),
  );
  // "Update a specific Group name": the path-less replace of {id, displayName}, re-sent before
  // every membership PATCH (the order is inferred, quirk okta.rename-with-membership).
  const rename = (to: string) => patchBody([{ op: 'replace', value: { id: groupId, displayName: to } }]);
  const group = `/Groups/${groupId}`;
  const removal = (id: string) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` });
  await client.send('push group: rename', 'PATCH', group, rename(displayName));
  // "Update specific Group membership": add on members with [{value, display}].
  await client.send(
    'push group: add',
    'PATCH',
    group,
    patchBody([{ op: 'add', path: 'members', value: [oktaMember(aliceId, alice)] }]),
  );
  // Same section: a membership change removes and adds in one PATCH.
  await client.send('membership change: rename', 'PATCH', group, rename(displayName));
  await client.send(
    'membership change: remove and add',
    'PATCH',
    group,
    patchBody([removal(aliceId), { op: 'add', path: 'members', value: [oktaMember(bobId, bob)] }]),
  );
  // Same section: the full push ("Push now") replaces the member list.
  await client.send('push now: rename', 'PATCH', group, rename(displayName));
  await client.send(
    'push now: replace',
    'PATCH',
    group,
    patchBody([{ op: 'replace', path: 'members', value: [oktaMember(bobId, bob)] }]),
  );
  // Same section: a removal alone, by a value filter.
  await client.send('remove member: rename', 'PATCH', group, rename(displayName));
  await client.send('remove member', 'PATCH', group, patchBody([removal(bobId)]));
  // "Update a specific Group name": a new displayName.
  await client.send('rename group', 'PATCH', group, rename(`${prefix} Platform`));
  // "Delete a specific Group": unlink with "Delete the group in the target app".
  await client.send('unlink group: delete', 'DELETE', group);
  return { exchanges: client.exchanges, userId: aliceId, groupId };
}

/**
 * Entra ID (default SCIM job), one request per documented operation of src/idp/entra-evidence.ts:
 * the tutorial's samples (SOURCES.entraTutorial) and the known-issues page's default-mode shapes
 * (SOURCES.entraKnownIssues): test connection (a random userName lookup), lookup + create,
 * `Replace` of a value the user had, soft delete and restore with `"False"`/`"True"`, group lookup
 * with excludedAttributes=members, group create, members `Add` then `Remove`, a rename, the
 * group's delete and the user's hard delete.
 */
export async function runEntraScript(
  baseUrl: string,
  token: string,
  prefix = 'entra',
  dispatcher?: Dispatcher,
): Promise<ScriptedSession> {
  const client = new ScriptedClient(baseUrl, token, ENTRA_SCRIPT_HEADERS, dispatcher);
  const user = { ...scriptedUser(prefix), displayName: 'Alice Example' };
  // Tutorial, "Test Connection": a userName that cannot exist, answered 200 with an empty list.
  await client.send(
    'test connection',
    'GET',
    withQuery('/Users', { filter: eqFilter('userName', '7d1e9f4c-2a0b-4e53-9c1d-5f6a7b8c9d0e') }),
  );
  // Tutorial, "Get User by query": userName eq, no paging.
  await client.send('assign: lookup', 'GET', withQuery('/Users', { filter: eqFilter('userName', user.userName) }));
  // Tutorial, "Create User".
  const userId = ScriptedClient.idOf(await client.send('assign: create', 'POST', '/Users', entraUserBody(user)));
  const linked: UserView = { ...user, id: userId };
  // Tutorial, "Update User [Single-valued properties]": Replace with a path, for a value the user had.
  await client.send(
    'update',
    'PATCH',
    `/Users/${userId}`,
    patchBody(legacyUpdateOperations(linked, { displayName: 'Alicia Example' })),
  );
  // Known-issues page, "Requests made to disable users": {"op":"Replace","path":"active","value":"False"}.
  await client.send(
    'soft delete',
    'PATCH',
    `/Users/${userId}`,
    patchBody([{ op: opName('legacy', 'replace'), path: 'active', value: 'False' }]),
  );
  await client.send(
    'restore',
    'PATCH',
    `/Users/${userId}`,
    patchBody([{ op: opName('legacy', 'replace'), path: 'active', value: 'True' }]),
  );
  const group: GroupView = { key: 'staff', displayName: `${prefix} Staff`, members: [] };
  // Tutorial, "Get Group by displayName": excludedAttributes=members.
  await client.send(
    'push group: lookup',
    'GET',
    withQuery('/Groups', { excludedAttributes: 'members', filter: eqFilter('displayName', group.displayName) }),
  );
  // Tutorial, "Create Group": no members, the ADSCIM schema.
  const groupId = ScriptedClient.idOf(
    await client.send('push group: create', 'POST', '/Groups', entraGroupBody(group)),
  );
  const members: MemberRef[] = [{ key: 'alice', id: userId, display: user.userName }];
  // Tutorial, "Update Group [Add Members]" and "[Remove Members]".
  await client.send(
    'push group: add member',
    'PATCH',
    `/Groups/${groupId}`,
    patchBody([{ op: opName('legacy', 'add'), path: 'members', value: memberValues(members) }]),
  );
  await client.send(
    'remove member',
    'PATCH',
    `/Groups/${groupId}`,
    patchBody(removeMemberOperations('legacy', members)),
  );
  // Tutorial, "Update Group [Non-member attributes]": Replace on path displayName.
  await client.send(
    'rename group',
    'PATCH',
    `/Groups/${groupId}`,
    patchBody([{ op: opName('legacy', 'replace'), path: 'displayName', value: `${prefix} Staff renamed` }]),
  );
  // Tutorial, "Delete Group", and "Delete User" (the hard delete, 30 days after the soft delete).
  await client.send('delete group', 'DELETE', `/Groups/${groupId}`);
  await client.send('hard delete', 'DELETE', `/Users/${userId}`);
  return { exchanges: client.exchanges, userId, groupId };
}
