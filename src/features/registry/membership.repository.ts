// Persons, memberships, districts, decisions and contact details: the writes and the shared reads.
import { sql, type NotNull, type RawBuilder } from 'kysely';
import type { DateString, DecisionKind, MembershipRole, OrganizationClassification } from '../../core/db/database.js';
import { coversDate, organizationNameAsOf } from '../../core/db/dated.js';
import { json, paginate, type Executor, type Page, type Paged } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export interface NewPerson {
  id: string;
  name: LocalizedText;
  family_name?: LocalizedText | null;
  given_name?: LocalizedText | null;
  patronymic?: LocalizedText | null;
  birth_date?: DateString | null;
  gender?: 'female' | 'male' | null;
  iin?: string | null;
  is_demo?: boolean;
  search_text: string;
  source?: string | null;
}

export async function insertPersons(db: Executor, persons: NewPerson[]): Promise<void> {
  if (!persons.length) return;
  await db
    .insertInto('person')
    .values(
      persons.map((p) => ({
        id: p.id,
        name: json(p.name),
        family_name: json(p.family_name),
        given_name: json(p.given_name),
        patronymic: json(p.patronymic),
        birth_date: p.birth_date ?? null,
        gender: p.gender ?? null,
        iin: p.iin ?? null,
        photo_file: null,
        is_demo: p.is_demo ?? false,
        search_text: p.search_text,
        source: p.source ?? null,
      })),
    )
    .execute();
}

export interface NewMembership {
  id: string;
  organization_id: string;
  person_id?: string | null;
  member_organization_id?: string | null;
  role: MembershipRole;
  label?: LocalizedText | null;
  on_behalf_of_id?: string | null;
  electoral_district_id?: string | null;
  convocation_id?: string | null;
  start_date?: DateString | null;
  end_date?: DateString | null;
  start_decision_id?: string | null;
  end_decision_id?: string | null;
  end_reason?: string | null;
  is_demo?: boolean;
  source?: string | null;
}

export async function insertMemberships(db: Executor, memberships: NewMembership[]): Promise<void> {
  if (!memberships.length) return;
  await db
    .insertInto('membership')
    .values(
      memberships.map((m) => ({
        id: m.id,
        organization_id: m.organization_id,
        person_id: m.person_id ?? null,
        member_organization_id: m.member_organization_id ?? null,
        role: m.role,
        label: json(m.label),
        on_behalf_of_id: m.on_behalf_of_id ?? null,
        electoral_district_id: m.electoral_district_id ?? null,
        convocation_id: m.convocation_id ?? null,
        start_date: m.start_date ?? null,
        end_date: m.end_date ?? null,
        start_decision_id: m.start_decision_id ?? null,
        end_decision_id: m.end_decision_id ?? null,
        end_reason: m.end_reason ?? null,
        is_demo: m.is_demo ?? false,
        source: m.source ?? null,
      })),
    )
    .execute();
}

export async function insertElectoralDistricts(
  db: Executor,
  rows: { id: string; organization_id: string; number: number; name: LocalizedText | null; convocation_id: string | null; is_demo?: boolean }[],
): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('electoral_district')
    .values(rows.map((r) => ({ ...r, name: json(r.name), valid_from: null, valid_to: null, is_demo: r.is_demo ?? false })))
    .execute();
}

/** Every decision row is written here (through decisions.ts). */
export async function insertDecision(
  db: Executor,
  row: { id: string; organization_id: string; meeting_id: string | null; agenda_item_id: string | null; number: string | null; decision_date: DateString; kind: DecisionKind; title: LocalizedText; body: LocalizedText | null; admissions_expected: number | null },
): Promise<void> {
  await db.insertInto('decision').values({ ...row, title: json(row.title), body: json(row.body) }).execute();
}

export async function insertContactDetails(
  db: Executor,
  rows: { id: string; person_id?: string | null; organization_id?: string | null; type: 'email' | 'phone' | 'address' | 'website' | 'reception'; value: string; label?: LocalizedText | null; is_public: boolean }[],
): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('contact_detail')
    .values(rows.map((r) => ({ id: r.id, person_id: r.person_id ?? null, organization_id: r.organization_id ?? null, type: r.type, value: r.value, label: json(r.label), is_public: r.is_public })))
    .execute();
}

