/** Exit codes (DESIGN.md); scripts and CI gates depend on them, so never change their meaning. */
export const EXIT = {
  /** Every selected check passed. */
  ok: 0,
  /** A check failed, or a step errored mid-run. */
  failed: 1,
  /** Could not run as asked: bad flag, invalid scenario, missing token, preflight failed. */
  usage: 2,
  /** Interrupted (SIGINT, SIGTERM or SIGHUP); cleanup still ran and partial reports were written. */
  interrupted: 130,
} as const;
