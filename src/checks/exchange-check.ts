import type { Exchange } from '../http/exchange.js';
import type { Feature, IdpName } from '../scenario/model.js';
import type { Finding } from './check-result.js';
import type { RequestPurpose, ResourceKind } from './request-purpose.js';

/** What a check may know besides the exchange itself; all plain data, so checks stay pure. */
export interface ExchangeCheckContext {
  idp: IdpName;
  purpose: RequestPurpose;
  /** For reads/writes of one resource: the id the request addressed. */
  targetId?: string;
  /** The resource type addressed, when the purpose names one (or a read-back says which). */
  resourceKind?: ResourceKind;
  /** Every id the server issued earlier in this run (CREATE-ID uniqueness). */
  issuedIds: ReadonlySet<string>;
  /** Every `Set-Txn` transaction id the server gave earlier in this run (ASYNC-TXN-UNIQUE, RFC 9967 §3). */
  earlierTransactions?: ReadonlySet<string>;
  /** ServiceProviderConfig `supported` flags as advertised (absent when unknown): gates SPC:x rows. */
  advertised?: Partial<Record<Feature, boolean>>;
  /** ServiceProviderConfig `pagination.maxPageSize` as advertised (RFC 9865 §4), for CURSOR-COUNT-ABOVE-MAX. */
  maxPageSize?: number;
}

/**
 * A rule from SPEC-CHECKS applied to one exchange. `check` returns the findings
 * (empty = passed) or a string saying why the rule does not apply this time (skipped).
 */
export interface ExchangeCheck {
  id: string;
  appliesTo(exchange: Exchange, context: ExchangeCheckContext): boolean;
  check(exchange: Exchange, context: ExchangeCheckContext): Finding[] | string;
}