/** Ids of the organisations in an area or any area under it, and of every organisation under those. */
export const organizationsInArea = (areaId: string): RawBuilder<string> => sql<string>`(
  with recursive areas as (
    select id from area where id = ${areaId}::uuid
    union select a.id from area a join areas on a.parent_id = areas.id
  ), orgs as (
    select o.id from organization o where o.area_id in (select id from areas)
    union select o.id from organization o join orgs on o.parent_id = orgs.id
  ) select id from orgs)`;

export interface MembershipFilter {
  /** Only memberships valid on this date: the first day and the last (end_date is inclusive) count. */
  date?: string | undefined;
  organizationId?: string | undefined;
  /** Memberships in the organisations of this area and those under them (organizationsInArea). */
  areaId?: string | undefined;
  personId?: string | undefined;
  roles?: MembershipRole[] | undefined;
  organizationClassification?: OrganizationClassification | undefined;
}

/**
 * The memberships a filter asks for, with every table a listing may read: the organisation (o),
 * its area or its parent's (a), the person (p), the member organisation (mo), the party or
 * collective member (bo), the district (d), the convocation (c). The office's listing (below) and
 * open data's (open-data.repository) each select and order their own columns. PostgreSQL drops
 * the left joins a listing does not read (each is on a unique key), so rows and totals are those
 * of membership ⋈ organization alone.
 */
export function membershipsQuery(db: Executor, filter: MembershipFilter) {
  let q = db
    .selectFrom('membership as m')
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    // The parent's area inside the condition, not as a join of its own, so a listing without a.* drops both.
    .leftJoin('area as a', (join) => join.on(sql<boolean>`a.id = coalesce(o.area_id, (select po.area_id from organization po where po.id = o.parent_id))`))
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('organization as mo', 'mo.id', 'm.member_organization_id')
    .leftJoin('organization as bo', 'bo.id', 'm.on_behalf_of_id')
    .leftJoin('electoral_district as d', 'd.id', 'm.electoral_district_id')
    .leftJoin('convocation as c', 'c.id', 'm.convocation_id');
  if (filter.date) q = q.where(coversDate('m.start_date', 'm.end_date', filter.date));
  if (filter.areaId) q = q.where('m.organization_id', 'in', organizationsInArea(filter.areaId));
  if (filter.organizationId) q = q.where('m.organization_id', '=', filter.organizationId);
  if (filter.personId) q = q.where('m.person_id', '=', filter.personId);
  if (filter.roles?.length) q = q.where('m.role', 'in', filter.roles);
  if (filter.organizationClassification) q = q.where('o.classification', '=', filter.organizationClassification);
  return q;
}

export interface MembershipRecord {
  id: string;
  organizationId: string;
  personId: string | null;
  memberOrganizationId: string | null;
  role: MembershipRole;
  label: LocalizedText | null;
  onBehalfOfId: string | null;
  electoralDistrictId: string | null;
  districtNumber: number | null;
  districtName: LocalizedText | null;
  convocationId: string | null;
  startDate: DateString | null;
  endDate: DateString | null;
  startDecisionId: string | null;
  endDecisionId: string | null;
  isDemo: boolean;
  personName: LocalizedText | null;
}

/** The office's listing (the Council's and a maslikhat's members): by organisation, district number and start. */
export async function listMemberships(db: Executor, filter: MembershipFilter, page: Page): Promise<Paged<MembershipRecord>> {
  const memberships = membershipsQuery(db, filter)
    .select([
      'm.id',
      'm.organization_id as organizationId',
      'm.person_id as personId',
      'm.member_organization_id as memberOrganizationId',
      'm.role',
      'm.label',
      'm.on_behalf_of_id as onBehalfOfId',
      'm.electoral_district_id as electoralDistrictId',
      'd.number as districtNumber',
      'd.name as districtName',
      'm.convocation_id as convocationId',
      'm.start_date as startDate',
      'm.end_date as endDate',
      'm.start_decision_id as startDecisionId',
      'm.end_decision_id as endDecisionId',
      'm.is_demo as isDemo',
      'p.name as personName',
    ])
    .orderBy('m.organization_id')
    .orderBy(sql`d.number nulls last`)
    .orderBy('m.start_date')
    .orderBy('m.id');
  return paginate(memberships, page);
}

