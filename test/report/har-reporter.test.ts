import { describe, expect, it } from 'vitest';
import type { HarReporter } from '../../src/report/har-reporter.js';
import { createReporter } from '../../src/report/registry.js';
import { eventsOf, failingScenario, passingScenario, runResult, sourceOf } from './fixtures.js';
import { MemoryStream } from './memory-stream.js';

function harReporter(out: MemoryStream): HarReporter {
  return createReporter('har', {
    out,
    err: new MemoryStream(),
    color: false,
    interactive: false,
    verbose: false,
    sourceOf,
    toolVersion: '9.9.9',
  }) as HarReporter;
}

/** Replays the run's events and records each step's exchanges after its stepStart, as the CLI's client wrapper does. */
async function harOf(result = runResult([passingScenario(), failingScenario()])): Promise<any> {
  const out = new MemoryStream();
  const reporter = harReporter(out);
  for (const event of eventsOf(result)) {
    reporter.onEvent(event);
    if (event.type === 'stepStart') {
      const scenario = result.scenarios.find((candidate) => candidate.name === event.scenario)!;
      const s = scenario.steps.find(
        (candidate) => candidate.index === event.index && candidate.action === event.action,
      )!;
      for (const exchange of s.exchanges) reporter.onEvent({ type: 'exchange', exchange });
    }
  }
  await reporter.finish(result);
  return JSON.parse(out.text());
}

describe('har reporter', () => {
  it('writes HAR 1.2 with every exchange and its scim-check context (snapshot)', async () => {
    const har = await harOf();
    await expect(JSON.stringify(har, null, 2)).toMatchFileSnapshot('__snapshots__/har-mixed.json');
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'scim-check', version: '9.9.9' });
    expect(har.log.entries).toHaveLength(8);
    const post = har.log.entries[2];
    expect(post.request).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:4000/scim/v2/Users',
      httpVersion: 'HTTP/1.1',
    });
    expect(post.response).toMatchObject({ status: 201, statusText: 'Created' });
    expect(post._scimCheck).toEqual({
      scenario: 'Okta user lifecycle',
      step: 2,
      action: 'assignUser',
      idp: 'okta',
      exchangeId: 3,
    });
    const lookup = har.log.entries[1];
    expect(lookup.request.queryString).toEqual([{ name: 'filter', value: 'userName eq "alice@example.com"' }]);
    const patch = har.log.entries.find((entry: any) => entry._scimCheck.exchangeId === 11);
    expect(patch.request.postData.text).toContain('PatchOp');
    const timeout = har.log.entries.find((entry: any) => entry._scimCheck.exchangeId === 13);
    expect(timeout.response).toMatchObject({ status: 0, _error: { code: 'TIMEOUT' } });
    const cleanup = har.log.entries.find((entry: any) => entry._scimCheck.exchangeId === 14);
    expect(cleanup._scimCheck).toMatchObject({ step: null, action: 'cleanup' });
    // Credentials stay as src/http recorded them: redacted.
    expect(JSON.stringify(har)).toContain('Bearer [REDACTED]');
  });

  it('writes what it recorded when the run could not finish, once', async () => {
    const out = new MemoryStream();
    const reporter = harReporter(out);
    reporter.onEvent({ type: 'exchange', exchange: passingScenario().steps[0]!.exchanges[0]! });
    await reporter.finishPartial('cannot reach http://127.0.0.1:4000/scim/v2: connection refused');
    await reporter.finish(runResult([]));
    const har = JSON.parse(out.text());
    expect(har.log.comment).toContain('connection refused');
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0]._scimCheck).toMatchObject({ scenario: null, action: 'preflight' });
  });
});
