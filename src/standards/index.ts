export { conflictsOf } from './conflicts.js';
export { judgePacks, NOT_RUN, verdictOfCheck, verdictsById } from './judge-rows.js';
export type {
  ConflictRule,
  PackRow,
  RowVerification,
  StandardDocument,
  StandardName,
  StandardPack,
} from './pack.js';
export { STANDARD_NAMES } from './pack.js';
export type { PlannedIdpRequest } from './planned-request.js';
export { planIdpRequests } from './planned-requests.js';
export { allStandards, checkedRowIds, selectStandards, unknownStandardError } from './registry.js';
export type {
  ConflictEffect,
  ConflictEntry,
  ConflictingIdp,
  JudgedRow,
  StandardReport,
  StandardVerdict,
} from './report.js';
export { draftNote, standardReports } from './standard-reports.js';
