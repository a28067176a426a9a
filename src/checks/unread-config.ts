import type { Feature } from '../scenario/model.js';
import type { Finding } from './check-result.js';

/**
 * How the messages name what SPC says against one feature: `patch.supported=false`, or for
 * `asyncRequest` (RFC 9967 §4) and `pagination.cursor` (RFC 9865 §4), which have no `supported`
 * flag, their value or its absence.
 */
function unsupportedFlag(feature: Feature): string {
  if (feature === 'pagination.cursor') return 'pagination.cursor is false or absent (RFC 9865 §4)';
  return feature === 'asyncRequest'
    ? 'securityEvents.asyncRequest is "none" or absent (RFC 9967 §4)'
    : `${feature}.supported=false`;
}

/** `patch.supported=false, filter.supported=false`: how the messages name what SPC says. */
export function unsupportedFlags(features: readonly Feature[]): string {
  return features.map(unsupportedFlag).join(', ');
}

/**
 * DISC-SPC-IDP-USES (RFC 7643 §5): the IdP a scenario replays sends what the server's
 * ServiceProviderConfig calls unsupported, because it never reads it (Okta, Entra, …).
 * Pure: the engine asks it once per scenario and records the result on the first step.
 */
export function unreadConfigFindings(idpTitle: string, unadvertised: readonly Feature[]): Finding[] {
  if (unadvertised.length === 0) return [];
  const flags = unsupportedFlags(unadvertised);
  return [
    {
      message: `${idpTitle} never reads /ServiceProviderConfig and will send ${unadvertised.join(' and ')} requests anyway; this server's ServiceProviderConfig says ${flags}`,
      path: '/ServiceProviderConfig',
      expected: unadvertised
        .map((feature) =>
          feature === 'pagination.cursor'
            ? 'pagination.cursor=true'
            : feature === 'asyncRequest'
              ? 'securityEvents.asyncRequest="request"'
              : `${feature}.supported=true`,
        )
        .join(', '),
      actual: flags,
    },
  ];
}
