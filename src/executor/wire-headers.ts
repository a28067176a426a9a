/**
 * The headers a request goes out with: the profile's, then the request's own (a raw step's or an
 * action's), matched case-insensitively so a scenario's `Accept` replaces the profile's `accept`
 * instead of doubling it. The one place this merge happens (run, load, dry runs and the IdP
 * golden tests all send through it).
 */
export function wireHeaders(
  profileHeaders: Readonly<Record<string, string>> | undefined,
  request: { method: string; body?: unknown; headers?: Readonly<Record<string, string>> },
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (profileHeaders !== undefined)
    for (const name in profileHeaders) headers[name.toLowerCase()] = profileHeaders[name]!;
  if (request.headers !== undefined)
    for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name]!;
  // A GET carries no body, so no Content-Type (RFC 9110 §8.3: it describes the content).
  if (request.body === undefined && request.method.toUpperCase() === 'GET') delete headers['content-type'];
  // A raw step sets a header to "" to leave it out (MEDIA-NO-ACCEPT sends no Accept at all).
  for (const name in headers) if (headers[name] === '') delete headers[name];
  return headers;
}
