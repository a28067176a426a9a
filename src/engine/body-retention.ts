import type { CheckResult } from '../checks/check-result.js';
import { detachedStart } from '../checks/finding-value.js';
import type { BodyKept, Exchange } from '../http/exchange.js';

/*
 * How much of the bodies it exchanged a run keeps until the end. Every report reads exchanges only
 * after the run (pretty and JUnit show excerpts of the failed ones, HAR writes them all), so they
 * were held whole: a server answering near the 10 MiB read cap grew the run by about 22 MB per
 * request (the text and its parse), and the built-in suite sends about 1,000 requests. Instead,
 * once a step has ended, each of its exchanges keeps:
 *
 * - for an exchange a check failed on (or that errored): its bodies whole, while the run has kept
 *   less than RETAINED_BODY_BUDGET in all; past that, their first EXCERPT_CHARS;
 * - for every other exchange: its bodies whole when each is at most PASSING_BODY_MAX and passing
 *   exchanges have kept less than PASSING_SHARE in all (half the budget stays for failures);
 *   otherwise their first EXCERPT_CHARS.
 *
 * A body of at most EXCERPT_CHARS is always kept, and not counted. The parsed JSON is dropped in
 * every case (reports parse the text they show). A body that was cut says so in `bodyKept` (its
 * whole size, and why), which the HAR reporter turns into `content.size` and a `comment`. So a run
 * keeps at most RETAINED_BODY_BUDGET of bodies plus EXCERPT_CHARS per body, whatever the server
 * sends. Not judged: the exchanges of the step still running (its own code, its checks and its
 * read-backs use them whole), and the preflight's two, sent before the checks stage starts.
 */

/** Bytes of body kept whole across the run (UTF-8, as on the wire). */
export const RETAINED_BODY_BUDGET = 64 * 1024 * 1024;
/** The part of the budget exchanges that passed may use. */
export const PASSING_SHARE = RETAINED_BODY_BUDGET / 2;
/** A body of a passing exchange is kept whole only up to this size. */
export const PASSING_BODY_MAX = 64 * 1024;
/** What is kept of a body that is not kept whole: its first characters (bytes, for ASCII JSON). */
export const EXCERPT_CHARS = 4 * 1024;

const MIB = 1024 * 1024;

function size(bytes: number): string {
  return bytes >= MIB
    ? `${(bytes / MIB).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KiB`
      : `${bytes} bytes`;
}

/** The run's retention budget: what it has kept so far, and the verdict on each finished step's bodies. */
export class BodyRetention {
  private keptWhole = 0;
  private keptWholePassing = 0;
  private readonly done = new WeakSet<Exchange>();

  constructor(private readonly budget: number = RETAINED_BODY_BUDGET) {}

  /** Bytes of body kept whole so far. */
  get keptBytes(): number {
    return this.keptWhole;
  }

  /**
   * Applies the policy to the exchanges of a step that has ended, given its verdicts (which say
   * which exchanges failed). Each exchange is judged once; later calls leave it alone.
   */
  retainStep(exchanges: readonly Exchange[], checks: readonly CheckResult[]): void {
    const failed = new Set<number>();
    for (const check of checks) {
      if (check.status !== 'failed') continue;
      if (check.exchangeId !== undefined) failed.add(check.exchangeId);
      if (check.causeExchangeId !== undefined) failed.add(check.causeExchangeId);
    }
    for (const exchange of exchanges) this.retain(exchange, exchange.error !== undefined || failed.has(exchange.id));
  }

  /** Applies the policy to one exchange whose users are done with it. */
  retain(exchange: Exchange, failed: boolean): void {
    if (this.done.has(exchange)) return;
    this.done.add(exchange);
    const { request, response } = exchange;
    if (request.body !== undefined) {
      const kept = this.decide(request.body, failed);
      if (kept !== undefined) {
        request.body = detachedStart(request.body, EXCERPT_CHARS);
        request.bodyKept = { ...kept, kept: request.body.length };
      }
    }
    if (response !== undefined) {
      delete response.json;
      const kept = this.decide(response.body, failed);
      if (kept !== undefined) {
        response.body = detachedStart(response.body, EXCERPT_CHARS);
        response.bodyKept = { ...kept, kept: response.body.length };
      }
    }
  }

  /** Undefined: keep the body whole (and count it); else what is left of it and why. */
  private decide(body: string, failed: boolean): BodyKept | undefined {
    if (body.length <= EXCERPT_CHARS) return undefined;
    const length = Buffer.byteLength(body);
    if (failed) {
      if (this.keptWhole + length <= this.budget) {
        this.keptWhole += length;
        return undefined;
      }
      return {
        size: length,
        kept: EXCERPT_CHARS,
        reason: `only the first ${size(EXCERPT_CHARS)} of ${size(length)} kept: scim-check keeps bodies whole up to ${size(this.budget)} per run, and that was spent`,
      };
    }
    if (length > PASSING_BODY_MAX) {
      return {
        size: length,
        kept: EXCERPT_CHARS,
        reason: `only the first ${size(EXCERPT_CHARS)} of ${size(length)} kept: the exchange passed its checks, and scim-check keeps such bodies whole only up to ${size(PASSING_BODY_MAX)}`,
      };
    }
    const share = Math.min(PASSING_SHARE, this.budget / 2);
    if (this.keptWholePassing + length <= share && this.keptWhole + length <= this.budget) {
      this.keptWhole += length;
      this.keptWholePassing += length;
      return undefined;
    }
    return {
      size: length,
      kept: EXCERPT_CHARS,
      reason: `only the first ${size(EXCERPT_CHARS)} of ${size(length)} kept: scim-check keeps bodies of exchanges that passed whole up to ${size(share)} per run, and that was spent`,
    };
  }
}
