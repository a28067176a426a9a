import type { IdpProfile, PlannedRequest } from '../idp/profile.js';
import { KeyPool, keyFrom } from './name-entities.js';
import { referencedId } from './patch-operations.js';
import type { RecognisedStep, RecordedGroup, RecordedUser } from './recognised-step.js';
import type { RecordedExchange } from './recorded-exchange.js';

/*
 * What every recognition rule reads: the recording from the current request on, the users and
 * groups seen so far, and what the chosen profile says about requests the wire cannot tell apart.
 */

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `attr eq "value"` (RFC 7644 §3.4.2.2): the attribute and the value, JSON-unescaped. */
export function eqFilter(exchange: RecordedExchange): { attribute: string; value: string } | undefined {
  const filter = parameter(exchange, 'filter');
  const match = filter === undefined ? null : /^\s*([\w.:$-]+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i.exec(filter);
  if (match === null) return undefined;
  try {
    return { attribute: match[1]!, value: JSON.parse(match[2]!) as string };
  } catch {
    return undefined;
  }
}

/** A query parameter's first value. */
export const parameter = (exchange: RecordedExchange, name: string): string | undefined =>
  exchange.query.find(([key]) => key === name)?.[1];

/** The `id` of a response body, when it has one. */
export const responseId = (exchange: RecordedExchange): string | undefined => {
  const id = isObject(exchange.responseBody) ? exchange.responseBody.id : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** Users and groups seen so far, by the recorded server's ids and by name. */
export class Directory {
  readonly users: RecordedUser[] = [];
  readonly groups: RecordedGroup[] = [];
  private readonly keys = new KeyPool();

  userById(id: string | undefined): RecordedUser | undefined {
    return id === undefined ? undefined : this.users.find((user) => user.id === id);
  }

  userByName(userName: string): RecordedUser | undefined {
    return this.users.find((user) => user.userName.toLowerCase() === userName.toLowerCase());
  }

  groupById(id: string | undefined): RecordedGroup | undefined {
    return id === undefined ? undefined : this.groups.find((group) => group.id === id);
  }

  addUser(userName: string): RecordedUser {
    const user: RecordedUser = { key: this.keys.take(keyFrom(userName, 'user')), userName };
    this.users.push(user);
    return user;
  }

  addGroup(displayName: string): RecordedGroup {
    const group: RecordedGroup = {
      key: this.keys.take(keyFrom(displayName, 'group')),
      displayName,
      currentName: displayName,
      members: [],
    };
    this.groups.push(group);
    return group;
  }

  /** Members by their recorded ids; undefined when one is a user the recording never showed. */
  members(values: unknown): RecordedUser[] | undefined {
    if (!Array.isArray(values)) return undefined;
    const users: RecordedUser[] = [];
    for (const value of values) {
      const user = this.userById(referencedId(value));
      if (user === undefined) return undefined;
      users.push(user);
    }
    return users;
  }
}

/** The recording at the request being recognised, and what the rules share. */
export interface Cursor {
  exchanges: readonly RecordedExchange[];
  index: number;
  directory: Directory;
  profile?: IdpProfile;
}

/** The request `offset` places after the current one. */
export const at = (cursor: Cursor, offset: number): RecordedExchange | undefined =>
  cursor.exchanges[cursor.index + offset];

/** The current request kept as a raw `request:` step, with why no action covers it. */
export const raw = (cursor: Cursor, why: string): RecognisedStep => ({
  action: 'request',
  why,
  exchanges: [cursor.exchanges[cursor.index]!],
});

/**
 * The action the profile documents for a request (its `documentedOperations`, src/idp/*-evidence.ts),
 * for requests that mean different actions to different IdPs: a group DELETE is Okta's unlink with
 * "Delete the group in the target app" and Entra's group delete.
 */
export function documentedAction(profile: IdpProfile | undefined, request: PlannedRequest): string | undefined {
  return profile?.documentedOperations?.find((operation) => operation.matches(request))?.action;
}
