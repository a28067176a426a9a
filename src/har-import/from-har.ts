import { findProfile } from '../idp/registry.js';
import type { IdpName } from '../scenario/model.js';
import { chooseIdp } from './choose-idp.js';
import { recogniseActions } from './recognise-actions.js';
import type { RecognisedSession } from './recognised-step.js';
import type { Recording } from './recorded-exchange.js';
import { writeScenario } from './write-scenario.js';

/** A recording turned into a draft: the profile it was read as, the recognised steps, the YAML. */
export interface Draft {
  idp: IdpName;
  session: RecognisedSession;
  yaml: string;
}

/** Recognises the IdP's actions in a recording and writes them as a draft scenario. */
export function draftScenario(recording: Recording, idpFlag: string | undefined): Draft {
  const idp = chooseIdp(recording, idpFlag);
  const session = recogniseActions(recording.exchanges, findProfile(idp));
  return { idp, session, yaml: writeScenario(recording, idp, session) };
}
