// The embedded reference SCIM server's public entry: the CLI (`scim-check serve`, runs without
// --base-url) and the engine start it through startReferenceServer and nothing else.
export { startReferenceServer, type ReferenceServerOptions, type RunningReferenceServer } from './reference-server.js';
export type { ScimStore } from './store.js';
