import { ScimCheckError } from '../errors.js';
import { readFileCapped } from '../fs/read-capped.js';
import { createRedactor, type Redactor } from '../http/redactor.js';
import { isCredentialHeader, isCredentialParameter, secretsOf } from './har-credentials.js';
import type { RecordedExchange, Recording } from './recorded-exchange.js';
import { addressedBy, scimPathOf } from './scim-path.js';

/** A recording of a day's provisioning is a few MB; anything past this is not the HAR meant. */
const MAX_HAR_BYTES = 64 * 1024 * 1024;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function harError(file: string, message: string, hint: string): ScimCheckError {
  return new ScimCheckError('USAGE', `${file}: ${message}`, { hint });
}

const HAR_HINT =
  'give a HAR 1.2 file: `scim-check record --har FILE`, `scim-check run --har FILE`, or "Save all as HAR" in a browser or proxy';

async function readText(file: string, absolute: string): Promise<string> {
  let read: Awaited<ReturnType<typeof readFileCapped>>;
  try {
    read = await readFileCapped(absolute, MAX_HAR_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScimCheckError(
      'USAGE',
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error))}`,
      { hint: HAR_HINT, cause: error },
    );
  }
  if (read.tooLarge) throw harError(file, `larger than ${MAX_HAR_BYTES / 1024 / 1024} MB`, 'record a shorter session');
  return Buffer.from(read.bytes).toString('utf8');
}

function nameValues(value: unknown): { name: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is { name: string; value: string } =>
      isObject(item) && typeof item.name === 'string' && typeof item.value === 'string',
  );
}

/** Every credential the HAR carries, in headers, cookie lists and query parameters of requests and responses. */
function collectSecrets(entries: Json[]): string[] {
  const secrets = new Set<string>();
  for (const entry of entries) {
    for (const part of [entry.request, entry.response]) {
      if (!isObject(part)) continue;
      for (const header of nameValues(part.headers))
        if (isCredentialHeader(header.name))
          for (const secret of secretsOf(header.name, header.value)) secrets.add(secret);
      for (const cookie of nameValues(part.cookies))
        for (const secret of secretsOf('', cookie.value)) secrets.add(secret);
      for (const parameter of nameValues(part.queryString))
        if (isCredentialParameter(parameter.name))
          for (const secret of secretsOf('', parameter.value)) secrets.add(secret);
      if (typeof part.url === 'string') {
        try {
          for (const [name, value] of new URL(part.url).searchParams)
            if (isCredentialParameter(name)) for (const secret of secretsOf('', value)) secrets.add(secret);
        } catch {
          // An unparsable URL is reported when the entry is read.
        }
      }
    }
  }
  return [...secrets];
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function readEntry(file: string, raw: Json, index: number, redact: Redactor): RecordedExchange {
  const request = raw.request;
  const where = `entry ${index + 1}`;
  if (!isObject(request) || typeof request.method !== 'string' || typeof request.url !== 'string')
    throw harError(file, `${where} has no request (each entry needs request.method and request.url)`, HAR_HINT);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw harError(file, `${where}: request.url is not an absolute URL`, HAR_HINT);
  }
  const headers: Record<string, string> = {};
  for (const header of nameValues(request.headers)) {
    if (isCredentialHeader(header.name) || header.name.startsWith(':')) continue;
    headers[header.name.toLowerCase()] = redact(header.value);
  }
  const query: [string, string][] = [...url.searchParams]
    .filter(([name]) => !isCredentialParameter(name))
    .map(([name, value]) => [name, redact(value)]);
  const postData = isObject(request.postData) ? request.postData : undefined;
  const response = isObject(raw.response) ? raw.response : {};
  const content = isObject(response.content) ? response.content : {};
  const context = isObject(raw._scimCheck) ? (raw._scimCheck as RecordedExchange['context']) : undefined;
  const bodyText = typeof postData?.text === 'string' ? redact(postData.text) : undefined;
  return {
    entry: index,
    startedDateTime: typeof raw.startedDateTime === 'string' ? raw.startedDateTime : '',
    method: request.method.toUpperCase(),
    path: scimPathOf(decodeURIComponent(url.pathname)),
    query,
    headers,
    body: parseJson(bodyText),
    status: typeof response.status === 'number' ? response.status : 0,
    responseBody: parseJson(typeof content.text === 'string' ? redact(content.text) : undefined),
    ...(context === undefined ? {} : { context }),
  };
}

/** scim-check's own requests in a `run --har` file: not the IdP's, so not part of what it sent. */
const OWN_ACTIONS = new Set(['preflight', 'cleanup', 'expectState']);

/**
 * Leaves out what a `scim-check run --har` file holds besides the IdP's requests: the preflight,
 * `expectState` reads, cleanup, and the read-back that ends every action step (a GET of the
 * resource just written). A `record` HAR holds only what the IdP sent, and keeps every entry.
 */
function idpExchanges(exchanges: RecordedExchange[], leftOut: string[]): RecordedExchange[] {
  const kept: RecordedExchange[] = [];
  for (const [position, exchange] of exchanges.entries()) {
    const context = exchange.context;
    if (context?.action !== undefined && OWN_ACTIONS.has(context.action)) {
      leftOut.push(`entry ${exchange.entry + 1}: scim-check's own ${context.action} request`);
      continue;
    }
    const next = exchanges[position + 1];
    const endsStep =
      typeof context?.step === 'number' &&
      context.action !== 'request' &&
      (next === undefined || next.context?.step !== context.step || next.context?.scenario !== context.scenario);
    const previous = kept.at(-1);
    if (
      endsStep &&
      exchange.method === 'GET' &&
      addressedBy(exchange.path).id !== undefined &&
      previous !== undefined &&
      previous.context?.step === context?.step &&
      previous.method !== 'GET'
    ) {
      leftOut.push(`entry ${exchange.entry + 1}: scim-check's own read-back after ${context?.action}`);
      continue;
    }
    kept.push(exchange);
  }
  return kept;
}

/**
 * Reads and checks a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/): every
 * problem is a usage error naming the file and what is wrong, never a stack trace. Credentials
 * are stripped from headers and query strings, and every other spelling of them is redacted
 * from the bodies and URLs read.
 */
export async function readHar(file: string, absolute: string): Promise<Recording> {
  const text = await readText(file, absolute);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw harError(file, `not JSON (${(error as Error).message})`, HAR_HINT);
  }
  const log = isObject(document) ? document.log : undefined;
  if (!isObject(log) || !Array.isArray(log.entries))
    throw harError(file, 'not a HAR: it has no log.entries array', HAR_HINT);
  if (log.entries.length === 0) throw harError(file, 'the HAR holds no requests (log.entries is empty)', HAR_HINT);
  const entries = log.entries.map((entry, index) => {
    if (!isObject(entry)) throw harError(file, `entry ${index + 1} is not an object`, HAR_HINT);
    return entry;
  });
  const secrets = collectSecrets(entries);
  const redact = createRedactor(secrets);
  const all = entries.map((entry, index) => readEntry(file, entry, index, redact));
  const leftOut: string[] = [];
  const exchanges = idpExchanges(all, leftOut);
  const creator = isObject(log.creator) && typeof log.creator.name === 'string' ? log.creator.name : 'unknown';
  const first = all.find((exchange) => exchange.startedDateTime !== '')?.startedDateTime ?? '';
  const recordedOn = /^\d{4}-\d{2}-\d{2}/.exec(first)?.[0] ?? 'unknown';
  return { file, creator, recordedOn, exchanges, leftOut, secrets };
}
