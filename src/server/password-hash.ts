import { randomBytes, type ScryptOptions, scrypt } from 'node:crypto';

// RFC 7643 §4.1.1 (`password`): "the service provider SHOULD NOT store the password in
// clear text". The reference server keeps what clients send only as a salted scrypt hash in its
// data file; nothing ever reads the password back (it is `returned: never`), so there is no
// verify function.

/**
 * Node's default scrypt cost (N = 2^14, r = 8, p = 1: 16 MiB and ~50 ms of one core per
 * hash). Each hash records its own parameters, so they can change without breaking old files.
 */
const PARAMETERS = { N: 16_384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url without padding. */
const HASH_FORMAT = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/;

/** True when `value` has the shape hashPassword produces. */
export function isPasswordHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_FORMAT.test(value);
}

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * A fresh salted hash of `password`, computed on libuv's thread pool so the server keeps
 * answering other requests meanwhile.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = PARAMETERS;
  const key = await scryptAsync(password, salt, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}
