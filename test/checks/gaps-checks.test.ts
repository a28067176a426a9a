import { describe, expect, it } from 'vitest';
import { locationAbsolute } from '../../src/checks/exchange/locations.js';
import { metaTrackingFindings, timestampResolutionMs } from '../../src/checks/exchange/meta-tracking.js';
import { listIdpTimeout } from '../../src/checks/exchange/timing.js';
import type { ExchangeCheckContext } from '../../src/checks/exchange-check.js';
import { runExchangeChecks } from '../../src/checks/run-exchange-checks.js';
import { BASE, ID, LIST_URN, recorded, user } from './exchange-fixtures.js';

const context = (overrides: Partial<ExchangeCheckContext> = {}): ExchangeCheckContext => ({
  idp: 'generic',
  purpose: 'raw',
  issuedIds: new Set(),
  ...overrides,
});
const verdict = (id: string, results: ReturnType<typeof runExchangeChecks>) =>
  results.find((result) => result.id === id);

describe('LOCATION-ABSOLUTE', () => {
  const relativeMeta = user({ meta: { ...(user().meta as object), location: `/scim/v2/Users/${ID}` } });
  it.each([
    [
      'absolute Location and meta.location',
      { status: 201, headers: { location: `${BASE}/Users/${ID}` }, body: user() },
      0,
    ],
    ['a path-only Location header', { status: 201, headers: { location: `/scim/v2/Users/${ID}` }, body: user() }, 1],
    ['a bare relative Location header', { status: 201, headers: { location: `Users/${ID}` }, body: user() }, 1],
    ['a relative meta.location on a read', { status: 200, body: relativeMeta }, 1],
    [
      'relative meta.location inside a ListResponse',
      { status: 200, body: { schemas: [LIST_URN], totalResults: 1, Resources: [relativeMeta] } },
      1,
    ],
    ['both relative', { status: 201, headers: { location: `/scim/v2/Users/${ID}` }, body: relativeMeta }, 2],
  ] as const)('%s', (_name, spec, count) => {
    const exchange = recorded({
      method: spec.status === 201 ? 'POST' : 'GET',
      ...spec,
      headers: { ...('headers' in spec ? spec.headers : {}) },
    });
    const result = verdict('LOCATION-ABSOLUTE', runExchangeChecks(exchange, context()));
    expect(result?.status).toBe(count === 0 ? 'passed' : 'failed');
    expect(result?.findings?.length ?? 0).toBe(count);
    // SHOULD row: a warning whatever the profile.
    expect(result?.level).toBe('warning');
  });

  it('does not judge an error answer', () => {
    expect(
      locationAbsolute.appliesTo(
        recorded({ status: 404, headers: { location: '/x' }, body: { detail: 'no' } }),
        context(),
      ),
    ).toBe(false);
  });
});

describe('LIST-IDP-TIMEOUT', () => {
  const slowList = (durationMs: number) => ({
    ...recorded({
      path: '/Users?filter=userName%20eq%20%22a%22',
      status: 200,
      body: { schemas: [LIST_URN], totalResults: 0, Resources: [] },
    }),
    durationMs,
  });

  it('warns under okta and entra profiles when the list took longer than their 60 s', () => {
    for (const idp of ['okta', 'okta-aiw', 'entra', 'entra-compliant'] as const) {
      const result = verdict(
        'LIST-IDP-TIMEOUT',
        runExchangeChecks(slowList(61_500), context({ idp, purpose: 'lookupUser' })),
      );
      expect(result, idp).toMatchObject({ status: 'failed', level: 'warning' });
      expect(result!.message).toContain('61.5 s');
      expect(result!.message).toContain('60.0 s');
    }
  });

  it('passes a list within the timeout, and gives no verdict where no timeout is documented', () => {
    expect(
      verdict('LIST-IDP-TIMEOUT', runExchangeChecks(slowList(59_000), context({ idp: 'okta', purpose: 'listUsers' })))
        ?.status,
    ).toBe('passed');
    expect(
      verdict(
        'LIST-IDP-TIMEOUT',
        runExchangeChecks(slowList(120_000), context({ idp: 'generic', purpose: 'listUsers' })),
      ),
    ).toBeUndefined();
    expect(
      verdict(
        'LIST-IDP-TIMEOUT',
        runExchangeChecks(slowList(120_000), context({ idp: 'keycloak', purpose: 'listUsers' })),
      ),
    ).toBeUndefined();
  });

  it('judges only lists and lookups', () => {
    expect(listIdpTimeout.appliesTo(slowList(120_000), context({ idp: 'okta', purpose: 'readBack' }))).toBe(false);
    expect(listIdpTimeout.appliesTo(slowList(120_000), context({ idp: 'okta', purpose: 'createUser' }))).toBe(false);
  });
});

