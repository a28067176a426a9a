import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { forwardToUpstream, parseJsonLoosely, readBody, startProxy } from '../support/loopback-proxy.js';
import {
  base64Blob,
  headerNameEncodings,
  jsonEscapeEveryChar,
  jsonEscapeEveryOtherChar,
  percentEveryByte,
  tokenEncodings,
} from './hostile-secrets-encodings.js';

/*
 * A SCIM server that tries to make scim-check leak its bearer token and run the server's text:
 * a loopback proxy in front of the reference server (so the scenario still gets far) that echoes
 * the token it was given in every spelling of hostile-secrets-encodings.ts, everywhere a server
 * can put text, and mixes terminal escapes, GitHub workflow commands and Markdown into it.
 *
 * - every JSON body gains string values, keys, `\u`-escaped and PHP-style `\/`-escaped copies,
 *   and base64 blobs with the token embedded at each offset mod 3;
 * - every answer gains response headers whose values, and (where HTTP allows) names, are the token;
 *   answers without a Location of their own get one carrying it;
 * - every error answer's `detail` carries it; PATCH /Groups/{id} is refused with such an error;
 * - GET /Users/{id} reads back the token (`\u`-escaped) as userName and the attack text as
 *   familyName, so checks quote them as `actual`;
 * - GET /Groups/{id} answers plain text, so its lines are printed as they come;
 * - DELETE /Groups/{id} redirects to a Location made of Markdown and the token, which the
 *   runtime error (REDIRECT) quotes;
 * - every body is sent chunked, a few bytes per chunk, so the token is split across chunks.
 */

/** Escape sequences a terminal would obey: window title, clear screen, clipboard write, their C1 forms, a bidi override. */
export const TERMINAL_ATTACK =
  '\u001b]0;PWNED-TITLE\u0007\u001b[2J\u001b[H\u001b]52;c;UFdORUQ=\u0007\u009b2J\u009d0;PWNED-C1\u009c\u202eDESREVER\u202c\u2066isolate\u2069\rPWNED-CR';

/** Lines the GitHub Actions runner would execute if they reached stdout or stderr as they are. */
export const WORKFLOW_ATTACK =
  '\n::error title=PWNED::PWNED-V2\n  ::add-mask::PWNED-MASK\n::stop-commands::PWNED-STOP\n::set-output name=pwned::1\nlegacy ##[error]PWNED-V1\n';

/** Markdown a job summary would render as a link, an image and HTML. */
export const MARKDOWN_ATTACK = '[x](http://evil.example/p) ![i](http://evil.example/i.png) <img src=x> <a href=y>';

/** Markdown first: checks quote only the first 200 characters of an error `detail`. */
export const ATTACK_TEXT = `${MARKDOWN_ATTACK}${WORKFLOW_ATTACK}${TERMINAL_ATTACK}`;

export interface SecretEchoServer {
  baseUrl: string;
  /** The token the reference server behind accepts, and the one echoed. */
  token: string;
  /** Which of the attacks above were made at least once, so a test knows they were tried. */
  made: Set<
    | 'json'
    | 'headerValues'
    | 'headerNames'
    | 'location'
    | 'errorDetail'
    | 'textBody'
    | 'userReadBack'
    | 'redirect'
    | 'chunked'
  >;
  close(): Promise<void>;
}

const TEXT_BODY_CHUNK = 5;

/** Everything the server echoes, as raw JSON members (`"key":value`) appended to an object body. */
function jsonMembers(token: string): string[] {
  const encodings = tokenEncodings(token);
  const members: string[] = [];
  encodings.forEach((encoding, index) => {
    members.push(`"echo${index}":${JSON.stringify(encoding.text)}`);
    members.push(`${JSON.stringify(encoding.text)}:${index}`);
    members.push(`"escaped${index}":"${jsonEscapeEveryChar(encoding.text, 'lower')}"`);
    members.push(`"mixed${index}":"${jsonEscapeEveryOtherChar(encoding.text)}"`);
    // PHP's json_encode escapes every slash.
    if (encoding.text.includes('/'))
      members.push(`"php${index}":${JSON.stringify(encoding.text).replace(/\//g, '\\/')}`);
  });
  members.push(`"${jsonEscapeEveryChar(token, 'upper')}":"an escaped key"`);
  members.push(`"bearer":"Bearer ${jsonEscapeEveryChar(token, 'lower')}"`);
  for (const offset of [0, 1, 2] as const) {
    members.push(`"blob${offset}":${JSON.stringify(base64Blob(token, offset))}`);
    members.push(`"phpBlob${offset}":${JSON.stringify(base64Blob(token, offset)).replace(/\//g, '\\/')}`);
  }
  members.push(`"attack":${JSON.stringify(ATTACK_TEXT)}`);
  return members;
}

