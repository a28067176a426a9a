import type { CheckResult } from '../checks/check-result.js';
import type { Feature, FeatureGate } from '../scenario/model.js';
import type { SchemaDeclarations, TargetFeatures } from './preflight.js';

/**
 * What a step's `when:` gate decided. `unadvertised` lists what the server did not state either
 * way: the step runs, but a failure of its own row is a warning (see {@link downgradeUnadvertised}).
 */
export type GateVerdict = { skip: string } | { run: true; advertisedFeature?: Feature; unadvertised: string[] };

/**
 * Unknown support is not support, and not its absence either. RFC 7643 §5 makes
 * ServiceProviderConfig the place where a server states which optional features it implements
 * (each with a REQUIRED `supported` flag), and RFC 7643 §6/§7 do the same for resource types and
 * attributes. When the server does not say (no usable document, a missing flag), a client cannot
 * hold it to a feature it never claimed, so a failure must not be reported as a broken MUST; but
 * skipping would hide what does or does not work from the vendor. So the step runs, and a failure
 * of its own row is reported as a warning naming what the server did not advertise.
 */
export function unknownSupportNote(what: string): string {
  return `${what}, so scim-check does not hold the server to it (RFC 7643 §5): a failure here is a warning; advertise it to make it count`;
}

function featureVerdict(
  feature: Feature,
  wanted: boolean,
  features: TargetFeatures | undefined,
): { skip: string } | { advertised: boolean } | { unknown: string } {
  const advertised = features?.supports(feature);
  if (advertised === undefined) {
    const note = `the server's ServiceProviderConfig does not say whether ${feature} is supported`;
    // A step for servers *without* the feature (e.g. "answers 501") cannot assume the absence either.
    return wanted
      ? { unknown: unknownSupportNote(note) }
      : { skip: `${note}; this step runs only when it says ${feature}.supported=false` };
  }
  if (advertised !== wanted)
    return {
      skip: `the server's ServiceProviderConfig says ${feature}.supported=${advertised}; this step runs only when it is ${wanted}`,
    };
  return { advertised };
}

async function declarationsOf(features: TargetFeatures | undefined): Promise<SchemaDeclarations | undefined> {
  return features?.declarations === undefined ? undefined : features.declarations();
}

/**
 * Decides a request step's `when:` gate from what the preflight learnt: the ServiceProviderConfig
 * feature (RFC 7643 §5), a schema /ResourceTypes names (§6), an attribute /Schemas declares (§7).
 */
export async function evaluateGate(
  gate: FeatureGate | undefined,
  features: TargetFeatures | undefined,
): Promise<GateVerdict> {
  const unadvertised: string[] = [];
  let advertisedFeature: Feature | undefined;
  if (gate === undefined) return { run: true, unadvertised };
  if (gate.feature !== undefined) {
    const verdict = featureVerdict(gate.feature, gate.supported, features);
    if ('skip' in verdict) return verdict;
    if ('unknown' in verdict) unadvertised.push(verdict.unknown);
    else if (verdict.advertised) advertisedFeature = gate.feature;
  }
  if (gate.schema !== undefined || gate.attribute !== undefined) {
    const declarations = await declarationsOf(features);
    if (gate.schema !== undefined) {
      const schemas = declarations?.resourceSchemas;
      if (schemas === undefined)
        unadvertised.push(
          unknownSupportNote(`the server's /ResourceTypes could not be read to see whether it names ${gate.schema}`),
        );
      else if (!schemas.has(gate.schema))
        return { skip: `the server's /ResourceTypes does not name ${gate.schema}, which this step needs` };
    }
    if (gate.attribute !== undefined) {
      const declared = declarations?.declaresAttribute(gate.attribute);
      if (declared === undefined)
        unadvertised.push(
          unknownSupportNote(`the server's /Schemas could not be read to see whether it declares ${gate.attribute}`),
        );
      else if (!declared)
        return {
          skip: `the server's /Schemas does not declare ${gate.attribute}, which this step needs (an optional attribute a server may leave out, RFC 7643 §7)`,
        };
    }
  }
  return { run: true, ...(advertisedFeature !== undefined ? { advertisedFeature } : {}), unadvertised };
}

/**
 * Turns a failure of the step's own row into a warning that says what the server did not
 * advertise (see {@link unknownSupportNote}); other checks on the same answer keep their level.
 */
export function downgradeUnadvertised(checks: CheckResult[], ownRow: string, notes: readonly string[]): void {
  if (notes.length === 0) return;
  for (const check of checks) {
    if (check.id !== ownRow || check.status !== 'failed' || check.level !== 'error') continue;
    check.level = 'warning';
    check.message = `${check.message ?? 'failed'} — ${notes.join('; ')}`;
  }
}
