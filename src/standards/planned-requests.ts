import { isScenarioStep } from '../engine/results.js';
import { simulateRun } from '../engine/simulate-run.js';
import type { Exchange } from '../http/exchange.js';
import { planRun } from '../plan/plan.js';
import type { ActionName, IdpName, Scenario } from '../scenario/model.js';
import type { PlannedIdpRequest } from './planned-request.js';

/** Requests that are not the IdP's own: scim-check's read-backs and cleanup, a scenario's raw steps. */
const NOT_THE_IDPS = new Set(['readBack', 'cleanup', 'raw']);

function parsedBody(body: string | undefined): unknown {
  if (body === undefined || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function plannedRequest(
  exchange: Exchange,
  body: string | undefined,
  base: string,
  where: { idp: IdpName; scenario: string; action: ActionName },
): PlannedIdpRequest {
  const url = new URL(exchange.request.url);
  const basePath = new URL(base).pathname.replace(/\/$/, '');
  const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
  return {
    ...where,
    method: exchange.request.method.toUpperCase(),
    path,
    query: Object.fromEntries(url.searchParams),
    headers: exchange.request.headers,
    body: parsedBody(body),
  };
}

/**
 * The requests each IdP profile sends for its scenarios' admin actions, from the same simulated
 * run `run --dry-run` prints (src/engine/simulate-run.ts). Only the profile's own requests are kept: not the read-backs, the cleanup, or raw `request`
 * steps, which a scenario author wrote rather than the IdP.
 */
export async function planIdpRequests(scenarios: readonly Scenario[]): Promise<PlannedIdpRequest[]> {
  if (scenarios.length === 0) return [];
  const { result, purposeOf, bodyOf } = await simulateRun(planRun(scenarios), { toolVersion: 'plan', env: {} });
  const requests: PlannedIdpRequest[] = [];
  for (const scenario of result.scenarios) {
    for (const step of scenario.steps) {
      if (!isScenarioStep(step) || step.action === 'request' || step.action === 'expectState') continue;
      const where = { idp: scenario.idp, scenario: scenario.file, action: step.action as ActionName };
      for (const exchange of step.exchanges) {
        if (NOT_THE_IDPS.has(purposeOf.get(exchange.id) ?? 'raw')) continue;
        requests.push(plannedRequest(exchange, bodyOf.get(exchange.id), result.target.baseUrl, where));
      }
    }
  }
  return requests;
}
