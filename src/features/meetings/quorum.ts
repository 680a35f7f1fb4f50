// The Council's rules for a sitting: how many members make a quorum, and when a decision is
// adopted. Members are the Council's members on the meeting's day — people (the chair, deputies,
// members) and collective members (organisations, present through their representatives).
import type { QuorumRule } from '../../core/db/database.js';

export interface Quorum {
  rule: QuorumRule;
  /** Members on the meeting's day. */
  members: number;
  /** Members registered as present, in the room or by video. */
  present: number;
  /** The least number present for a quorum. */
  needed: number;
  reached: boolean;
}

export interface MemberRef {
  personId: string | null;
  memberOrganizationId: string | null;
}

export interface PresenceRef {
  personId: string | null;
  organizationId: string | null;
  presence: 'room' | 'video' | 'absent';
}

/**
 * The members of a sitting: the body's members on its day, less those admitted by the sitting's
 * own decisions — they become members by its vote, so they are not members of it.
 */
export function sittingMembers<T extends { startDecisionId: string | null }>(members: T[], meetingDecisions: { id: string }[]): T[] {
  const own = new Set(meetingDecisions.map((d) => d.id));
  return members.filter((m) => !m.startDecisionId || !own.has(m.startDecisionId));
}

/**
 * How many may vote on a decision: the members registered present when the roll was called, else
 * (a sitting recorded without a roll) the members of the sitting.
 */
export function votersAllowed(quorum: Quorum): number {
  return quorum.present > 0 ? quorum.present : quorum.members;
}

export function quorumNeeded(rule: QuorumRule, members: number): number {
  return rule === 'two_thirds' ? Math.ceil((2 * members) / 3) : Math.floor(members / 2) + 1;
}

export function quorumOf(rule: QuorumRule, members: MemberRef[], register: PresenceRef[]): Quorum {
  const here = new Set(register.filter((r) => r.presence !== 'absent').map((r) => r.personId ?? r.organizationId));
  const present = members.filter((m) => here.has(m.personId ?? m.memberOrganizationId)).length;
  const needed = quorumNeeded(rule, members.length);
  return { rule, members: members.length, present, needed, reached: members.length > 0 && present >= needed };
}

export interface VoteCounts {
  for: number;
  against: number;
  abstain: number;
}

/**
 * A decision is adopted when more than half of the members present vote for it; without a
 * register of attendance (a meeting recorded afterwards), more than half of the votes cast. With a
 * register but no quorum, nothing is adopted.
 */
export function decisionResult(quorum: Quorum, votes: VoteCounts): 'adopted' | 'rejected' {
  if (quorum.present > 0 && !quorum.reached) return 'rejected';
  const base = quorum.present > 0 ? quorum.present : votes.for + votes.against + votes.abstain;
  return votes.for * 2 > base ? 'adopted' : 'rejected';
}