/** The whole hostile text: the attacks (first, so a body excerpt shows them), then every spelling of the token, one per line. */
function hostileText(token: string): string {
  return `${ATTACK_TEXT}\n${tokenEncodings(token)
    .map((encoding) => `${encoding.name}: ${encoding.text}`)
    .join('\n')}\n`;
}

function appendMembers(json: string, members: string[]): string {
  const trimmed = json.trimEnd();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return json;
  const empty = /^\{\s*\}$/.test(trimmed);
  return `${trimmed.slice(0, -1)}${empty ? '' : ','}${members.join(',')}}`;
}

/** Sends `body` chunked, `size` bytes per chunk, yielding between chunks so they leave separately. */
async function sendChunked(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Buffer,
  size: number,
): Promise<void> {
  res.writeHead(status, headers);
  for (let offset = 0; offset < body.length; offset += size) {
    res.write(body.subarray(offset, offset + size));
    if (offset % (size * 64) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  res.end();
}

/** Starts the reference server (accepting `token`) behind the hostile proxy. */
export async function startSecretEchoServer(token: string): Promise<SecretEchoServer> {
  const made: SecretEchoServer['made'] = new Set();
  const members = jsonMembers(token);
  const text = hostileText(token);
  const encodings = tokenEncodings(token);
  const names = headerNameEncodings(token);
  const proxy = await startProxy({
    reference: { token },
    async onRequest(req, res, { upstreamUrl, path }) {
      const method = req.method ?? 'GET';
      const requestBody = await readBody(req);
      const headers: OutgoingHttpHeaders = {};
      encodings.forEach((encoding, index) => {
        headers[`x-echo-${index}`] = encoding.text;
      });
      made.add('headerValues');
      // Names keep their case on the wire; the client sees them lower-cased.
      for (const name of names) headers[name] = 'echoed as a header name';
      if (names.length > 0) made.add('headerNames');

      if (method === 'GET' && /^\/Groups\/[^/?]+$/.test(path)) {
        made.add('textBody').add('chunked');
        return sendChunked(
          res,
          200,
          { ...headers, 'content-type': 'text/plain; charset=utf-8' },
          Buffer.from(text),
          TEXT_BODY_CHUNK,
        );
      }
      if (method === 'PATCH' && /^\/Groups\/[^/?]+$/.test(path)) {
        made.add('errorDetail').add('json').add('chunked');
        const error = {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '409',
          scimType: 'mutability',
          detail: `${ATTACK_TEXT} refused for ${token} ${text}`,
        };
        return sendChunked(
          res,
          409,
          { ...headers, 'content-type': 'application/scim+json' },
          Buffer.from(appendMembers(JSON.stringify(error), members)),
          TEXT_BODY_CHUNK,
        );
      }

      if (method === 'DELETE' && /^\/Groups\/[^/?]+$/.test(path)) {
        made.add('redirect');
        res.writeHead(302, { ...headers, location: `${MARKDOWN_ATTACK} ${token} ${percentEveryByte(token, 'lower')}` });
        return void res.end();
      }

      const answer = await forwardToUpstream(upstreamUrl, { method, path: req.url, headers: req.headers }, requestBody);
      const upstreamHeaders: IncomingHttpHeaders = { ...answer.headers };
      for (const name of ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'])
        delete upstreamHeaders[name];
      if (upstreamHeaders.location === undefined && answer.status < 300) {
        headers.location = `${upstreamUrl.pathname}/Users/${percentEveryByte(token, 'upper')}?b=${Buffer.from(token).toString('base64')}&t=${token}`;
        made.add('location');
      }
      const parsed = parseJsonLoosely(answer.body);
      let body = answer.body.toString('utf8');
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const resource = parsed as Record<string, unknown>;
        if (answer.status >= 400) {
          resource.detail = `${ATTACK_TEXT} ${String(resource.detail ?? '')} ${token} ${text}`;
          made.add('errorDetail');
        }
        body = JSON.stringify(resource);
        if (method === 'GET' && /^\/Users\/[^/?]+$/.test(path) && typeof resource.userName === 'string') {
          // userName read back as the token, every character escaped; familyName as the attack.
          const name = { ...(resource.name as Record<string, unknown> | undefined), familyName: ATTACK_TEXT };
          body = JSON.stringify({ ...resource, userName: '\u0000USERNAME\u0000', name }).replace(
            '"\\u0000USERNAME\\u0000"',
            `"${jsonEscapeEveryChar(token, 'lower')}"`,
          );
          made.add('userReadBack');
        }
        body = appendMembers(body, members);
        made.add('json');
      }
      made.add('chunked');
      return sendChunked(
        res,
        answer.status,
        { ...upstreamHeaders, ...headers },
        Buffer.from(body),
        TEXT_BODY_CHUNK * 3,
      );
    },
  });
  return { baseUrl: proxy.baseUrl, token, made, close: proxy.close };
}
