/*
 * Scenario keys for the users and groups of a recording, taken from the traffic so the draft
 * reads like the session it came from (`alice`, `engineering`), and generated stand-ins for
 * every personal value: a draft is meant to be committed and shared, and a recording of a real
 * tenant carries real people's names, addresses and ids.
 */

/** `alice.smith@corp.example` → `alice`; `Engineering Team` → `engineering`; always a valid scenario key. */
export function keyFrom(text: string, fallback: string): string {
  const local = text.includes('@') ? text.slice(0, text.indexOf('@')) : text;
  const words = local
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => /^[a-z]/.test(part));
  // Test tenants prefix names with the IdP or the tool (`okta.alice@…`, `scim-check Staff`): skip those.
  const word = words.find((part) => !NOT_NAMES.has(part)) ?? words[0];
  return word === undefined ? fallback : word.slice(0, 24);
}

/** Words that name the IdP or the test, not the user or group. */
const NOT_NAMES = new Set(['okta', 'entra', 'azure', 'aad', 'scim', 'check', 'test', 'demo', 'idp']);

/** Keys handed out so far; a second `alice` becomes `alice2`. */
export class KeyPool {
  private readonly taken = new Set<string>();

  take(wanted: string): string {
    let key = wanted;
    for (let n = 2; this.taken.has(key); n++) key = `${wanted}${n}`;
    this.taken.add(key);
    return key;
  }
}

/** A generated email for a user key; `{{run}}` keeps each run's users apart on a server that keeps them. */
export function generatedEmail(key: string, variant?: number): string {
  return `${key}${variant === undefined ? '' : `.${variant}`}.{{run}}@example.com`;
}

/** A generated group name for a group key: `engineering` → `Engineering {{run}}`. */
export function generatedGroupName(key: string): string {
  return `${key[0]!.toUpperCase()}${key.slice(1)} {{run}}`;
}

/**
 * Stand-ins that are valid for the attribute (RFC 7643 §4.1.1): a server may check a locale, a
 * time zone or a URL, and a draft must not fail on a value no IdP would send. Personal data none.
 */
function validStandIn(attribute: string, n: number, key: string): string | undefined {
  const name = attribute.toLowerCase();
  // `locale` and `preferredLanguage`: a language tag (RFC 5646), e.g. Okta's `en-US`.
  if (name === 'locale' || name === 'preferredlanguage') return 'en-US';
  // `timezone`: an IANA Time Zone database name.
  if (name === 'timezone') return 'America/Los_Angeles';
  // Phone numbers: the 555-01xx range North America keeps for fiction.
  if (name.includes('phone')) return `+1 555 010 ${String(n).padStart(4, '0')}`;
  if (name === 'profileurl' || name === 'photos' || name === 'url') return `https://example.com/${key}/${n}`;
  if (name === 'title') return `Title ${n}`;
  if (name === 'givenname') return `Test ${n}`;
  if (name === 'familyname') return `User ${n}`;
  if (name === 'displayname' || name === 'formatted') return `Test User ${n}`;
  return undefined;
}

/**
 * A stand-in for a recorded value: strings become a valid value for the attribute (validStandIn),
 * an example.com address for emails, else `<attribute> <n>`; arrays and objects are walked,
 * numbers and booleans kept (they carry the value types drift compares, never a person's data).
 */
export function standIn(value: unknown, attribute: string, n: number, key: string): unknown {
  if (typeof value === 'string') {
    if (/email/i.test(attribute) || value.includes('@')) return generatedEmail(key, n);
    return validStandIn(attribute, n, key) ?? `${attribute} ${n}`;
  }
  if (Array.isArray(value)) return value.map((item) => standIn(item, attribute, n, key));
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) {
      // `type` and `primary` of a multi-valued attribute are labels, not personal data (RFC 7643 §2.4).
      result[name] =
        (name === 'type' || name === 'primary') && typeof inner !== 'object'
          ? inner
          : // The `value` of a multi-valued attribute is named by the attribute (`phoneNumbers`).
            standIn(inner, name === 'value' ? attribute : name, n, key);
    }
    return result;
  }
  return value;
}
