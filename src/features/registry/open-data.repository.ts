// Open data reads: organisations, persons and memberships as of a date (paged, filtered), and the
// whole public registry for the Popolo export. Person rows never carry the personal columns
// (iin, birth_date: see core/personal-data.ts); contact details only when marked public.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, DateString, MaslikhatLevel, MembershipRole, OrganizationClassification } from '../../core/db/database.js';
import { areaNameAsOf, coversDate, organizationNameAsOf } from '../../core/db/dated.js';
import { paginate, type Executor, type Page, type Paged } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { membershipsQuery, organizationsInArea, type MembershipFilter } from './membership.repository.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An area by its id or its KATO code (the area's own or any KATO identifier it has had). */
export async function findAreaIdByCode(db: Executor, code: string): Promise<string | undefined> {
  if (uuidPattern.test(code)) return (await db.selectFrom('area').select('id').where('id', '=', code).executeTakeFirst())?.id;
  const own = await db.selectFrom('area').select('id').where('kato', '=', code).executeTakeFirst();
  if (own) return own.id;
  const other = await db
    .selectFrom('area_identifier')
    .select('area_id')
    .where('scheme', '=', 'kato')
    .where('identifier', '=', code)
    .executeTakeFirst();
  return other?.area_id;
}

/** An organisation by its id or its slug. */
export async function findOrganizationIdByKey(db: Executor, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('organization')
    .select('id')
    .where(uuidPattern.test(key) ? 'id' : 'slug', '=', key)
    .executeTakeFirst();
  return row?.id;
}

/** Ids of an organisation and every organisation under it. */
const organizationAndBelow = (organizationId: string): RawBuilder<string> => sql<string>`(
  with recursive orgs as (
    select id from organization where id = ${organizationId}::uuid
    union select o.id from organization o join orgs on o.parent_id = orgs.id
  ) select id from orgs)`;

// ── Organisations ──

export interface OrganizationFilter {
  date: DateString;
  areaId?: string | undefined;
  /** This organisation and the ones under it. */
  organizationId?: string | undefined;
}

export interface OpenOrganizationRow {
  id: string;
  slug: string;
  classification: OrganizationClassification;
  maslikhatLevel: MaslikhatLevel | null;
  parentId: string | null;
  areaId: string | null;
  areaKato: string | null;
  foundingDate: DateString | null;
  dissolutionDate: DateString | null;
  description: LocalizedText | null;
  name: LocalizedText | null;
  shortName: LocalizedText | null;
}

function organizationQuery(db: Executor, filter: OrganizationFilter) {
  let q = db
    .selectFrom('organization as o')
    .leftJoin('area as a', 'a.id', 'o.area_id')
    .where(coversDate('o.founding_date', 'o.dissolution_date', filter.date));
  if (filter.areaId) q = q.where('o.id', 'in', organizationsInArea(filter.areaId));
  if (filter.organizationId) q = q.where('o.id', 'in', organizationAndBelow(filter.organizationId));
  return q;
}

export async function listOrganizations(db: Executor, filter: OrganizationFilter, page: Page): Promise<Paged<OpenOrganizationRow>> {
  const organizations = organizationQuery(db, filter)
    .select([
      'o.id',
      'o.slug',
      'o.classification',
      'o.maslikhat_level as maslikhatLevel',
      'o.parent_id as parentId',
      'o.area_id as areaId',
      'a.kato as areaKato',
      'o.founding_date as foundingDate',
      'o.dissolution_date as dissolutionDate',
      'o.description',
      organizationNameAsOf('o.id', filter.date).as('name'),
      organizationNameAsOf('o.id', filter.date, 'short_name').as('shortName'),
    ])
    .orderBy(sql`a.kato nulls first`)
    .orderBy('o.slug');
  return paginate(organizations, page);
}

// ── Persons ──

export interface PersonFilter {
  date: DateString;
  areaId?: string | undefined;
  organizationId?: string | undefined;
  /** The query folded by foldForSearch (core/text/fold.ts). */
  foldedQuery?: string | undefined;
}