export async function findPersonIdByIin(db: Executor, iin: string): Promise<string | undefined> {
  return (await db.selectFrom('person').select('id').where('iin', '=', iin).executeTakeFirst())?.id;
}

/** Role titles valid on a date, e.g. the head of a maslikhat: "secretary" until 2023-04-09, "chairman" after. */
export async function findRoleTitle(db: Executor, role: string, classification: string, date: string): Promise<LocalizedText | undefined> {
  const row = await db
    .selectFrom('role_title')
    .select('label')
    .where('role', '=', role)
    .where('organization_classification', '=', classification)
    .where(coversDate('valid_from', 'valid_to', date))
    .executeTakeFirst();
  return row?.label;
}

// ── Admissions: what a decision admits, and who has been entered under it ──

/** Who counts as admitted by a decision: the member itself, not its representative. */
const admittedRoles: MembershipRole[] = ['member', 'collective_member'];

export interface AdmissionDecisionRecord {
  id: string;
  number: string | null;
  decisionDate: DateString;
  title: LocalizedText;
  meetingId: string | null;
  admissionsExpected: number | null;
}

/** Admission decisions in force (recorded on their own, or adopted at a meeting) of a body, or of one meeting. */
export async function listAdmissionDecisions(db: Executor, filter: { organizationId: string } | { meetingId: string } | { ids: string[] }): Promise<AdmissionDecisionRecord[]> {
  if ('ids' in filter && !filter.ids.length) return [];
  let q = db
    .selectFrom('decision')
    .select(['id', 'number', 'decision_date as decisionDate', 'title', 'meeting_id as meetingId', 'admissions_expected as admissionsExpected'])
    .where('kind', '=', 'admission')
    .where((eb) => eb.or([eb('meeting_id', 'is', null), eb('result', '=', 'adopted')]));
  if ('organizationId' in filter) q = q.where('organization_id', '=', filter.organizationId);
  else if ('meetingId' in filter) q = q.where('meeting_id', '=', filter.meetingId);
  else q = q.where('id', 'in', filter.ids);
  return q.orderBy('decision_date', 'desc').orderBy('id').execute();
}

export interface AdmittedRecord {
  decisionId: string;
  membershipId: string;
  personId: string | null;
  memberOrganizationId: string | null;
  /** The person's name, or the organisation's as of the decision's day. */
  name: LocalizedText | null;
}

/** The members entered under each decision (not their representatives), in the order entered. */
export async function listAdmitted(db: Executor, decisionIds: string[]): Promise<AdmittedRecord[]> {
  if (!decisionIds.length) return [];
  const rows = await db
    .selectFrom('membership as m')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.start_decision_id as decisionId', 'm.id as membershipId', 'm.person_id as personId', 'm.member_organization_id as memberOrganizationId', 'p.name as personName', organizationNameAsOf('m.member_organization_id', sql<string>`m.start_date`).as('organizationName')])
    .where('m.start_decision_id', 'in', decisionIds)
    .$narrowType<{ decisionId: NotNull }>()
    .where('m.role', 'in', admittedRoles)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ decisionId: r.decisionId, membershipId: r.membershipId, personId: r.personId, memberOrganizationId: r.memberOrganizationId, name: r.personName ?? r.organizationName }));
}

/**
 * Takes the decision's row lock for the rest of the transaction, so two submits of the same
 * admission (a double click, two screens) are checked one after the other, never side by side.
 */
export async function lockDecision(db: Executor, decisionId: string): Promise<void> {
  await db.selectFrom('decision').select('id').where('id', '=', decisionId).forUpdate().execute();
}

