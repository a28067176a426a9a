import { errors as undiciErrors } from 'undici';

/** A transport failure as a report shows it: a short stable code and a sentence saying what to do. */
export interface TransportFailure {
  code: string;
  message: string;
}

/**
 * OpenSSL's verification codes (node:tls surfaces them as `error.code`), plus Node's host name
 * mismatch. Any of them means the certificate chain is not trusted, which --cacert or -k fix.
 */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function codeOf(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string' && !own.startsWith('UND_ERR_')) return own;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof cause === 'string') return cause;
  return typeof own === 'string' ? own : undefined;
}

/** Maps what undici or node:net threw to a stable code; the request's --timeout goes into the hint. */
export function describeTransportFailure(error: unknown, timeoutMs: number): TransportFailure {
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    (error instanceof Error && error.name === 'TimeoutError')
  ) {
    return { code: 'TIMEOUT', message: `no complete answer within ${timeoutMs} ms (raise it with --timeout)` };
  }
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && CERT_CODES.has(code)) {
    return { code: 'TLS_CERT', message: `the server's TLS certificate is not trusted (${code}: ${message})` };
  }
  if (code !== undefined && /^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(code)) {
    return {
      code: 'TLS_ERROR',
      message: `the TLS handshake failed (${code}: ${message}); is the URL's scheme right (https for TLS, http without)?`,
    };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return { code, message: 'connection refused: is the server running and is --base-url right?' };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_ABORTED':
      return { code: 'ECONNRESET', message: `connection reset by the server before a complete answer (${message})` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code, message: `host name could not be resolved (${message})` };
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return { code: 'ECONNRESET', message: `the body ended before its Content-Length (${message})` };
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'UND_ERR_INFO':
      return { code: 'BAD_HTTP', message: `the server's answer is not valid HTTP/1.1 (${code}: ${message})` };
    default:
      return { code: code ?? 'HTTP_ERROR', message };
  }
}
