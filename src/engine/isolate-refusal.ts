import type { CheckResult, Finding } from '../checks/check-result.js';
import { toCheckResult } from '../checks/run-exchange-checks.js';
import { bodyObject, type Exchange, isSuccess } from '../http/exchange.js';
import {
  parseBody,
  QUIRKS,
  type Quirk,
  type QuirkRequest,
  quirksIn,
  refusesContent,
  withRfcForm,
} from '../scim/patch/quirks.js';
import { addressedTarget } from '../scim/resource-path.js';
import { type ScenarioContext, type StepRecorder, serverTruthOf } from './run-context.js';
import { sendInStep } from './send-in-step.js';

// Proven causes (issue 12). An IdP write that carries IdP habits (capitalised ops, "False"
// strings, a one-element array for manager...) and is refused may be refused for any of them, or
// for none. Blaming one without proof named the wrong cause on every real server it ran against,
// so the engine re-sends the same request with one habit at a time in RFC form and names the
// habit whose RFC form the server accepts. Only resources this run created are written to: the
// re-send goes through the executor, whose write guard refuses anything else.

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/** The IdP's request again, as the quirk finder and the re-send need it. */
interface Replay extends QuirkRequest {
  url: string;
}

function replayOf(exchange: Exchange, baseUrl: string): Replay | undefined {
  const method = exchange.request.method.toUpperCase();
  if (!WRITES.has(method)) return undefined;
  let target: ReturnType<typeof addressedTarget>;
  try {
    target = addressedTarget(new URL(exchange.request.url), new URL(baseUrl));
  } catch {
    return undefined;
  }
  const kind = target.type === 'resource' || target.type === 'collection' ? target.kind : undefined;
  // A body the run kept only in part cannot be sent again as it was.
  if (exchange.request.bodyKept !== undefined) return undefined;
  return { method, kind, body: parseBody(exchange.request.body), url: exchange.request.url };
}

/** The habits of an IdP write, or none (not a write, not JSON, RFC form). */
export function quirksOfWrite(exchange: Exchange, baseUrl: string): { replay: Replay; quirks: Quirk[] } | undefined {
  const replay = replayOf(exchange, baseUrl);
  if (replay === undefined) return undefined;
  const quirks = quirksIn(replay);
  return quirks.length > 0 ? { replay, quirks } : undefined;
}

/** The server's refusal in one line: status, scimType and its own `detail`. */
export function refusalText(exchange: Exchange): string {
  if (!exchange.response) return `no response (${exchange.error?.code ?? 'error'})`;
  const body = bodyObject(exchange) as Record<string, unknown> | undefined;
  const scimType = typeof body?.scimType === 'string' ? ` ${body.scimType}` : '';
  const detail = typeof body?.detail === 'string' ? `: ${body.detail}` : '';
  return `${exchange.response.status}${scimType}${detail}`.slice(0, 300);
}

function detailOf(exchange: Exchange): string | undefined {
  const detail = (bodyObject(exchange) as Record<string, unknown> | undefined)?.detail;
  return typeof detail === 'string' ? detail : undefined;
}

function requestLine(replay: Replay): string {
  const url = new URL(replay.url);
  return `${replay.method} ${url.pathname}${url.search}`;
}

/** The request body with each of these habits in RFC form and the rest as the IdP sent it. */
function rfcFormOf(replay: Replay, kinds: readonly Quirk[]): unknown {
  return kinds.reduce<unknown>((body, quirk) => withRfcForm({ ...replay, body }, quirk.kind), replay.body);
}

/**
 * A re-send is scim-check's experiment, not the IdP's behaviour: the passive checks that judged
 * its answer as it arrived are dropped (the IdP's own request was judged), so a server with, say,
 * a malformed error body is not reported once per re-send.
 */
function unjudged(step: StepRecorder, exchangeId: number): void {
  for (let index = step.checks.length - 1; index >= 0; index--)
    if (step.checks[index]!.exchangeId === exchangeId) step.checks.splice(index, 1);
}

/** What the re-sends proved: the habits that made the difference, and the exchange that shows it. */
interface Proof {
  causes: Quirk[];
  proof: Exchange;
  /** Habits already proven earlier in the scenario, sent in RFC form alongside (they are known causes). */
  alongside: Quirk[];
}

/**
 * Re-sends the request with habits in RFC form until `proves` says an answer made the
 * difference. Habits this scenario already proved are known causes: they are sent in RFC form
 * first on their own (the same server refuses them again), then together with each other habit
 * alone. With `combinations`, when no single habit explains it, the smallest set of habits whose
 * RFC form is accepted names them all: a server may refuse two habits of one request. Every
 * re-send is recorded as a probe, so it is never taken for the IdP's own write.
 */
