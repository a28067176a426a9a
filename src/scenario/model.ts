import type { SourceSpan } from '../errors.js';
import type { IdpName } from '../idp/profile-names.js';

/** IdP profile names; the one list is src/idp/profile-names.ts, next to the profile registry. */
export type { IdpName };

/**
 * ServiceProviderConfig features a scenario can require: the RFC 7643 §5 features, each read from its
 * `supported` flag, and `asyncRequest`, read from `securityEvents.asyncRequest` (RFC 9967 §4:
 * `request` or `long` offer it; `none`, or no `securityEvents` at all, do not), and
 * `pagination.cursor`, read from that flag (RFC 9865 §4: a configuration without `pagination`
 * predates cursor paging, so it does not offer it).
 */
export type Feature =
  | 'patch'
  | 'bulk'
  | 'filter'
  | 'changePassword'
  | 'sort'
  | 'etag'
  | 'asyncRequest'
  | 'pagination.cursor';

/**
 * A user as the IdP admin sees it. Strings may hold templates (`{{run}}`), resolved at run time.
 * `userName` defaults to `email`; `attributes` carries any further SCIM attributes verbatim
 * (e.g. `title`, or the enterprise URN object).
 */
export interface UserSpec {
  key: string;
  userName?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  displayName?: string;
  externalId?: string;
  active?: boolean;
  attributes?: Record<string, unknown>;
  span: SourceSpan;
}

export interface GroupSpec {
  key: string;
  displayName: string;
  externalId?: string;
  span: SourceSpan;
}

/** What a raw `request` step expects of the response; bodies match as a subset. */
export interface ResponseExpectation {
  status?: number | number[];
  headers?: Record<string, string>;
  body?: unknown;
  /** A body the response must NOT contain as a subset (e.g. a resource a filter must exclude). */
  bodyNot?: unknown;
  /** JSON paths (`$.name`, `$.Resources[0].emails`) that must be absent (or null). */
  absent?: string[];
  /** JSON path → value the response must hold exactly there (deep equality). */
  paths?: Record<string, unknown>;
  /** JSON path → array length (an absent array counts as 0). */
  lengths?: Record<string, number>;
  /**
   * JSON path → the least value allowed there: a number at least this, or an array with at least
   * this many elements (e.g. a `filter.maxResults` of at least 100, draft-zollner-scim-interop-profile-01 §6.4).
   */
  atLeast?: Record<string, number>;
  /**
   * Answers the catalogue row grades below an error (SPEC-CHECKS "403 is a warning", "a 200 is
   * reported as info"): when the status is one of these, a failed `check:` verdict takes this level.
   */
  tolerate?: { status: number[]; level: 'warning' | 'info'; note: string }[];
}

/**
 * A step-level gate on what the server advertises: a ServiceProviderConfig feature (RFC 7643 §5)
 * and/or a schema named in /ResourceTypes (RFC 7643 §6), e.g. the enterprise extension.
 */
export interface FeatureGate {
  feature?: Feature;
  /** Run when the feature's `supported` equals this (default true). */
  supported: boolean;
  /** Run only when /ResourceTypes lists this schema URN (as `schema` or in `schemaExtensions`). */
  schema?: string;
  /**
   * Run only when /Schemas declares this attribute (RFC 7643 §7): `User.groups`, `User.name.givenName`,
   * or an extension attribute by its URN, `urn:…:enterprise:2.0:User:manager`.
   */
  attribute?: string;
}

/**
 * A bounded poll on a GET step: the request is sent again, `intervalMs` apart, until its `expect:`
 * holds or `attempts` sends have been made; the step is judged on the last answer, and a failure
 * says the expectation was not observed within that many attempts. For effects a server may apply
 * after answering, e.g. a write accepted with 202 (RFC 9967 §2.5.1.1). Never unbounded: the schema
 * caps both numbers.
 */
export interface PollSpec {
  attempts: number;
  intervalMs: number;
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Send without the Authorization header (auth negatives, RFC 7644 §2). */
  anonymous?: boolean;
}

