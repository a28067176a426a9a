import { ScimCheckError } from '../errors.js';
import { findProfile, unknownProfileError } from '../idp/registry.js';
import { recogniseSession } from '../recording/recognise-idp.js';
import type { IdpName } from '../scenario/model.js';
import type { Recording } from './recorded-exchange.js';

/**
 * The profile a recording is read as: `--idp`, else the IdP the recorder tagged its entries with
 * (`_scimCheck.idp`, written by `record` and `run --har`), else the User-Agent and request shapes. None:
 * a usage error asking for `--idp`.
 */
export function chooseIdp(recording: Recording, flag: string | undefined): IdpName {
  if (flag !== undefined) {
    if (findProfile(flag) === undefined) throw unknownProfileError(flag);
    return flag as IdpName;
  }
  const tags = new Set(
    recording.exchanges
      .map((exchange) => exchange.context?.idp)
      .filter((idp): idp is string => typeof idp === 'string'),
  );
  if (tags.size === 1) {
    const name = [...tags][0]!;
    if (findProfile(name) !== undefined) return name as IdpName;
  }
  // The User-Agent and documented request shapes, by a vote over the requests (src/recording/recognise-idp.ts).
  const recognised = recogniseSession(
    recording.exchanges.map((exchange) => ({
      method: exchange.method,
      path: exchange.path,
      headers: exchange.headers,
      ...(exchange.body === undefined
        ? {}
        : { body: typeof exchange.body === 'string' ? exchange.body : JSON.stringify(exchange.body) }),
    })),
  );
  if (recognised !== undefined) return recognised.idp;
  throw new ScimCheckError('USAGE', `cannot tell which IdP sent ${recording.file}`, {
    hint: 'name it with --idp, e.g. --idp entra (see `scim-check list profiles`)',
  });
}
