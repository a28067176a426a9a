/** Replaces every occurrence of the secrets it knows; the one redactor every output path uses. */
export type Redactor = (text: string) => string;

export const REDACTED = '[REDACTED]';

/**
 * Builds a redactor for the given secrets (the bearer token, and its Basic/URL-encoded
 * spellings). Secrets shorter than 4 characters are still redacted: a test token like
 * "abc" must never show up either, and false positives in output are harmless.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  const sorted = [...needles].filter((needle) => needle.length > 0).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const needle of sorted) {
      if (result.includes(needle)) result = result.split(needle).join(REDACTED);
    }
    return result;
  };
}

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Redacts header values: credentials entirely (keeping the scheme), everything else by the redactor. */
export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (SENSITIVE_HEADERS.has(name.toLowerCase())) {
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      result[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      result[name] = redact(value);
    }
  }
  return result;
}