/**
 * A user's standing in the admin's terms, which each profile maps to what it does on the wire:
 * `active` and `deactivated` are read as `active: true/false`; `unassigned` (taken out of the
 * app) and `deleted` (deleted in the IdP) as what that IdP's removal did: gone (404) where it
 * deletes, kept with `active: false` where it deactivates (Okta, Entra's soft delete).
 */
export type UserStatus = 'active' | 'deactivated' | 'unassigned' | 'deleted';

/** State the scenario asserts after a step, by scenario key. `exists`/`active` assert the raw server state. */
export interface StateExpectation {
  users?: Record<
    string,
    { status?: UserStatus; exists?: boolean; active?: boolean; attributes?: Record<string, unknown> }
  >;
  groups?: Record<string, { exists?: boolean; displayName?: string; members?: string[] }>;
}

interface StepBase {
  /** 0-based position in `steps`. */
  index: number;
  /** Optional label from the YAML `name:` key. */
  name?: string;
  span: SourceSpan;
}

/** The IdP actions and the two raw steps; the IdP profile decides what each sends. */
export type Step = StepBase &
  (
    | { action: 'testConnection' }
    | { action: 'assignUser'; user: string }
    | { action: 'updateUser'; user: string; set: Record<string, unknown> }
    | { action: 'deactivateUser'; user: string }
    | { action: 'reactivateUser'; user: string }
    | { action: 'unassignUser'; user: string }
    | { action: 'deleteUser'; user: string }
    | { action: 'pushGroup'; group: string; members: string[] }
    | { action: 'addMembers'; group: string; users: string[] }
    | { action: 'removeMembers'; group: string; users: string[] }
    | { action: 'renameGroup'; group: string; to: string }
    | { action: 'unlinkGroup'; group: string; deleteInTarget: boolean }
    | { action: 'deleteGroup'; group: string }
    | { action: 'importUsers'; pageSize?: number }
    | { action: 'importGroups'; pageSize?: number }
    | {
        action: 'request';
        request: RawRequest;
        expect?: ResponseExpectation;
        capture?: Record<string, string>;
        /** The SPEC-CHECKS row this step proves: `expect:` findings are reported under it. */
        check?: string;
        /** Run only when ServiceProviderConfig advertises (or denies) a feature; else skipped with the reason. */
        when?: FeatureGate;
        /**
         * Names of earlier steps this one builds on (e.g. its filter scope uses `or`): when one of
         * them did not prove its point, this step is skipped with a reason naming it.
         */
        needs?: string[];
        /** Re-send this read until `expect:` holds, within a fixed bound (see {@link PollSpec}). */
        poll?: PollSpec;
        /**
         * A schema URN: the request is sent once to each endpoint /ResourceTypes lists with this
         * schema (RFC 7643 §6), in place of `path`; `path` is sent when /ResourceTypes cannot be read.
         * Okta's Entitlements test pages every Role and Entitlement endpoint the server lists.
         */
        forEachEndpoint?: string;
      }
    | { action: 'expectState'; state: StateExpectation }
  );

export type ActionName = Step['action'];

export const ACTION_NAMES: readonly ActionName[] = [
  'testConnection',
  'assignUser',
  'updateUser',
  'deactivateUser',
  'reactivateUser',
  'unassignUser',
  'deleteUser',
  'pushGroup',
  'addMembers',
  'removeMembers',
  'renameGroup',
  'unlinkGroup',
  'deleteGroup',
  'importUsers',
  'importGroups',
  'request',
  'expectState',
];

/** A loaded, validated scenario. */
export interface Scenario {
  /** Path as the user gave it (or the built-in path). */
  file: string;
  name: string;
  description?: string;
  idp: IdpName;
  requires: Feature[];
  /** Environment variables the scenario may read as `{{env.NAME}}` (explicit opt-in). */
  env: string[];
  users: Record<string, UserSpec>;
  groups: Record<string, GroupSpec>;
  steps: Step[];
  /** The file's text, so diagnostics can show the offending line. */
  source: string;
}
