// The secretariat's and the maslikhats' side of meetings: writes and the reads the office needs.
import { sql, type Insertable, type NotNull } from 'kysely';
import type { MeetingPaperTable, MeetingStatus, PaperContentType, QuorumRule } from '../../core/db/database.js';
import { coversDate, localDay, organizationNameAsOf, personOrOrganizationName } from '../../core/db/dated.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

/** What the scheduling form sets, and the secretariat may change until the meeting starts. */
export interface MeetingDetails {
  kind: 'regular' | 'extraordinary' | 'field';
  number: number | null;
  title: LocalizedText | null;
  starts_at: Date;
  place: LocalizedText | null;
  format: 'in_person' | 'online' | 'hybrid';
  video_url: string | null;
}

export interface NewMeeting extends MeetingDetails {
  id: string;
  organization_id: string;
  time_zone: string;
}

export async function insertMeeting(db: Executor, m: NewMeeting): Promise<void> {
  await db.insertInto('meeting').values({ ...m, title: json(m.title), place: json(m.place), ends_at: null, chair_person_id: null, status_reason: null, announced_at: null, current_agenda_item_id: null }).execute();
}

/** Changes the details when the form saw the current version; the version moves on (the calendars' SEQUENCE). */
export async function updateMeetingDetails(db: Executor, id: string, expectedVersion: number, values: MeetingDetails): Promise<boolean> {
  const result = await db
    .updateTable('meeting')
    .set((eb) => ({ ...values, title: json(values.title), place: json(values.place), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listMeetings(db: Executor, organizationId: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'kind', 'number', 'title', 'starts_at as startsAt', 'time_zone as timeZone', 'format', 'status'])
    .where('organization_id', '=', organizationId)
    .orderBy('starts_at', 'desc')
    .execute();
}

export async function findMeeting(db: Executor, id: string) {
  return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateMeetingStatus(db: Executor, id: string, expectedVersion: number, values: { status: MeetingStatus; status_reason: LocalizedText | null; announced_at?: Date }): Promise<boolean> {
  const result = await db
    .updateTable('meeting')
    .set((eb) => ({ status: values.status, status_reason: json(values.status_reason), ...(values.announced_at ? { announced_at: values.announced_at } : {}), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Holds the meeting's row until the transaction ends, so two agenda edits are made one after the other. */
export async function lockMeeting(db: Executor, meetingId: string): Promise<void> {
  await db.selectFrom('meeting').select('id').where('id', '=', meetingId).forUpdate().executeTakeFirst();
}

/** Appends an item; the caller then puts the agenda in order with setAgendaPositions. */
export async function insertAgendaItem(db: Executor, item: { id: string; meeting_id: string; parent_id?: string | null; title: LocalizedText; minutes_allotted: number | null; is_main: boolean }): Promise<void> {
  const next = await db.selectFrom('agenda_item').select(sql<number>`coalesce(max(position), 0) + 1`.as('n')).where('meeting_id', '=', item.meeting_id).executeTakeFirstOrThrow();
  await db.insertInto('agenda_item').values({ ...item, parent_id: item.parent_id ?? null, description: null, position: Number(next.n), title: json(item.title) }).execute();
}

/** Numbers the meeting's items 1, 2, 3… in the order given (document order), touching only those that move. */
export async function setAgendaPositions(db: Executor, meetingId: string, ordered: { id: string; position: number }[]): Promise<void> {
  for (const [index, item] of ordered.entries()) {
    if (item.position === index + 1) continue;
    await db.updateTable('agenda_item').set({ position: index + 1 }).where('id', '=', item.id).where('meeting_id', '=', meetingId).execute();
  }
}

export async function updateAgendaItem(
  db: Executor,
  meetingId: string,
  itemId: string,
  expectedVersion: number,
  values: { title: LocalizedText; description: LocalizedText | null; minutes_allotted: number | null; is_main: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('agenda_item')
    .set((eb) => ({ title: json(values.title), description: json(values.description), minutes_allotted: values.minutes_allotted, is_main: values.is_main, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteAgendaItem(db: Executor, meetingId: string, itemId: string) {
  return db.deleteFrom('agenda_item').where('id', '=', itemId).where('meeting_id', '=', meetingId).returning(['id', 'title']).executeTakeFirst();
}

export interface SpeakerRecord {
  id: string;
  agendaItemId: string;
  personId: string;
  personName: LocalizedText;
  role: 'rapporteur' | 'co_speaker';
  position: number;
  label: LocalizedText | null;
}

/** The meeting's speakers: under each item, rapporteurs first, each in the order added. */
export async function listSpeakers(db: Executor, meetingId: string) {
  return db
    .selectFrom('agenda_speaker as s')
    .innerJoin('agenda_item as a', 'a.id', 's.agenda_item_id')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .select(['s.id', 's.agenda_item_id as agendaItemId', 's.person_id as personId', 'p.name as personName', 's.role', 's.position', 's.label'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .orderBy('s.role', 'desc')
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
}

/** Adds a speaker after the item's others in the same role. */
export async function insertSpeaker(db: Executor, row: { id: string; agenda_item_id: string; person_id: string; role: 'rapporteur' | 'co_speaker'; label: LocalizedText | null }): Promise<void> {
  const next = await db
    .selectFrom('agenda_speaker')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('n'))
    .where('agenda_item_id', '=', row.agenda_item_id)
    .where('role', '=', row.role)
    .executeTakeFirstOrThrow();
  await db.insertInto('agenda_speaker').values({ ...row, position: Number(next.n), label: json(row.label) }).execute();
}

export async function deleteSpeaker(db: Executor, meetingId: string, speakerId: string) {
  return db
    .deleteFrom('agenda_speaker')
    .where('id', '=', speakerId)
    .where('agenda_item_id', 'in', (eb) => eb.selectFrom('agenda_item').select('id').where('meeting_id', '=', meetingId))
    .returning(['id', 'agenda_item_id as agendaItemId', 'person_id as personId', 'role', 'label'])
    .executeTakeFirst();
}

/** The Council's representatives of collective members on a date: people who may speak for their organisation. */
export async function listCouncilRepresentatives(db: Executor, councilId: string, date: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id as personId', 'p.name as personName', 'm.on_behalf_of_id as onBehalfOfId', 'm.label'])
    .where('m.organization_id', '=', councilId)
    .where('m.role', '=', 'representative')
    .where(coversDate('m.start_date', 'm.end_date', date))
    .orderBy(sql`coalesce(p.name->>'kk', p.name->>'ru', p.name->>'en')`)
    .execute();
}

export async function updateChairAndQuorum(db: Executor, id: string, expectedVersion: number, values: { chair_person_id: string | null; quorum_rule: QuorumRule }): Promise<boolean> {
  const result = await db
    .updateTable('meeting')
    .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface PaperRecord {
  id: string;
  agendaItemId: string | null;
  title: LocalizedText;
  fileName: string;
  fileHash: string;
  contentType: PaperContentType;
  byteSize: number;
  createdAt: Date;
}

const paperColumns = ['id', 'agenda_item_id as agendaItemId', 'title', 'file_name as fileName', 'file_hash as fileHash', 'content_type as contentType', 'byte_size as byteSize', 'created_at as createdAt'] as const;

export async function insertPaper(db: Executor, row: Omit<Insertable<MeetingPaperTable>, 'title' | 'created_at'> & { title: LocalizedText }): Promise<void> {
  await db.insertInto('meeting_paper').values({ ...row, title: json(row.title) }).execute();
}

/** Papers of the given meetings, the meeting's own first, then each item's, oldest first. */
export async function listPapers(db: Executor, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  return db
    .selectFrom('meeting_paper')
    .select([...paperColumns, 'meeting_id as meetingId'])
    .where('meeting_id', 'in', meetingIds)
    .orderBy(sql`agenda_item_id is not null`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findPaper(db: Executor, meetingId: string, paperId: string) {
  return db.selectFrom('meeting_paper').select(paperColumns).where('meeting_id', '=', meetingId).where('id', '=', paperId).executeTakeFirst();
}

export async function deletePaper(db: Executor, meetingId: string, paperId: string) {
  return db.deleteFrom('meeting_paper').where('meeting_id', '=', meetingId).where('id', '=', paperId).returning(paperColumns).executeTakeFirst();
}

export async function insertAgendaChange(db: Executor, row: { id: string; meeting_id: string; changed_by: string | null; summary: LocalizedText }): Promise<void> {
  await db.insertInto('agenda_change').values({ ...row, summary: json(row.summary) }).execute();
}

export async function listAgendaChanges(db: Executor, meetingId: string) {
  return db.selectFrom('agenda_change').select(['changed_at as changedAt', 'summary']).where('meeting_id', '=', meetingId).orderBy('changed_at').orderBy('id').execute();
}

/** Invites organisations that are not invited yet; returns how many were added. */
export async function inviteOrganizations(db: Executor, meetingId: string, organizationIds: { id: string; organizationId: string }[]): Promise<number> {
  if (!organizationIds.length) return 0;
  const rows = await db
    .insertInto('meeting_invitation')
    .values(organizationIds.map((o) => ({ id: o.id, meeting_id: meetingId, organization_id: o.organizationId, person_id: null, attendance_mode: null, attendees: null, responded_at: null, responded_by: null })))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * A meeting's invitations: organisations (the regions' maslikhats) first, then people (the Council's
 * members); each invitee named as on the meeting's day (a renamed maslikhat keeps that day's name).
 */
export async function listInvitations(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_invitation as i')
    .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .leftJoin('person as p', 'p.id', 'i.person_id')
    .select([
      'i.id',
      'i.organization_id as organizationId',
      'i.person_id as personId',
      'p.name as personName',
      personOrOrganizationName('p.name', 'i.organization_id', localDay('m.starts_at', 'm.time_zone')).as('inviteeName'),
      'i.status',
      'i.attendance_mode as attendanceMode',
      'i.attendees',
      'i.responded_at as respondedAt',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy(sql`i.person_id is not null`)
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
}

/** Invites people who are not invited yet; returns how many were added. */
export async function invitePersons(db: Executor, meetingId: string, personIds: { id: string; personId: string }[]): Promise<number> {
  if (!personIds.length) return 0;
  const rows = await db
    .insertInto('meeting_invitation')
    .values(personIds.map((p) => ({ id: p.id, meeting_id: meetingId, organization_id: null, person_id: p.personId, attendance_mode: null, attendees: null, responded_at: null, responded_by: null })))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/** Invitations of the given organisations to meetings not yet over, soonest first. */
export async function listInvitationsFor(db: Executor, organizationIds: string[]) {
  if (!organizationIds.length) return [];
  return db
    .selectFrom('meeting_invitation as i')
    .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .select([
      'i.id',
      'i.organization_id as organizationId',
      // The maslikhat's name on the meeting's day, as every view of a dated record names it.
      organizationNameAsOf('i.organization_id', localDay('m.starts_at', 'm.time_zone')).as('organizationName'),
      'i.status',
      'i.attendance_mode as attendanceMode',
      'i.attendees',
      'i.version',
      'm.id as meetingId',
      'm.title',
      'm.kind',
      'm.number',
      'm.starts_at as startsAt',
      'm.time_zone as timeZone',
      'm.format',
      'm.video_url as videoUrl',
      'm.status as meetingStatus',
    ])
    .where('i.organization_id', 'in', organizationIds)
    .$narrowType<{ organizationId: NotNull }>()
    .where('m.status', 'in', ['announced', 'in_progress'])
    .orderBy('m.starts_at')
    .execute();
}

export async function findInvitation(db: Executor, id: string) {
  return db.selectFrom('meeting_invitation').select(['id', 'meeting_id as meetingId', 'organization_id as organizationId', 'status', 'version']).where('id', '=', id).executeTakeFirst();
}

export async function respondToInvitation(
  db: Executor,
  id: string,
  expectedVersion: number,
  values: { status: 'confirmed' | 'declined'; attendance_mode: 'room' | 'video' | null; attendees: string | null; responded_by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('meeting_invitation')
    .set((eb) => ({ ...values, responded_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── Used by the demo seed to record a past meeting as a whole ──

export async function findMeetingOnDay(db: Executor, organizationId: string, from: Date, to: Date) {
  return db.selectFrom('meeting').select('id').where('organization_id', '=', organizationId).where('starts_at', '>=', from).where('starts_at', '<', to).executeTakeFirst();
}

export async function insertHeldMeeting(db: Executor, m: NewMeeting & { chair_person_id: string | null }): Promise<void> {
  await db
    .insertInto('meeting')
    .values({ ...m, title: json(m.title), place: json(m.place), ends_at: null, status: 'held', status_reason: null, announced_at: m.starts_at, current_agenda_item_id: null })
    .execute();
}

export async function insertAgendaItemAt(db: Executor, item: { id: string; meeting_id: string; position: number; title: LocalizedText; is_main: boolean }): Promise<void> {
  await db.insertInto('agenda_item').values({ ...item, parent_id: null, description: null, minutes_allotted: null, title: json(item.title) }).execute();
}

export async function insertSpeakers(db: Executor, rows: { id: string; agenda_item_id: string; person_id: string; role: 'rapporteur' | 'co_speaker'; position: number }[]): Promise<void> {
  if (rows.length) await db.insertInto('agenda_speaker').values(rows.map((r) => ({ ...r, label: null }))).execute();
}

export async function insertStatements(db: Executor, rows: { id: string; agenda_item_id: string; person_id: string | null; quotation: string; language: 'kk' | 'ru' | 'en'; position: number }[]): Promise<void> {
  if (rows.length) await db.insertInto('statement').values(rows.map((r) => ({ ...r, speaker_label: null, summary: null }))).execute();
}

export async function insertConfirmedVideoAttendance(db: Executor, meetingId: string, organizationIds: { id: string; attendanceId: string; organizationId: string }[], respondedAt: Date): Promise<void> {
  if (!organizationIds.length) return;
  await db
    .insertInto('meeting_invitation')
    .values(organizationIds.map((o) => ({ id: o.id, meeting_id: meetingId, organization_id: o.organizationId, person_id: null, status: 'confirmed' as const, attendance_mode: 'video' as const, attendees: null, responded_at: respondedAt, responded_by: null })))
    .execute();
  await db
    .insertInto('attendance')
    .values(organizationIds.map((o) => ({ id: o.attendanceId, meeting_id: meetingId, organization_id: o.organizationId, person_id: null, presence: 'video' as const, absence_reason: null })))
    .execute();
}

export async function linkDecisionToMeeting(db: Executor, decisionId: string, meetingId: string, agendaItemId: string): Promise<void> {
  await db.updateTable('decision').set({ meeting_id: meetingId, agenda_item_id: agendaItemId, result: 'adopted' }).where('id', '=', decisionId).execute();
}

export async function findPersonIdByEnglishName(db: Executor, name: string): Promise<string | undefined> {
  return (await db.selectFrom('person').select('id').where(sql<boolean>`name->>'en' = ${name}`).orderBy('created_at').executeTakeFirst())?.id;
}
