import { familyOf } from '../idp/profile-names.js';
import type { Difference } from './compare-shapes.js';
import type { DriftReport } from './drift.js';
import { describeShape } from './request-shape.js';

const IDP_TITLES: Record<string, string> = {
  okta: 'Okta',
  entra: 'Entra ID',
  keycloak: 'Keycloak',
  google: 'Google',
  onelogin: 'OneLogin',
  jumpcloud: 'JumpCloud',
  authentik: 'authentik',
  generic: 'The IdP',
};

const shown = (value: unknown): string => (value === null || value === undefined ? '(none)' : JSON.stringify(value));

function differenceLine(difference: Difference): string {
  // A request only one side sends: named as missing from, or extra in, the recording.
  if (difference.aspect === 'requests' && difference.recorded === null)
    return `      missing at ${difference.at}: the profile sends ${String(difference.predicted)}; the recording has no such request`;
  if (difference.aspect === 'requests' && difference.predicted === null)
    return `      extra at ${difference.at}: recorded ${String(difference.recorded)}, which the profile does not send`;
  return `      ${difference.aspect} at ${difference.at}: recorded ${shown(difference.recorded)}, profile ${shown(difference.predicted)}`;
}

/**
 * The drift report as text: one line per drifting action in the vendor's terms ("Okta sent X
 * where the profile predicts Y"), then each difference; "no drift" when there is none.
 */
export function formatDrift(report: DriftReport): string {
  const idp = IDP_TITLES[familyOf(report.idp)] ?? report.idp;
  const drifting = report.actions.filter((action) => action.differences.length > 0);
  const lines = [`Drift of ${report.recording} (recorded ${report.recordedOn}) against profile ${report.idp}:`];
  for (const action of drifting) {
    const who = action.subject === undefined ? '' : ` ${action.subject}`;
    lines.push(
      `  step ${action.step} ${action.action}${who}: ${idp} sent ${action.recorded.map(describeShape).join(', then ') || 'nothing'}`,
      `    where the profile predicts ${action.predicted.map(describeShape).join(', then ') || 'nothing'}`,
      ...action.differences.map(differenceLine),
    );
  }
  const same = report.actions.length - drifting.length;
  if (drifting.length === 0)
    lines.push(`  no drift: all ${report.actions.length} recognised actions send what the profile predicts`);
  else lines.push(`  ${drifting.length} of ${report.actions.length} actions drift; ${same} match the profile`);
  if (report.unmapped.length > 0)
    lines.push(
      `  not compared: ${report.unmapped.length} request${report.unmapped.length === 1 ? '' : 's'} no action covers (raw steps in the from-har draft)`,
    );
  return `${lines.join('\n')}\n`;
}
