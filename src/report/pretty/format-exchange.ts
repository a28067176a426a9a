import type { Exchange } from '../../http/exchange.js';
import { inertText } from '../terminal-text.js';
import { formatMs } from './format-duration.js';
import { bodyExcerpt } from './json-excerpt.js';
import type { Theme } from './theme.js';

/** Body lines sit under the text after `  response: `. */
const BODY_INDENT = ' '.repeat(12);

/**
 * The request and response of an exchange, as shown under a failure. Only the method, URL,
 * status, content type and body excerpts: headers are never printed, so no credential can leak
 * through a reporter even if redaction upstream missed one. Everything the server chose (URL,
 * content type, body, error text) is shown inert: its escape sequences as `\u001b`. `focus`:
 * the JSON paths a check's findings name, whose attributes the body excerpt shows first.
 */
export function formatExchangeDetail(exchange: Exchange, theme: Theme, focus: readonly string[] = []): string[] {
  const lines = [
    `  ${theme.dim('request: ')} ${exchange.request.method} ${theme.link(inertText(exchange.request.url))}`,
  ];
  lines.push(...indentBody(bodyExcerpt(exchange.request.body)));
  const { response } = exchange;
  if (response === undefined) {
    const why =
      exchange.error === undefined ? 'no response' : `${exchange.error.code}: ${inertText(exchange.error.message)}`;
    lines.push(`  ${theme.dim('response:')} ${theme.fail(`none (${why})`)}`);
    return lines;
  }
  const contentType =
    response.headers['content-type'] === undefined ? undefined : inertText(response.headers['content-type']);
  const head = [String(response.status), contentType, response.truncated ? theme.dim('(body truncated)') : undefined];
  lines.push(`  ${theme.dim('response:')} ${head.filter((part) => part !== undefined && part !== '').join(' ')}`);
  lines.push(...indentBody(bodyExcerpt(response.body, response.json, undefined, focus)));
  return lines;
}

/** `PATCH /Groups/abc → 200 (3 ms)`: one exchange in verbose output, URL relative to the target. */
export function formatExchangeLine(exchange: Exchange, baseUrl: string | undefined, theme: Theme): string {
  const outcome =
    exchange.response === undefined
      ? theme.fail(exchange.error?.code ?? 'no response')
      : statusText(exchange.response.status, theme);
  const path = inertText(relativeTo(exchange.request.url, baseUrl));
  // Retries (429, resets) stay visible: the real IdP would have waited the same way.
  const retries = exchange.attempts?.length ?? 0;
  const retried = retries === 0 ? '' : ` ${theme.warn(`after ${retries} ${retries === 1 ? 'retry' : 'retries'}`)}`;
  return `${exchange.request.method} ${path} → ${outcome}${retried} ${theme.dim(`(${formatMs(exchange.durationMs)})`)}`;
}

function statusText(status: number, theme: Theme): string {
  if (status >= 500) return theme.fail(String(status));
  if (status >= 400) return theme.warn(String(status));
  return String(status);
}

/** Strips the SCIM base URL so verbose lines read like `/Users?filter=…`. */
function relativeTo(url: string, baseUrl: string | undefined): string {
  if (baseUrl === undefined || baseUrl === '') return url;
  const base = baseUrl.replace(/\/+$/, '');
  if (url === base) return '/';
  const rest = url.slice(base.length);
  return url.startsWith(base) && /^[/?#]/.test(rest) ? rest : url;
}

function indentBody(lines: string[]): string[] {
  return lines.map((line) => `${BODY_INDENT}${inertText(line)}`);
}