describe('meta tracking across a change (CHAR-LASTMODIFIED, VER-CHANGES)', () => {
  const T0 = Date.parse('2024-05-01T10:00:00.000Z');

  it('reads the clock step from the significant fraction digits', () => {
    expect(timestampResolutionMs('2024-05-01T10:00:00Z')).toBe(1000);
    expect(timestampResolutionMs('2024-05-01T10:00:00.000Z')).toBe(1000);
    expect(timestampResolutionMs('2024-05-01T10:00:00.500Z')).toBe(100);
    expect(timestampResolutionMs('2024-05-01T10:00:00.123Z')).toBe(1);
    expect(timestampResolutionMs('2024-05-01T10:00:00.123456+02:00')).toBeCloseTo(0.001);
  });

  it.each([
    ['advanced with millisecond precision', 0, '2024-05-01T10:00:00.123Z', 5, '2024-05-01T10:00:00.131Z'],
    ['unchanged, millisecond precision, 5 ms apart', 1, '2024-05-01T10:00:00.123Z', 5, '2024-05-01T10:00:00.123Z'],
    [
      'unchanged, printed to 10 ms (.120), 5 ms apart: the clock step hides it',
      0,
      '2024-05-01T10:00:00.120Z',
      5,
      '2024-05-01T10:00:00.120Z',
    ],
    [
      'unchanged, whole seconds, 300 ms apart: the clock step hides it',
      0,
      '2024-05-01T10:00:00Z',
      300,
      '2024-05-01T10:00:00Z',
    ],
    [
      'unchanged, whole seconds printed as .000, 300 ms apart',
      0,
      '2024-05-01T10:00:00.000Z',
      300,
      '2024-05-01T10:00:00.000Z',
    ],
    ['unchanged, whole seconds, 1.2 s apart', 1, '2024-05-01T10:00:00Z', 1200, '2024-05-01T10:00:00Z'],
    ['went back in time', 1, '2024-05-01T10:00:05Z', 10, '2024-05-01T10:00:01Z'],
  ] as const)('%s → %i finding(s)', (_name, count, before, gap, after) => {
    const findings = metaTrackingFindings(
      { lastModified: before, observedAt: T0 },
      { lastModified: after, observedAt: T0 + gap + 50 },
      T0 + gap,
    );
    expect(findings).toHaveLength(count);
    for (const finding of findings) expect(finding.path).toBe('$.meta.lastModified');
  });

  it('requires a different meta.version when both reads carry one', () => {
    expect(
      metaTrackingFindings({ version: 'W/"1"', observedAt: T0 }, { version: 'W/"1"', observedAt: T0 + 10 }, T0 + 5),
    ).toEqual([expect.objectContaining({ path: '$.meta.version' })]);
    expect(
      metaTrackingFindings({ version: 'W/"1"', observedAt: T0 }, { version: 'W/"2"', observedAt: T0 + 10 }, T0 + 5),
    ).toEqual([]);
    expect(metaTrackingFindings({ observedAt: T0 }, { version: 'W/"2"', observedAt: T0 + 10 }, T0 + 5)).toEqual([]);
  });
});