/** A person's public columns only: no iin, no birth date. */
export interface OpenPersonRow {
  id: string;
  name: LocalizedText;
  familyName: LocalizedText | null;
  givenName: LocalizedText | null;
  patronymic: LocalizedText | null;
  gender: 'female' | 'male' | null;
  /** File name of the published photo (served at /files/photos/<name>). */
  photoFile: string | null;
  isDemo: boolean;
  source: string | null;
}

function personQuery(db: Executor, filter: PersonFilter) {
  // The persons of the memberships the same filter would list (uncorrelated: the subquery's own p is its own).
  const members = membershipsQuery(db, { date: filter.date, areaId: filter.areaId, organizationId: filter.organizationId }).select('m.person_id');
  let q = db.selectFrom('person as p').where('p.id', 'in', members);
  const folded = filter.foldedQuery;
  // pg_trgm: whole-name similarity (%) or the query as close to a word of the name (<%).
  if (folded) q = q.where(sql<boolean>`(p.search_text % ${folded} or ${folded} <% p.search_text)`);
  return q;
}

/** A person's public columns, for `person as p`: never iin or birth_date. */
const publicPersonColumns = ['p.id', 'p.name', 'p.family_name as familyName', 'p.given_name as givenName', 'p.patronymic', 'p.gender', 'p.photo_file as photoFile', 'p.is_demo as isDemo', 'p.source'] as const;

export async function listPersons(db: Executor, filter: PersonFilter, page: Page): Promise<Paged<OpenPersonRow>> {
  let rows = personQuery(db, filter).select(publicPersonColumns);
  if (filter.foldedQuery) {
    rows = rows
      .orderBy(sql`word_similarity(${filter.foldedQuery}, p.search_text)`, 'desc')
      .orderBy(sql`similarity(p.search_text, ${filter.foldedQuery})`, 'desc');
  }
  return paginate(rows.orderBy(sql`coalesce(p.name->>'kk', p.name->>'ru', p.name->>'en')`).orderBy('p.id'), page);
}

// ── Memberships ──

export interface OpenMembershipRow {
  id: string;
  role: MembershipRole;
  label: LocalizedText | null;
  startDate: DateString | null;
  endDate: DateString | null;
  endReason: string | null;
  startDecisionId: string | null;
  endDecisionId: string | null;
  isDemo: boolean;
  organizationId: string;
  organizationSlug: string;
  organizationClassification: OrganizationClassification;
  organizationName: LocalizedText | null;
  personId: string | null;
  personName: LocalizedText | null;
  personIsDemo: boolean | null;
  memberOrganizationId: string | null;
  memberOrganizationSlug: string | null;
  memberOrganizationClassification: OrganizationClassification | null;
  memberOrganizationName: LocalizedText | null;
  onBehalfOfId: string | null;
  onBehalfOfSlug: string | null;
  onBehalfOfClassification: OrganizationClassification | null;
  onBehalfOfName: LocalizedText | null;
  districtId: string | null;
  districtNumber: number | null;
  districtName: LocalizedText | null;
  convocationId: string | null;
  convocationSlug: string | null;
  convocationName: LocalizedText | null;
  /** The area of the organisation, or of its parent when it has none of its own. */
  areaId: string | null;
  areaKato: string | null;
  areaName: LocalizedText | null;
}

