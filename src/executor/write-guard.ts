import { type AddressedTarget, addressedTarget, resolveUrl } from '../scim/resource-path.js';
import type { RunLedger } from './ledger.js';

const WRITES = new Set(['PUT', 'PATCH', 'DELETE']);

function refusal(method: string, what: string, why: string): string {
  return `refusing to ${method} ${what}: ${why}, and scim-check never modifies data it did not create`;
}

/** Why one write (to a resource or by path) must not be sent; undefined when it may. */
function writeReason(method: string, url: URL, target: AddressedTarget, ledger: RunLedger): string | undefined {
  if (target.type === 'resource') {
    return ledger.mayWrite(target.id)
      ? undefined
      : refusal(method, `${target.kind} ${target.id}`, 'this run did not create it');
  }
  if (target.type === 'outside')
    return refusal(
      method,
      url.toString(),
      'the address is not under --base-url, so scim-check cannot tell what it would change',
    );
  return refusal(
    method,
    url.pathname,
    'the request does not address one resource this run created, so scim-check cannot tell what it would change',
  );
}

/** Bulk operations that write (RFC 7644 §3.7): each must address a resource of this run, or one created in the same request by bulkId. */
function bulkReason(body: unknown, base: URL, ledger: RunLedger): string | undefined {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined; // Not JSON: the server can only refuse it; nothing in it addresses anything.
    }
  }
  const operations = (parsed as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(operations)) return undefined;
  for (const operation of operations as { method?: unknown; path?: unknown }[]) {
    const method = String(operation?.method ?? '').toUpperCase();
    if (!WRITES.has(method)) continue;
    const path = typeof operation.path === 'string' ? operation.path : '';
    // `/Users/bulkId:qwerty` addresses what an earlier operation of the same request creates.
    if (/^\/?(?:Users|Groups)\/bulkId:[^/]+$/i.test(path)) continue;
    let url: URL;
    try {
      url = resolveUrl(base.toString(), path);
    } catch {
      return refusal(method, `"${path}" in a Bulk request`, 'the path is not a valid URL path');
    }
    const reason = writeReason(method, url, addressedTarget(url, base), ledger);
    if (reason !== undefined) return `${reason} (in a Bulk request)`;
  }
  return undefined;
}

/**
 * Why a request must not be sent, judged on the final URL (after `.`/`..` and `\` were resolved,
 * exactly as the server will see it) and fail-closed: a write whose target cannot be determined is
 * refused. Reads are always allowed; a POST may create in a collection, search, or run a Bulk
 * request whose writing operations all pass the same test.
 */
export function unsafeRequestReason(
  method: string,
  url: URL,
  target: AddressedTarget,
  body: unknown,
  base: URL,
  ledger: RunLedger,
): string | undefined {
  const upper = method.toUpperCase();
  if (WRITES.has(upper)) return writeReason(upper, url, target, ledger);
  if (upper !== 'POST') return undefined;
  switch (target.type) {
    case 'bulk':
      return bulkReason(body, base, ledger);
    case 'resource':
      return writeReason(upper, url, target, ledger);
    case 'outside':
      return refusal(upper, url.toString(), 'the address is not under --base-url');
    default:
      return undefined;
  }
}
