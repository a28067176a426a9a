import type { ExchangeCheck } from './exchange-check.js';
import { createBody, createId, createLocation, createMetaResourceType, createMetaTimestamps, create201, groupCreate } from './exchange/create.js';
import { errorBody, errorStatusString } from './exchange/errors.js';
import { filterCorrelation, passwordPlaceholder } from './exchange/interop.js';
import { mediaResponseType } from './exchange/media-type.js';
import { listPageFields, listResources, listResponse, read200 } from './exchange/read-and-list.js';
import { delete204, patch200Body, patchResponse, putSupported } from './exchange/writes.js';

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
  patch200Body,
];
