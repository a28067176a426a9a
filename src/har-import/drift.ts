import { simulateRun } from '../engine/simulate-run.js';
import type { Quirk } from '../idp/evidence.js';
import { planRun } from '../plan/plan.js';
import { loadScenarioText } from '../scenario/index.js';
import type { IdpName } from '../scenario/model.js';
import { alignRequests } from './align-requests.js';
import { compareShapes, type Difference } from './compare-shapes.js';
import type { Draft } from './from-har.js';
import type { RecognisedStep } from './recognised-step.js';
import type { Recording } from './recorded-exchange.js';
import { describeShape, type RequestShape, requestShape } from './request-shape.js';
import { scimPathOf } from './scim-path.js';

/** The evidence a recording gives for a habit: what the `Quirk` type records (src/idp/evidence.ts). */
export interface ObservedEvidence {
  grade: 'observed';
  observedOn: string;
  citation: string;
}

/** One recognised action: what was recorded, what the profile would send, and how they differ. */
export interface ActionDrift {
  /** 1-based step of the draft scenario. */
  step: number;
  action: RecognisedStep['action'];
  /** The user or group key it acts on. */
  subject?: string;
  recorded: RequestShape[];
  predicted: RequestShape[];
  differences: Difference[];
  /** Only when it drifts: the recording as evidence, and a quirk a maintainer can add to the profile. */
  evidence?: ObservedEvidence;
  quirk?: Quirk;
}

export interface DriftReport {
  recording: string;
  recordedOn: string;
  idp: IdpName;
  drift: boolean;
  actions: ActionDrift[];
  /** Requests no action covers: not compared, listed so nothing is silently dropped. */
  unmapped: { step: number; request: string; why: string }[];
}

function subjectOf(step: RecognisedStep): string | undefined {
  if ('user' in step) return step.user.key;
  if ('group' in step) return step.group.key;
  return undefined;
}

function parsed(body: string | undefined): unknown {
  if (body === undefined || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Runs the draft with its profile against the in-memory reference server (what `run --dry-run`
 * does) and compares, action by action, the requests it sends with the recorded ones, in order.
 * Requests are paired by what they are (align-requests.ts); one sent by one side only is a
 * `requests` difference: missing from the recording, or extra in it.
 */
export async function driftReport(recording: Recording, draft: Draft, toolVersion: string): Promise<DriftReport> {
  const loaded = loadScenarioText(draft.yaml, 'draft.yaml');
  if (loaded.scenario === undefined) throw new Error('the draft scenario did not load');
  const simulated = await simulateRun(planRun([loaded.scenario]), { toolVersion, env: {} });
  const steps = simulated.result.scenarios[0]?.steps ?? [];
  const actions: ActionDrift[] = [];
  const unmapped: DriftReport['unmapped'] = [];
  for (const [index, step] of draft.session.steps.entries()) {
    if (step.action === 'request') {
      const exchange = step.exchanges[0]!;
      unmapped.push({ step: index + 1, request: `${exchange.method} ${exchange.path}`, why: step.why });
      continue;
    }
    const recorded = step.exchanges.map((exchange) => requestShape(exchange));
    const result = steps.find((candidate) => candidate.index === index && candidate.action === step.action);
    const predicted = (result?.exchanges ?? [])
      .filter((exchange) => simulated.purposeOf.get(exchange.id) !== 'readBack')
      .map((exchange) => {
        const url = new URL(exchange.request.url);
        return requestShape({
          method: exchange.request.method,
          path: scimPathOf(decodeURIComponent(url.pathname)),
          query: [...url.searchParams],
          headers: exchange.request.headers,
          body: parsed(simulated.bodyOf.get(exchange.id) ?? exchange.request.body),
        });
      });
    const differences: Difference[] = [];
    for (const [position, pair] of alignRequests(recorded, predicted).entries()) {
      const at = `request ${position + 1}`;
      if (pair.recorded === undefined || pair.predicted === undefined) {
        // One side sends a request the other does not (e.g. a lookup the profile adds).
        differences.push({
          aspect: 'requests',
          at,
          recorded: pair.recorded === undefined ? null : describeShape(pair.recorded),
          predicted: pair.predicted === undefined ? null : describeShape(pair.predicted),
        });
        continue;
      }
      for (const difference of compareShapes(pair.recorded, pair.predicted))
        differences.push({ ...difference, at: `${at} ${difference.at}` });
    }
    const subject = subjectOf(step);
    const drift: ActionDrift = {
      step: index + 1,
      action: step.action,
      ...(subject ? { subject } : {}),
      recorded,
      predicted,
      differences,
    };
    if (differences.length > 0) {
      drift.evidence = { grade: 'observed', observedOn: recording.recordedOn, citation: recording.file };
      drift.quirk = {
        id: `${draft.idp}.${step.action}.recorded`,
        summary: `${step.action} sends ${recorded.map(describeShape).join(', then ')}`,
        grade: 'observed',
        citations: [recording.file],
        observedOn: recording.recordedOn,
      };
    }
    actions.push(drift);
  }
  return {
    recording: recording.file,
    recordedOn: recording.recordedOn,
    idp: draft.idp,
    drift: actions.some((action) => action.differences.length > 0),
    actions,
    unmapped,
  };
}
