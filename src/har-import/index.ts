export { type ActionDrift, type DriftReport, driftReport, type ObservedEvidence } from './drift.js';
export { formatDrift } from './format-drift.js';
export { type Draft, draftScenario } from './from-har.js';
export { readHar } from './read-har.js';
export type { RecordedExchange, Recording } from './recorded-exchange.js';