async function findCauses(
  replay: Replay,
  quirks: readonly Quirk[],
  context: ScenarioContext,
  step: StepRecorder,
  proves: (sent: Exchange) => Promise<boolean>,
  combinations: boolean,
): Promise<Proof | undefined> {
  const truth = serverTruthOf(context);
  let stopped = false;
  const attempt = async (kinds: readonly Quirk[]): Promise<Exchange | undefined> => {
    if (stopped) return undefined;
    const sent = await sendInStep(
      { purpose: 'raw', method: replay.method, path: replay.url, body: rfcFormOf(replay, kinds) },
      context,
      step,
    );
    // The write guard stopped it (not a resource of this run), or no answer came: nothing can be proved.
    if (!('exchange' in sent) || sent.exchange.response === undefined) {
      stopped = true;
      if ('exchange' in sent) {
        truth.probes.add(sent.exchange.id);
        unjudged(step, sent.exchange.id);
      }
      return undefined;
    }
    truth.probes.add(sent.exchange.id);
    unjudged(step, sent.exchange.id);
    return (await proves(sent.exchange)) ? sent.exchange : undefined;
  };
  const known = quirks.filter((quirk) => truth.wasReported(quirk.checkId));
  const fresh = quirks.filter((quirk) => !known.includes(quirk));
  if (known.length > 0) {
    const proof = await attempt(known);
    if (proof !== undefined) return { causes: known, proof, alongside: [] };
  }
  for (const quirk of fresh) {
    const proof = await attempt([...known, quirk]);
    if (proof !== undefined) return { causes: [quirk], proof, alongside: known };
  }
  if (!combinations) return undefined;
  // No single habit: the smallest set whose RFC form is accepted. Its first acceptance is the only
  // clean answer (an accepted write changes the resource, and later answers may depend on that).
  for (const set of subsetsBySize(fresh)) {
    const proof = await attempt([...known, ...set]);
    if (proof !== undefined) return { causes: set, proof, alongside: known };
    if (stopped) return undefined;
  }
  return undefined;
}

/** Subsets of two or more habits, smallest first; past four habits only the whole set (the count grows fast). */
function subsetsBySize(quirks: readonly Quirk[]): Quirk[][] {
  if (quirks.length < 2) return [];
  if (quirks.length > 4) return [[...quirks]];
  const all: Quirk[][] = [];
  for (let mask = 1; mask < 1 << quirks.length; mask++) {
    const set = quirks.filter((_quirk, index) => (mask & (1 << index)) !== 0);
    if (set.length >= 2) all.push(set);
  }
  return all.sort((left, right) => left.length - right.length);
}

/**
 * The verdicts naming the proven habits, each with both requests (the IdP's and the re-send that
 * made the difference); an info note instead for a habit this scenario already reported.
 */
function provenVerdicts(
  original: Exchange,
  replay: Replay,
  found: Proof,
  how: string,
  context: ScenarioContext,
  step: StepRecorder,
): CheckResult[] {
  const truth = serverTruthOf(context);
  const stepNumber = truth.stepNumber(step) ?? 0;
  const { proof } = found;
  const sentBody = rfcFormOf(replay, [...found.alongside, ...found.causes]);
  const outcome = isSuccess(proof) ? 'applied' : `answered ${proof.response!.status}`;
  const also =
    found.alongside.length > 0
      ? ` (with ${found.alongside.map((quirk) => QUIRKS[quirk.kind].title).join('; ')} also in RFC form)`
      : '';
  return found.causes.map((quirk) => {
    const earlier = truth.reportedBefore(quirk.checkId, stepNumber);
    const { title, rfcForm } = QUIRKS[quirk.kind];
    const others = found.causes.filter((other) => other !== quirk);
    const together =
      others.length > 0
        ? ` together with ${others.map((other) => QUIRKS[other.kind].rfcForm).join('; ')} (neither alone was accepted)`
        : '';
    const finding: Finding = {
      message: `${how} the IdP's request carrying ${title}: ${quirk.occurrences.join('; ')} (exchange #${original.id}); the same request with ${rfcForm}${together}${also} was ${outcome} (exchange #${proof.id}), so this habit is the cause. ${context.profile.title} sends it this way, so a server that must work with it accepts it`,
      path: quirk.occurrences.join('; '),
      expected: { request: requestLine(replay), body: sentBody, answer: proof.response!.status },
      actual: { request: requestLine(replay), body: replay.body, answer: refusalText(original) },
    };
    const verdict = toCheckResult(quirk.checkId, { idp: context.profile.name }, [finding], original.id);
    verdict.proofExchangeId = proof.id;
    if (earlier !== undefined) {
      // One root cause, one finding: a repeat is a note, never a second error.
      verdict.level = 'info';
      verdict.message = `again, as proven at step ${earlier}: ${verdict.message}`;
    }
    return verdict;
  });
}

