import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckResult } from '../checks/check-result.js';
import type { Exchange, ExchangeAttempt } from '../http/exchange.js';
import { decideRetry, retryPolicyFor } from '../http/retry-policy.js';
import type { Transport, TryResult, WireRequest } from '../http/transport.js';
import type { ActionOutcome, ActionProgram, IdpProfile, PlannedRequest } from '../idp/profile.js';
import {
  type AddressedTarget,
  addressedTarget,
  resolveUrl,
  resourcePath,
  UnsafeIdError,
} from '../scim/resource-path.js';
import type { RunLedger } from './ledger.js';
import { type CreationVerdict, confirmBulkCandidate, recordInLedger } from './record-in-ledger.js';
import { DEFAULT_MAX_RETRY_WAIT_MS, RetryBudget } from './retry-budget.js';
import { wireHeaders } from './wire-headers.js';
import { unsafeRequestReason } from './write-guard.js';

/** What one step accumulates while it runs: its exchanges, and the verdicts the checks stage adds. */
export interface StepRecorder {
  exchanges: Exchange[];
  checks: CheckResult[];
}

/** One finished exchange, as every subscriber (checks, reporters, progress, load stats) sees it. */
export interface ExchangeEvent {
  exchange: Exchange;
  planned: PlannedRequest;
  /** The profile it went out as; scim-check's own requests (preflight, read-backs) name the step's profile too. */
  idp: string;
  /** The step it belongs to, when the caller runs steps. */
  step: StepRecorder | undefined;
  /** What the final URL addressed below --base-url. */
  target: AddressedTarget;
  /** For a create: whether its answer identified what was sent, so the id became the run's. */
  creation: CreationVerdict | undefined;
}

export type ExchangeListener = (event: ExchangeEvent) => void;

/** Who is sending: the profile (headers, retry habits), the ledger scope of what it creates, its step. */
export interface SendOptions {
  profile?: Pick<IdpProfile, 'name' | 'headers'>;
  /** Who owns what this request creates (a scenario file, `load`); cleanup goes scope by scope. */
  scope?: string;
  step?: StepRecorder;
}

/** A request that was sent, or refused before it could be (write safety). */
export type Sent = { exchange: Exchange } | { refused: string };

/** How a program ended: its outcome, or why the executor stopped it. */
export type ProgramResult = { outcome: ActionOutcome } | { refused: string };

export interface ExecutorOptions {
  transport: Transport;
  ledger: RunLedger;
  /** `--max-retry-wait` in ms: one budget for the whole run. */
  maxRetryWaitMs?: number;
  /** Ctrl-C: a retry wait in progress ends at once and the last answer stands. */
  signal?: AbortSignal;
}

const DEFAULT_SCOPE = 'run';

/** Requests scim-check sends for itself (src/checks/request-purpose.ts), never on the IdP's behalf. */
const OWN_PURPOSES: ReadonlySet<string> = new Set(['readBack', 'cleanup']);

/**
 * The one door every request goes through (DESIGN.md): `run`, `matrix`, `load`, `--dry-run` and
 * the tests. It alone merges the profile's wire headers, refuses writes to anything the run did not
 * create (fail-closed, on the final URL), keeps the ledger of what the run created, retries by the
 * profile's policy within the run's budget, and numbers and publishes each exchange. What the
 * exchange means (checks), how it is shown (reporters) and what it counts (load) are subscribers.
 */
export class Executor {
  readonly ledger: RunLedger;
  private readonly listeners: ExchangeListener[] = [];
  private readonly base: URL;
  private readonly budget: RetryBudget;
  private sequence = 0;

  constructor(private readonly options: ExecutorOptions) {
    this.ledger = options.ledger;
    this.base = new URL(options.transport.baseUrl);
    this.budget = new RetryBudget(options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS);
    // Every retry wait in flight listens to the interrupt once (and stops when the wait ends); a
    // load run has as many in flight as its concurrency, which is not a leak.
    if (options.signal !== undefined) setMaxListeners(0, options.signal);
  }

