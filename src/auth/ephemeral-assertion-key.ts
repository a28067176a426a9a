import { generateKeyPairSync } from 'node:crypto';

/** A key pair for client assertions, as PEM text that exists only in this process. */
export interface EphemeralAssertionKey {
  /** PKCS#8 private key: what `--client-assertion-key` would point at. */
  privateKeyPem: string;
  /** SPKI public key: what the token endpoint trusts (the embedded server's `oauth.jwks`). */
  publicKeyPem: string;
}

/**
 * A fresh EC P-256 key pair (ES256, RFC 7518 §3.4) for the embedded server's workload identity
 * federation flow: the readiness run signs one client assertion with it (RFC 7523 §2.2), as Entra
 * does with its own key. Generated in memory on every run and never written anywhere, so no key
 * outlives the run that trusted it.
 */
export function generateAssertionKey(): EphemeralAssertionKey {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
