/*
 * The names under which the token-endpoint checks are reported (src/cli/token-checks-scenario.ts)
 * and by which the readiness suites find them: one synthetic scenario, one step per way the client
 * authenticated. A step is named `<flow> at <token URL>`; a suite names the flow alone (the judge
 * takes a step whose name continues its entry after a space).
 */

/** The synthetic scenario holding the TOKEN-* verdicts. */
export const TOKEN_SCENARIO = 'oauth-token-endpoint';

/** The step of client credentials with a secret (RFC 6749 §4.4). */
export const CLIENT_CREDENTIALS_STEP = 'client credentials';

/** The step of a client assertion, a JWT signed by the client's key (RFC 7523 §2.2). */
export const CLIENT_ASSERTION_STEP = 'client assertion';
