import { generatedEmail, standIn } from './name-entities.js';
import type { RecordedGroup, RecordedUser, UserReference } from './recognised-step.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Body keys whose string values are protocol, not data: kept as recorded in raw steps. */
const PROTOCOL_KEYS = new Set(['schemas', 'op', 'path', 'type', 'primary', 'resourceType', '$ref']);

/** Attributes of a create body the draft's user spec never declares: the IdP derives or generates them. */
const DERIVED = new Set([
  'schemas',
  'id',
  'meta',
  'userName',
  'name',
  'emails',
  'externalId',
  'password',
  'groups',
  'active',
  'displayName',
  'roles',
]);

/**
 * Rewrites recorded values for the draft: the recorded server's ids and names as template
 * references to the scenario's users and groups, every other recorded string as a generated
 * stand-in, so a draft holds no personal data and addresses what its own run created.
 */
export class DraftValues {
  private counter = 0;

  constructor(
    private readonly users: readonly RecordedUser[],
    private readonly groups: readonly RecordedGroup[],
  ) {}

  /** A recorded string as a template reference when it is a known id or name. */
  reference(text: string): string | undefined {
    const lower = text.toLowerCase();
    for (const user of this.users) {
      if (user.id !== undefined && text === user.id) return `{{users.${user.key}.id}}`;
      if (lower === user.userName.toLowerCase()) return `{{users.${user.key}.userName}}`;
    }
    for (const group of this.groups) {
      if (group.id !== undefined && text === group.id) return `{{groups.${group.key}.id}}`;
      if (text === group.displayName || text === group.currentName) return `{{groups.${group.key}.displayName}}`;
    }
    return undefined;
  }

  /** A path with the ids in it rewritten (`/Users/2819…` → `/Users/{{users.alice.id}}`). */
  path(path: string): string {
    return path
      .split('/')
      .map((segment) => (segment === '' ? segment : (this.reference(decodeURIComponent(segment)) ?? segment)))
      .join('/');
  }

  /** A filter with its quoted values rewritten; an unknown value becomes a generated one. */
  filter(filter: string): string {
    return filter.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => {
      let value: string;
      try {
        value = JSON.parse(whole) as string;
      } catch {
        return whole;
      }
      return `"${this.reference(value) ?? (inner === '' ? '' : `value ${++this.counter}`)}"`;
    });
  }

  /** A recorded body with references in place of ids and names, and stand-ins for every other string. */
  body(value: unknown, key = ''): unknown {
    if (typeof value === 'string') {
      if (PROTOCOL_KEYS.has(key) || /^(true|false)$/i.test(value)) return value;
      return this.reference(value) ?? standIn(value, key || 'value', ++this.counter, 'user');
    }
    if (Array.isArray(value)) return value.map((item) => this.body(item, key));
    if (isObject(value)) {
      const result: Json = {};
      for (const [name, inner] of Object.entries(value)) result[name] = this.body(inner, name);
      return result;
    }
    return value;
  }

  /** The `users:` entry of a user: generated names and email, further attributes as stand-ins. */
  userSpec(user: RecordedUser, n: number): Json {
    const created = user.created ?? {};
    const spec: Json = {};
    const name = isObject(created.name) ? created.name : {};
    if (name.givenName !== undefined) spec.givenName = 'Test';
    if (name.familyName !== undefined) spec.familyName = `User ${n}`;
    // Declared when the IdP sent one: Entra sends it only then, and an update of it is Replace, not Add.
    if (typeof created.displayName === 'string') spec.displayName = `Test User ${n}`;
    if (Array.isArray(created.emails) && created.emails.length > 0) spec.email = generatedEmail(user.key);
    else spec.userName = generatedEmail(user.key);
    const attributes: Json = {};
    for (const [attribute, value] of Object.entries(created)) {
      if (DERIVED.has(attribute)) continue;
      if (attribute.startsWith('urn:') && isObject(value)) {
        for (const [inner, innerValue] of Object.entries(value))
          if (inner !== 'manager') attributes[`${attribute}:${inner}`] = standIn(innerValue, inner, n, user.key);
      } else if (!attribute.startsWith('urn:')) {
        attributes[attribute] = standIn(value, attribute, n, user.key);
      }
    }
    if (Object.keys(attributes).length > 0) spec.attributes = attributes;
    return spec;
  }

  /** A `set:` block: the manager by reference, booleans as booleans, every other value generated. */
  changes(user: RecordedUser, set: Record<string, unknown>): Json {
    const result: Json = {};
    for (const [key, value] of Object.entries(set)) {
      const n = ++this.counter;
      if (isObject(value) && 'userRef' in value)
        result[key] = `{{users.${(value as unknown as UserReference).userRef.key}.id}}`;
      else if (key === 'active') result[key] = /^true$/i.test(String(value));
      else if (key === 'email') result[key] = generatedEmail(user.key, n);
      else result[key] = standIn(value, key, n, user.key);
    }
    return result;
  }
}
