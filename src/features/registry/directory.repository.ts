// The public directory's reads (a maslikhat with its deputies and commissions, a person with their
// posts, the Council's composition, the name search) and the few writes the demo seed needs beyond
// the shared insert helpers. Names are always those of the day asked for.
import { sql, type Kysely } from 'kysely';
import type { Database, DateString, DecisionKind, MaslikhatLevel, MembershipRole, OrganizationClassification } from '../../core/db/database.js';
import { coversDate, organizationNameAsOf } from '../../core/db/dated.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

/** Standing commissions are organisations under their maslikhat. */
export const commissionClassification: OrganizationClassification = 'commission';

/**
 * The day a membership is named by: the date asked for while it lasted, else its last day (for one
 * that had ended) or its first (for one that had not begun) — the archive keeps the names of its day.
 */
const membershipDay = (date: string) =>
  sql<DateString>`(case when m.start_date > ${date}::date then m.start_date when m.end_date < ${date}::date then m.end_date else ${date}::date end)`;

// ── Maslikhats ──

export interface MaslikhatRow {
  id: string;
  slug: string;
  maslikhatLevel: MaslikhatLevel | null;
  areaId: string | null;
  foundingDate: DateString | null;
  dissolutionDate: DateString | null;
  /** Null only for an organisation without any name row. */
  name: LocalizedText | null;
}

/** Maslikhats (and any organisation) in MaslikhatRow's shape, named as of the date. */
const maslikhatQuery = (db: Executor, date: string) =>
  db
    .selectFrom('organization as o')
    .select([
      'o.id',
      'o.slug',
      'o.maslikhat_level as maslikhatLevel',
      'o.area_id as areaId',
      'o.founding_date as foundingDate',
      'o.dissolution_date as dissolutionDate',
      organizationNameAsOf('o.id', date).as('name'),
    ]);

export async function findMaslikhatBySlug(db: Executor, slug: string, date: string): Promise<MaslikhatRow | undefined> {
  return maslikhatQuery(db, date)
    .where('o.slug', '=', slug)
    .where('o.classification', '=', 'maslikhat')
    .executeTakeFirst();
}

/** The maslikhats of an area existing on the date: the area's own and those under it. */
export async function listMaslikhatsOfArea(db: Executor, areaId: string, date: string): Promise<MaslikhatRow[]> {
  return maslikhatQuery(db, date)
    .where('o.classification', '=', 'maslikhat')
    .where(coversDate('o.founding_date', 'o.dissolution_date', date))
    .where((eb) => eb.or([eb('o.area_id', '=', areaId), eb('o.parent_id', 'in', eb.selectFrom('organization').select('id').where('area_id', '=', areaId))]))
    .orderBy(sql`o.maslikhat_level = 'district'`)
    .orderBy('o.slug')
    .execute();
}

// ── Memberships of an organisation ──

export interface SeatRow {
  membershipId: string;
  organizationId: string;
  personId: string | null;
  personName: LocalizedText | null;
  memberOrganizationId: string | null;
  memberOrganizationSlug: string | null;
  memberOrganizationName: LocalizedText | null;
  role: MembershipRole;
  label: LocalizedText | null;
  onBehalfOfId: string | null;
  onBehalfOfName: LocalizedText | null;
  districtId: string | null;
  districtNumber: number | null;
  districtName: LocalizedText | null;
  convocationName: LocalizedText | null;
  startDate: DateString | null;
  endDate: DateString | null;
  startDecisionId: string | null;
  isDemo: boolean;
}

function seatQuery(db: Executor, date: string) {
  return db
    .selectFrom('membership as m')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('organization as mo', 'mo.id', 'm.member_organization_id')
    .leftJoin('electoral_district as d', 'd.id', 'm.electoral_district_id')
    .leftJoin('convocation as c', 'c.id', 'm.convocation_id')
    .select([
      'm.id as membershipId',
      'm.organization_id as organizationId',
      'm.person_id as personId',
      'p.name as personName',
      'm.member_organization_id as memberOrganizationId',
      'mo.slug as memberOrganizationSlug',
      organizationNameAsOf('m.member_organization_id', membershipDay(date)).as('memberOrganizationName'),
      'm.role',
      'm.label',
      'm.on_behalf_of_id as onBehalfOfId',
      organizationNameAsOf('m.on_behalf_of_id', membershipDay(date)).as('onBehalfOfName'),
      'd.id as districtId',
      'd.number as districtNumber',
      'd.name as districtName',
      'c.name as convocationName',
      'm.start_date as startDate',
      'm.end_date as endDate',
      'm.start_decision_id as startDecisionId',
      sql<boolean>`(m.is_demo or coalesce(p.is_demo, false))`.as('isDemo'),
    ]);
}

