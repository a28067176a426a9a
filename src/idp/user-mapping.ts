import { URN } from '../scim/urns.js';
import type { UserView } from './profile.js';

/**
 * Which of the admin's user attributes an IdP's attribute mapping carries to the server, and in
 * what shape. Declared once per profile (IdpProfile.userMapping): the profiles build their bodies
 * from it where they filter, and the expected model expects only what it says is sent, so a
 * scenario replayed under another IdP (`run --idp X`) never blames the server for an attribute
 * that IdP does not send, while a server that drops what it did send is still caught.
 */
export interface UserMapping {
  /**
   * The `type` of the one email it sends (RFC 7643 §4.1.2): "work" for most; authentik's default
   * mapping says "other"; null when the email goes without a `type` (Rauthy's ScimValue has only
   * value, display and primary: sebadob/rauthy, src/data/src/entity/scim_types.rs). RFC 7643
   * §4.1.2 makes `type` optional, so an untyped email is held when some email has its value.
   */
  emailType: string | null;
  /**
   * displayName: the admin's value when set (`given`), always "given family" derived from the
   * name, the userName when both are empty (`derived`, Keycloak's UserAdapter), or never (`none`).
   */
  displayName: 'given' | 'derived' | 'none';
  /** Whether the admin's externalId is sent (Keycloak sends its own user id instead). */
  externalId: boolean;
  /**
   * Attributes beyond userName, name, emails, displayName, externalId and active (`title`,
   * `name.middleName`, enterprise extension paths): all of them, those of the core User schema
   * only (a template without the extension schema), or none.
   */
  otherAttributes: 'all' | 'core' | 'none';
  /**
   * SCIM attribute paths an update carries, when it carries fewer than a create (Keycloak's
   * user-patchOp: active, userName, displayName). A change to anything else stays in the IdP.
   */
  updateSends?: readonly string[];
}

/** What the RFC 7644 clients send: everything the admin set, a work email. */
export const FULL_USER_MAPPING: UserMapping = {
  emailType: 'work',
  displayName: 'given',
  externalId: true,
  otherAttributes: 'all',
};

/**
 * The attribute path of the email the mapping sends, e.g. `emails[type eq "work"].value`, or
 * `emails.value` for an untyped email (src/checks/state-diff.ts holds it when any email has it).
 */
export function emailPath(mapping: UserMapping): string {
  return mapping.emailType === null ? 'emails.value' : `emails[type eq ${JSON.stringify(mapping.emailType)}].value`;
}

/** "given family", or the userName when both are empty (Keycloak's UserAdapter.toSCIM). */
export function derivedDisplayName(user: Pick<UserView, 'givenName' | 'familyName' | 'userName'>): string {
  return [user.givenName, user.familyName].filter(Boolean).join(' ') || user.userName;
}

/** Whether the mapping carries a further attribute (an attribute path of UserView.attributes). */
export function mapsAttribute(mapping: UserMapping, path: string): boolean {
  if (mapping.otherAttributes === 'all') return true;
  if (mapping.otherAttributes === 'none') return false;
  // `core`: a path that names an extension schema (RFC 7643 §3.3) is outside the core template.
  return !path.startsWith('urn:') || path.startsWith(`${URN.user}:`);
}

/** The user view without the further attributes the mapping does not carry: what the IdP sends of it. */
export function mappedView(user: UserView, mapping: UserMapping): UserView {
  if (mapping.otherAttributes === 'all') return user;
  const attributes = Object.fromEntries(
    Object.entries(user.attributes).filter(([path]) => mapsAttribute(mapping, path)),
  );
  return { ...user, attributes };
}

/**
 * The user as the mapping puts it on the server, by attribute path: what a read-back must show.
 * userName and active are always sent; the rest only when the admin set them (or, for a derived
 * displayName, always).
 */
export function sentUserAttributes(user: UserView, mapping: UserMapping): Record<string, unknown> {
  const sent: Record<string, unknown> = { userName: user.userName, active: user.active };
  if (user.givenName !== undefined) sent['name.givenName'] = user.givenName;
  if (user.familyName !== undefined) sent['name.familyName'] = user.familyName;
  if (user.email !== undefined) sent[emailPath(mapping)] = user.email;
  if (mapping.displayName === 'derived') sent.displayName = derivedDisplayName(user);
  else if (mapping.displayName === 'given' && user.displayName !== undefined) sent.displayName = user.displayName;
  if (mapping.externalId && user.externalId !== undefined) sent.externalId = user.externalId;
  for (const [path, value] of Object.entries(user.attributes)) if (mapsAttribute(mapping, path)) sent[path] = value;
  return sent;
}

/**
 * Where a scenario's expectation about a user attribute can be read on the server under this
 * mapping: the path itself, an email path retyped to the type the IdP sends, or undefined when the
 * IdP never sends the attribute (so the server cannot be expected to hold the scenario's value).
 */
export function pathAsSent(mapping: UserMapping, path: string): string | undefined {
  const email = /^emails\[type eq "([^"]*)"\](.*)$/.exec(path);
  if (email) {
    if (mapping.emailType !== null) return `emails[type eq ${JSON.stringify(mapping.emailType)}]${email[2]}`;
    // An untyped email has no typed element to compare whole; its sub-attributes read across all emails.
    return email[2] === '' ? undefined : `emails${email[2]}`;
  }
  if (path === 'displayName') return mapping.displayName === 'given' ? path : undefined;
  if (path === 'externalId') return mapping.externalId ? path : undefined;
  if (
    path === 'userName' ||
    path === 'active' ||
    path === 'emails' ||
    path === 'name' ||
    path === 'name.givenName' ||
    path === 'name.familyName'
  )
    return path;
  return mapsAttribute(mapping, path) ? path : undefined;
}
