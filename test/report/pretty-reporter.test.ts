import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/engine/results.js';
import { createReporter } from '../../src/report/registry.js';
import type { ReporterContext } from '../../src/report/reporter.js';
import {
  eventsOf,
  failingScenario,
  passingScenario,
  renderReporter,
  runResult,
  skippedScenario,
  sourceOf,
} from './fixtures.js';
import { FakeTerminal, MemoryStream } from './memory-stream.js';

const ANSI = /\u001b\[/;

/** Feeds the run's events (unless `events: false`) and then `finish` into a pretty reporter. */
const render = (result: RunResult, options: Partial<ReporterContext> & { events?: boolean } = {}) =>
  renderReporter('pretty', result, options);

const passingRun = () =>
  runResult([passingScenario()], { target: { baseUrl: 'https://scim.example.com/v2', embedded: false } });
const mixedRun = () => runResult([passingScenario(), failingScenario(), skippedScenario()]);
const interruptedRun = () => runResult([failingScenario()], { interrupted: true });

describe('pretty reporter (no colour)', () => {
  it('prints a passing run as a line and a summary', async () => {
    const { out } = await render(passingRun());
    await expect(out).toMatchFileSnapshot('__snapshots__/pretty-passing.txt');
    expect(out).toContain('✓ Okta user lifecycle  (okta · 2 steps · 3 requests · 0.4 s)');
    expect(out).toContain('Target:    https://scim.example.com/v2\n');
  });

  it('prints failures, warnings, runtime errors, skips and leftovers', async () => {
    const { out } = await render(mixedRun());
    await expect(out).toMatchFileSnapshot('__snapshots__/pretty-mixed.txt');
  });

  it('renders a failed check as a Hurl-style block with source line, findings and the cited exchange', async () => {
    const { out } = await render(mixedRun());
    const block = [
      '✗ PATCH-MEMBERS-REPLACE  RFC 7644 §3.5.2.3  Group membership after "removeMembers"',
      '  --> scenarios/okta-group-push.yaml:13:5',
      '   |',
      '13 |   - removeMembers: { group: eng, users: [bob] }',
      '   |',
      '  bob is still a member after the remove operation',
      '  expected $.members: ["alice","carol"]',
      '    actual $.members: ["alice","bob","carol"]',
      '  request:  GET http://127.0.0.1:4000/scim/v2/Groups/7f3a',
      '  response: 200 application/scim+json',
    ].join('\n');
    expect(out).toContain(block);
    // The cited exchange is the read-back (12), not the PATCH (11) that ran in the same step; its `members`, which the finding names, come first.
    expect(out).toContain('            {"value":"b0b","display":"bob"}, …');
  });

  it('renders a warning with its label and an errored step as a runtime error', async () => {
    const { out } = await render(mixedRun());
    expect(out).toContain('! warning META-LOCATION  RFC 7643 §3.1  meta.location is the resource URL\n');
    expect(out).toContain('  expected $.meta.location: "http://127.0.0.1:4000/scim/v2/Groups/7f3a"\n');
    expect(out).toContain(
      [
        'error: TIMEOUT: no response within 5000 ms',
        '  --> scenarios/okta-group-push.yaml:14:5',
        '   |',
        '14 |   - renameGroup: { group: eng, to: "Platform" }',
        '   |',
        '  request:  PATCH http://127.0.0.1:4000/scim/v2/Groups/7f3a',
      ].join('\n'),
    );
    expect(out).toContain('  response: none (TIMEOUT: no response within 5000 ms)\n');
    expect(out).toContain(
      'error: HTTP_ERROR: DELETE /Groups/7f3a answered 500\n  --> scenarios/okta-group-push.yaml (cleanup)\n',
    );
    // Info-level results are recorded, not shouted about.
    expect(out).not.toContain('PATCH-RETURN-200');
  });

  it('summarises counts, target, time and what was left behind', async () => {
    const { out } = await render(mixedRun());
    expect(out).toContain('○ Entra bulk import  skipped: the server does not support bulk');
    expect(out).toContain('! Okta group push  errored (okta · 3 steps · 5 requests · 5.1 s)');
    expect(out).toMatch(
      /Leftovers: 2 resources could not be deleted; remove by hand:\n {2}Group {2}7f3a {3}Engineering x1 {2}\(scenarios\/okta-group-push.yaml: no answer within 30000 ms\)\n {2}User {3}a11ce {2}alice.x1@example.com/,
    );
    expect(out).toMatch(
      /Possibly left behind: 1 resource .*search for them:\n {2}User {2}userName eq "bob.x1@example.com" {2}\(scenarios\/okta-group-push.yaml: no answer came/,
    );
    expect(out).toContain('Scenarios: 1 passed, 1 errored, 1 skipped (3)\n');
    expect(out).toContain('Checks:    4 passed, 1 failed (1 root cause), 1 warning, 1 skipped\n');
    expect(out).toContain('Target:    http://127.0.0.1:4000/scim/v2 (embedded reference server)\n');
    expect(out.endsWith('Time:      5.81 s\n')).toBe(true);
    expect(out).not.toContain('Interrupted');
  });

  it('says when the run was interrupted', async () => {
    const { out } = await render(interruptedRun());
    expect(out).toContain('Interrupted: the run was stopped early; results are partial.\nScenarios:');
  });

  it('shows every step, exchange and check verdict when verbose', async () => {
    const { out } = await render(mixedRun(), { verbose: true });
    await expect(out).toMatchFileSnapshot('__snapshots__/pretty-verbose.txt');
    expect(out).toContain('  ✓ 2 assignUser alice  2 requests · 8 ms\n');
    expect(out).toContain('    POST /Users → 201 (5 ms)\n');
    expect(out).toContain('    GET /Users?filter=userName%20eq%20%22alice%40example.com%22 → 200 (3 ms)\n');
    expect(out).toContain('    ✓ CREATE-201  Create returns 201 and the resource\n');
    expect(out).toContain('    PATCH /Groups/7f3a → TIMEOUT (5000 ms)\n');
    expect(out).toContain('    i PATCH-RETURN-200  Return the resource on 200: answered 204\n');
  });

  it('prints the same text whether it saw the events or only the final result', async () => {
    for (const verbose of [false, true]) {
      const streamed = await render(mixedRun(), { verbose });
      const atEnd = await render(mixedRun(), { verbose, events: false });
      expect(atEnd.out).toBe(streamed.out);
    }
  });

  it('prints a scenario as soon as it ends', async () => {
    const out = new MemoryStream();
    const reporter = createReporter('pretty', {
      out,
      err: new MemoryStream(),
      color: false,
      interactive: false,
      verbose: false,
      sourceOf,
    });
    const result = mixedRun();
    const events = eventsOf(result);
    const firstEnd = events.findIndex((event) => event.type === 'scenarioEnd');
    for (const event of events.slice(0, firstEnd)) reporter.onEvent?.(event);
    expect(out.text()).toBe('');
    reporter.onEvent?.(events[firstEnd]!);
    expect(out.text()).toBe('✓ Okta user lifecycle  (okta · 2 steps · 3 requests · 0.4 s)\n');
    // A scenario cut short by an interruption never sends scenarioEnd; finish still prints it.
    await reporter.finish(result);
    expect(out.text()).toContain('errored (okta');
    expect(out.text().match(/Okta user lifecycle/g)).toHaveLength(1);
  });

  it('shows only the location when the scenario text is unavailable', async () => {
    const { out } = await render(mixedRun(), { sourceOf: () => undefined });
    expect(out).toContain('  --> scenarios/okta-group-push.yaml:13:5\n  bob is still a member');
  });

  it('never prints request headers', async () => {
    const { out } = await render(mixedRun(), { verbose: true });
    expect(out).not.toMatch(/authorization|bearer|etag/i);
  });
});

describe('pretty reporter colour and progress', () => {
  it.each([
    ['passing', passingRun],
    ['mixed', mixedRun],
  ])('uses ANSI colour only when asked (%s run)', async (_name, build) => {
    const plain = await render(build(), { color: false, verbose: true });
    const coloured = await render(build(), { color: true, verbose: true });
    expect(plain.out).not.toMatch(ANSI);
    expect(coloured.out).toMatch(ANSI);
    expect(coloured.out.replace(/\u001b\[\d+m/g, '')).toBe(plain.out);
  });

  it('writes nothing to stderr when not interactive', async () => {
    const err = new FakeTerminal();
    const { out } = await render(mixedRun(), { interactive: false, err });
    expect(out).not.toBe('');
    expect(err.text()).toBe('');
  });

  it('shows the current scenario and step on an interactive stderr, and clears it before finishing', async () => {
    const err = new FakeTerminal();
    const out = new MemoryStream();
    const reporter = createReporter('pretty', { out, err, color: false, interactive: true, verbose: false, sourceOf });
    const result = mixedRun();
    const events = eventsOf(result);
    const removeMembers = events.findIndex((event) => event.type === 'stepStart' && event.action === 'removeMembers');
    for (const event of events.slice(0, removeMembers + 1)) reporter.onEvent?.(event);
    // ora loads lazily; give the import a moment to settle and draw a frame.
    await expect.poll(() => err.text(), { timeout: 5_000 }).toContain('okta-group-push › 4/5 removeMembers eng');
    for (const event of events.slice(removeMembers + 1)) reporter.onEvent?.(event);
    await reporter.finish(result);
    expect(out.text()).not.toContain('okta-group-push ›');
    expect(out.text()).toContain('Scenarios:');
    expect(err.text()).not.toContain('Scenarios:');
  });
});
