import type { MetaObservation } from '../checks/exchange/meta-tracking.js';
import type { StepRecorder } from '../executor/executor.js';

/**
 * One attribute where the server holds something other than what the IdP meant: a refused or
 * partly applied write. Reported once, at the step that caused it; later read-backs judge the
 * attribute against what the server holds until the IdP deliberately changes it again.
 */
export interface Divergence {
  /** An attribute path of a user (`name.familyName`), or `displayName` / `members[value eq "id"]` of a group. */
  path: string;
  /** What the IdP meant when the divergence was found (undefined: not there). */
  intended: unknown;
  /** What the server held then. */
  held: unknown;
  /** 1-based number of the step that caused it. */
  since: number;
  /** The verdict that reported it: a later note names the same root cause. */
  checkId: string;
}

/** How a refused IdP write was explained (src/engine/isolate-refusal.ts). */
export interface Settlement {
  checkId: string;
  proofExchangeId?: number;
}

function same(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * What one scenario learned about the server beyond the IdP's intent (the expected model): which
 * refused writes were explained and by what, which causes were already reported, and where the
 * server's state diverges from the model. Kept on the ScenarioContext (serverTruthOf).
 */
export class ServerTruth {
  /** Exchanges scim-check sent to prove a cause: never the IdP's own write, never a step's cause. */
  readonly probes = new Set<number>();
  /** Refused IdP writes (exchange id) and the verdict that explained them. */
  readonly settled = new Map<number, Settlement>();
  /** The last read-back of each resource id: its meta, and its data without meta in a canonical form. */
  readonly lastSeen = new Map<string, { meta: MetaObservation; content: string }>();
  private readonly steps = new WeakMap<StepRecorder, number>();
  private readonly reported = new Map<string, number>();
  private readonly divergences = new Map<string, Map<string, Divergence>>();

  /** Notes which step a recorder belongs to (0-based index in, 1-based number kept). */
  enterStep(step: StepRecorder, index: number): void {
    this.steps.set(step, index + 1);
  }

  /** The 1-based number of the step a recorder belongs to, when known. */
  stepNumber(step: StepRecorder): number | undefined {
    return this.steps.get(step);
  }

  /**
   * The step at which a root cause (check id plus normalised cause) was first reported in this
   * scenario, or undefined, in which case it is recorded as reported at `step` now.
   */
  reportedBefore(fingerprint: string, step: number): number | undefined {
    const earlier = this.reported.get(fingerprint);
    if (earlier === undefined) this.reported.set(fingerprint, step);
    return earlier;
  }

  /** Whether a root cause was reported in this scenario. */
  wasReported(fingerprint: string): boolean {
    return this.reported.has(fingerprint);
  }

  /**
   * The recorded divergences of a resource the IdP still means the same way; one whose intended
   * value changed since (a later step deliberately set it again) is forgotten, so it is judged
   * normally.
   */
  carried(resource: string, intended: Readonly<Record<string, unknown>>): Divergence[] {
    const recorded = this.divergences.get(resource);
    if (recorded === undefined) return [];
    for (const [path, divergence] of recorded) if (!same(intended[path], divergence.intended)) recorded.delete(path);
    return [...recorded.values()];
  }

  /** Every divergence recorded for a resource, as it stands. */
  recorded(resource: string): Divergence[] {
    return [...(this.divergences.get(resource)?.values() ?? [])];
  }

  /** Records divergences found by a read-back (replacing older ones on the same paths). */
  record(resource: string, divergences: readonly Divergence[]): void {
    if (divergences.length === 0) return;
    let recorded = this.divergences.get(resource);
    if (recorded === undefined) {
      recorded = new Map();
      this.divergences.set(resource, recorded);
    }
    for (const divergence of divergences) recorded.set(divergence.path, divergence);
  }

  /** Forgets a divergence the server no longer shows. */
  resolve(resource: string, path: string): void {
    this.divergences.get(resource)?.delete(path);
  }
}
