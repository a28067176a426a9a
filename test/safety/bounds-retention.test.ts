import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/check-result.js';
import { BodyRetention, EXCERPT_CHARS, RETAINED_BODY_BUDGET } from '../../src/engine/body-retention.js';
import type { Exchange } from '../../src/http/exchange.js';
import { runMain } from '../support/run-main.js';
import { useBoundsFixture, withMember } from './bounds-server.js';
import { STACK_TRACE } from './hostile-support.js';

/*
 * Issue 11 "Nothing leaks, nothing hangs": a run keeps what it read until its reports are written.
 * Against a server padding every answer to megabytes, what a run keeps must stay within its
 * retention budget (src/engine/body-retention.ts), not grow by every byte of every answer; the HAR
 * shows what was cut, with the whole size and why.
 */

const bounds = useBoundsFixture();

const PADDING = 3 * 1024 * 1024;

interface HarContent {
  size: number;
  text?: string;
  comment?: string;
}
interface HarEntryRead {
  request: { postData?: { text: string; comment?: string }; bodySize: number };
  response: { content: HarContent };
  _scimCheck: { action: string };
}

describe('a server padding every answer by 3 MiB', () => {
  it('the run keeps at most its retention budget of body text, the HAR says what it cut, and every report is complete', async () => {
    const padding = JSON.stringify('x'.repeat(PADDING));
    await bounds.start((_request, answer) =>
      answer.text.trimStart().startsWith('{') ? withMember(answer.text, 'urn:example:padding', padding) : undefined,
    );
    const files = {
      json: join(bounds.dir, 'report.json'),
      junit: join(bounds.dir, 'junit.xml'),
      har: join(bounds.dir, 'trace.har'),
    };
    const run = await runMain(
      [
        'run',
        'scenarios/okta-group-push.yaml',
        '--base-url',
        bounds.server.baseUrl,
        '--reporter',
        `json=${files.json}`,
        '--reporter',
        `junit=${files.junit}`,
        '--har',
        files.har,
      ],
      { env: { SCIM_CHECK_TOKEN: bounds.server.token } },
    );
    expect(run.stderr).not.toMatch(STACK_TRACE);
    // The padding is an extension nobody declared: CHAR-EXTENSION-CONTAINER fails on every resource.
    expect(run.code, run.stderr).toBe(1);
    expect(XMLValidator.validate(readFileSync(files.junit, 'utf8'))).toBe(true);
    expect((JSON.parse(readFileSync(files.json, 'utf8')) as { summary: { scenarios: number } }).summary.scenarios).toBe(
      1,
    );

    const entries = (JSON.parse(readFileSync(files.har, 'utf8')) as { log: { entries: HarEntryRead[] } }).log.entries;
    const padded = entries.filter((entry) => entry.response.content.size > PADDING);
    // More padded answers than the budget holds, so the bound is what decides.
    expect(padded.length * PADDING).toBeGreaterThan(RETAINED_BODY_BUDGET + 10 * PADDING);
    const texts = entries.flatMap((entry) => [entry.request.postData?.text ?? '', entry.response.content.text ?? '']);
    const kept = texts.reduce((sum, text) => sum + text.length, 0);
    // The preflight's two answers come before any step and are kept as they came.
    const preflight = entries
      .filter((entry) => entry._scimCheck.action === 'preflight')
      .reduce((sum, entry) => sum + (entry.response.content.text?.length ?? 0), 0);
    expect(kept - preflight).toBeLessThanOrEqual(RETAINED_BODY_BUDGET + texts.length * EXCERPT_CHARS);
    const cut = padded.filter((entry) => entry.response.content.text!.length < entry.response.content.size);
    expect(cut.length).toBeGreaterThan(0);
    for (const entry of cut) {
      expect(entry.response.content.text!.length).toBeLessThanOrEqual(EXCERPT_CHARS);
      expect(entry.response.content.comment).toMatch(/only the first 4 KiB of 3\.0 MiB kept/);
    }
    // Failed exchanges are kept whole first, while the budget lasts.
    expect(
      padded.filter((entry) => entry.response.content.text!.length === entry.response.content.size).length,
    ).toBeGreaterThan(5);
  });
});

