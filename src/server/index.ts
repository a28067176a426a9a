// The embedded reference SCIM server's public entry: the CLI (`scim-check serve`, runs without
// --base-url), the in-process transport and the tests start it through these and nothing else.

export {
  AuthorizationServer,
  type OAuthClientRegistration,
  type OAuthServerOptions,
  TOKEN_PATH,
} from './oauth/authorization-server.js';
export {
  createReferenceService,
  IN_PROCESS_BASE_URL,
  type InProcessRequest,
  type ReferenceServerOptions,
  type ReferenceService,
  type RunningReferenceServer,
  startReferenceServer,
} from './reference-server.js';
export type { ScimResponse } from './responses.js';
export type { ScimStore } from './store.js';
