// Reads for the public meeting pages and calendars: only meetings past the draft stage, and never
// the video link (it is for invitees only, so it is not even selected here).
import { sql, type AliasedExpression } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { localDay, organizationNameAsOf, personOrOrganizationName } from '../../core/db/dated.js';
import type { DecisionKind, MeetingStatus, MembershipRole, OrganizationClassification, QuorumRule } from '../../core/db/database.js';
import { compiledOnce } from '../../core/db/compiled-query.js';
import { constantList, paginate, type Executor, type Page, type Paged } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { RelatedRows } from '../../core/related.js';
import type { PaperRecord } from './meetings.repository.js';
import { keptMinutesQuery, type KeptMinutes } from './minutes.repository.js';

/** The meeting's local day, for queries joined to `meeting as m`: names and posts are those of that day. */
const meetingDay = localDay('m.starts_at', 'm.time_zone');

/** Every status the public may see (everything but a draft). */
export type PublicStatus = Exclude<MeetingStatus, 'draft'>;
export const publicStatuses: PublicStatus[] = ['announced', 'in_progress', 'held', 'minutes_approved', 'cancelled', 'postponed'];

export interface PublicMeetingRow {
  id: string;
  kind: 'regular' | 'extraordinary' | 'field';
  number: number | null;
  title: LocalizedText | null;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  place: LocalizedText | null;
  format: 'in_person' | 'online' | 'hybrid';
  status: PublicStatus;
  statusReason: LocalizedText | null;
  updatedAt: Date;
  version: number;
}

/** The organisation's public meetings with the columns every public page reads (overview.repository.ts builds on it). */
export function meetingQuery(db: Executor, organizationId: string) {
  return db
    .selectFrom('meeting as m')
    .select([
      'm.id',
      'm.kind',
      'm.number',
      'm.title',
      'm.starts_at as startsAt',
      'm.ends_at as endsAt',
      'm.time_zone as timeZone',
      'm.place',
      'm.format',
      'm.status',
      'm.status_reason as statusReason',
      'm.updated_at as updatedAt',
      'm.version',
    ])
    .where('m.organization_id', '=', organizationId)
    .where('m.status', 'in', constantList(publicStatuses))
    .$narrowType<{ status: PublicStatus }>();
}

/** A public meeting with what its record needs besides (the quorum rule). */
export async function findMeetingForRecord(db: Executor, organizationId: string, id: string): Promise<(PublicMeetingRow & { quorumRule: QuorumRule }) | undefined> {
  return meetingQuery(db, organizationId).select('m.quorum_rule as quorumRule').where('m.id', '=', id).executeTakeFirst();
}

/** Meetings still to come (or under way), soonest first. */
export async function listUpcomingMeetings(db: Executor, organizationId: string, now: Date, limit?: number): Promise<PublicMeetingRow[]> {
  const upcoming = meetingQuery(db, organizationId)
    .where((eb) => eb.or([eb('m.starts_at', '>=', now), eb('m.status', '=', 'in_progress')]))
    .orderBy('m.starts_at')
    .orderBy('m.id');
  return (limit === undefined ? upcoming : upcoming.limit(limit)).execute();
}

/** Meetings that have begun (and are not under way), newest first, a page at a time. */
export async function listPastMeetings(db: Executor, organizationId: string, now: Date, page: Page): Promise<Paged<PublicMeetingRow>> {
  const past = meetingQuery(db, organizationId).where('m.starts_at', '<', now).where('m.status', '!=', 'in_progress');
  return paginate(past.orderBy('m.starts_at', 'desc').orderBy('m.id'), page);
}

/** Every public meeting, newest first (for the calendar feed). */
export async function listPublicMeetings(db: Executor, organizationId: string, limit: number): Promise<PublicMeetingRow[]> {
  return meetingQuery(db, organizationId).orderBy('m.starts_at', 'desc').orderBy('m.id').limit(limit).execute();
}

export async function findPublicMeeting(db: Executor, organizationId: string, id: string): Promise<PublicMeetingRow | undefined> {
  return meetingQuery(db, organizationId).where('m.id', '=', id).executeTakeFirst();
}

export interface AgendaItemRow {
  id: string;
  parentId: string | null;
  position: number;
  title: LocalizedText;
  description: LocalizedText | null;
  minutesAllotted: number | null;
  isMain: boolean;
  /** For the secretariat's edit forms (optimistic locking). */
  version: number;
}

