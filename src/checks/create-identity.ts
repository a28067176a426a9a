import { jsonObjectOf as object } from '../scim/resource.js';
import type { Finding } from './check-result.js';
import type { ResourceKind } from './request-purpose.js';

/**
 * The attributes that say which resource a create answer is, with how they compare:
 * userName is caseExact false (RFC 7643 §4.1.1), so is a Group's displayName (§4.2); externalId
 * is caseExact true (§3.1).
 */
const IDENTITY: readonly { attribute: string; kinds: readonly ResourceKind[]; caseExact: boolean }[] = [
  { attribute: 'userName', kinds: ['User'], caseExact: false },
  { attribute: 'displayName', kinds: ['Group'], caseExact: false },
  { attribute: 'externalId', kinds: ['User', 'Group'], caseExact: true },
];

/** The name a create sent (userName or displayName), for leftovers listings and searches. */
export function sentName(kind: ResourceKind, sent: unknown): string | undefined {
  const value = object(sent)?.[kind === 'User' ? 'userName' : 'displayName'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * CREATE-IDENTITY (RFC 7644 §3.3; RFC 7643 §3.1): does the 201 identify the resource the client
 * asked for? An upserting or loosely matching server answers a POST with a resource that already
 * existed; a client that took that id as its own would go on to change and delete someone else's
 * data. Every identifying attribute the request sent must come back unchanged, and the id must not
 * belong to a resource seen elsewhere (`foreignReason`, from the run's ledger).
 */
export function createIdentityFindings(
  kind: ResourceKind,
  sent: unknown,
  answer: unknown,
  foreignReason: (id: string) => string | undefined,
): Finding[] {
  const body = object(answer);
  if (body === undefined)
    return [
      {
        message:
          'the 201 carries no resource, so nothing says which resource was created; scim-check will not write to it',
        actual: '(no JSON object)',
      },
    ];
  const id = body.id;
  if (typeof id !== 'string' || id === '')
    return [
      {
        message: 'the 201 carries no id, so the created resource cannot be addressed; scim-check will not write to it',
        path: '$.id',
        actual: id ?? '(missing)',
      },
    ];
  const request = object(sent) ?? {};
  const findings: Finding[] = [];
  for (const { attribute, kinds, caseExact } of IDENTITY) {
    if (!kinds.includes(kind)) continue;
    const expected = request[attribute];
    if (typeof expected !== 'string') continue;
    const actual = body[attribute];
    const same =
      typeof actual === 'string' && (caseExact ? actual === expected : actual.toLowerCase() === expected.toLowerCase());
    if (!same) {
      findings.push({
        message:
          actual === undefined
            ? `the 201 does not carry the ${attribute} that was sent, so it does not show it is the resource the request created; scim-check will not write to id ${id}`
            : `the 201 is another resource: ${attribute} is ${JSON.stringify(actual)}, not the ${JSON.stringify(expected)} that was sent (an upsert or a loose match); scim-check will not write to id ${id}`,
        path: `$.${attribute}`,
        expected,
        actual: actual ?? '(missing)',
      });
    }
  }
  const foreign = foreignReason(id);
  if (foreign !== undefined)
    findings.push({
      message: `the 201 names an existing resource: ${foreign}; scim-check will not write to it`,
      path: '$.id',
      actual: id,
    });
  return findings;
}
