import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RetryPolicy, retryPolicyFor } from '../../src/http/retry-policy.js';
import { familyOf, IDP_FAMILIES, PROFILE_NAMES } from '../../src/idp/profile-names.js';
import { allProfiles, findProfile } from '../../src/idp/registry.js';

describe('the profile registry is the one list of IdP names', () => {
  it('ships one profile per name, in PROFILE_NAMES order, each carrying its own name', () => {
    expect(allProfiles().map((profile) => profile.name)).toEqual([...PROFILE_NAMES]);
    for (const name of PROFILE_NAMES) expect(findProfile(name)?.name).toBe(name);
    expect(findProfile('okta-')).toBeUndefined();
    expect(findProfile('toString')).toBeUndefined();
  });

  it('puts every profile in a family, and every family has a profile', () => {
    expect(new Set(PROFILE_NAMES.map((name) => familyOf(name)))).toEqual(new Set(IDP_FAMILIES));
    expect(familyOf('okta-aiw')).toBe('okta');
    expect(familyOf('entra-compliant')).toBe('entra');
    expect(familyOf('keycloak-patch')).toBe('keycloak');
    expect(familyOf('okta-something-new')).toBeUndefined();
  });

  it('is what the scenario JSON Schema allows for `idp` (run `npm run schema` after changing it)', () => {
    const schema = JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8')) as {
      properties: { idp: { enum: string[] } };
    };
    expect(schema.properties.idp.enum).toEqual([...PROFILE_NAMES]);
  });

  it("gives every mode of an IdP that IdP's retry policy", () => {
    const behaviour = ({ profile: _, ...rest }: RetryPolicy) => rest;
    for (const name of PROFILE_NAMES) {
      expect(retryPolicyFor(name).profile).toBe(name);
      expect(behaviour(retryPolicyFor(name)), name).toEqual(behaviour(retryPolicyFor(familyOf(name))));
    }
  });
});
