import { describe, expect, it } from 'vitest';
import { createRedactor, MIN_REDACTED_LENGTH, REDACTED, redactHeaders } from '../../src/http/redactor.js';
import { base64Blob, jsonEscapeEveryChar, percentEveryByte, tokenEncodings } from './hostile-secrets-encodings.js';

/*
 * The redactor on its own (issue 11): every spelling of the token hostile-secrets-encodings.ts
 * knows is found in plain text, inside JSON, inside JSON inside JSON (a HAR body), and the
 * redacted documents still parse. hostile-secrets.test.ts shows the same end to end.
 */

const TOKEN = 'Sentinel-9d2f7a41c0~Tok_en.Xy~Zq';
const SLASHED = 'Sentinel/9d2f+7a41?c0~Zq/x';

describe.each([TOKEN, SLASHED])('createRedactor(%s)', (token) => {
  const redact = createRedactor([token]);

  it.each(tokenEncodings(token).map((encoding) => [encoding.name, encoding.text]))('finds %s', (_name, text) => {
    const shown = redact(`before ${text} after`);
    expect(shown).toBe(`before ${REDACTED} after`);
  });

  it('finds every spelling inside a JSON document, and inside a JSON string holding that JSON (a HAR body)', () => {
    const body = `{${tokenEncodings(token)
      .map((encoding, index) => `"k${index}":"${encoding.text}"`)
      .join(',')}}`;
    const har = JSON.stringify({ text: body });
    for (const document of [body, har]) {
      const shown = redact(document);
      for (const encoding of tokenEncodings(token)) expect(shown).not.toContain(encoding.text);
      expect(() => JSON.parse(shown)).not.toThrow();
    }
    expect(JSON.parse(redact(har)).text).toContain(`"k0":"${REDACTED}"`);
  });

  it('finds the token inside a larger base64 blob at every byte offset', () => {
    for (const offset of [0, 1, 2] as const)
      expect(redact(base64Blob(token, offset)), `offset ${offset}`).toContain(REDACTED);
  });

  it('finds a mix of escapes within one spelling: \\u, percent, XML references, \\/', () => {
    const chars = [...token];
    const mixed = chars
      .map(
        (char, index) =>
          [
            jsonEscapeEveryChar(char, 'upper'),
            `%${char.charCodeAt(0).toString(16)}`,
            `&#${char.charCodeAt(0)};`,
            `&#x${char.charCodeAt(0).toString(16)};`,
            char === '/' ? '\\/' : char,
          ][index % 5],
      )
      .join('');
    expect(redact(`[${mixed}]`)).toBe(`[${REDACTED}]`);
  });

  it('keeps a JSON string valid when the token follows an escaping backslash', () => {
    const document = JSON.stringify({ text: `line\n${token}`, escaped: `\\${jsonEscapeEveryChar(token, 'lower')}` });
    expect(() => JSON.parse(redact(document))).not.toThrow();
  });
});

describe('redactHeaders', () => {
  const redact = createRedactor([TOKEN]);

  it('redacts a header name that is the token, as HTTP lower-cases it', () => {
    const shown = redactHeaders(
      { [TOKEN.toLowerCase()]: 'x', 'x-echo': TOKEN, authorization: `Bearer ${TOKEN}` },
      redact,
    );
    expect(shown).toEqual({ [REDACTED]: 'x', 'x-echo': REDACTED, authorization: `Bearer ${REDACTED}` });
  });

  it('keeps both values when two names redact alike', () => {
    const shown = redactHeaders({ [TOKEN.toLowerCase()]: 'a', [percentEveryByte(TOKEN, 'lower')]: 'b' }, redact);
    expect(shown).toEqual({ [REDACTED]: 'a, b' });
  });
});

describe('createRedactor: what it leaves alone', () => {
  it('does not touch ordinary text, escapes and all', () => {
    const redact = createRedactor([TOKEN]);
    const text =
      '{"userName":"alice@example.com","filter":"userName eq \\"bob\\"","url":"http:\\/\\/x\\/Users?x=%20&amp;y"}';
    expect(redact(text)).toBe(text);
  });

  it('leaves a token shorter than MIN_REDACTED_LENGTH alone: cutting `e` out of every word garbled the output', () => {
    const short = 'e'.repeat(MIN_REDACTED_LENGTH - 1);
    expect(createRedactor(['e', 'scim', short])('scim-check: https://app.example.com eeeeeee')).toBe(
      'scim-check: https://app.example.com eeeeeee',
    );
    const shortest = 'x'.repeat(MIN_REDACTED_LENGTH);
    expect(createRedactor([shortest])(`a ${shortest} b`)).toBe(`a ${REDACTED} b`);
  });

  it('knows no secret: the identity', () => {
    const redact = createRedactor([undefined, '']);
    expect(redact(TOKEN)).toBe(TOKEN);
  });

  // How fast it is belongs to a benchmark, not a timed test (house rule); this proves the megabytes are all scanned.
  it('redacts every echo in megabytes of HAR-like text', () => {
    const redact = createRedactor([TOKEN]);
    const record = JSON.stringify({
      id: 'u1',
      userName: 'user@example.com',
      note: 'a "quoted" \\ path %20 &amp;',
      echo: TOKEN,
    });
    const har = JSON.stringify({ entries: Array.from({ length: 20_000 }, () => ({ text: record })) });
    const shown = redact(har);
    expect(har.length).toBeGreaterThan(2_000_000);
    expect(shown).not.toContain(TOKEN);
    expect(shown.split(REDACTED).length - 1).toBe(20_000);
  });
});