/** The memberships valid on a date (the filter of membership.repository), with the names of that day, by area and organisation. */
export async function listMemberships(db: Executor, filter: MembershipFilter & { date: DateString }, page: Page): Promise<Paged<OpenMembershipRow>> {
  const { date } = filter;
  const memberships = membershipsQuery(db, filter)
    .select([
      'm.id',
      'm.role',
      'm.label',
      'm.start_date as startDate',
      'm.end_date as endDate',
      'm.end_reason as endReason',
      'm.start_decision_id as startDecisionId',
      'm.end_decision_id as endDecisionId',
      'm.is_demo as isDemo',
      'o.id as organizationId',
      'o.slug as organizationSlug',
      'o.classification as organizationClassification',
      organizationNameAsOf('o.id', date).as('organizationName'),
      'p.id as personId',
      'p.name as personName',
      'p.is_demo as personIsDemo',
      'mo.id as memberOrganizationId',
      'mo.slug as memberOrganizationSlug',
      'mo.classification as memberOrganizationClassification',
      organizationNameAsOf('mo.id', date).as('memberOrganizationName'),
      'bo.id as onBehalfOfId',
      'bo.slug as onBehalfOfSlug',
      'bo.classification as onBehalfOfClassification',
      organizationNameAsOf('bo.id', date).as('onBehalfOfName'),
      'd.id as districtId',
      'd.number as districtNumber',
      'd.name as districtName',
      'c.id as convocationId',
      'c.slug as convocationSlug',
      'c.name as convocationName',
      'a.id as areaId',
      'a.kato as areaKato',
      areaNameAsOf('a.id', date).as('areaName'),
    ])
    .orderBy(sql`a.kato nulls first`)
    .orderBy('o.slug')
    .orderBy(sql`case m.role when 'head' then 0 when 'deputy_head' then 1 else 2 end`)
    .orderBy(sql`d.number nulls last`)
    .orderBy(sql`coalesce(p.name->>'kk', p.name->>'ru', p.name->>'en')`)
    .orderBy('m.start_date')
    .orderBy('m.id');
  return paginate(memberships, page);
}

// ── Contact details (public only) ──

export interface PublicContactRow {
  personId: string | null;
  organizationId: string | null;
  type: 'email' | 'phone' | 'address' | 'website' | 'reception';
  value: string;
  label: LocalizedText | null;
}

/** Public contact details of these persons and organisations (all public ones when both lists are undefined). */
export async function listPublicContacts(db: Executor, owners?: { personIds?: string[]; organizationIds?: string[] }): Promise<PublicContactRow[]> {
  let q = db
    .selectFrom('contact_detail')
    .select(['person_id as personId', 'organization_id as organizationId', 'type', 'value', 'label'])
    .where('is_public', '=', true);
  if (owners) {
    const personIds = owners.personIds ?? [];
    const organizationIds = owners.organizationIds ?? [];
    if (personIds.length === 0 && organizationIds.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(personIds.length ? [eb('person_id', 'in', personIds)] : []),
        ...(organizationIds.length ? [eb('organization_id', 'in', organizationIds)] : []),
      ]),
    );
  }
  return q.orderBy('type').orderBy('value').execute();
}

// ── The whole registry, for Popolo ──

export interface DatedNameRow {
  ownerId: string;
  name: LocalizedText;
  shortName: LocalizedText | null;
  validFrom: DateString | null;
  validTo: DateString | null;
}

export interface RegistryDump {
  areas: { id: string; kato: string; classification: string; parentId: string | null; validFrom: DateString | null; validTo: DateString | null; source: string | null }[];
  areaNames: DatedNameRow[];
  areaIdentifiers: { areaId: string; scheme: string; identifier: string; validFrom: DateString | null; validTo: DateString | null }[];
  organizations: {
    id: string;
    slug: string;
    classification: OrganizationClassification;
    parentId: string | null;
    areaId: string | null;
    foundingDate: DateString | null;
    dissolutionDate: DateString | null;
    description: LocalizedText | null;
    source: string | null;
  }[];
  organizationNames: DatedNameRow[];
  persons: OpenPersonRow[];
  memberships: {
    id: string;
    organizationId: string;
    organizationClassification: OrganizationClassification;
    personId: string | null;
    memberOrganizationId: string | null;
    role: MembershipRole;
    label: LocalizedText | null;
    onBehalfOfId: string | null;
    electoralDistrictId: string | null;
    startDate: DateString | null;
    endDate: DateString | null;
    startDecisionId: string | null;
    endDecisionId: string | null;
    isDemo: boolean;
    source: string | null;
  }[];
  districts: { id: string; organizationId: string; number: number; name: LocalizedText | null; validFrom: DateString | null; validTo: DateString | null }[];
  contacts: PublicContactRow[];
}

