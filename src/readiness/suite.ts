import type { IdpName } from '../idp/profile-names.js';

/**
 * A vendor's validation (Microsoft's Entra gallery validator, Okta's OIN tests), replayed offline:
 * one row per test the vendor runs, by the vendor's own name, decided by the results of our
 * scenarios in scenarios/readiness/.
 */

/** A test the vendor runs, and what in our run decides it. */
export interface VendorTest {
  /** The vendor's own name for the test, e.g. `SCIM_User_Pagination_Test`, "Okta SPEC: Test Users endpoint with filter". */
  name: string;
  /** The document the test mirrors (file, section or URL). */
  citation: string;
  /** What the vendor's test sends and asserts, in one or two sentences. */
  summary: string;
  /**
   * What decides it, when it can be tested offline: steps of a readiness scenario (by scenario
   * name and step name) and/or catalogue check ids (globs) whose findings in those steps count.
   * Without `steps`, every step of the scenario decides it. A step entry also names the steps
   * whose name continues it after a space (`SCIM_User_Pagination_Test` takes
   * `SCIM_User_Pagination_Test page 0`, `… page 1`).
   */
  decidedBy?: { scenario: string; steps?: readonly string[]; checks?: readonly string[] };
  /** Why the test cannot be reproduced offline (a live tenant, a human looking at a UI, …). */
  notOffline?: string;
  /** What to change when the test is not ready, in the vendor's terms. */
  fix: string;
  /**
   * Set when the vendor does not block on this test (Microsoft reports a failed optional test as
   * WARNING): why. The row still reads `not ready`, but it does not fail the command.
   */
  optional?: string;
  /**
   * What it means when the deciding scenario did not run at all (e.g. the synthetic
   * `oauth-token-endpoint` scenario without OAuth options): the row is then `not ready` with this
   * reason. Without it, a scenario that did not run also reads `not ready`, "not run".
   */
  whenNotRun?: string;
  /**
   * How the vendor reads a test whose every deciding step was skipped (the server does not declare
   * what the test needs): set when the vendor skips it too and that does not block (Microsoft's
   * manager tests without a manager attribute). The row is then `ready` with this note; without
   * it, such a row is `not ready` with the skip reason.
   */
  whenSkipped?: string;
  /**
   * Set when the test can be tested offline only if the run used what it needs (a flow the user
   * opts into, e.g. a client assertion): with no deciding step, the row is `not testable offline`
   * with this reason (what to pass to test it) instead of `not ready`.
   */
  untestedWithout?: string;
  /**
   * The vendor needs this test or the one named here to pass (Microsoft: Validate_Credentials_Test
   * or Federated_Identity_Test). When the other is ready, this one not being ready does not block.
   */
  eitherWith?: string;
}

export type ReadinessSuiteName = 'entra-gallery' | 'okta-oin';

/** A vendor gate: its tests, in the order the vendor lists them, and the scenarios that decide them. */
export interface ReadinessSuite {
  name: ReadinessSuiteName;
  title: string;
  /** The IdP whose INTEROP rows set the levels of checks run outside the scenarios (the token endpoint's). */
  idp: IdpName;
  /** The documents the suite follows. */
  citations: readonly string[];
  /** Scenario files under scenarios/readiness/ (relative to it) that the suite runs. */
  scenarios: readonly string[];
  tests: readonly VendorTest[];
}

export type ReadinessVerdict = 'ready' | 'not ready' | 'not testable offline';
