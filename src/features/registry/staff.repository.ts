// Registry writes made by staff in the office: deputies of a maslikhat, the Council's members and decisions.
import type { NotNull } from 'kysely';
import type { DateString } from '../../core/db/database.js';
import { coversDate, organizationNameAsOf } from '../../core/db/dated.js';
import type { Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export async function findMembershipForEdit(db: Executor, membershipId: string) {
  return db
    .selectFrom('membership as m')
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('electoral_district as d', 'd.id', 'm.electoral_district_id')
    .select([
      'm.id',
      'm.organization_id as organizationId',
      'm.person_id as personId',
      'm.member_organization_id as memberOrganizationId',
      'm.role',
      'm.on_behalf_of_id as onBehalfOfId',
      'm.start_date as startDate',
      'm.end_date as endDate',
      'm.end_reason as endReason',
      'm.version',
      'd.number as districtNumber',
      'd.name as districtName',
      'p.name as personName',
      'p.family_name as familyName',
      'p.given_name as givenName',
      'p.patronymic',
      'p.birth_date as birthDate',
      'p.gender',
      'p.version as personVersion',
      'p.photo_file as photoFile',
    ])
    .where('m.id', '=', membershipId)
    .executeTakeFirst();
}

export async function findDistrict(db: Executor, organizationId: string, number: number) {
  return db.selectFrom('electoral_district').select(['id', 'name']).where('organization_id', '=', organizationId).where('number', '=', number).executeTakeFirst();
}

export async function listPartiesAsOf(db: Executor, date: string) {
  return db
    .selectFrom('organization as o')
    .select([
      'o.id',
      organizationNameAsOf('o.id', date).as('name'),
    ])
    .where('o.classification', '=', 'party')
    .where(coversDate('o.founding_date', 'o.dissolution_date', date))
    .where(organizationNameAsOf('o.id', date), 'is not', null)
    .$narrowType<{ name: NotNull }>()
    .orderBy('o.slug')
    .execute();
}

export async function updatePersonNames(
  db: Executor,
  personId: string,
  expectedVersion: number,
  values: { name: LocalizedText; family_name: LocalizedText; given_name: LocalizedText; patronymic: LocalizedText | null; birth_date: DateString | null; gender: 'female' | 'male' | null; search_text: string },
): Promise<boolean> {
  const result = await db
    .updateTable('person')
    .set((eb) => ({
      name: JSON.stringify(values.name),
      family_name: JSON.stringify(values.family_name),
      given_name: JSON.stringify(values.given_name),
      patronymic: values.patronymic ? JSON.stringify(values.patronymic) : null,
      birth_date: values.birth_date,
      gender: values.gender,
      search_text: values.search_text,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', personId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateMembership(
  db: Executor,
  membershipId: string,
  expectedVersion: number,
  values: Partial<{ on_behalf_of_id: string | null; electoral_district_id: string | null; start_date: DateString | null; end_date: DateString | null; end_reason: string | null; end_decision_id: string | null }>,
): Promise<boolean> {
  const result = await db
    .updateTable('membership')
    .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', membershipId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listDecisions(db: Executor, organizationId: string) {
  return db
    .selectFrom('decision')
    .select(['id', 'number', 'decision_date as decisionDate', 'kind', 'title'])
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('meeting_id', 'is', null), eb('result', '=', 'adopted')]))
    .orderBy('decision_date', 'desc')
    .execute();
}

/** A decision in force: recorded on its own, or adopted by a meeting's vote (not one still voted on or rejected). */
export async function findDecision(db: Executor, id: string) {
  return db
    .selectFrom('decision')
    .select(['id', 'organization_id as organizationId', 'number', 'decision_date as decisionDate', 'kind', 'title'])
    .where('id', '=', id)
    .where((eb) => eb.or([eb('meeting_id', 'is', null), eb('result', '=', 'adopted')]))
    .executeTakeFirst();
}

/** Marks a decision as applied to the registry (the first time only). */
export async function markDecisionApplied(db: Executor, id: string, accountId: string | null): Promise<void> {
  await db.updateTable('decision').set({ applied_at: new Date(), applied_by: accountId }).where('id', '=', id).where('applied_at', 'is', null).execute();
}

export async function findOrganizationIdBySlug(db: Executor, slug: string) {
  return db.selectFrom('organization').select(['id', 'classification', 'slug']).where('slug', '=', slug).executeTakeFirst();
}

export async function setPersonPhoto(db: Executor, personId: string, photoFile: string | null): Promise<string | null> {
  const before = await db.selectFrom('person').select('photo_file').where('id', '=', personId).executeTakeFirst();
  await db.updateTable('person').set({ photo_file: photoFile, updated_at: new Date() }).where('id', '=', personId).execute();
  return before?.photo_file ?? null;
}

/** True when the file is the photo of someone with a public (non-internal) registry record. */
export async function isPublishedPhoto(db: Executor, photoFile: string): Promise<boolean> {
  const row = await db.selectFrom('person').select('id').where('photo_file', '=', photoFile).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Organisations an administrator maintains by hand (not the maslikhats and commissions kept with the registry). */
export async function listInstitutions(db: Executor, date: string) {
  return db
    .selectFrom('organization as o')
    .select([
      'o.id',
      'o.slug',
      'o.classification',
      'o.founding_date as foundingDate',
      'o.dissolution_date as dissolutionDate',
      organizationNameAsOf('o.id', date).as('name'),
    ])
    .where('o.classification', 'not in', ['maslikhat', 'commission'])
    .where(organizationNameAsOf('o.id', date), 'is not', null)
    .$narrowType<{ name: NotNull }>()
    .orderBy('o.classification')
    .orderBy('o.slug')
    .execute();
}

export async function findOrganizationForEdit(db: Executor, id: string) {
  const org = await db
    .selectFrom('organization')
    .select(['id', 'slug', 'classification', 'founding_date as foundingDate', 'dissolution_date as dissolutionDate', 'description', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!org) return undefined;
  const names = await db
    .selectFrom('organization_name')
    .select(['id', 'name', 'short_name as shortName', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('organization_id', '=', id)
    .orderBy('valid_from', 'desc')
    .execute();
  return { ...org, names };
}

export async function updateOrganization(
  db: Executor,
  id: string,
  expectedVersion: number,
  values: { founding_date: DateString | null; dissolution_date: DateString | null; description: LocalizedText | null },
): Promise<boolean> {
  const result = await db
    .updateTable('organization')
    .set((eb) => ({ ...values, description: values.description ? JSON.stringify(values.description) : null, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function correctOrganizationName(db: Executor, nameId: string, name: LocalizedText, shortName: LocalizedText | null): Promise<void> {
  await db.updateTable('organization_name').set({ name: JSON.stringify(name), short_name: shortName ? JSON.stringify(shortName) : null }).where('id', '=', nameId).execute();
}

/** A new name from a date: the current name ends the day before and stays in the archive. */
export async function renameOrganization(db: Executor, organizationId: string, currentNameId: string, newNameId: string, from: DateString, name: LocalizedText, shortName: LocalizedText | null): Promise<void> {
  const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await db.updateTable('organization_name').set({ valid_to: dayBefore }).where('id', '=', currentNameId).execute();
  await db
    .insertInto('organization_name')
    .values({ id: newNameId, organization_id: organizationId, name: JSON.stringify(name), short_name: shortName ? JSON.stringify(shortName) : null, valid_from: from, valid_to: null })
    .execute();
}

export interface ContactInput {
  type: 'email' | 'phone' | 'reception';
  value: string;
  is_public: boolean;
}

export async function findPersonContacts(db: Executor, personId: string) {
  return db.selectFrom('contact_detail').select(['type', 'value', 'is_public as isPublic']).where('person_id', '=', personId).execute();
}

/** Replaces the person's e-mail, phone and reception contacts with the given ones. */
export async function replacePersonContacts(db: Executor, personId: string, contacts: (ContactInput & { id: string })[]): Promise<void> {
  await db.deleteFrom('contact_detail').where('person_id', '=', personId).where('type', 'in', ['email', 'phone', 'reception']).execute();
  if (!contacts.length) return;
  await db
    .insertInto('contact_detail')
    .values(contacts.map((c) => ({ id: c.id, person_id: personId, organization_id: null, type: c.type, value: c.value, label: null, is_public: c.is_public })))
    .execute();
}