/** Memberships in the given organisations valid on the date (people and member organisations). */
export async function listSeats(db: Executor, organizationIds: string[], date: string, roles?: MembershipRole[]): Promise<SeatRow[]> {
  if (!organizationIds.length) return [];
  let q = seatQuery(db, date).where('m.organization_id', 'in', organizationIds).where(coversDate('m.start_date', 'm.end_date', date));
  if (roles?.length) q = q.where('m.role', 'in', roles);
  return q
    .orderBy(sql`d.number nulls last`)
    .orderBy(sql`coalesce(p.family_name->>'kk', p.name->>'kk', p.name->>'ru', p.name->>'en')`)
    .orderBy(sql`coalesce(p.given_name->>'kk', p.name->>'kk', p.name->>'ru', p.name->>'en')`)
    .orderBy('m.start_date')
    .orderBy('m.id')
    .execute();
}

export interface SubOrganizationRow {
  id: string;
  slug: string;
  name: LocalizedText | null;
  source: string | null;
}

/** Organisations of a classification under a parent, existing on the date (a maslikhat's commissions). */
export async function listSubOrganizations(db: Executor, parentId: string, classification: OrganizationClassification, date: string): Promise<SubOrganizationRow[]> {
  return db
    .selectFrom('organization as o')
    .select(['o.id', 'o.slug', organizationNameAsOf('o.id', date).as('name'), 'o.source'])
    .where('o.parent_id', '=', parentId)
    .where('o.classification', '=', classification)
    .where(coversDate('o.founding_date', 'o.dissolution_date', date))
    .orderBy('o.slug')
    .execute();
}

export interface ContactRow {
  personId: string | null;
  organizationId: string | null;
  type: 'email' | 'phone' | 'address' | 'website' | 'reception';
  value: string;
  label: LocalizedText | null;
}

/** Public contact details only: nothing marked private ever reaches a page. */
export async function listPublicContacts(db: Executor, personIds: string[]): Promise<ContactRow[]> {
  if (!personIds.length) return [];
  return db
    .selectFrom('contact_detail')
    .select(['person_id as personId', 'organization_id as organizationId', 'type', 'value', 'label'])
    .where('person_id', 'in', personIds)
    .where('is_public', '=', true)
    .orderBy('type')
    .orderBy('value')
    .execute();
}

// ── Persons ──

export interface PersonRow {
  id: string;
  name: LocalizedText;
  familyName: LocalizedText | null;
  givenName: LocalizedText | null;
  patronymic: LocalizedText | null;
  /** Content-hashed file name of the published photo (served at /files/photos/{name}). */
  photoFile: string | null;
  isDemo: boolean;
  source: string | null;
}

export async function findPerson(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'family_name as familyName', 'given_name as givenName', 'patronymic', 'photo_file as photoFile', 'is_demo as isDemo', 'source'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface PersonPostRow extends SeatRow {
  organizationSlug: string;
  organizationClassification: OrganizationClassification;
  organizationName: LocalizedText | null;
  /** The day the post is named by (see membershipDay). */
  namedOn: DateString;
}

/** Every membership of a person, any date, named as of its own day. */
export async function listPersonPosts(db: Executor, personId: string, date: string): Promise<PersonPostRow[]> {
  return seatQuery(db, date)
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .select([
      'o.slug as organizationSlug',
      'o.classification as organizationClassification',
      organizationNameAsOf('m.organization_id', membershipDay(date)).as('organizationName'),
      membershipDay(date).as('namedOn'),
    ])
    .where('m.person_id', '=', personId)
    .orderBy(sql`m.start_date desc nulls last`)
    .orderBy('m.id')
    .execute();
}

export interface DecisionRow {
  id: string;
  organizationId: string;
  number: string | null;
  decisionDate: DateString;
  kind: DecisionKind;
  title: LocalizedText;
  body: LocalizedText | null;
}

export async function listDecisionsByIds(db: Executor, ids: string[]): Promise<DecisionRow[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('decision')
    .select(['id', 'organization_id as organizationId', 'number', 'decision_date as decisionDate', 'kind', 'title', 'body'])
    .where('id', 'in', ids)
    .orderBy('decision_date')
    .orderBy('id')
    .execute();
}

// ── Name search ──

export interface PersonMatchRow {
  id: string;
  name: LocalizedText;
  isDemo: boolean;
  score: number;
}

/**
 * Persons whose folded names resemble the folded query (pg_trgm). `strict_word_similarity` compares
 * the query with whole words of search_text, which holds every spelling of the name, so a family
 * name alone, a full name or a misspelling all find the person; the GIN trigram index serves `<<%`.
 */
export async function searchPersons(db: Kysely<Database>, folded: string, threshold: number, limit: number): Promise<PersonMatchRow[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.strict_word_similarity_threshold', ${String(threshold)}, true)`.execute(trx);
    const rows = await trx
      .selectFrom('person as p')
      .select(['p.id', 'p.name', 'p.is_demo as isDemo', sql<number>`strict_word_similarity(${folded}, p.search_text)`.as('score')])
      .where(sql<boolean>`${folded} <<% p.search_text`)
      .orderBy('score', 'desc')
      .orderBy(sql`coalesce(p.name->>'kk', p.name->>'ru', p.name->>'en')`)
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, score: Number(r.score) }));
  });
}

