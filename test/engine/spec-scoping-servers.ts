import {
  forwardToUpstream,
  type LoopbackProxy,
  parseJsonLoosely,
  readBody,
  startProxy,
} from '../support/loopback-proxy.js';

/*
 * Servers for the spec-scoping, attribute-gate and step-independence tests: the reference server
 * behind a loopback proxy that changes one thing. Each hook sees the path below the SCIM base, the
 * query and the parsed body, and may answer by itself or change the answer.
 */

export const TOKEN = 'spec-scoping-token';
const SCIM_JSON = 'application/scim+json';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
}

export interface ProxyHooks {
  /** Answer by itself (the reference server never sees the request), or reset the connection. */
  answer?(request: SeenRequest): Answer | 'reset' | undefined;
  /** Forward, then answer this instead of what the reference server said (it did act on the request). */
  after?(request: SeenRequest, answer: Answer): Answer | undefined;
  /** Change what the reference server answered. */
  rewrite?(request: SeenRequest, answer: Answer): Answer;
}

/** The SCIM error body for a status and scimType. */
export function scimError(status: number, scimType: string | undefined, detail: string): Answer {
  return {
    status,
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: String(status),
      ...(scimType ? { scimType } : {}),
      detail,
    },
  };
}

/** The filter a request carries, from the query or a POST /.search body. */
export function filterOf(request: SeenRequest): string {
  const fromBody = (request.body as { filter?: unknown } | undefined)?.filter;
  return request.query.get('filter') ?? (typeof fromBody === 'string' ? fromBody : '');
}

/** Starts the reference server behind a proxy applying `hooks`. */
export function startHookedServer(hooks: ProxyHooks): Promise<LoopbackProxy> {
  return startProxy({
    reference: { token: TOKEN },
    async onRequest(req, res, { upstreamUrl, path }) {
      const raw = await readBody(req);
      const url = new URL(path, 'http://proxy');
      const request: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: parseJsonLoosely(raw),
      };
      const send = ({ status, body }: Answer): void => {
        const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(
          status,
          text === '' ? {} : { 'content-type': SCIM_JSON, 'content-length': Buffer.byteLength(text) },
        );
        res.end(text);
      };
      const early = hooks.answer?.(request);
      if (early === 'reset') return void res.socket?.destroy();
      if (early) return send(early);
      // Forward what the hooks left of the query (a hook may drop a parameter the server then ignores).
      const query = request.query.toString();
      const forwardPath = `${upstreamUrl.pathname.replace(/\/$/, '')}${request.path === '/' ? '' : request.path}${query === '' ? '' : `?${query}`}`;
      const upstream = await forwardToUpstream(
        upstreamUrl,
        { method: req.method, path: forwardPath, headers: req.headers },
        raw,
      );
      const replaced = hooks.after?.(request, { status: upstream.status, body: parseJsonLoosely(upstream.body) });
      if (replaced) return send(replaced);
      if (!hooks.rewrite) {
        res.writeHead(upstream.status, upstream.headers);
        return void res.end(upstream.body);
      }
      const answer = hooks.rewrite(request, { status: upstream.status, body: parseJsonLoosely(upstream.body) });
      // Keep the reference server's headers (Location, ETag) apart from the length of the new body.
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      const headers = { ...upstream.headers, 'content-length': String(Buffer.byteLength(text)) };
      delete headers['transfer-encoding'];
      res.writeHead(answer.status, headers);
      res.end(text);
    },
  });
}

export interface ReportCheck {
  id: string;
  status: string;
  level: string;
  message?: string;
}
export interface ReportStep {
  index: number;
  name?: string;
  action: string;
  status: string;
  skipReason?: string;
  error?: { message: string };
  checks: ReportCheck[];
  exchanges: { method: string; url: string; status: number | null }[];
}
export interface Report {
  scenarios: {
    file: string;
    name: string;
    status: string;
    skipReason?: string;
    steps: ReportStep[];
    leftovers: { id: string; reason?: string }[];
  }[];
}

/** Failed verdicts at error or warning level, by check id. */
export function failedIds(report: Report): string[] {
  const ids = new Set<string>();
  for (const scenario of report.scenarios)
    for (const step of scenario.steps)
      for (const check of step.checks) if (check.status === 'failed' && check.level !== 'info') ids.add(check.id);
  return [...ids].sort();
}

/** Ids of checks that passed at least once. */
export function passedIds(report: Report): Set<string> {
  return new Set(
    report.scenarios.flatMap((scenario) =>
      scenario.steps.flatMap((step) =>
        step.checks.filter((check) => check.status === 'passed').map((check) => check.id),
      ),
    ),
  );
}

/** Every step of every scenario. */
export function allSteps(report: Report): ReportStep[] {
  return report.scenarios.flatMap((scenario) => scenario.steps);
}