/**
 * Everything public in the registry; with a date, only what existed on it (areas, organisations,
 * memberships valid on the date, the persons and districts those memberships name). One snapshot.
 */
export async function dumpRegistry(db: Kysely<Database>, date?: DateString): Promise<RegistryDump> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      let areas = trx
        .selectFrom('area')
        .select(['id', 'kato', 'classification', 'parent_id as parentId', 'valid_from as validFrom', 'valid_to as validTo', 'source']);
      let organizations = trx
        .selectFrom('organization')
        .select([
          'id',
          'slug',
          'classification',
          'parent_id as parentId',
          'area_id as areaId',
          'founding_date as foundingDate',
          'dissolution_date as dissolutionDate',
          'description',
          'source',
        ]);
      const memberships = membershipsQuery(trx, { date }).select([
        'm.id',
        'm.organization_id as organizationId',
        'o.classification as organizationClassification',
        'm.person_id as personId',
        'm.member_organization_id as memberOrganizationId',
        'm.role',
        'm.label',
        'm.on_behalf_of_id as onBehalfOfId',
        'm.electoral_district_id as electoralDistrictId',
        'm.start_date as startDate',
        'm.end_date as endDate',
        'm.start_decision_id as startDecisionId',
        'm.end_decision_id as endDecisionId',
        'm.is_demo as isDemo',
        'm.source',
      ]);
      let persons = trx.selectFrom('person as p').select(publicPersonColumns);
      let districts = trx
        .selectFrom('electoral_district')
        .select(['id', 'organization_id as organizationId', 'number', 'name', 'valid_from as validFrom', 'valid_to as validTo']);
      if (date) {
        areas = areas.where(coversDate('area.valid_from', 'area.valid_to', date));
        organizations = organizations.where(coversDate('organization.founding_date', 'organization.dissolution_date', date));
        persons = persons.where('p.id', 'in', membershipsQuery(trx, { date }).select('m.person_id'));
        districts = districts.where(coversDate('electoral_district.valid_from', 'electoral_district.valid_to', date));
      }
      // One connection inside a transaction: the queries run one after another anyway.
      const areaRows = await areas.orderBy('kato').execute();
      const areaNames = await trx
        .selectFrom('area_name')
        .select(['area_id as ownerId', 'name', sql<LocalizedText | null>`null`.as('shortName'), 'valid_from as validFrom', 'valid_to as validTo'])
        .orderBy('area_id')
        .orderBy(sql`valid_from nulls first`)
        .execute();
      const areaIdentifiers = await trx
        .selectFrom('area_identifier')
        .select(['area_id as areaId', 'scheme', 'identifier', 'valid_from as validFrom', 'valid_to as validTo'])
        .orderBy('area_id')
        .orderBy(sql`valid_from nulls first`)
        .execute();
      const organizationRows = await organizations.orderBy('slug').execute();
      const organizationNames = await trx
        .selectFrom('organization_name')
        .select(['organization_id as ownerId', 'name', 'short_name as shortName', 'valid_from as validFrom', 'valid_to as validTo'])
        .orderBy('organization_id')
        .orderBy(sql`valid_from nulls first`)
        .execute();
      const personRows = await persons.orderBy('p.id').execute();
      const membershipRows = await memberships.orderBy('m.organization_id').orderBy('m.id').execute();
      const districtRows = await districts.orderBy('organization_id').orderBy('number').execute();
      const contacts = await listPublicContacts(trx);
      return {
        areas: areaRows,
        areaNames,
        areaIdentifiers,
        organizations: organizationRows,
        organizationNames,
        persons: personRows,
        memberships: membershipRows,
        districts: districtRows,
        contacts,
      };
    });
}