/** The refusal no single habit explains, quoting the server's reason. */
function unexplainedVerdict(
  original: Exchange,
  quirks: readonly Quirk[],
  context: ScenarioContext,
  step: StepRecorder,
): CheckResult {
  const truth = serverTruthOf(context);
  const detail = detailOf(original);
  const tried = quirks.map((quirk) => QUIRKS[quirk.kind].title).join('; ');
  const finding: Finding = {
    message: `the server refused the IdP's request (exchange #${original.id}) for a reason scim-check could not isolate: the same request with each IdP habit in RFC form, alone and all together (${tried}), was not accepted either. The server said: ${detail ?? '(no detail)'}`,
    expected: '2xx',
    actual: refusalText(original),
  };
  const verdict = toCheckResult('INTEROP-REFUSED', { idp: context.profile.name }, [finding], original.id);
  const fingerprint = `INTEROP-REFUSED ${original.request.method.toUpperCase()} ${original.response?.status} ${(detail ?? '').replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, '{id}')}`;
  const earlier = truth.reportedBefore(fingerprint, truth.stepNumber(step) ?? 0);
  if (earlier !== undefined) {
    verdict.level = 'info';
    verdict.message = `again, as at step ${earlier}: ${verdict.message}`;
  }
  return verdict;
}

/**
 * After an IdP action's requests: each of its writes refused for its content (400/422) that
 * carries IdP habits is re-sent with one habit at a time in RFC form, in the same step, and the
 * refusal is reported once under the INTEROP row of the habit whose RFC form was accepted, or as
 * INTEROP-REFUSED with the server's `detail`. The passive PATCH rules skip such refusals
 * (a server refusing a non-RFC request breaks no MUST), so this is the one verdict on them.
 * Also tells the scenario's record which step is running (for "since step N").
 */
export async function isolateRefusals(stepIndex: number, context: ScenarioContext, step: StepRecorder): Promise<void> {
  const truth = serverTruthOf(context);
  truth.enterStep(step, stepIndex);
  const refused = step.exchanges.filter(
    (exchange) =>
      refusesContent(exchange.response?.status) && !truth.probes.has(exchange.id) && !truth.settled.has(exchange.id),
  );
  for (const original of refused) {
    const found = quirksOfWrite(original, context.executor.baseUrl);
    if (found === undefined) continue;
    const proven = await findCauses(found.replay, found.quirks, context, step, async (sent) => isSuccess(sent), true);
    const verdicts =
      proven !== undefined
        ? provenVerdicts(original, found.replay, proven, 'the server refused', context, step)
        : [unexplainedVerdict(original, found.quirks, context, step)];
    truth.settled.set(original.id, {
      checkId: verdicts[0]!.id,
      ...(proven !== undefined ? { proofExchangeId: proven.proof.id } : {}),
    });
    step.checks.push(...verdicts);
  }
}

/**
 * For a write the server accepted but did not apply (the read-back differs): re-sends it with
 * habits in RFC form and asks `stillDiffers` (which reads the resource back again) after each
 * accepted re-send. The verdicts naming the habit whose RFC form the server applied, or []
 * when none did (the read-back verdict then reports the difference itself). No combinations:
 * once a re-send applied the change, later ones can no longer tell.
 */
export async function proveIgnoredHabit(
  cause: Exchange,
  context: ScenarioContext,
  step: StepRecorder,
  stillDiffers: () => Promise<boolean>,
): Promise<CheckResult[]> {
  const found = quirksOfWrite(cause, context.executor.baseUrl);
  if (found === undefined) return [];
  const proven = await findCauses(
    found.replay,
    found.quirks,
    context,
    step,
    async (sent) => isSuccess(sent) && !(await stillDiffers()),
    false,
  );
  if (proven === undefined) return [];
  return provenVerdicts(
    cause,
    found.replay,
    proven,
    `the server answered ${cause.response?.status} but did not apply`,
    context,
    step,
  );
}
