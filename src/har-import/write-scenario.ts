import { stringify } from 'yaml';
import type { IdpName } from '../scenario/model.js';
import { LITERAL_BRACES } from '../scenario/template-syntax.js';
import { DraftValues } from './draft-values.js';
import { generatedGroupName } from './name-entities.js';
import type { RecognisedSession, RecognisedStep } from './recognised-step.js';
import type { RecordedExchange, Recording } from './recorded-exchange.js';
import { normalisedPath } from './scim-path.js';

type Json = Record<string, unknown>;

/** One raw `request:` step replaying a recorded request against what the draft's own run created. */
function rawStep(exchange: RecordedExchange, why: string, values: DraftValues): Json {
  const request: Json = { method: exchange.method, path: values.path(exchange.path) };
  if (exchange.query.length > 0)
    request.query = Object.fromEntries(
      // A recorded `{{` stays literal (the \{{ escape of src/scenario/template-syntax.ts).
      exchange.query.map(([name, value]) => [
        name,
        name === 'filter' ? values.filter(value) : value.replaceAll('{{', LITERAL_BRACES),
      ]),
    );
  if (exchange.body !== undefined) request.body = values.body(exchange.body);
  return {
    name: `not mapped: ${why}`,
    request,
    ...(exchange.status > 0 ? { expect: { status: exchange.status } } : {}),
  };
}

function actionStep(step: RecognisedStep, values: DraftValues): Json {
  switch (step.action) {
    case 'testConnection':
      return { testConnection: null };
    case 'assignUser':
    case 'deactivateUser':
    case 'reactivateUser':
    case 'unassignUser':
    case 'deleteUser':
      return { [step.action]: step.user.key };
    case 'updateUser':
      return { updateUser: step.user.key, set: values.changes(step.user, step.set) };
    case 'pushGroup':
      return { pushGroup: step.group.key, members: step.members.map((user) => user.key) };
    case 'addMembers':
    case 'removeMembers':
      return { [step.action]: { group: step.group.key, users: step.users.map((user) => user.key) } };
    case 'renameGroup':
      return {
        renameGroup: {
          group: step.group.key,
          to: `${generatedGroupName(step.group.key).replace(' {{run}}', '')} renamed {{run}}`,
        },
      };
    case 'deleteGroup':
      return { deleteGroup: step.group.key };
    case 'unlinkGroup':
      return { unlinkGroup: { group: step.group.key, deleteInTarget: step.deleteInTarget } };
    case 'importUsers':
    case 'importGroups':
      return step.pageSize === undefined ? { [step.action]: null } : { [step.action]: { pageSize: step.pageSize } };
    case 'request':
      return rawStep(step.exchanges[0]!, step.why, values);
  }
}

/** `  step 7: GET /Users/{id}: why`, the unmapped requests listed in the draft's comment. */
function unmappedLines(session: RecognisedSession): string[] {
  return session.steps.flatMap((step, index) =>
    step.action === 'request'
      ? [`#   step ${index + 1}: ${step.exchanges[0]!.method} ${normalisedPath(step.exchanges[0]!.path)}: ${step.why}`]
      : [],
  );
}

/** The draft's opening comment: where it came from, as which IdP, and what could not be mapped. */
function header(recording: Recording, idp: IdpName, session: RecognisedSession): string {
  const actions = session.steps.filter((step) => step.action !== 'request').length;
  const unmapped = unmappedLines(session);
  const lines = [
    `# Drafted by \`scim-check scenario from-har\` from ${recording.file}`,
    `# (recorded ${recording.recordedOn}, written by ${recording.creator}), as IdP profile ${idp}.`,
    `# ${recording.exchanges.length} recorded requests became ${actions} IdP action${actions === 1 ? '' : 's'} and ${unmapped.length} raw request${unmapped.length === 1 ? '' : 's'}.`,
    ...(unmapped.length > 0 ? ['# Not mapped to an IdP action (kept as raw `request:` steps):', ...unmapped] : []),
    ...(recording.leftOut.length > 0
      ? [`# Left out: ${recording.leftOut.length} of scim-check's own requests (preflight, read-backs, cleanup).`]
      : []),
    '# Users and groups are named from the traffic; every personal value (userName, names, emails,',
    '# phone numbers, externalId) is generated, and no credential of the recording is kept.',
    '# Deactivation and unassignment look alike on the wire (both are drafted as deactivateUser):',
    '# review the actions, then: scim-check validate FILE && scim-check run FILE',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The draft scenario as YAML: a header comment, the users and groups the traffic named (values
 * generated), and one step per recognised action or unmapped request.
 */
export function writeScenario(recording: Recording, idp: IdpName, session: RecognisedSession): string {
  const values = new DraftValues(session.users, session.groups);
  const users = Object.fromEntries(session.users.map((user, index) => [user.key, values.userSpec(user, index + 1)]));
  const groups = Object.fromEntries(
    session.groups.map((group) => [group.key, { displayName: generatedGroupName(group.key) }]),
  );
  const document: Json = {
    name: `Recorded ${idp} session (${recording.recordedOn})`,
    description: `Drafted from ${recording.file} by scim-check scenario from-har.`,
    idp,
    ...(session.users.length > 0 ? { users } : {}),
    ...(session.groups.length > 0 ? { groups } : {}),
    steps: session.steps.map((step) => actionStep(step, values)),
  };
  const yaml = stringify(document, { lineWidth: 0 }).replace(/^(\s*- \w+): null$/gm, '$1');
  return header(recording, idp, session) + yaml;
}
