export { type ApplyWaiversOptions, applyWaivers, todayUtc, waiveEvent } from './apply-waivers.js';
export { loadWaivers, parseWaivers } from './load-waivers.js';
export type { Waiver } from './waiver.js';
