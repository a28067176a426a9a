import { describe, expect, it } from 'vitest';
import { catalogueRow, levelOf } from '../../src/checks/catalogue.js';
import { EXCHANGE_CHECKS } from '../../src/checks/exchange-checks.js';
import { runExchangeChecks } from '../../src/checks/run-exchange-checks.js';
import type { Exchange } from '../../src/http/exchange.js';
import { BASE, context, group, ID, recorded, USER_URN, user } from './exchange-fixtures.js';

/*
 * Checks that misread valid answers (issue 12): each case is an answer RFC 7643/7644 allows, which
 * a check used to fail, next to the wrong answer the same check must still catch.
 */

function verdict(id: string, exchange: Exchange): string {
  const check = EXCHANGE_CHECKS.filter((candidate) => candidate.id === id);
  const results = runExchangeChecks(exchange, context(), check);
  return results.length === 0 ? 'not applied' : results.map((result) => result.status).join(',');
}

const withoutMeta = (): Record<string, unknown> => {
  const { meta: _meta, ...rest } = user();
  return rest;
};

describe('CREATE-META-LOCATION and attributes= (RFC 7644 §3.9)', () => {
  const contentLocation = { 'content-location': `${BASE}/Users/${ID}` };
  it('does not fail a projected answer that leaves meta out', () => {
    const projected = recorded({
      path: `/Users/${ID}?attributes=userName`,
      status: 200,
      headers: contentLocation,
      body: { schemas: [USER_URN], id: ID, userName: 'bjensen@example.com' },
    });
    expect(verdict('CREATE-META-LOCATION', projected)).toBe('skipped');
    const excluded = recorded({
      path: `/Users/${ID}?excludedAttributes=meta`,
      status: 200,
      headers: contentLocation,
      body: withoutMeta(),
    });
    expect(verdict('CREATE-META-LOCATION', excluded)).toBe('skipped');
  });
  it('still fails an unprojected answer without meta.location, and a projected one whose location differs', () => {
    expect(
      verdict(
        'CREATE-META-LOCATION',
        recorded({ path: `/Users/${ID}`, status: 200, headers: contentLocation, body: withoutMeta() }),
      ),
    ).toBe('failed');
    const elsewhere = user({ meta: { ...(user().meta as object), location: `${BASE}/Users/other` } });
    expect(
      verdict(
        'CREATE-META-LOCATION',
        recorded({ path: `/Users/${ID}?attributes=meta`, status: 200, headers: contentLocation, body: elsewhere }),
      ),
    ).toBe('failed');
  });
});

describe('DT-REFERENCE and RFC 3986 characters in a relative $ref', () => {
  it('accepts the `Users/<id>` reference Keycloak sends, for an id holding @ (RFC 3986 §3.3 pchar)', () => {
    // The keycloak profile pushes members as {value: id, $ref: "Users/<id>"} (src/idp/keycloak.ts); a server echoes it back.
    const echoed = group({ members: [{ value: 'alice@example.com', $ref: 'Users/alice@example.com' }] });
    expect(verdict('DT-REFERENCE', recorded({ path: '/Groups/g1', status: 200, body: echoed }))).toBe('passed');
    const subDelims = group({ members: [{ value: "o'neil+1", $ref: "/Users/o'neil+1;v=2" }] });
    expect(verdict('DT-REFERENCE', recorded({ path: '/Groups/g1', status: 200, body: subDelims }))).toBe('passed');
  });
  it('accepts an absolute mailto: reference', () => {
    expect(
      verdict(
        'DT-REFERENCE',
        recorded({
          path: '/Groups/g1',
          status: 200,
          body: group({ members: [{ value: 'x', $ref: 'mailto:alice@example.com' }] }),
        }),
      ),
    ).toBe('passed');
  });
  it('still fails what is no URI reference at all', () => {
    expect(
      verdict(
        'DT-REFERENCE',
        recorded({
          path: '/Groups/g1',
          status: 200,
          body: group({ members: [{ value: 'x', $ref: 'Users/alice smith' }] }),
        }),
      ),
    ).toBe('failed');
    expect(
      verdict(
        'DT-REFERENCE',
        recorded({
          path: '/Groups/g1',
          status: 200,
          body: group({ members: [{ value: 'x', $ref: 'Users/<alice>' }] }),
        }),
      ),
    ).toBe('failed');
  });
});

describe('CHAR-SCHEMAS and schema URIs (RFC 7643 §3)', () => {
  it('accepts a custom extension named by an https URI (the urn: form is registered, not required)', () => {
    const custom = user({
      schemas: [USER_URN, 'https://schemas.example.com/scim/acme-user'],
      'https://schemas.example.com/scim/acme-user': { badge: '42' },
    });
    expect(verdict('CHAR-SCHEMAS', recorded({ path: `/Users/${ID}`, status: 200, body: custom }))).toBe('passed');
  });
  it('still fails an entry that is not an absolute URI', () => {
    expect(
      verdict(
        'CHAR-SCHEMAS',
        recorded({ path: `/Users/${ID}`, status: 200, body: user({ schemas: [USER_URN, 'AcmeUser'] }) }),
      ),
    ).toBe('failed');
    expect(
      verdict(
        'CHAR-SCHEMAS',
        recorded({ path: `/Users/${ID}`, status: 200, body: user({ schemas: [USER_URN, 'acme user:v1 x'] }) }),
      ),
    ).toBe('failed');
  });
});

describe('one RFC sentence, one level (RFC 7644 §3.5.2.1: an add of a value already present)', () => {
  it('grades PATCH-ADD-DUPLICATE and PATCH-MEMBERS-ADD-EXISTING alike, as SHOULD (a warning)', () => {
    expect(catalogueRow('PATCH-ADD-DUPLICATE').level).toBe('SHOULD');
    expect(catalogueRow('PATCH-MEMBERS-ADD-EXISTING').level).toBe('SHOULD');
    expect(levelOf(catalogueRow('PATCH-ADD-DUPLICATE'), 'generic')).toBe('warning');
  });
});
