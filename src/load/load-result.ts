import type { PossibleLeftover } from '../executor/ledger.js';
import type { IdpName } from '../scenario/model.js';
import type { ResourceKind } from '../scim/resource-path.js';

/** The stages of an initial sync as an IdP runs it, then our own verification and housekeeping. */
export type LoadPhaseName = 'connect' | 'users' | 'groups' | 'verify' | 'changes' | 'cleanup';

/** How big and how fast a load run is: asked for by the CLI (LoadShape), echoed in the result. */
export interface LoadScale {
  runId: string;
  users: number;
  groups: number;
  membersPerGroup: number;
  concurrency: number;
  ratePerSecond?: number;
}

/** One phase: how many IdP actions ran, how many failed (and the first reason), how long it took. */
export interface LoadPhaseResult {
  name: LoadPhaseName;
  actions: number;
  failed: number;
  firstFailure?: string;
  /** Actions the profile's IdP does not do at all (neither done nor failed), and why. */
  skipped: number;
  skipReason?: string;
  durationMs: number;
}

/** Read-back of a sample of what the sync created, compared with what the IdP sent. */
export interface SampleResult {
  users: number;
  groups: number;
  mismatches: number;
  /** The first few mismatches, for the report. */
  examples: string[];
}

/** Per request kind, as the JSON report and the summary table show it. Durations in ms, 2 decimals. */
export interface LoadKindReport {
  kind: string;
  count: number;
  /** Failed after retries, by HTTP status or transport error code. */
  errors: Record<string, number>;
  retried429: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Requests per second over the span in which this kind was sent. */
  throughputPerSecond: number;
}

/** A resource the run created and could not delete, with the reason (the shape `run` reports as `leftovers`). */
export interface LeftBehind {
  resourceType: ResourceKind;
  id: string;
  name: string;
  reason: string;
}

/** At most this many leftovers of each sort are listed; the counts are always complete. */
export const MAX_LISTED_LEFTOVERS = 100;

/** What cleanup deleted, what it could not, and what may exist although the run holds no id for it. */
export interface CleanupResult {
  deleted: number;
  /** How many created resources could not be deleted (listed in `leftBehind`). */
  leftovers: number;
  skipped: boolean;
  /** The first MAX_LISTED_LEFTOVERS of them, with reasons. */
  leftBehind: LeftBehind[];
  /**
   * Creates whose outcome the run could not use (timed out, a 5xx, an answer that does not
   * identify what was sent): the server may hold them, findable only by name. The first
   * MAX_LISTED_LEFTOVERS, in the ledger's shape.
   */
  possibleLeftovers: PossibleLeftover[];
  possibleLeftoverCount: number;
}

/**
 * What a load run measured, as plain data (it crosses from the load worker to the CLI thread);
 * reporters format it, nothing reads it back into the run.
 */
export interface LoadResult extends LoadScale {
  baseUrl: string;
  embedded: boolean;
  idp: IdpName;
  phases: LoadPhaseResult[];
  /** Per request kind, in the order the kinds were first sent. */
  requests: LoadKindReport[];
  totals: { requests: number; errors: number; retried429: number };
  sampling: SampleResult;
  cleanup: CleanupResult;
  durationMs: number;
  /** Largest resident set size seen while running, of the whole process (the embedded server included when used). */
  peakRssBytes: number;
  interrupted: boolean;
}
