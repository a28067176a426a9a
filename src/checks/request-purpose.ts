/**
 * Why a request was sent. Profiles label every request they plan; checks use the label to
 * know which rules apply (a 201 is required of a create, a ListResponse of a lookup...).
 */
export type RequestPurpose =
  | 'discoverConfig'
  | 'listUsers'
  | 'lookupUser'
  | 'createUser'
  | 'getUser'
  | 'replaceUser'
  | 'patchUser'
  | 'deleteUser'
  | 'listGroups'
  | 'lookupGroup'
  | 'createGroup'
  | 'getGroup'
  | 'replaceGroup'
  | 'patchGroup'
  | 'deleteGroup'
  /** The engine reading a resource back to verify state; the IdP would not send it. */
  | 'readBack'
  /** A raw `request` step from the scenario: only the scenario's own expectations apply, plus passive rules. */
  | 'raw'
  /** Housekeeping at the end of a run. */
  | 'cleanup';

export type ResourceKind = 'User' | 'Group';

/** The resource type a purpose is about, if any. */
export function resourceKindOf(purpose: RequestPurpose): ResourceKind | undefined {
  if (/User/.test(purpose)) return 'User';
  if (/Group/.test(purpose)) return 'Group';
  return undefined;
}
