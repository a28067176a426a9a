import {
  asyncLocation,
  asyncNoBody,
  asyncPreferenceApplied,
  asyncSetTxn,
  asyncSpcShape,
  asyncTxnUnique,
} from './exchange/async-requests.js';
import { acceptsScimJson, transportTls, utf8Charset, wwwAuthenticate } from './exchange/auth-and-transport.js';
import {
  contentLocation,
  declaredOnly,
  extensionContainer,
  idStable,
  metaResourceType,
  primaryOnce,
  requiredPresent,
  returnedAlways,
  returnedNever,
  schemasAttribute,
} from './exchange/characteristics.js';
import {
  create201,
  createBody,
  createId,
  createLocation,
  createMetaResourceType,
  createMetaTimestamps,
  groupCreate,
} from './exchange/create.js';
import { cursorAdvertised, cursorCountAboveMax, cursorCountMax } from './exchange/cursor-paging.js';
import {
  dtBoolean,
  dtDateTime,
  dtInteger,
  dtReference,
  dtShape,
  dtString,
  dtUnassigned,
} from './exchange/data-types.js';
import {
  discoverySingle,
  resourceTypeFields,
  resourceTypeList,
  schemasCommon,
  schemasComplex,
  schemasEnums,
  schemasList,
  schemasNoMessages,
  schemasShape,
  spcGet,
  spcRequired,
} from './exchange/discovery.js';
import { entraSchemaDiscoverable } from './exchange/entra-schema-discovery.js';
import {
  errorMediaType,
  errorScimType,
  errorStatusInHttp,
  listTooMany,
  noServerError,
} from './exchange/error-details.js';
import { errorBody, errorStatusString } from './exchange/errors.js';
import { booleanStrings, filterCorrelation, opCase, passwordPlaceholder } from './exchange/interop.js';
import { locationAbsolute } from './exchange/locations.js';
import { mediaResponseType } from './exchange/media-type.js';
import { pageCountMax } from './exchange/paging.js';
import { listPageFields, listResources, listResponse, read200 } from './exchange/read-and-list.js';
import { listIdpTimeout } from './exchange/timing.js';
import { etagHeader, metaVersion, weakPrefix } from './exchange/versioning.js';
import { delete204, patch200Body, patchResponse, putSupported } from './exchange/writes.js';
import type { ExchangeCheck } from './exchange-check.js';

/** Every passive check, in report order. Each is keyed by its SPEC-CHECKS ID. */
export const EXCHANGE_CHECKS: readonly ExchangeCheck[] = [
  create201,
  groupCreate,
  createLocation,
  createBody,
  createId,
  createMetaResourceType,
  createMetaTimestamps,
  read200,
  listResponse,
  listResources,
  listPageFields,
  putSupported,
  patchResponse,
  delete204,
  mediaResponseType,
  errorBody,
  errorStatusString,
  filterCorrelation,
  passwordPlaceholder,
  opCase,
  booleanStrings,
  patch200Body,
  // Spec conformance on every exchange (issue 4): discovery, errors, transport, data types, characteristics, versions.
  spcGet,
  spcRequired,
  resourceTypeList,
  resourceTypeFields,
  schemasList,
  schemasShape,
  schemasEnums,
  schemasComplex,
  schemasCommon,
  schemasNoMessages,
  discoverySingle,
  wwwAuthenticate,
  transportTls,
  utf8Charset,
  acceptsScimJson,
  errorScimType,
  errorMediaType,
  errorStatusInHttp,
  noServerError,
  listTooMany,
  pageCountMax,
  dtBoolean,
  dtString,
  dtInteger,
  dtDateTime,
  dtShape,
  dtReference,
  dtUnassigned,
  returnedNever,
  returnedAlways,
  requiredPresent,
  primaryOnce,
  schemasAttribute,
  extensionContainer,
  declaredOnly,
  idStable,
  contentLocation,
  metaResourceType,
  weakPrefix,
  metaVersion,
  etagHeader,
  // Issue 12, "close the gaps": absolute locations; lists within the IdP's documented timeout.
  locationAbsolute,
  listIdpTimeout,
  // Issue 14: RFC 9967 asynchronous requests (Prefer: respond-async, 202 Accepted, securityEvents).
  asyncSpcShape,
  asyncSetTxn,
  asyncPreferenceApplied,
  asyncLocation,
  asyncNoBody,
  asyncTxnUnique,
  // Issue 14: RFC 9865 cursor paging (the pagination advertisement, count on cursor pages).
  cursorAdvertised,
  cursorCountMax,
  cursorCountAboveMax,
  // Issue 13: the Entra gallery validator's reading of /Schemas (src/readiness/entra-gallery.ts).
  entraSchemaDiscoverable,
];
