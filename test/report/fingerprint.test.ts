import { describe, expect, it } from 'vitest';
import { newRunId } from '../../src/engine/run-id.js';
import { scenarioToken } from '../../src/engine/run-suite.js';
import { STRICT_NOTE } from '../../src/engine/strict.js';
import { checkFingerprint, normaliseCause, stepErrorFingerprint } from '../../src/report/fingerprint.js';

/*
 * The fingerprint of a failure must survive a rerun (new run token, new port, new ids, new
 * timestamps) and still tell two bugs apart. The run-specific texts below are the shapes real
 * runs produce (collected from two runs of every built-in scenario against the deviant server).
 */

const RUN_A = { runId: 'rg3drb1fd', baseUrl: 'http://127.0.0.1:43345/scim/v2' };
const RUN_B = { runId: 'rgb1brd0g', baseUrl: 'http://127.0.0.1:44737/scim/v2' };

/** The same text as run A and run B would write it. */
function both(
  template: (run: { token: string; base: string; id: string; time: string; etag: string }) => string,
): [string, string] {
  return [
    template({
      token: `${RUN_A.runId}g`,
      base: RUN_A.baseUrl,
      id: '47f04b72-fa5c-4102-8e03-9ba14ace276e',
      time: '2025-01-01T10:00:00.123Z',
      etag: 'W/"3"',
    }),
    template({
      token: `${RUN_B.runId}1a`,
      base: RUN_B.baseUrl,
      id: 'd93b25b6-6b4c-4ee4-a8c8-5faf05574b51',
      time: '2026-07-30T23:59:59Z',
      etag: 'W/"other-W4m"',
    }),
  ];
}

describe('normaliseCause', () => {
  it.each([
    [
      'the run token in a user name',
      ({ token }: { token: string }) => `User scimcheck-${token}-u3@example.com is missing from the import`,
      'User scimcheck-{run}-u3@example.com is missing from the import',
    ],
    [
      'the run token in an email',
      ({ token }: { token: string }) => `raj.${token}@example.com was not found`,
      'raj.{run}@example.com was not found',
    ],
    [
      'the run token after a space',
      ({ token }: { token: string }) => `Group Security ${token} is missing from the import`,
      'Group Security {run} is missing from the import',
    ],
    [
      'the base URL and a resource id',
      ({ base, id }: { base: string; id: string }) => `meta.location ${base}/Users/${id} is not the Location`,
      'meta.location {base}/Users/{id} is not the Location',
    ],
    [
      'a timestamp',
      ({ time }: { time: string }) => `meta.lastModified ${time} is before meta.created`,
      'meta.lastModified {time} is before meta.created',
    ],
    [
      'a weak ETag inside JSON text',
      ({ etag }: { etag: string }) =>
        `the body contains what it must not: ${JSON.stringify({ meta: { version: etag } })}`,
      'the body contains what it must not: {"meta":{"version":"W/\\"{etag}\\""}}',
    ],
  ])('replaces %s', (_name, template, expected) => {
    const [a, b] = both(template as Parameters<typeof both>[0]);
    expect(normaliseCause(a, RUN_A)).toBe(expected);
    expect(normaliseCause(b, RUN_B)).toBe(expected);
  });

  it('replaces the token of any scenario position, in any case, for a run id newRunId makes', () => {
    const runId = newRunId(Date.UTC(2025, 0, 1));
    const context = { runId, baseUrl: 'http://localhost:8080/scim/v2' };
    for (const position of [0, 9, 35, 36, 400]) {
      const token = scenarioToken(runId, position);
      expect(normaliseCause(`scimcheck-${token}-f-u1@example.com`, context)).toBe('scimcheck-{run}-f-u1@example.com');
      expect(normaliseCause(`SCIMCHECK-${token.toUpperCase()}-F-U1`, context)).toBe('SCIMCHECK-{run}-F-U1');
    }
  });

  it('replaces other hosts, HTTP dates and opaque ids the server issued', () => {
    const context = { runId: 'abcd1234', baseUrl: 'https://scim.example.com/v2' };
    expect(
      normaliseCause('Location points at http://10.0.0.7:9000/Users/Id_47f04b72fa5c41028e039ba14ace276e', context),
    ).toBe('Location points at {host}/Users/{id}');
    expect(normaliseCause('proxy 127.0.0.1:43345 refused', context)).toBe('proxy {host} refused');
    expect(normaliseCause('Last-Modified Tue, 01 Jul 2025 10:00:00 GMT is later than now', context)).toBe(
      'Last-Modified {time} is later than now',
    );
    expect(normaliseCause('id 8f3kq92ma7x was reused', context)).toBe('id {id} was reused');
  });

  it('turns counts, durations and array indices into placeholders', () => {
    const context = { runId: 'zzzz0000', baseUrl: 'http://127.0.0.1:1/scim' };
    expect(normaliseCause('the member set differs from what the IdP pushed (unexpected 1)', context)).toBe(
      'the member set differs from what the IdP pushed (unexpected #)',
    );
    expect(normaliseCause('the list took 61.5 s; Okta gives up after 60 s', context)).toBe(
      'the list took #; Okta gives up after #',
    );
    expect(normaliseCause('answered after 5234 ms', context)).toBe('answered after #');
    // A listed resource is the resource: the same attribute read alone or in a list is one cause.
    expect(normaliseCause('$.Resources[3].active must be of JSON type boolean', context)).toBe(
      '$.active must be of JSON type boolean',
    );
    // An exchange number counts requests; #141 must not pass for an HTTP status (a proven cause
    // in three Entra scenarios was three root causes).
    expect(normaliseCause('refused (exchange #141); accepted in RFC form (exchange #78)', context)).toBe(
      'refused (exchange #{n}); accepted in RFC form (exchange #{n})',
    );
  });

  it('keeps what names the bug: HTTP statuses, RFC sections, URNs and attribute names', () => {
    const context = { runId: 'zzzz0000', baseUrl: 'http://127.0.0.1:1/scim' };
    const kept = [
      'status 400 is not the expected 409',
      'RFC 7644 §3.5.2.3 and Table 9',
      'schemas must hold urn:ietf:params:scim:schemas:core:2.0:User',
      'x509Certificates was dropped by the PUT',
      'append ?aadOptscim062020 to the tenant URL',
      'User scimcheck-{run}-u3 is missing',
    ];
    for (const text of kept) expect(normaliseCause(text, context)).toBe(text);
  });
});