/**
 * Organisations (not maslikhats or commissions) whose name, in Kazakh or Russian and in any period,
 * is one of these (compared by foldName). Compared here rather than in SQL, where lower() folds
 * only Latin letters under the embedded database's C locale; such organisations are few.
 */
export async function findOrganizationsByName(db: Executor, names: string[]): Promise<{ id: string; classification: OrganizationClassification }[]> {
  const wanted = new Set(names.map(foldName).filter(Boolean));
  if (!wanted.size) return [];
  const rows = await db
    .selectFrom('organization as o')
    .innerJoin('organization_name as n', 'n.organization_id', 'o.id')
    .select(['o.id', 'o.classification', 'n.name'])
    .where('o.classification', 'not in', ['maslikhat', 'commission'])
    .orderBy('o.created_at')
    .orderBy('o.id')
    .execute();
  const found = new Map<string, { id: string; classification: OrganizationClassification }>();
  for (const r of rows) {
    if (!found.has(r.id) && (wanted.has(foldName(r.name.kk)) || wanted.has(foldName(r.name.ru)))) found.set(r.id, { id: r.id, classification: r.classification });
  }
  return [...found.values()];
}

/** A name as compared for sameness: trimmed, spaces collapsed, lower case. */
export const foldName = (name: string | undefined): string => (name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** The body's memberships of an organisation or person on a date (any role but representative). */
export async function findCurrentMemberships(db: Executor, organizationId: string, member: { personId?: string; memberOrganizationId?: string }, date: DateString) {
  let q = db
    .selectFrom('membership')
    .select(['id', 'role', 'start_date as startDate', 'start_decision_id as startDecisionId'])
    .where('organization_id', '=', organizationId)
    .where('role', '!=', 'representative')
    .where(coversDate('start_date', 'end_date', date));
  if (member.personId) q = q.where('person_id', '=', member.personId);
  if (member.memberOrganizationId) q = q.where('member_organization_id', '=', member.memberOrganizationId);
  return q.execute();
}

// ── Posts: the body's chair and deputy chairs ──

export const postRoles = ['head', 'deputy_head'] as const;
export type PostRole = (typeof postRoles)[number];

export interface PostRecord {
  id: string;
  personId: string;
  personName: LocalizedText | null;
  role: PostRole;
  label: LocalizedText | null;
  startDate: DateString | null;
  endDate: DateString | null;
  version: number;
}

/** Every post of a body, current and past: latest first. */
export async function listPosts(db: Executor, organizationId: string): Promise<PostRecord[]> {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.person_id as personId', 'p.name as personName', 'm.role', 'm.label', 'm.start_date as startDate', 'm.end_date as endDate', 'm.version'])
    .where('m.organization_id', '=', organizationId)
    .where('m.role', 'in', [...postRoles])
    .$narrowType<{ personId: NotNull; role: PostRole }>()
    .orderBy(sql`m.end_date is null`, 'desc')
    .orderBy(sql`m.start_date desc nulls last`)
    .orderBy('m.role')
    .orderBy('m.id')
    .execute();
}

/** Posts of a body that share a day with [start, end] (end null: open), held by the person or, for the chair, by anyone. */
export async function findOverlappingPosts(db: Executor, organizationId: string, input: { role: PostRole; personId: string | null; start: DateString; end: DateString | null }) {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.person_id as personId', 'p.name as personName', 'm.role', 'm.start_date as startDate', 'm.end_date as endDate'])
    .where('m.organization_id', '=', organizationId)
    .where('m.role', 'in', [...postRoles])
    .$narrowType<{ personId: NotNull; role: PostRole }>()
    .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', input.start)]))
    .where((eb) => (input.end ? eb.or([eb('m.start_date', 'is', null), eb('m.start_date', '<=', input.end)]) : eb.lit(true)))
    .where((eb) => {
      const same = input.personId ? [eb('m.person_id', '=', input.personId)] : [];
      return input.role === 'head' ? eb.or([eb('m.role', '=', 'head'), ...same]) : same.length ? eb.or(same) : eb.lit(false);
    })
    .orderBy('m.start_date')
    .execute();
}
