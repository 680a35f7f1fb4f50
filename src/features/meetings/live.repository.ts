// Writes and reads of the live sitting: the current item, the register of attendance, statements,
// the decisions taken at the meeting and their votes. Every write bumps the meeting's live
// sequence in the same transaction, so screens can tell whether they are current.
import { sql } from 'kysely';
import type { DecisionKind } from '../../core/db/database.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export async function bumpLiveSequence(db: Executor, meetingId: string): Promise<number> {
  const row = await db
    .updateTable('meeting')
    .set((eb) => ({ live_sequence: eb('live_sequence', '+', 1), updated_at: new Date() }))
    .where('id', '=', meetingId)
    .returning('live_sequence')
    .executeTakeFirstOrThrow();
  return Number(row.live_sequence);
}

export async function liveSequence(db: Executor, meetingId: string): Promise<number | undefined> {
  const row = await db.selectFrom('meeting').select('live_sequence').where('id', '=', meetingId).executeTakeFirst();
  return row ? Number(row.live_sequence) : undefined;
}

export async function findLiveMeta(db: Executor, meetingId: string): Promise<{ currentItemId: string | null; sequence: number } | undefined> {
  const row = await db.selectFrom('meeting').select(['current_agenda_item_id', 'live_sequence']).where('id', '=', meetingId).executeTakeFirst();
  return row && { currentItemId: row.current_agenda_item_id, sequence: Number(row.live_sequence) };
}

export async function setCurrentItem(db: Executor, meetingId: string, itemId: string | null): Promise<void> {
  await db.updateTable('meeting').set({ current_agenda_item_id: itemId }).where('id', '=', meetingId).execute();
}

export interface PresenceEntry {
  personId: string | null;
  organizationId: string | null;
  presence: 'room' | 'video' | 'absent';
  absenceReason: string | null;
}

/** Records presences, replacing what was recorded before for the same people and organisations. */
export async function saveAttendance(db: Executor, meetingId: string, entries: (PresenceEntry & { id: string })[], recordedBy: string | null): Promise<void> {
  if (!entries.length) return;
  const persons = entries.flatMap((e) => (e.personId ? [e.personId] : []));
  const organizations = entries.flatMap((e) => (e.organizationId ? [e.organizationId] : []));
  await db
    .deleteFrom('attendance')
    .where('meeting_id', '=', meetingId)
    .where((eb) => eb.or([...(persons.length ? [eb('person_id', 'in', persons)] : []), ...(organizations.length ? [eb('organization_id', 'in', organizations)] : [])]))
    .execute();
  await db
    .insertInto('attendance')
    .values(entries.map((e) => ({ id: e.id, meeting_id: meetingId, person_id: e.personId, organization_id: e.organizationId, presence: e.presence, absence_reason: e.presence === 'absent' ? e.absenceReason : null, recorded_by: recordedBy })))
    .execute();
}

export async function insertStatement(
  db: Executor,
  row: { id: string; agenda_item_id: string; person_id: string | null; speaker_label: LocalizedText | null; summary: LocalizedText | null; quotation: string | null; language: 'kk' | 'ru' | 'en' },
): Promise<void> {
  const next = await db.selectFrom('statement').select(sql<number>`coalesce(max(position), 0) + 1`.as('n')).where('agenda_item_id', '=', row.agenda_item_id).executeTakeFirstOrThrow();
  await db
    .insertInto('statement')
    .values({ ...row, speaker_label: json(row.speaker_label), summary: json(row.summary), position: Number(next.n) })
    .execute();
}

export interface LiveDecision {
  id: string;
  meetingId: string | null;
  agendaItemId: string | null;
  kind: DecisionKind;
  voting: 'not_started' | 'open' | 'closed';
  result: 'adopted' | 'rejected' | null;
  appliedAt: Date | null;
}

export async function findDecision(db: Executor, id: string): Promise<LiveDecision | undefined> {
  return db
    .selectFrom('decision')
    .select(['id', 'meeting_id as meetingId', 'agenda_item_id as agendaItemId', 'kind', 'voting', 'result', 'applied_at as appliedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Opens a vote not yet started, or closes an open one; false when another screen got there first. */
export async function setVoting(
  db: Executor,
  decisionId: string,
  values: { voting: 'open' | 'closed'; result?: 'adopted' | 'rejected'; counts?: { for: number; against: number; abstain: number } },
): Promise<boolean> {
  const result = await db
    .updateTable('decision')
    .set({
      voting: values.voting,
      ...(values.result ? { result: values.result } : {}),
      ...(values.counts ? { votes_for: values.counts.for, votes_against: values.counts.against, votes_abstain: values.counts.abstain } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', decisionId)
    .where('voting', '=', values.voting === 'open' ? 'not_started' : 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function saveVoteCounts(db: Executor, decisionId: string, counts: { for: number; against: number; abstain: number }): Promise<void> {
  await db.updateTable('decision').set({ votes_for: counts.for, votes_against: counts.against, votes_abstain: counts.abstain, updated_at: new Date() }).where('id', '=', decisionId).execute();
}

/** Replaces the votes cast by name on a decision. */
export async function replaceMemberVotes(db: Executor, decisionId: string, votes: { id: string; personId: string; choice: 'for' | 'against' | 'abstain' }[]): Promise<void> {
  await db.deleteFrom('vote').where('decision_id', '=', decisionId).execute();
  if (votes.length) await db.insertInto('vote').values(votes.map((v) => ({ id: v.id, decision_id: decisionId, person_id: v.personId, choice: v.choice }))).execute();
}

export async function listVotes(db: Executor, meetingId: string): Promise<{ decisionId: string; personId: string; choice: 'for' | 'against' | 'abstain' }[]> {
  return db
    .selectFrom('vote as v')
    .innerJoin('decision as d', 'd.id', 'v.decision_id')
    .select(['v.decision_id as decisionId', 'v.person_id as personId', 'v.choice'])
    .where('d.meeting_id', '=', meetingId)
    .execute();
}

/** Removes a statement recorded under one of the meeting's items; false when there is none. */
export async function deleteStatement(db: Executor, meetingId: string, statementId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('statement')
    .where('id', '=', statementId)
    .where('agenda_item_id', 'in', (eb) => eb.selectFrom('agenda_item').select('id').where('meeting_id', '=', meetingId))
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Removes a decision of the meeting that was never put to the vote; false otherwise. */
export async function deleteUnvotedDecision(db: Executor, meetingId: string, decisionId: string): Promise<boolean> {
  const result = await db.deleteFrom('decision').where('id', '=', decisionId).where('meeting_id', '=', meetingId).where('voting', '=', 'not_started').where('applied_at', 'is', null).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A member of a sitting as its record keeps it. */
export interface SittingMember {
  personId: string | null;
  memberOrganizationId: string | null;
  name: LocalizedText | null;
  role: string;
}

/** Keeps the members of the sitting as its record sees them now (replacing what was kept before). */
export async function saveSittingMembers(db: Executor, meetingId: string, members: SittingMember[]): Promise<void> {
  const value = JSON.stringify(members);
  await db
    .insertInto('sitting_members')
    .values({ meeting_id: meetingId, members: value, taken_at: new Date() })
    .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ members: value, taken_at: new Date() }))
    .execute();
}

/** The members of the sitting as its record last saw them, if it was ever changed live. */
export async function findSittingMembers(db: Executor, meetingId: string): Promise<SittingMember[] | undefined> {
  const row = await db.selectFrom('sitting_members').select('members').where('meeting_id', '=', meetingId).executeTakeFirst();
  return row?.members;
}
