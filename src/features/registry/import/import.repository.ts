// What the deputies import reads and writes. Persons, memberships, districts and organisations are
// inserted through the registry's own repositories; here are the reads the checks need, the few
// updates an import makes, and the stored uploads.
//
// Uploads are kept in the `import_upload` table (the parsed rows with who uploaded them for which
// maslikhat), not on disk: the apply step reads what the server checked,
// never anything from the browser, and it works the same with several instances on PostgreSQL.
// An upload is deleted when applied; uploads older than a day are deleted at the next upload.
import { sql, type NotNull } from 'kysely';
import type { Db } from '../../../core/db/connect.js';
import type { DateString, MaslikhatLevel } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';

/** The database or a transaction on it. */
export type ImportDb = Db;

const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export interface MaslikhatNames {
  id: string;
  slug: string;
  parentId: string | null;
  areaId: string | null;
  level: MaslikhatLevel | null;
  /** Every name it has had, with short names, in every language. */
  names: LocalizedText[];
}

/** Every maslikhat with all its names (a few hundred at most). */
export async function listMaslikhatNames(db: ImportDb): Promise<MaslikhatNames[]> {
  const rows = await db
    .selectFrom('organization as o')
    .leftJoin('organization_name as n', 'n.organization_id', 'o.id')
    .select(['o.id', 'o.slug', 'o.parent_id', 'o.area_id', 'o.maslikhat_level', 'n.name', 'n.short_name'])
    .where('o.classification', '=', 'maslikhat')
    .orderBy('o.slug')
    .execute();
  return groupNames(rows).map((r) => ({ id: r.id, slug: r.slug, parentId: r.parent_id, areaId: r.area_id, level: r.maslikhat_level, names: r.names }));
}

export interface PartyNames {
  id: string;
  slug: string;
  names: LocalizedText[];
}

/** Parties existing on the date, with every name they have had. */
export async function listPartyNames(db: ImportDb, date: DateString): Promise<PartyNames[]> {
  const rows = await db
    .selectFrom('organization as o')
    .leftJoin('organization_name as n', 'n.organization_id', 'o.id')
    .select(['o.id', 'o.slug', 'n.name', 'n.short_name'])
    .where('o.classification', '=', 'party')
    .where((eb) => eb.or([eb('o.founding_date', 'is', null), eb('o.founding_date', '<=', date)]))
    .where((eb) => eb.or([eb('o.dissolution_date', 'is', null), eb('o.dissolution_date', '>=', date)]))
    .orderBy('o.slug')
    .execute();
  return groupNames(rows).map((r) => ({ id: r.id, slug: r.slug, names: r.names }));
}

function groupNames<T extends { id: string; name: LocalizedText | null; short_name: LocalizedText | null }>(rows: T[]): (T & { names: LocalizedText[] })[] {
  const byId = new Map<string, T & { names: LocalizedText[] }>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) {
      entry = { ...row, names: [] };
      byId.set(row.id, entry);
    }
    if (row.name) entry.names.push(row.name);
    if (row.short_name) entry.names.push(row.short_name);
  }
  return [...byId.values()];
}

export interface ConvocationRow {
  id: string;
  slug: string;
  validFrom: DateString | null;
}

/** The maslikhats' convocation in office on the date: the latest one begun by then. */
export async function findConvocationOn(db: ImportDb, date: DateString): Promise<ConvocationRow | undefined> {
  return db
    .selectFrom('convocation')
    .select(['id', 'slug', 'valid_from as validFrom'])
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', date)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy(sql`valid_from desc nulls last`)
    .executeTakeFirst();
}

export interface PersonCandidate {
  id: string;
  iin: string | null;
  birthDate: DateString | null;
  name: LocalizedText;
  familyName: LocalizedText | null;
  givenName: LocalizedText | null;
  patronymic: LocalizedText | null;
}

function personQuery(db: ImportDb) {
  return db
    .selectFrom('person')
    .select(['id', 'iin', 'birth_date as birthDate', 'name', 'family_name as familyName', 'given_name as givenName', 'patronymic'])
    .orderBy('id');
}

export async function findPersonsByIins(db: ImportDb, iins: string[]): Promise<PersonCandidate[]> {
  const out: PersonCandidate[] = [];
  for (const part of chunk([...new Set(iins)], 2000)) out.push(...(await personQuery(db).where('iin', 'in', part).execute()));
  return out;
}

