/** The flags that point a command at a server started with `oauth` (startReferenceServer): its base URL, token endpoint and client. */
export function oauthTargetFlags(server: { baseUrl: string; tokenUrl?: string; clientId?: string }): string[] {
  if (server.tokenUrl === undefined || server.clientId === undefined)
    throw new Error('the server was started without oauth: it has no token endpoint');
  return ['--base-url', server.baseUrl, '--oauth-token-url', server.tokenUrl, '--client-id', server.clientId];
}
