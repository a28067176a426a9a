import type { Exchange } from '../../http/exchange.js';
import { formatMs, plural } from '../pretty/format-duration.js';
import { bodyExcerpt, type ExcerptLimits } from '../pretty/json-excerpt.js';
import { html, type Markup } from './markup.js';

/*
 * One request and its response as evidence under a finding: method, URL, headers and the body
 * laid out as JSON (src/report/pretty/json-excerpt.ts), in `<pre>`. Headers are shown as the
 * transport recorded them: credentials are masked there (src/http/redactor.ts maskCredentials)
 * and every other secret is redacted from the file by the output guard. Bodies are cut like the
 * pretty reporter's excerpts, with larger limits for a page, and the cut is always said.
 */

/** How much of a body a finding shows: `full` for the first places of a root cause, `short` after. */
export type ExcerptSize = 'full' | 'short';

const LIMITS: Readonly<Record<ExcerptSize, ExcerptLimits>> = {
  full: { maxLines: 80, maxChars: 6000, width: 100 },
  short: { maxLines: 8, maxChars: 600, width: 100 },
};

/** Headers listed per message before "… N more"; a hostile server can send thousands. */
const MAX_HEADERS = 40;
/** Characters of one header value or URL shown. */
const MAX_VALUE_CHARS = 400;

/** One exchange as a request block and a response block, side by side; `label` says what it is to the finding. */
export function renderExchange(
  exchange: Exchange,
  options: { label?: string; size: ExcerptSize; focus?: readonly string[] },
): Markup {
  const { request, response } = exchange;
  const requestNotes: string[] = [];
  const requestBody = bodyLines(request.body, undefined, options.size, [], requestNotes);
  if (request.bodyKept !== undefined) requestNotes.push(keptNote(request.bodyKept));
  const requestText = [
    `${request.method} ${clip(request.url)}`,
    ...headerLines(request.headers, requestNotes),
    ...(requestBody.length > 0 ? ['', ...requestBody] : []),
  ].join('\n');

  let responseText: string;
  const responseNotes: string[] = [];
  if (response === undefined) {
    const why = exchange.error === undefined ? 'no response' : `${exchange.error.code}: ${exchange.error.message}`;
    responseText = `no response (${why})`;
  } else {
    const body = bodyLines(response.body, response.json, options.size, options.focus ?? [], responseNotes);
    if (response.truncated) responseNotes.push('the body was cut at the read limit before it reached the checks');
    if (response.bodyKept !== undefined) responseNotes.push(keptNote(response.bodyKept));
    if (exchange.error !== undefined) responseNotes.push(`${exchange.error.code}: ${exchange.error.message}`);
    responseText = [
      `HTTP ${response.status}`,
      ...headerLines(response.headers, responseNotes),
      ...(body.length > 0 ? ['', ...body] : []),
    ].join('\n');
  }
  const timing = `${formatMs(exchange.durationMs)}${retries(exchange)}`;
  return html`<div class="exchange">${options.label === undefined ? '' : html`<h4>${options.label}</h4>`}<div class="exchange-pair">
<div class="request"><h5>request <span class="muted">#${exchange.id}</span></h5><pre>${requestText}</pre>${notes(requestNotes)}</div>
<div class="response"><h5>response <span class="muted">${timing}</span></h5><pre>${responseText}</pre>${notes(responseNotes)}${attemptList(exchange)}</div>
</div></div>`;
}

function notes(list: readonly string[]): Markup {
  return html`${list.map((note) => html`<p class="cut">${note}</p>`)}`;
}

function retries(exchange: Exchange): string {
  const count = exchange.attempts?.length ?? 0;
  return count === 0 ? '' : ` · after ${count === 1 ? '1 retry' : `${count} retries`}`;
}

/** Earlier tries (429s, resets) stay visible: the real IdP would have waited the same way. */
function attemptList(exchange: Exchange): Markup {
  const attempts = exchange.attempts ?? [];
  if (attempts.length === 0 && exchange.retryNote === undefined) return html``;
  return html`<ul class="attempts muted">${attempts.map(
    (attempt) =>
      html`<li>try answered ${attempt.status === undefined ? (attempt.error?.code ?? 'nothing') : String(attempt.status)}, waited ${formatMs(attempt.waitMs)}: ${attempt.reason}</li>`,
  )}${exchange.retryNote === undefined ? '' : html`<li>not retried: ${exchange.retryNote}</li>`}</ul>`;
}

function clip(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function headerLines(headers: Readonly<Record<string, string>>, notes: string[]): string[] {
  const entries = Object.entries(headers);
  const lines = entries.slice(0, MAX_HEADERS).map(([name, value]) => `${clip(name)}: ${clip(value)}`);
  if (entries.length > MAX_HEADERS) notes.push(`${plural(entries.length - MAX_HEADERS, 'more header')} not shown`);
  return lines;
}

/** The body's excerpt; when it had to be cut, a note saying how big the whole was and where it is. */
function bodyLines(
  body: string | undefined,
  json: unknown,
  size: ExcerptSize,
  focus: readonly string[],
  notes: string[],
): string[] {
  const lines = bodyExcerpt(body, json, LIMITS[size], focus);
  const last = lines.at(-1);
  if (body !== undefined && last?.endsWith('…') === true && !body.trimEnd().endsWith('…'))
    notes.push(
      `body cut: showing its start, ${Buffer.byteLength(body, 'utf8')} bytes in all (--har FILE records every body whole)`,
    );
  return lines;
}

function keptNote(kept: { size: number; kept: number; reason: string }): string {
  return `only the first ${kept.kept} characters of ${kept.size} bytes were kept: ${kept.reason}`;
}