export async function findPersonsByBirthDates(db: ImportDb, dates: DateString[]): Promise<PersonCandidate[]> {
  const out: PersonCandidate[] = [];
  for (const part of chunk([...new Set(dates)], 2000)) out.push(...(await personQuery(db).where('birth_date', 'in', part).execute()));
  return out;
}

export interface CurrentDeputyMembership {
  id: string;
  organizationId: string;
  personId: string;
  districtNumber: number | null;
  onBehalfOfId: string | null;
  startDate: DateString | null;
}

/**
 * The deputies' memberships in these maslikhats not ended by the date, of this convocation or of
 * none named (entered by hand): what a row of the same person in the same maslikhat is.
 */
export async function findCurrentDeputyMemberships(db: ImportDb, organizationIds: string[], convocationId: string | null, date: DateString): Promise<CurrentDeputyMembership[]> {
  if (!organizationIds.length) return [];
  return db
    .selectFrom('membership as m')
    .leftJoin('electoral_district as d', 'd.id', 'm.electoral_district_id')
    .select(['m.id', 'm.organization_id as organizationId', 'm.person_id as personId', 'd.number as districtNumber', 'm.on_behalf_of_id as onBehalfOfId', 'm.start_date as startDate'])
    .where('m.organization_id', 'in', organizationIds)
    .where('m.person_id', 'is not', null)
    .$narrowType<{ personId: NotNull }>()
    .where('m.role', 'in', ['deputy', 'head', 'deputy_head'])
    .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', date)]))
    .where((eb) => (convocationId ? eb.or([eb('m.convocation_id', 'is', null), eb('m.convocation_id', '=', convocationId)]) : eb('m.convocation_id', 'is', null)))
    .orderBy('m.id')
    .execute();
}

export interface DistrictRow {
  id: string;
  organizationId: string;
  number: number;
  convocationId: string | null;
}

/** Electoral districts of these maslikhats for the convocation, or with no convocation named. */
export async function findElectoralDistricts(db: ImportDb, organizationIds: string[], convocationId: string | null): Promise<DistrictRow[]> {
  if (!organizationIds.length) return [];
  return db
    .selectFrom('electoral_district')
    .select(['id', 'organization_id as organizationId', 'number', 'convocation_id as convocationId'])
    .where('organization_id', 'in', organizationIds)
    .where((eb) => (convocationId ? eb.or([eb('convocation_id', 'is', null), eb('convocation_id', '=', convocationId)]) : eb('convocation_id', 'is', null)))
    .orderBy('id')
    .execute();
}

export async function findTakenSlugs(db: ImportDb, slugs: string[]): Promise<Set<string>> {
  if (!slugs.length) return new Set();
  const rows = await db.selectFrom('organization').select('slug').where('slug', 'in', slugs).execute();
  return new Set(rows.map((r) => r.slug));
}

/** Holds the maslikhat's row until the transaction ends: two imports into one maslikhat run one after the other. */
export async function lockOrganization(db: ImportDb, organizationId: string): Promise<void> {
  await db.selectFrom('organization').select('id').where('id', '=', organizationId).forUpdate().execute();
}

export async function setPersonIin(db: ImportDb, personId: string, iin: string): Promise<void> {
  await db
    .updateTable('person')
    .set((eb) => ({ iin, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', personId)
    .where('iin', 'is', null)
    .execute();
}

export async function updateMembershipFields(
  db: ImportDb,
  membershipId: string,
  changes: { electoral_district_id?: string | null; on_behalf_of_id?: string | null; start_date?: DateString },
): Promise<void> {
  await db
    .updateTable('membership')
    .set((eb) => ({ ...changes, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', membershipId)
    .execute();
}

// ── Stored uploads ──

export async function saveUpload(db: ImportDb, id: string, value: unknown): Promise<void> {
  await db.insertInto('import_upload').values({ id, kind: 'deputies', payload: JSON.stringify(value) }).execute();
}

/** The stored upload; `lock` holds it until the transaction ends (one apply at a time). */
export async function findUpload(db: ImportDb, id: string, lock = false): Promise<unknown> {
  let query = db.selectFrom('import_upload').select('payload').where('id', '=', id).where('kind', '=', 'deputies');
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst())?.payload;
}

export async function deleteUpload(db: ImportDb, id: string): Promise<void> {
  await db.deleteFrom('import_upload').where('id', '=', id).execute();
}

export async function deleteUploadsBefore(db: ImportDb, before: Date): Promise<void> {
  await db.deleteFrom('import_upload').where('created_at', '<', before).execute();
}