/** What each person holds in maslikhats on the date (for search results). */
export async function listMaslikhatPostsOfPersons(db: Executor, personIds: string[], date: string): Promise<(SeatRow & { organizationSlug: string; organizationName: LocalizedText | null })[]> {
  if (!personIds.length) return [];
  return seatQuery(db, date)
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .select(['o.slug as organizationSlug', organizationNameAsOf('m.organization_id', date).as('organizationName')])
    .where('m.person_id', 'in', personIds)
    .where('o.classification', '=', 'maslikhat')
    .where('m.role', 'in', ['deputy', 'head', 'deputy_head'])
    .where(coversDate('m.start_date', 'm.end_date', date))
    .orderBy('m.role')
    .execute();
}

// ── Electoral districts ──

export interface DistrictRow {
  id: string;
  number: number;
  name: LocalizedText | null;
}

/** A maslikhat's districts in force on the date (by their own dates, else their convocation's). */
export async function listDistricts(db: Executor, organizationId: string, date: string): Promise<DistrictRow[]> {
  return db
    .selectFrom('electoral_district as d')
    .leftJoin('convocation as c', 'c.id', 'd.convocation_id')
    .select(['d.id', 'd.number', 'd.name'])
    .where('d.organization_id', '=', organizationId)
    .where(sql<boolean>`((coalesce(d.valid_from, c.valid_from) is null or coalesce(d.valid_from, c.valid_from) <= ${date}::date)
      and (coalesce(d.valid_to, c.valid_to) is null or coalesce(d.valid_to, c.valid_to) >= ${date}::date))`)
    .orderBy('d.number')
    .execute();
}

// ── Writes and look-ups for the demo seed ──

export async function findConvocationIdBySlug(db: Executor, slug: string): Promise<string | undefined> {
  return (await db.selectFrom('convocation').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

/** How many generated memberships an organisation has (the demo seed skips one that has any). */
export async function countDemoMemberships(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('is_demo', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findPersonIdBySourceAndName(db: Executor, source: string, nameEn: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('source', '=', source)
    .where(sql<boolean>`name->>'en' = ${nameEn}`)
    .executeTakeFirst();
  return row?.id;
}

export async function findMembershipId(
  db: Executor,
  key: { organizationId: string; personId?: string | null; memberOrganizationId?: string | null; role: MembershipRole; startDate: DateString | null },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('membership')
    .select('id')
    .where('organization_id', '=', key.organizationId)
    .where('role', '=', key.role)
    .where(sql<boolean>`person_id is not distinct from ${key.personId ?? null}::uuid`)
    .where(sql<boolean>`member_organization_id is not distinct from ${key.memberOrganizationId ?? null}::uuid`)
    .where(sql<boolean>`start_date is not distinct from ${key.startDate}::date`)
    .executeTakeFirst();
  return row?.id;
}

export async function findDecisionId(db: Executor, organizationId: string, date: DateString, kind: DecisionKind): Promise<string | undefined> {
  const row = await db
    .selectFrom('decision')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('decision_date', '=', date)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.id;
}

export interface NewOrganizationWithName {
  id: string;
  slug: string;
  classification: OrganizationClassification;
  parent_id: string | null;
  area_id: string | null;
  founding_date: DateString | null;
  source: string | null;
  description: LocalizedText | null;
  name: LocalizedText;
  short_name: LocalizedText | null;
  name_id: string;
  is_demo?: boolean;
}

/** Many organisations with one name each, in two statements (the seed's commissions). */
export async function insertOrganizationsWithNames(db: Executor, rows: NewOrganizationWithName[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('organization')
    .values(
      rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        classification: r.classification,
        maslikhat_level: null,
        parent_id: r.parent_id,
        area_id: r.area_id,
        founding_date: r.founding_date,
        dissolution_date: null,
        description: json(r.description),
        source: r.source,
        is_demo: r.is_demo ?? false,
      })),
    )
    .execute();
  await db
    .insertInto('organization_name')
    .values(rows.map((r) => ({ id: r.name_id, organization_id: r.id, name: json(r.name)!, short_name: json(r.short_name), valid_from: r.founding_date, valid_to: null })))
    .execute();
}
