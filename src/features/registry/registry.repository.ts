// Registry data access: areas and organisations, each with names and codes as of a date.
import { sql, type NotNull } from 'kysely';
import type { DateString, MaslikhatLevel, OrganizationClassification } from '../../core/db/database.js';
import { areaNameAsOf, coversDate, organizationNameAsOf, type DateExpression } from '../../core/db/dated.js';
import { constantList, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export interface AreaRecord {
  id: string;
  kato: string;
  classification: 'region' | 'city';
  validFrom: DateString | null;
  validTo: DateString | null;
  timeZone: string;
  centre: LocalizedText | null;
  name: LocalizedText;
  iso: string | null;
  population: number | null;
  populationDate: DateString | null;
  populationSource: string | null;
}

const areaIsoAsOf = (date: string) =>
  sql<string | null>`(select i.identifier from area_identifier i where i.area_id = area.id and i.scheme = 'iso_3166_2'
    and ${coversDate('i.valid_from', 'i.valid_to', date)} limit 1)`;

/** The latest population figure on or before the date, else the earliest after it. */
const populationAsOf = (date: string) =>
  sql`lateral (select p.population, p.on_date, p.source from area_population p where p.area_id = area.id
    order by (p.on_date <= ${date}::date) desc, case when p.on_date <= ${date}::date then p.on_date end desc nulls last, p.on_date asc limit 1)`;

function areaQuery(db: Executor, date: string) {
  return db
    .selectFrom('area')
    .leftJoin(populationAsOf(date).as('pop'), (join) => join.onTrue())
    .select([
      'area.id',
      'area.kato',
      'area.classification',
      'area.valid_from as validFrom',
      'area.valid_to as validTo',
      'area.time_zone as timeZone',
      'area.centre',
      areaNameAsOf('area.id', date).as('name'),
      areaIsoAsOf(date).as('iso'),
      sql<number | null>`pop.population`.as('population'),
      sql<DateString | null>`pop.on_date`.as('populationDate'),
      sql<string | null>`pop.source`.as('populationSource'),
    ])
    // Every area is created with a name; one without would have nothing to show by.
    .where(areaNameAsOf('area.id', date), 'is not', null)
    .$narrowType<{ name: NotNull }>();
}

export async function listAreas(db: Executor, date: string): Promise<AreaRecord[]> {
  return areaQuery(db, date).where(coversDate('area.valid_from', 'area.valid_to', date)).orderBy('area.kato').execute();
}

export async function findArea(db: Executor, id: string, date: string): Promise<AreaRecord | undefined> {
  return areaQuery(db, date).where('area.id', '=', id).executeTakeFirst();
}

export interface OrganizationRecord {
  id: string;
  slug: string;
  classification: OrganizationClassification;
  maslikhatLevel: MaslikhatLevel | null;
  parentId: string | null;
  areaId: string | null;
  foundingDate: DateString | null;
  dissolutionDate: DateString | null;
  description: LocalizedText | null;
  name: LocalizedText;
  shortName: LocalizedText | null;
}

function organizationQuery(db: Executor, date: string) {
  return db
    .selectFrom('organization')
    .select([
      'organization.id',
      'organization.slug',
      'organization.classification',
      'organization.maslikhat_level as maslikhatLevel',
      'organization.parent_id as parentId',
      'organization.area_id as areaId',
      'organization.founding_date as foundingDate',
      'organization.dissolution_date as dissolutionDate',
      'organization.description',
      organizationNameAsOf('organization.id', date, 'name').as('name'),
      organizationNameAsOf('organization.id', date, 'short_name').as('shortName'),
    ])
    // Every organisation is created with a name; one without would have nothing to show by.
    .where(organizationNameAsOf('organization.id', date), 'is not', null)
    .$narrowType<{ name: NotNull }>();
}

export async function findOrganizationBySlug(db: Executor, slug: string, date: string): Promise<OrganizationRecord | undefined> {
  return organizationQuery(db, date).where('organization.slug', '=', slug).executeTakeFirst();
}

export async function findOrganizationById(db: Executor, id: string, date: string): Promise<OrganizationRecord | undefined> {
  return organizationQuery(db, date).where('organization.id', '=', id).executeTakeFirst();
}

export interface SuccessionRecord {
  successorId: string;
  effectiveDate: DateString;
  note: LocalizedText | null;
}

export async function findSuccession(db: Executor, predecessorId: string): Promise<SuccessionRecord | undefined> {
  return db
    .selectFrom('organization_succession')
    .select(['successor_id as successorId', 'effective_date as effectiveDate', 'note'])
    .where('predecessor_id', '=', predecessorId)
    .orderBy('effective_date')
    .executeTakeFirst();
}

/** Region-level maslikhats (regions and cities of republican significance) existing on the date, with their area. */
/**
 * The region-level maslikhats (of the regions and the cities of republican significance) existing
 * on a date, each in an area existing and named then: the one definition behind
 * listRegionMaslikhats, for queries of other features (`o` is the maslikhat, `a` its area; select
 * what you need). `date` may be an SQL date, e.g. todayInKazakhstanSql in a query built once.
 */
export function regionMaslikhatsQuery(db: Executor, date: DateExpression) {
  return db
    .selectFrom('organization as o')
    .innerJoin('area as a', 'a.id', 'o.area_id')
    .where('o.classification', '=', sql.lit('maslikhat'))
    .where('o.maslikhat_level', 'in', constantList(['region', 'city_of_republican_significance'] as const))
    .where(coversDate('o.founding_date', 'o.dissolution_date', date))
    .where(coversDate('a.valid_from', 'a.valid_to', date))
    .where(organizationNameAsOf('o.id', date), 'is not', null)
    .where(areaNameAsOf('a.id', date), 'is not', null);
}

/** The region-level maslikhats existing on a date, each with its area, in the order of the areas' KATO codes. */
export async function listRegionMaslikhats(db: Executor, date: string): Promise<(OrganizationRecord & { area: AreaRecord })[]> {
  const [organizations, areas] = await Promise.all([
    organizationQuery(db, date)
      .where('organization.id', 'in', regionMaslikhatsQuery(db, date).select('o.id'))
      .execute(),
    listAreas(db, date),
  ]);
  const areaById = new Map(areas.map((a) => [a.id, a]));
  return organizations
    .filter((o) => o.areaId && areaById.has(o.areaId))
    .map((o) => ({ ...o, area: areaById.get(o.areaId!)! }))
    .toSorted((a, b) => (a.area.kato < b.area.kato ? -1 : a.area.kato > b.area.kato ? 1 : 0));
}

/** A setting whose value is a string (every one Kenes keeps so far); undefined when unset or not a string. */
export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return typeof row?.value === 'string' ? row.value : undefined;
}