  get baseUrl(): string {
    return this.options.transport.baseUrl;
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(listener: ExchangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** Sends one planned request, or refuses it; never throws for anything the server does. */
  async send(planned: PlannedRequest, options: SendOptions = {}): Promise<Sent> {
    return this.perform(planned, options, undefined);
  }

  /** `judge` replaces the ledger's own reading of the answer (a Bulk confirmation read carries its verdict). */
  private async perform(
    planned: PlannedRequest,
    options: SendOptions,
    judge: ((exchange: Exchange) => CreationVerdict) | undefined,
  ): Promise<Sent> {
    const method = planned.method.toUpperCase();
    const idp = options.profile?.name ?? 'generic';
    let url: URL;
    try {
      url = resolveUrl(this.base.toString(), planned.path, planned.query);
    } catch {
      const now = new Date().toISOString();
      const exchange: Exchange = {
        id: ++this.sequence,
        request: { method: planned.method, url: planned.path, headers: {} },
        error: { code: 'BAD_URL', message: `"${planned.path}" is not a valid URL or path` },
        startedAt: now,
        durationMs: 0,
      };
      this.publish({ exchange, planned, idp, step: options.step, target: { type: 'outside' }, creation: undefined });
      return { exchange };
    }
    // What the final URL addresses, worked out once: the guard, the ledger and the checks all read it.
    const target = addressedTarget(url, this.base);
    const refused = unsafeRequestReason(method, url, target, planned.body, this.base, this.ledger);
    if (refused !== undefined) return { refused };
    const wire: WireRequest = { method: planned.method, url, headers: wireHeaders(options.profile?.headers, planned) };
    if (planned.body !== undefined)
      wire.body = typeof planned.body === 'string' ? planned.body : JSON.stringify(planned.body);
    if (planned.anonymous) wire.anonymous = true;
    if (planned.redirectIsAnswer) wire.redirectIsAnswer = true;
    const link = this.cancelOnInterrupt(method);
    if (link !== undefined) wire.cancel = link.signal;
    let exchange: Exchange;
    try {
      // Read-backs and cleanup are scim-check's own requests, not the IdP's: the state must be read
      // and what the run created deleted, so they retry a 429 as the generic policy does, even
      // under an IdP that never retries one (Keycloak).
      exchange = await this.sendWithRetries(wire, OWN_PURPOSES.has(planned.purpose) ? 'generic' : idp);
    } finally {
      link?.dispose();
    }
    const scope = options.scope ?? DEFAULT_SCOPE;
    const recorded =
      judge !== undefined
        ? { creation: judge(exchange) }
        : recordInLedger(this.ledger, scope, target, method, planned.body, exchange, this.base.toString());
    const creation = recorded.creation;
    this.publish({ exchange, planned, idp, step: options.step, target, creation });
    // Added after the checks stage saw the exchange: CREATE-ID asks whether the id was issued *before*.
    if (creation?.id !== undefined) this.ledger.issuedIds.add(creation.id);
    for (const candidate of recorded.bulkCandidates ?? []) {
      await this.perform(
        {
          purpose: 'readBack',
          method: 'GET',
          path: resourcePath(candidate.kind, candidate.id),
          // A create accepted with 202 (RFC 9967) may not exist yet: a 404 here is "not yet", not a
          // failed read of an existing resource (READ-200 judges reads that name their target).
          ...(candidate.bulkId !== undefined ? { targetId: candidate.id } : {}),
        },
        options,
        (read) => confirmBulkCandidate(this.ledger, scope, candidate, read),
      );
    }
    return { exchange };
  }

  /**
   * Feeds a profile's action program: sends each request it yields and hands back the exchange,
   * until it returns its outcome. Stops it when it would write to a resource the run did not create.
   */
  async drive(program: ActionProgram, options: SendOptions = {}): Promise<ProgramResult> {
    try {
      let next = program.next();
      while (!next.done) {
        const sent = await this.send(next.value, options);
        if ('refused' in sent) {
          program.return({});
          return { refused: sent.refused };
        }
        next = program.next(sent.exchange);
      }
      return { outcome: next.value };
    } catch (error) {
      // A profile placed an id in a path that would address something else (resourcePath).
      if (error instanceof UnsafeIdError) return { refused: error.message };
      throw error;
    }
  }

  close(): Promise<void> {
    return this.options.transport.close();
  }

  /**
   * A read in flight when the run is interrupted ends at once instead of waiting out --timeout
   * (a hung server kept Ctrl-C waiting 30 s). Only reads, and only those that started before the
   * interrupt: reads that cleanup sends afterwards must be answered, and a write's answer holds
   * the id that cleanup deletes.
   */
  private cancelOnInterrupt(method: string): { signal: AbortSignal; dispose(): void } | undefined {
    const interrupt = this.options.signal;
    if (interrupt === undefined || interrupt.aborted || (method !== 'GET' && method !== 'HEAD')) return undefined;
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    interrupt.addEventListener('abort', abort, { once: true });
    return { signal: controller.signal, dispose: () => interrupt.removeEventListener('abort', abort) };
  }

  private publish(event: ExchangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** One request to its final answer: retried by the profile's policy (429, resets) within the run's budget. */
  private async sendWithRetries(wire: WireRequest, idp: string): Promise<Exchange> {
    const id = ++this.sequence;
    const policy = retryPolicyFor(idp);
    const attempts: ExchangeAttempt[] = [];
    let retryNote: string | undefined;
    let last: TryResult = await this.options.transport.send(wire);
    // An answer that is neither a 429 nor a failed connection is final: no retry policy applies.
    while (last.error !== undefined || last.response?.status === 429) {
      const decision = decideRetry(policy, {
        method: wire.method,
        attempt: attempts.length + 1,
        now: Date.now(),
        ...(last.response !== undefined ? { status: last.response.status } : {}),
        ...(last.response?.headers['retry-after'] !== undefined
          ? { retryAfter: last.response.headers['retry-after'] }
          : {}),
        ...(last.response === undefined && last.error !== undefined ? { errorCode: last.error.code } : {}),
      });
      if (!decision.retry) {
        retryNote = decision.note;
        break;
      }
      if (!this.budget.take(decision.waitMs)) {
        retryNote = `not retried: ${decision.reason}, more than the ${Math.round(this.budget.leftMs / 1000)} s left of --max-retry-wait`;
        break;
      }
      attempts.push({
        startedAt: last.startedAt,
        durationMs: last.durationMs,
        ...(last.response !== undefined ? { status: last.response.status } : {}),
        ...(last.error !== undefined ? { error: last.error } : {}),
        waitMs: decision.waitMs,
        reason: decision.reason,
      });
      if (decision.waitMs > 0) {
        try {
          await sleep(decision.waitMs, undefined, this.options.signal ? { signal: this.options.signal } : {});
        } catch {
          retryNote = 'not retried: the run was interrupted during the wait';
          attempts.pop();
          break;
        }
      }
      last = await this.options.transport.send(wire);
    }
    const exchange: Exchange = { id, request: last.request, startedAt: last.startedAt, durationMs: last.durationMs };
    if (last.response !== undefined) exchange.response = last.response;
    if (last.error !== undefined) exchange.error = last.error;
    // A 429 that stands is runtime trouble (we got no verdict on the request), not non-conformance.
    if (last.response?.status === 429 && last.error === undefined) {
      const tries = attempts.length + 1;
      exchange.error = {
        code: 'RATE_LIMITED',
        message: `the server answered 429 Too Many Requests${tries > 1 ? ` ${tries} times` : ''}; ${retryNote ?? 'not retried'}`,
      };
    }
    if (attempts.length > 0) exchange.attempts = attempts;
    if (retryNote !== undefined) exchange.retryNote = retryNote;
    return exchange;
  }
}