/** A meeting's items in reading order (item, its sub-items, the next item). */
function agendaItemsQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('agenda_item as a')
    .select(['a.id', 'a.parent_id as parentId', 'a.position', 'a.title', 'a.description', 'a.minutes_allotted as minutesAllotted', 'a.is_main as isMain', 'a.version'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .orderBy('a.id');
}

export async function listAgendaItems(db: Executor, meetingId: string): Promise<AgendaItemRow[]> {
  return agendaItemsQuery(db, meetingId).execute();
}

export interface AgendaSpeakerRow {
  agendaItemId: string;
  personId: string;
  personName: LocalizedText;
  role: 'rapporteur' | 'co_speaker';
  label: LocalizedText | null;
}

function agendaSpeakersQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('agenda_speaker as s')
    .innerJoin('agenda_item as a', 'a.id', 's.agenda_item_id')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .select(['s.agenda_item_id as agendaItemId', 's.person_id as personId', 'p.name as personName', 's.role', 's.label'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('s.role', 'desc')
    .orderBy('s.position')
    .orderBy('s.id');
}

export async function listAgendaSpeakers(db: Executor, meetingId: string): Promise<AgendaSpeakerRow[]> {
  return agendaSpeakersQuery(db, meetingId).execute();
}

export interface StatementRow {
  id: string;
  agendaItemId: string;
  personId: string | null;
  personName: LocalizedText | null;
  speakerLabel: LocalizedText | null;
  summary: LocalizedText | null;
  quotation: string | null;
  language: 'kk' | 'ru' | 'en';
}

/** What was said under each item, in the order it was said. */
function statementsQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('statement as st')
    .innerJoin('agenda_item as a', 'a.id', 'st.agenda_item_id')
    .leftJoin('person as p', 'p.id', 'st.person_id')
    .select(['st.id', 'st.agenda_item_id as agendaItemId', 'st.person_id as personId', 'p.name as personName', 'st.speaker_label as speakerLabel', 'st.summary', 'st.quotation', 'st.language'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .orderBy('st.position');
}

export async function listStatements(db: Executor, meetingId: string): Promise<StatementRow[]> {
  return statementsQuery(db, meetingId).execute();
}

export interface InvitedOrganizationRow {
  organizationId: string;
  slug: string;
  name: LocalizedText | null;
  /** The answer to the invitation. */
  status: 'invited' | 'confirmed' | 'declined';
  attendanceMode: 'room' | 'video' | null;
  /** What the roll call of the sitting recorded for it; null while it has not been called. */
  presence: 'room' | 'video' | 'absent' | null;
}

/** Organisations invited to a meeting, named as on the meeting's day (Kazakhstan time), with their answers and the roll call. */
function invitedOrganizationsQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_invitation as i')
    .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .innerJoin('organization as o', 'o.id', 'i.organization_id')
    .leftJoin('area as ar', 'ar.id', 'o.area_id')
    .leftJoin('attendance as at', (join) => join.onRef('at.meeting_id', '=', 'i.meeting_id').onRef('at.organization_id', '=', 'i.organization_id'))
    .select([
      'o.id as organizationId',
      'o.slug',
      organizationNameAsOf('o.id', meetingDay).as('name'),
      'i.status',
      'i.attendance_mode as attendanceMode',
      'at.presence',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy(sql`ar.kato nulls last`)
    .orderBy('o.slug');
}

export async function listInvitedOrganizations(db: Executor, meetingId: string): Promise<InvitedOrganizationRow[]> {
  return invitedOrganizationsQuery(db, meetingId).execute();
}

export interface InvitedPersonRow {
  personId: string;
  name: LocalizedText;
  /** The answer to the invitation. */
  status: 'invited' | 'confirmed' | 'declined';
  attendanceMode: 'room' | 'video' | null;
  /** What the roll call recorded for them; null while they have not been called. */
  presence: 'room' | 'video' | 'absent' | null;
  absenceReason: string | null;
}

/** People invited to a meeting in their own right (not for an organisation), with their answers and the roll call. */
export async function listInvitedPersons(db: Executor, meetingId: string): Promise<InvitedPersonRow[]> {
  return db
    .selectFrom('meeting_invitation as i')
    .innerJoin('person as p', 'p.id', 'i.person_id')
    .leftJoin('attendance as at', (join) => join.onRef('at.meeting_id', '=', 'i.meeting_id').onRef('at.person_id', '=', 'i.person_id'))
    .select(['p.id as personId', 'p.name', 'i.status', 'i.attendance_mode as attendanceMode', 'at.presence', 'at.absence_reason as absenceReason'])
    .where('i.meeting_id', '=', meetingId)
    .orderBy(sql`coalesce(p.name->>'kk', p.name->>'ru', p.name->>'en')`)
    .orderBy('p.id')
    .execute();
}

export interface MeetingDecisionRow {
  id: string;
  number: string | null;
  decisionDate: string;
  kind: DecisionKind;
  title: LocalizedText;
  body: LocalizedText | null;
  agendaItemId: string | null;
  result: 'adopted' | 'rejected' | null;
  voting: 'not_started' | 'open' | 'closed';
  appliedAt: Date | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
}

function meetingDecisionsQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('decision as d')
    .leftJoin('agenda_item as a', 'a.id', 'd.agenda_item_id')
    .select([
      'd.id',
      'd.number',
      'd.decision_date as decisionDate',
      'd.kind',
      'd.title',
      'd.body',
      'd.agenda_item_id as agendaItemId',
      'd.result',
      'd.voting',
      'd.applied_at as appliedAt',
      'd.votes_for as votesFor',
      'd.votes_against as votesAgainst',
      'd.votes_abstain as votesAbstain',
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy(sql`a.position nulls last`)
    .orderBy('d.number')
    .orderBy('d.id');
}

export async function listMeetingDecisions(db: Executor, meetingId: string): Promise<MeetingDecisionRow[]> {
  return meetingDecisionsQuery(db, meetingId).execute();
}

export interface AttendanceRow {
  personId: string | null;
  organizationId: string | null;
  name: LocalizedText | null;
  presence: 'room' | 'video' | 'absent';
  absenceReason: string | null;
}

/** The register of the sitting: people and organisations, named as on the meeting's day. */
export async function listAttendance(db: Executor, meetingId: string): Promise<AttendanceRow[]> {
  return db
    .selectFrom('attendance as at')
    .innerJoin('meeting as m', 'm.id', 'at.meeting_id')
    .leftJoin('person as p', 'p.id', 'at.person_id')
    .leftJoin('organization as o', 'o.id', 'at.organization_id')
    .leftJoin('area as ar', 'ar.id', 'o.area_id')
    .select([
      'at.person_id as personId',
      'at.organization_id as organizationId',
      personOrOrganizationName('p.name', 'o.id', meetingDay).as('name'),
      'at.presence',
      'at.absence_reason as absenceReason',
    ])
    .where('at.meeting_id', '=', meetingId)
    .orderBy(sql`at.person_id is null`)
    .orderBy(sql`ar.kato nulls last`)
    .orderBy(sql`coalesce(p.name->>'kk', p.name->>'ru', o.slug)`)
    .execute();
}

export interface PostRow {
  personId: string;
  role: MembershipRole;
  organizationId: string;
  classification: OrganizationClassification;
  /** The role's title on the day where the registry names one (role_title: "мәслихат хатшысы"), else null. */
  roleTitle: LocalizedText | null;
  /** The membership's own label ("төраға", "Сенат Төрағасының орынбасары"), used where there is no role title. */
  label: LocalizedText | null;
  /** The organisation as named on the meeting's day. */
  organizationName: LocalizedText | null;
}

/** Roles that are a person's post in an organisation (not a seat in a body or a representation). */
const postRoles: MembershipRole[] = ['head', 'deputy_head', 'staff', 'deputy'];

/**
 * The posts held on the meeting's day by everyone the record names as speaking (rapporteurs,
 * co-speakers, those quoted) and by its chair, in one query: heads first, then by latest start.
 * A post without a role title or a label is left out (there is nothing to call it).
 */
export async function listSpeakerPosts(db: Executor, meetingId: string): Promise<PostRow[]> {
  const roleTitle = sql<LocalizedText | null>`(select rt.label from role_title rt where rt.role = ms.role and rt.organization_classification = o.classification
    and (rt.valid_from is null or rt.valid_from <= ${meetingDay}) and (rt.valid_to is null or rt.valid_to >= ${meetingDay})
    order by rt.valid_from desc nulls last limit 1)`;
  const rows = await db
    .selectFrom('membership as ms')
    .innerJoin('organization as o', 'o.id', 'ms.organization_id')
    .innerJoin('meeting as m', (join) => join.on('m.id', '=', meetingId))
    .select(['ms.person_id as personId', 'ms.role', 'o.id as organizationId', 'o.classification', roleTitle.as('roleTitle'), 'ms.label', organizationNameAsOf('o.id', meetingDay).as('organizationName')])
    .where('ms.role', 'in', postRoles)
    .where(sql<boolean>`(ms.start_date is null or ms.start_date <= ${meetingDay}) and (ms.end_date is null or ms.end_date >= ${meetingDay})`)
    .where((eb) =>
      eb.or([
        eb('ms.person_id', '=', eb.ref('m.chair_person_id')),
        eb('ms.person_id', 'in', eb.selectFrom('agenda_speaker as s').innerJoin('agenda_item as a', 'a.id', 's.agenda_item_id').select('s.person_id').where('a.meeting_id', '=', meetingId)),
        eb('ms.person_id', 'in', eb.selectFrom('statement as st').innerJoin('agenda_item as a', 'a.id', 'st.agenda_item_id').select('st.person_id').where('a.meeting_id', '=', meetingId)),
      ]),
    )
    .orderBy('ms.person_id')
    .orderBy(sql`ms.role = 'head'`, 'desc')
    .orderBy('ms.start_date', (ob) => ob.desc().nullsLast())
    .orderBy('ms.id')
    .execute();
  return rows.flatMap((r) => (r.personId && (r.roleTitle || r.label) ? [{ ...r, personId: r.personId }] : []));
}

export interface AdmittedRow {
  decisionId: string;
  personId: string | null;
  memberOrganizationId: string | null;
  /** The person's name, or the organisation's as on the meeting's day. */
  name: LocalizedText | null;
}

/** Who the meeting's decisions admitted (memberships they started as members), in the order entered. */
function admittedByMeetingQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('membership as ms')
    .innerJoin('decision as d', 'd.id', 'ms.start_decision_id')
    .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
    .leftJoin('person as p', 'p.id', 'ms.person_id')
    .select([
      'd.id as decisionId',
      'ms.person_id as personId',
      'ms.member_organization_id as memberOrganizationId',
      personOrOrganizationName('p.name', 'ms.member_organization_id', meetingDay).as('name'),
    ])
    .where('d.meeting_id', '=', meetingId)
    .where('ms.role', 'in', constantList(['member', 'collective_member'] as const))
    .orderBy('ms.created_at')
    .orderBy('ms.id');
}

export async function listAdmittedByMeeting(db: Executor, meetingId: string): Promise<AdmittedRow[]> {
  return admittedByMeetingQuery(db, meetingId).execute();
}

export async function findChair(db: Executor, meetingId: string): Promise<{ personId: string; name: LocalizedText } | undefined> {
  return db
    .selectFrom('meeting as m')
    .innerJoin('person as p', 'p.id', 'm.chair_person_id')
    .select(['p.id as personId', 'p.name'])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
}

/** A paper as the public sees it: the record without when it was added. */
export type PublicPaperRow = Omit<PaperRecord, 'createdAt'>;

const paperColumns = ['p.id', 'p.agenda_item_id as agendaItemId', 'p.title', 'p.file_name as fileName', 'p.file_hash as fileHash', 'p.content_type as contentType', 'p.byte_size as byteSize'] as const;

/** A meeting's papers: the meeting's own first, then each item's in agenda order. */
function papersQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_paper as p')
    .leftJoin('agenda_item as a', 'a.id', 'p.agenda_item_id')
    .select(paperColumns)
    .where('p.meeting_id', '=', meetingId)
    .orderBy(sql`a.position nulls first`)
    .orderBy('p.created_at')
    .orderBy('p.id');
}

export async function listPapers(db: Executor, meetingId: string): Promise<PublicPaperRow[]> {
  return papersQuery(db, meetingId).execute();
}

/** Everything the public meeting page lists besides the meeting itself. */
export interface MeetingPageLists {
  items: AgendaItemRow[];
  speakers: AgendaSpeakerRow[];
  statements: StatementRow[];
  regions: InvitedOrganizationRow[];
  decisions: MeetingDecisionRow[];
  minutes: KeptMinutes[];
  papers: PublicPaperRow[];
  admitted: AdmittedRow[];
}

/** Papers become public once the meeting is held (before, only invitees read them). */
export const papersPublicIn: PublicStatus[] = ['held', 'minutes_approved'];

/** What other features know of a meeting as one column its page's query selects (core/related's columnFor). */
export type RelatedColumn = (db: Executor, meetingId: string) => AliasedExpression<RelatedRows, 'related'>;

/**
 * The public meeting page's data in one query, compiled once: the meeting (as findPublicMeeting has
 * it) with its lists, each as a JSON array of the very rows its own list function returns (the same
 * query builders), and — given `related` — what other features know of it. One round trip instead
 * of eleven, and no query building per request, which on PostgreSQL were most of the server's CPU
 * per uncached page after the rendering (issue 15). The papers are listed only once the meeting is
 * held (papersPublicIn, decided in the query so that every meeting shares one statement).
 */
function publicMeetingPageQuery(related: RelatedColumn | undefined) {
  return compiledOnce((db, p: { organizationId: string; meetingId: string }) => {
    const page = meetingQuery(db, p.organizationId)
      .where('m.id', '=', p.meetingId)
      .select([
        jsonArrayFrom(agendaItemsQuery(db, p.meetingId)).as('items'),
        jsonArrayFrom(agendaSpeakersQuery(db, p.meetingId)).as('speakers'),
        jsonArrayFrom(statementsQuery(db, p.meetingId)).as('statements'),
        jsonArrayFrom(invitedOrganizationsQuery(db, p.meetingId)).as('regions'),
        jsonArrayFrom(meetingDecisionsQuery(db, p.meetingId)).as('decisions'),
        jsonArrayFrom(keptMinutesQuery(db, p.meetingId)).as('minutes'),
        // `m` is the outer meeting here (the papers' own query has no `m`).
        jsonArrayFrom(papersQuery(db, p.meetingId).where(sql<boolean>`m.status in ${constantList(papersPublicIn)}`)).as('papers'),
        jsonArrayFrom(admittedByMeetingQuery(db, p.meetingId)).as('admitted'),
      ]);
    return related ? page.select(related(db, p.meetingId)) : page.select(sql<RelatedRows>`'{}'::json`.as('related'));
  });
}

/** One compiled query per way of reading what other features know (none, or each app's page's). */
const pageQueryAlone = publicMeetingPageQuery(undefined);
const pageQueries = new WeakMap<RelatedColumn, ReturnType<typeof publicMeetingPageQuery>>();

/**
 * A public meeting of the organisation with everything its page lists (and, given `related`, what
 * other features know of it), or undefined when there is no such meeting (or it is a draft). `related`
 * must be one function made once (each new one compiles a query of its own). JSON carries no
 * timestamps: the one timestamp among the lists (a decision's appliedAt) is made a Date again here.
 */
export async function readPublicMeetingPage(
  db: Executor,
  organizationId: string,
  meetingId: string,
  related?: RelatedColumn,
): Promise<{ meeting: PublicMeetingRow; lists: MeetingPageLists; related: RelatedRows } | undefined> {
  let query = related ? pageQueries.get(related) : pageQueryAlone;
  if (!query) pageQueries.set(related!, (query = publicMeetingPageQuery(related)));
  const [row] = await query(db, { organizationId, meetingId });
  if (!row) return undefined;
  const { items, speakers, statements, regions, decisions, minutes, papers, admitted, related: relatedRows, ...meeting } = row;
  const lists = { items, speakers, statements, regions, minutes, papers, admitted } as unknown as Omit<MeetingPageLists, 'decisions'>;
  const decisionRows = decisions as unknown as (Omit<MeetingDecisionRow, 'appliedAt'> & { appliedAt: string | null })[];
  return {
    meeting,
    lists: { ...lists, decisions: decisionRows.map((d) => ({ ...d, appliedAt: d.appliedAt === null ? null : new Date(d.appliedAt) })) },
    related: relatedRows,
  };
}

export async function findPaper(db: Executor, meetingId: string, paperId: string): Promise<PublicPaperRow | undefined> {
  return db.selectFrom('meeting_paper as p').select(paperColumns).where('p.meeting_id', '=', meetingId).where('p.id', '=', paperId).executeTakeFirst();
}