export async function putSettingIfMissing(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function putSetting(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute();
}

// ── Writes used by the reference-data seed. The seed only adds what is missing. ──

export async function findAreaIdByKato(db: Executor, kato: string): Promise<string | undefined> {
  return (await db.selectFrom('area').select('id').where('kato', '=', kato).executeTakeFirst())?.id;
}

export async function findAreaIdByIdentifier(db: Executor, scheme: string, identifier: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('area_identifier')
    .select('area_id')
    .where('scheme', '=', scheme as 'iso_3166_2')
    .where('identifier', '=', identifier)
    .executeTakeFirst();
  return row?.area_id;
}

export interface NewDatedName {
  name: LocalizedText;
  short_name?: LocalizedText | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export async function insertArea(
  db: Executor,
  area: {
    id: string;
    kato: string;
    classification: 'region' | 'city';
    valid_from: DateString | null;
    valid_to: DateString | null;
    time_zone: string;
    centre: LocalizedText | null;
    source: string | null;
  },
  names: (NewDatedName & { id: string })[],
  identifiers: { id: string; scheme: 'iso_3166_2' | 'kato'; identifier: string; valid_from: DateString | null; valid_to: DateString | null }[],
): Promise<void> {
  await db
    .insertInto('area')
    .values({ ...area, centre: area.centre ? JSON.stringify(area.centre) : null })
    .execute();
  if (names.length) {
    await db
      .insertInto('area_name')
      .values(names.map((n) => ({ id: n.id, area_id: area.id, name: JSON.stringify(n.name), valid_from: n.valid_from, valid_to: n.valid_to, source: area.source })))
      .execute();
  }
  if (identifiers.length) {
    await db.insertInto('area_identifier').values(identifiers.map((i) => ({ ...i, area_id: area.id }))).execute();
  }
}

export async function insertPopulationIfMissing(
  db: Executor,
  row: { area_id: string; on_date: DateString; population: number; source: string | null },
): Promise<void> {
  await db
    .insertInto('area_population')
    .values(row)
    .onConflict((oc) => oc.columns(['area_id', 'on_date']).doNothing())
    .execute();
}

export async function findOrganizationIdBySlug(db: Executor, slug: string): Promise<string | undefined> {
  return (await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

export async function insertOrganization(
  db: Executor,
  organization: {
    id: string;
    slug: string;
    classification: OrganizationClassification;
    maslikhat_level: MaslikhatLevel | null;
    parent_id: string | null;
    area_id: string | null;
    founding_date: DateString | null;
    dissolution_date: DateString | null;
    description: LocalizedText | null;
    source: string | null;
  },
  names: (NewDatedName & { id: string })[],
): Promise<void> {
  await db
    .insertInto('organization')
    .values({ ...organization, description: organization.description ? JSON.stringify(organization.description) : null })
    .execute();
  await db
    .insertInto('organization_name')
    .values(
      names.map((n) => ({
        id: n.id,
        organization_id: organization.id,
        name: JSON.stringify(n.name),
        short_name: n.short_name ? JSON.stringify(n.short_name) : null,
        valid_from: n.valid_from,
        valid_to: n.valid_to,
      })),
    )
    .execute();
}

export async function insertSuccessionIfMissing(
  db: Executor,
  row: { id: string; predecessor_id: string; successor_id: string; effective_date: DateString; note: LocalizedText | null },
): Promise<void> {
  await db
    .insertInto('organization_succession')
    .values({ ...row, note: row.note ? JSON.stringify(row.note) : null })
    .onConflict((oc) => oc.columns(['predecessor_id', 'successor_id']).doNothing())
    .execute();
}

export async function listOrganizationsByIds(db: Executor, ids: string[], date: string): Promise<OrganizationRecord[]> {
  if (ids.length === 0) return [];
  return organizationQuery(db, date).where('organization.id', 'in', ids).execute();
}

export async function insertRoleTitleIfMissing(
  db: Executor,
  row: { id: string; role: string; organization_classification: string; valid_from: DateString | null; valid_to: DateString | null; label: LocalizedText; source: string | null },
): Promise<void> {
  const existing = await db
    .selectFrom('role_title')
    .select('id')
    .where('role', '=', row.role)
    .where('organization_classification', '=', row.organization_classification)
    .where(sql<boolean>`valid_from is not distinct from ${row.valid_from}::date`)
    .executeTakeFirst();
  if (existing) return;
  await db.insertInto('role_title').values({ ...row, label: JSON.stringify(row.label) }).execute();
}

export async function insertConvocationIfMissing(
  db: Executor,
  row: { id: string; slug: string; name: LocalizedText; election_date: DateString | null; valid_from: DateString | null; valid_to: DateString | null },
): Promise<void> {
  await db
    .insertInto('convocation')
    .values({ ...row, name: JSON.stringify(row.name) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

/** Organisations of these kinds existing on the date (founded by then, not yet dissolved), named as of it. */
export async function listOrganizationsOfClassifications(db: Executor, classifications: readonly OrganizationClassification[], date: string): Promise<OrganizationRecord[]> {
  if (classifications.length === 0) return [];
  return organizationQuery(db, date)
    .where('organization.classification', 'in', classifications)
    .where(coversDate('organization.founding_date', 'organization.dissolution_date', date))
    .orderBy('organization.slug')
    .execute();
}
