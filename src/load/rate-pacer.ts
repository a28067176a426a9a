import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces request starts evenly to at most `perSecond` (`--rate`), across every worker: each caller
 * reserves the next free slot and sleeps until it. Entra, for one, expects gallery apps to sustain
 * 25 requests per second (IDP-NOTES.md), so `--rate 25` reproduces its pace. The load transport
 * asks it before every try, so retries are paced too.
 */
export class RatePacer {
  private nextSlotMs = 0;
  private readonly intervalMs: number;

  constructor(perSecond: number) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when this request may start. */
  async wait(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.nextSlotMs);
    this.nextSlotMs = slot + this.intervalMs;
    if (slot > now) await sleep(slot - now);
  }
}
