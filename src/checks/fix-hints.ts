import { findCatalogueRow } from './catalogue.js';

/**
 * How a server author usually fixes a failed row, in one line, for the rows servers fail most
 * often; the pretty reporter prints it under the finding. The hint is written in the row
 * (src/checks/catalogue/); rows without one show only what the RFC requires and what came back.
 */
export function fixHint(id: string): string | undefined {
  return findCatalogueRow(id)?.fixHint;
}
