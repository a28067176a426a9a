import { readFileSync } from 'node:fs';
import { ScimCheckError } from '../errors.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads `--cacert FILE`: one or more PEM certificates, trusted in addition to Node's bundled
 * roots (like curl's --cacert with a system store). Anything else is a usage error (exit 2),
 * found before a single request is sent.
 */
export function readCaFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ScimCheckError(
      'USAGE',
      `cannot read --cacert ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause, hint: 'give a PEM file holding the CA certificate that signed the server certificate' },
    );
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) {
    throw new ScimCheckError('USAGE', `--cacert ${path} holds no PEM certificate`, {
      hint: 'expected "-----BEGIN CERTIFICATE-----" blocks; convert DER with `openssl x509 -inform der -in ca.der -out ca.pem`',
    });
  }
  return certificates;
}
