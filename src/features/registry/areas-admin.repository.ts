// Areas as an administrator keeps them: names by date and population figures, with the area's version.
import { sql } from 'kysely';
import type { DateString } from '../../core/db/database.js';
import { areaNameAsOf } from '../../core/db/dated.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export interface AdminAreaRow {
  id: string;
  kato: string;
  classification: 'region' | 'city';
  parentId: string | null;
  validFrom: DateString | null;
  validTo: DateString | null;
  /** The name valid on the date asked for; for a date outside every period, the latest name; null for an area without any name. */
  name: LocalizedText | null;
  /** The latest population figure, whatever its date. */
  population: number | null;
  populationDate: DateString | null;
}

export interface AreaNameRow {
  id: string;
  name: LocalizedText;
  validFrom: DateString | null;
  validTo: DateString | null;
}

export interface PopulationRow {
  onDate: DateString;
  population: number;
  source: string | null;
}

/** Every area (regions, cities of republican significance and any unit under them), named as of the date. */
export async function listAreasForAdmin(db: Executor, date: DateString): Promise<AdminAreaRow[]> {
  const rows = await db
    .selectFrom('area')
    .select([
      'area.id',
      'area.kato',
      'area.classification',
      'area.parent_id as parentId',
      'area.valid_from as validFrom',
      'area.valid_to as validTo',
      areaNameAsOf('area.id', date).as('name'),
      sql<number | null>`(select p.population from area_population p where p.area_id = area.id order by p.on_date desc limit 1)`.as('population'),
      sql<DateString | null>`(select p.on_date from area_population p where p.area_id = area.id order by p.on_date desc limit 1)`.as('populationDate'),
    ])
    .orderBy('area.kato')
    .execute();
  return rows.map((r) => ({ ...r, population: r.population === null ? null : Number(r.population) }));
}

export async function findAreaForEdit(db: Executor, id: string) {
  const area = await db
    .selectFrom('area')
    .select(['id', 'kato', 'classification', 'parent_id as parentId', 'valid_from as validFrom', 'valid_to as validTo', 'centre', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!area) return undefined;
  const [names, population] = await Promise.all([
    db.selectFrom('area_name').select(['id', 'name', 'valid_from as validFrom', 'valid_to as validTo']).where('area_id', '=', id).orderBy('valid_from', (ob) => ob.desc().nullsLast()).execute(),
    db.selectFrom('area_population').select(['on_date as onDate', 'population', 'source']).where('area_id', '=', id).orderBy('on_date', 'desc').execute(),
  ]);
  return {
    ...area,
    names,
    population: population.map((p) => ({ ...p, population: Number(p.population) })),
  };
}

/** The version check every change to an area's names or figures passes: false when someone else changed it first. */
export async function bumpAreaVersion(db: Executor, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('area')
    .set((eb) => ({ updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function correctAreaName(db: Executor, nameId: string, name: LocalizedText): Promise<void> {
  await db.updateTable('area_name').set({ name: json(name) }).where('id', '=', nameId).execute();
}

/** A new name from a date: the current name ends the day before and stays for pages about the past. */
export async function renameArea(db: Executor, areaId: string, currentNameId: string, newNameId: string, from: DateString, name: LocalizedText, source: string): Promise<void> {
  const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await db.updateTable('area_name').set({ valid_to: dayBefore }).where('id', '=', currentNameId).execute();
  await db.insertInto('area_name').values({ id: newNameId, area_id: areaId, name: json(name), valid_from: from, valid_to: null, source }).execute();
}

export async function findPopulation(db: Executor, areaId: string, onDate: DateString): Promise<PopulationRow | undefined> {
  const row = await db.selectFrom('area_population').select(['on_date as onDate', 'population', 'source']).where('area_id', '=', areaId).where('on_date', '=', onDate).executeTakeFirst();
  return row && { ...row, population: Number(row.population) };
}

/** Records a figure on a date, replacing the one already there. */
export async function putPopulation(db: Executor, row: { area_id: string; on_date: DateString; population: number; source: string }): Promise<void> {
  await db
    .insertInto('area_population')
    .values(row)
    .onConflict((oc) => oc.columns(['area_id', 'on_date']).doUpdateSet({ population: row.population, source: row.source }))
    .execute();
}
