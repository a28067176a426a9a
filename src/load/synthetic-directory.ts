import type { GroupView, MemberRef, UserView } from '../idp/profile.js';
import type { IdTable } from './id-table.js';

const GIVEN_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Tim',
  'Margaret',
  'Linus',
  'Hedy',
  'Dennis',
  'Sophie',
  'John',
];
const FAMILY_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Berners-Lee',
  'Hamilton',
  'Torvalds',
  'Lamarr',
  'Ritchie',
  'Wilson',
  'Backus',
];
const DEPARTMENTS = ['Engineering', 'Sales', 'Support', 'Finance', 'Marketing', 'Legal', 'Operations', 'Research'];

/**
 * The directory a load run provisions, generated on demand from an index: nothing is held in
 * memory but the shape, so 100,000 users cost no more than 10. Names carry the run id, so
 * parallel runs and reruns never collide with each other or with real accounts.
 */
export class SyntheticDirectory {
  readonly membersPerGroup: number;

  constructor(
    readonly runId: string,
    readonly userCount: number,
    readonly groupCount: number,
    membersPerGroup: number,
  ) {
    // A group cannot list the same user twice, so it can have at most every user.
    this.membersPerGroup = Math.min(membersPerGroup, userCount);
  }

  /** User `index` as the IdP knows it (before the server issued an id). */
  user(index: number, id?: string): UserView {
    const givenName = GIVEN_NAMES[index % GIVEN_NAMES.length]!;
    const familyName = FAMILY_NAMES[Math.floor(index / GIVEN_NAMES.length) % FAMILY_NAMES.length]!;
    const userName = `${givenName}.${familyName}.${index}.${this.runId}@example.com`.toLowerCase();
    const view: UserView = {
      key: `user${index}`,
      userName,
      givenName,
      familyName,
      email: userName,
      active: true,
      attributes: {},
    };
    if (id !== undefined) view.id = id;
    return view;
  }

  group(index: number, id?: string): GroupView {
    const view: GroupView = {
      key: `group${index}`,
      displayName: `${DEPARTMENTS[index % DEPARTMENTS.length]} ${index} ${this.runId}`,
      members: [],
    };
    if (id !== undefined) view.id = id;
    return view;
  }

  /**
   * The user indexes of group `index`'s initial members: consecutive users starting at
   * `index × membersPerGroup`, wrapping around, so every user lands in some group when
   * groups × membersPerGroup ≥ users, and no group lists a user twice.
   */
  memberIndex(groupIndex: number, slot: number): number {
    return (groupIndex * this.membersPerGroup + slot) % this.userCount;
  }

  /** Member references for group `index`, skipping users whose create failed (no id). */
  members(groupIndex: number, userIds: IdTable): MemberRef[] {
    const members: MemberRef[] = [];
    for (let slot = 0; slot < this.membersPerGroup; slot++) {
      const userIndex = this.memberIndex(groupIndex, slot);
      const id = userIds.get(userIndex);
      if (id) members.push({ key: `user${userIndex}`, id, display: this.user(userIndex).userName });
    }
    return members;
  }
}
