/**
 * The IdP-neutral flows `scim-check matrix` replays under every profile. Each is a scenario
 * (the same YAML format as scenarios/) whose profile the matrix overrides. Users carry no email:
 * profiles disagree on its `type` (authentik's default mapping sends "other"), and email paths
 * have their own scenarios (entra-quirks).
 */
export interface MatrixFlow {
  name: 'lifecycle' | 'groups';
  title: string;
  /** Actions that define the flow: when a profile skips one, the whole cell is "skipped". */
  core: readonly string[];
  yaml: string;
}

export const MATRIX_FLOWS: readonly MatrixFlow[] = [
  {
    name: 'lifecycle',
    title: 'User lifecycle',
    core: ['assignUser', 'updateUser', 'deactivateUser', 'reactivateUser'],
    yaml: `name: User lifecycle
idp: generic
users:
  ada: { givenName: Ada, familyName: Matrix }
  bo: { givenName: Bo, familyName: Matrix }
steps:
  - testConnection
  - assignUser: ada
  - assignUser: bo
  - updateUser: ada
    set: { familyName: Matrix-Moved }
  - deactivateUser: ada
  - reactivateUser: ada
  - unassignUser: bo
`,
  },
  {
    name: 'groups',
    title: 'Group push',
    core: ['pushGroup', 'addMembers', 'removeMembers', 'renameGroup'],
    yaml: `name: Group push
idp: generic
users:
  ada: { givenName: Ada, familyName: Matrix }
  bo: { givenName: Bo, familyName: Matrix }
  cy: { givenName: Cy, familyName: Matrix }
groups:
  team: { displayName: "Matrix {{run}}" }
steps:
  - assignUser: ada
  - assignUser: bo
  - assignUser: cy
  - pushGroup: team
    members: [ada, bo]
  - addMembers: { group: team, users: [cy] }
  - removeMembers: { group: team, users: [bo] }
  - renameGroup: { group: team, to: "Matrix renamed {{run}}" }
  - deleteGroup: team
`,
  },
];