describe('checkFingerprint', () => {
  const check = (message: string, findings: { path?: string; message: string }[] = []) => ({
    id: 'CREATE-201',
    message,
    findings,
  });

  it('is the check id and a short hash', () => {
    expect(checkFingerprint(check('status 400 is not the expected 201'), 'okta', RUN_A)).toMatch(
      /^CREATE-201#[0-9a-f]{8}$/,
    );
  });

  it('is the same for the same bug in two runs, whatever the token, port, ids and times', () => {
    const [a, b] = both(
      ({ token, base, id, time }) => `${base}/Users/${id} for scimcheck-${token}-u1 changed at ${time}`,
    );
    const findings = (text: string) => [{ path: '$.Resources[0].meta.location', message: text }];
    expect(checkFingerprint(check(a, findings(a)), 'okta', RUN_A)).toBe(
      checkFingerprint(check(b, findings(b)), 'okta', RUN_B),
    );
  });

  it('differs for different bugs under the same check id', () => {
    const fingerprints = new Set([
      checkFingerprint(check('status 400 is not the expected 201'), 'okta', RUN_A),
      checkFingerprint(check('status 500 is not the expected 201'), 'okta', RUN_A),
      checkFingerprint(check('$.active differs', [{ path: '$.active', message: '$.active differs' }]), 'okta', RUN_A),
      checkFingerprint(check('$.active differs', [{ path: '$.emails', message: '$.active differs' }]), 'okta', RUN_A),
      checkFingerprint({ id: 'READ-200', message: 'status 400 is not the expected 201' }, 'okta', RUN_A),
    ]);
    expect(fingerprints.size).toBe(5);
  });

  it('ignores how many elements a list finding had and in which order findings came', () => {
    const one = check('$.Resources[0].active must be of JSON type boolean', [
      { path: '$.Resources[0].active', message: 'must be boolean' },
    ]);
    const three = check(
      '$.Resources[0].active must be of JSON type boolean',
      [2, 0, 1].map((n) => ({ path: `$.Resources[${n}].active`, message: 'must be boolean' })),
    );
    expect(checkFingerprint(one, 'okta', RUN_A)).toBe(checkFingerprint(three, 'okta', RUN_A));
  });

  it('is the same under --strict and after a waiver expired: those notes are not the cause', () => {
    const plain = checkFingerprint({ id: 'META-LOCATION', message: 'meta.location is missing' }, 'okta', RUN_A);
    expect(
      checkFingerprint({ id: 'META-LOCATION', message: `meta.location is missing (${STRICT_NOTE})` }, 'okta', RUN_A),
    ).toBe(plain);
    expect(
      checkFingerprint(
        {
          id: 'META-LOCATION',
          message:
            'meta.location is missing — the waiver for META-* (waivers.yaml:3) expired on 2025-01-31: vendor ticket 12',
        },
        'okta',
        RUN_A,
      ),
    ).toBe(plain);
  });

  it('adds the IdP family for INTEROP rows only', () => {
    const interop = { id: 'INTEROP-OP-CASE', message: 'the server refused a PATCH whose op is Add' };
    expect(checkFingerprint(interop, 'okta', RUN_A)).not.toBe(checkFingerprint(interop, 'entra', RUN_A));
    // Modes of one IdP are one family: the AIW app is still Okta.
    expect(checkFingerprint(interop, 'okta', RUN_A)).toBe(checkFingerprint(interop, 'okta-aiw', RUN_A));
    const must = check('status 400 is not the expected 201');
    expect(checkFingerprint(must, 'okta', RUN_A)).toBe(checkFingerprint(must, 'entra', RUN_A));
  });
});

describe('stepErrorFingerprint', () => {
  it('ignores which request hit the runtime error', () => {
    const [a, b] = both(
      ({ base, id }) =>
        `DELETE ${base}/Users/${id}: the server answered 429 Too Many Requests; not retried (keycloak profile)`,
    );
    const c = `GET ${RUN_A.baseUrl}/Groups/abc: the server answered 429 Too Many Requests; not retried (keycloak profile)`;
    const fingerprint = stepErrorFingerprint({ code: 'RATE_LIMITED', message: a }, RUN_A);
    expect(fingerprint).toMatch(/^RATE_LIMITED#[0-9a-f]{8}$/);
    expect(stepErrorFingerprint({ code: 'RATE_LIMITED', message: b }, RUN_B)).toBe(fingerprint);
    expect(stepErrorFingerprint({ code: 'RATE_LIMITED', message: c }, RUN_A)).toBe(fingerprint);
    expect(stepErrorFingerprint({ code: 'TIMEOUT', message: 'no response within 5000 ms' }, RUN_A)).not.toBe(
      fingerprint,
    );
  });
});