describe('BodyRetention: what a finished step keeps of its bodies', () => {
  const MiB = 1024 * 1024;
  function exchange(id: number, responseChars: number, requestChars = 0): Exchange {
    const response = JSON.stringify({ pad: 'x'.repeat(Math.max(0, responseChars - 10)) });
    return {
      id,
      request: {
        method: 'PUT',
        url: `http://127.0.0.1/scim/v2/Users/${id}`,
        headers: {},
        ...(requestChars > 0 ? { body: 'y'.repeat(requestChars) } : {}),
      },
      response: { status: 200, headers: {}, body: response, json: { parsed: true } },
      startedAt: '2024-05-01T10:00:00.000Z',
      durationMs: 1,
    };
  }
  const failedOn = (id: number): CheckResult => ({
    id: 'X',
    title: 'x',
    rfc: 'x',
    level: 'warning',
    status: 'failed',
    exchangeId: id,
  });

  it('keeps failed bodies whole while the budget lasts, then their start with the whole size and why', () => {
    const retention = new BodyRetention(10 * MiB);
    const exchanges = [1, 2, 3].map((id) => exchange(id, 4 * MiB));
    retention.retainStep(
      exchanges,
      exchanges.map((entry) => failedOn(entry.id)),
    );
    expect(exchanges.map((entry) => entry.response!.body.length)).toEqual([
      exchanges[0]!.response!.body.length,
      exchanges[1]!.response!.body.length,
      EXCERPT_CHARS,
    ]);
    expect(exchanges[2]!.response!.bodyKept).toEqual({
      size: 4 * MiB,
      kept: EXCERPT_CHARS,
      reason: expect.stringMatching(
        /^only the first 4 KiB of 4\.0 MiB kept: .* up to 10\.0 MiB per run, and that was spent$/,
      ),
    });
    expect(retention.keptBytes).toBe(8 * MiB);
    // The parse is dropped whatever the verdict: reports parse the text they show.
    expect(exchanges.every((entry) => entry.response!.json === undefined)).toBe(true);
  });

  it.each([
    ['a passing body up to 64 KiB is kept whole', 64 * 1024, false, 64 * 1024],
    ['a larger passing body keeps its start', 64 * 1024 + 1, false, EXCERPT_CHARS],
    ['an errored exchange counts as failed', 5 * MiB, true, 5 * MiB],
    ['a body up to 4 KiB is always whole, and not counted', 4096, false, 4096],
  ])('%s', (_name, chars, errored, kept) => {
    const retention = new BodyRetention();
    const entry = exchange(1, chars);
    if (errored) entry.error = { code: 'BODY_TOO_DEEP', message: 'deep' };
    retention.retainStep([entry], []);
    expect(entry.response!.body.length).toBe(kept);
  });

  it('passing bodies use at most half the budget, so failures later in the run still fit', () => {
    const retention = new BodyRetention(1 * MiB);
    const passing = Array.from({ length: 10 }, (_, index) => exchange(index + 1, 60 * 1024));
    retention.retainStep(passing, []);
    const whole = passing.filter((entry) => entry.response!.bodyKept === undefined).length;
    expect(whole).toBe(8); // 8 × 60 KiB ≤ 512 KiB < 9 × 60 KiB
    const failure = exchange(99, 500 * 1024);
    retention.retainStep([failure], [failedOn(99)]);
    expect(failure.response!.bodyKept).toBeUndefined();
  });

  it('cuts request bodies by the same rule, and judges an exchange once', () => {
    const retention = new BodyRetention();
    const entry = exchange(1, 100, 2 * MiB);
    retention.retainStep([entry], []);
    expect(entry.request.body!.length).toBe(EXCERPT_CHARS);
    expect(entry.request.bodyKept?.size).toBe(2 * MiB);
    retention.retainStep([entry], [failedOn(1)]);
    expect(retention.keptBytes).toBe(0);
  });
});
