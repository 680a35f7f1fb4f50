// Persons, memberships, districts, decisions and contact details: the writes and the shared reads.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database, DateString, DecisionKind, MembershipRole, OrganizationClassification } from '../../core/db/database.js';
import { coversDate } from '../../core/db/dated.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

type Executor = Kysely<Database> | Transaction<Database>;
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

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
        name: json(p.name)!,
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

export async function insertDecision(
  db: Executor,
  row: { id: string; organization_id: string; number: string | null; decision_date: DateString; kind: DecisionKind; title: LocalizedText; body: LocalizedText | null },
): Promise<void> {
  await db.insertInto('decision').values({ ...row, title: json(row.title)!, body: json(row.body) }).execute();
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
export async function listMemberships(db: Executor, filter: MembershipFilter, page: { limit: number; offset: number }): Promise<{ rows: MembershipRecord[]; total: number }> {
  const [rows, total] = await Promise.all([
    membershipsQuery(db, filter)
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
      .orderBy('m.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    membershipsQuery(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as MembershipRecord[], total: Number(total.n) };
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
  return row?.label as LocalizedText | undefined;
}
