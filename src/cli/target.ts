import { readFileSync } from 'node:fs';
import { ScimCheckError } from '../errors.js';

/** Where the run sends its requests, and with which token. */
export interface TargetOptions {
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
}

/** The token from --token, --token-file or SCIM_CHECK_TOKEN, in that order; never echoed. */
export function readToken(options: TargetOptions, envToken: string | undefined): string | undefined {
  if (options.token !== undefined && options.token !== '') return options.token;
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.tokenFile, 'utf8');
    } catch (cause) {
      throw new ScimCheckError('USAGE', `cannot read --token-file ${options.tokenFile}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
    }
    const token = text.trim();
    if (token === '') throw new ScimCheckError('USAGE', `--token-file ${options.tokenFile} is empty`);
    return token;
  }
  return envToken;
}

/** Validates --base-url: an absolute http(s) URL without query or fragment. */
export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ScimCheckError('USAGE', `--base-url "${value}" is not a URL`, { hint: 'give the SCIM root, e.g. https://app.example.com/scim/v2' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ScimCheckError('USAGE', `--base-url must use http or https, not ${url.protocol}`, { hint: 'e.g. https://app.example.com/scim/v2' });
  }
  if (url.search !== '' || url.hash !== '') throw new ScimCheckError('USAGE', '--base-url must not carry a query string or fragment', { hint: 'give the SCIM root only, e.g. https://app.example.com/scim/v2' });
  if (url.username !== '' || url.password !== '') throw new ScimCheckError('USAGE', '--base-url must not carry credentials', { hint: 'pass the bearer token with --token, --token-file or SCIM_CHECK_TOKEN' });
  return url.toString().replace(/\/+$/, '');
}
