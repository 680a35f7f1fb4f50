// Every query of the outreach tables (outreach_topic, outreach_event and its deputies, topics and
// photos), with the registry's names and memberships they show and check, read as of the event's day.
import { sql, type Selectable } from 'kysely';
import { areaNameAsOf, coversDate, localDay, organizationNameAsOf } from '../../core/db/dated.js';
import type { OutreachEventKind, OutreachEventTable, OutreachTopicKind } from '../../core/db/database.js';
import { json, paginate, type Executor, type Page } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { newId } from '../../core/ids.js';

// ── Topics ──

export interface NewTopic {
  slug: string | null;
  kind: OutreachTopicKind;
  title: LocalizedText;
  position: number;
}

/** Adds the topics whose slug is missing; an existing one is left as it is. Answers how many were added. */
export async function insertTopicsIfMissing(db: Executor, topics: NewTopic[]): Promise<number> {
  if (!topics.length) return 0;
  const rows = await db
    .insertInto('outreach_topic')
    .values(topics.map((t) => ({ id: newId(), slug: t.slug, kind: t.kind, title: json(t.title), position: t.position })))
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

export async function listTopics(db: Executor, options: { activeOnly: boolean }) {
  let query = db.selectFrom('outreach_topic').select(['id', 'slug', 'kind', 'title', 'active', 'position']).orderBy('position').orderBy('id');
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.execute();
}

export type TopicRow = Awaited<ReturnType<typeof listTopics>>[number];

export async function findTopic(db: Executor, id: string) {
  return db.selectFrom('outreach_topic').select(['id', 'slug', 'kind', 'title', 'active', 'position', 'version']).where('id', '=', id).executeTakeFirst();
}

export interface TopicValues {
  kind: OutreachTopicKind;
  title: LocalizedText;
  active: boolean;
  position: number;
}

export async function insertTopic(db: Executor, id: string, values: TopicValues): Promise<void> {
  await db.insertInto('outreach_topic').values({ id, slug: null, kind: values.kind, title: json(values.title), active: values.active, position: values.position }).execute();
}

/** Changes a topic when its version is the one read; false when it changed meanwhile. */
export async function updateTopic(db: Executor, id: string, values: TopicValues, version: number): Promise<boolean> {
  const result = await db
    .updateTable('outreach_topic')
    .set((eb) => ({ kind: values.kind, title: json(values.title), active: values.active, position: values.position, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ── Maslikhats, their areas and members ──

/** A maslikhat events may be logged for: its name today, its region (its own area, else its parent's) and that region's zone. */
export async function listMaslikhats(db: Executor, ids: string[] | 'all', date: string) {
  if (ids !== 'all' && !ids.length) return [];
  let query = db
    .selectFrom('organization as o')
    .leftJoin('organization as p', 'p.id', 'o.parent_id')
    .leftJoin('area as a', (join) => join.on(sql<boolean>`a.id = coalesce(o.area_id, p.area_id)`))
    .select([
      'o.id',
      'o.slug',
      organizationNameAsOf('o.id', date).as('name'),
      'a.id as regionAreaId',
      'a.kato as regionKato',
      'a.time_zone as timeZone',
      'a.centre as regionCentre',
      areaNameAsOf('a.id', date).as('regionName'),
    ])
    .where('o.classification', '=', 'maslikhat')
    .where(coversDate('o.founding_date', 'o.dissolution_date', date))
    .orderBy('a.kato')
    .orderBy('o.slug');
  if (ids !== 'all') query = query.where('o.id', 'in', ids);
  return query.execute();
}

export type MaslikhatRow = Awaited<ReturnType<typeof listMaslikhats>>[number];

/** The areas under a region (its districts and cities), named today. */
export async function listDistricts(db: Executor, regionAreaId: string, date: string) {
  return db
    .selectFrom('area')
    .select(['id', 'kato', areaNameAsOf('area.id', date).as('name')])
    .where('parent_id', '=', regionAreaId)
    .where(coversDate('area.valid_from', 'area.valid_to', date))
    .orderBy('kato')
    .execute();
}

/** The top areas (regions and cities of republican significance) valid on the day, with their names then, by KATO. */
export async function listRegions(db: Executor, date: string) {
  return db
    .selectFrom('area')
    .select(['id', 'kato', areaNameAsOf('area.id', date).as('name')])
    .where('parent_id', 'is', null)
    .where(coversDate('area.valid_from', 'area.valid_to', date))
    .orderBy('kato')
    .execute();
}

export async function findMaslikhatIdBySlug(db: Executor, slug: string): Promise<string | undefined> {
  return (await db.selectFrom('organization').select('id').where('slug', '=', slug).where('classification', '=', 'maslikhat').executeTakeFirst())?.id;
}

export async function findAreaIdByKato(db: Executor, kato: string): Promise<string | undefined> {
  return (await db.selectFrom('area').select('id').where('kato', '=', kato).executeTakeFirst())?.id;
}

const memberRoles = ['deputy', 'head', 'deputy_head'] as const;

/** The maslikhat's deputies (and its chair and deputy chair) any day from `from` to `to`, with the days each was a member. */
export async function listMembers(db: Executor, organizationId: string, from: string, to: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id as personId', 'p.name', 'm.start_date as startDate', 'm.end_date as endDate'])
    .where('m.organization_id', '=', organizationId)
    .where('m.role', 'in', memberRoles)
    .where((eb) => eb.or([eb('m.start_date', 'is', null), eb('m.start_date', '<=', to)]))
    .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', from)]))
    .orderBy(sql`p.name->>'kk'`)
    .orderBy('p.id')
    .execute();
}

/** Of these persons, those who were members of the maslikhat on the day. */
export async function membersOnDate(db: Executor, organizationId: string, personIds: string[], date: string): Promise<string[]> {
  if (!personIds.length) return [];
  const rows = await db
    .selectFrom('membership as m')
    .select('m.person_id')
    .distinct()
    .where('m.organization_id', '=', organizationId)
    .where('m.role', 'in', memberRoles)
    .where('m.person_id', 'in', personIds)
    .where(coversDate('m.start_date', 'm.end_date', date))
    .execute();
  return rows.flatMap((r) => (r.person_id ? [r.person_id] : []));
}

/** The registry person an account belongs to (a deputy's own account), if any. */
export async function personOfAccount(db: Executor, accountId: string): Promise<string | null> {
  return (await db.selectFrom('account').select('person_id').where('id', '=', accountId).executeTakeFirst())?.person_id ?? null;
}

// ── Events ──

/** What a form or an import row sets on an event (the rest is the row's own bookkeeping). */
export type EventValues = Omit<Selectable<OutreachEventTable>, 'id' | 'created_by' | 'is_demo' | 'created_at' | 'updated_at' | 'version'>;

const eventDay = localDay('e.starts_at', 'e.time_zone');

function eventColumns() {
  return [
    'e.id',
    'e.organization_id as organizationId',
    organizationNameAsOf('e.organization_id', eventDay).as('organizationName'),
    'e.region_area_id as regionAreaId',
    'e.district_area_id as districtAreaId',
    'e.kind',
    'e.starts_at as startsAt',
    'e.ends_at as endsAt',
    'e.time_zone as timeZone',
    'e.settlement',
    'e.address',
    'e.tags',
    'e.audience_total as audienceTotal',
    'e.public',
    'e.is_demo as isDemo',
    'e.version',
  ] as const;
}

/** Where an event took place (with \`area as r\` joined on its region): the region's KATO, and the region's and district's names on the event's day. */
function placeColumns() {
  return ['r.kato as regionKato', areaNameAsOf('e.region_area_id', eventDay).as('regionName'), areaNameAsOf('e.district_area_id', eventDay).as('districtName')] as const;
}

export async function findEvent(db: Executor, id: string) {
  return db
    .selectFrom('outreach_event as e')
    .leftJoin('area as r', 'r.id', 'e.region_area_id')
    .select([
      ...eventColumns(),
      ...placeColumns(),
      'e.audience_youth as audienceYouth',
      'e.audience_elderly as audienceElderly',
      'e.audience_entrepreneurs as audienceEntrepreneurs',
      'e.audience_women as audienceWomen',
      'e.audience_other as audienceOther',
      'e.summary',
      'e.summary_language as summaryLanguage',
      'e.created_by as createdBy',
      'e.created_at as createdAt',
      'e.updated_at as updatedAt',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

export async function listEventDeputies(db: Executor, eventIds: string[]) {
  if (!eventIds.length) return [];
  return db
    .selectFrom('outreach_event_deputy as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .select(['d.event_id as eventId', 'p.id as personId', 'p.name'])
    .where('d.event_id', 'in', eventIds)
    .orderBy(sql`p.name->>'kk'`)
    .execute();
}

export async function listEventTopics(db: Executor, eventIds: string[]) {
  if (!eventIds.length) return [];
  return db
    .selectFrom('outreach_event_topic as et')
    .innerJoin('outreach_topic as t', 't.id', 'et.topic_id')
    .select(['et.event_id as eventId', 't.id', 't.slug', 't.kind', 't.title'])
    .where('et.event_id', 'in', eventIds)
    .orderBy('t.position')
    .execute();
}

export async function listEventPhotos(db: Executor, eventIds: string[]) {
  if (!eventIds.length) return [];
  return db
    .selectFrom('outreach_event_photo')
    .select(['id', 'event_id as eventId', 'position', 'file_name as fileName', 'alt_text as altText'])
    .where('event_id', 'in', eventIds)
    .orderBy('event_id')
    .orderBy('position')
    .execute();
}

/** The papers kept with events, oldest first. */
export async function listEventFiles(db: Executor, eventIds: string[]) {
  if (!eventIds.length) return [];
  return db
    .selectFrom('outreach_event_file')
    .select(['id', 'event_id as eventId', 'file_name as fileName', 'original_name as originalName', 'content_type as contentType', 'size_bytes as sizeBytes', 'created_at as createdAt'])
    .where('event_id', 'in', eventIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertEventFile(db: Executor, file: { id: string; eventId: string; fileName: string; originalName: string; contentType: string; sizeBytes: number; createdBy: string | null }): Promise<void> {
  await db
    .insertInto('outreach_event_file')
    .values({ id: file.id, event_id: file.eventId, file_name: file.fileName, original_name: file.originalName, content_type: file.contentType, size_bytes: file.sizeBytes, created_by: file.createdBy })
    .execute();
}

export async function deleteEventFile(db: Executor, eventId: string, fileId: string): Promise<boolean> {
  const result = await db.deleteFrom('outreach_event_file').where('event_id', '=', eventId).where('id', '=', fileId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface EventFilter {
  /** null: every maslikhat's. */
  organizationIds: string[] | null;
  regionAreaId?: string | undefined;
  kind?: OutreachEventKind | undefined;
  /** Local days, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The office's list: newest first. */
export async function listEvents(db: Executor, filter: EventFilter, window: Page) {
  let query = db.selectFrom('outreach_event as e').select(eventColumns()).orderBy('e.starts_at', 'desc').orderBy('e.id');
  if (filter.organizationIds) {
    if (!filter.organizationIds.length) return { rows: [], total: 0, page: 1, pages: 1 };
    query = query.where('e.organization_id', 'in', filter.organizationIds);
  }
  if (filter.regionAreaId) query = query.where('e.region_area_id', '=', filter.regionAreaId);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.from) query = query.where(eventDay, '>=', sql<string>`${filter.from}::date`);
  if (filter.to) query = query.where(eventDay, '<=', sql<string>`${filter.to}::date`);
  return paginate(query, window);
}

export type EventListRow = Awaited<ReturnType<typeof listEvents>>['rows'][number];

export interface PublicFilter {
  regionAreaId?: string | undefined;
  kinds?: readonly OutreachEventKind[] | undefined;
  /** Instants: events starting at or after `after`, before `before`. */
  after?: Date | undefined;
  before?: Date | undefined;
  /** Local days, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  topicId?: string | undefined;
  /** Soonest first (the receptions ahead) or newest first (the past, the open data). */
  order: 'asc' | 'desc';
}

/** Public events only, with their region's KATO and name and the district's name. */
function publicEventsQuery(db: Executor, filter: PublicFilter) {
  let query = db
    .selectFrom('outreach_event as e')
    .leftJoin('area as r', 'r.id', 'e.region_area_id')
    .select([
      ...eventColumns(),
      ...placeColumns(),
      'e.summary',
      'e.summary_language as summaryLanguage',
      'e.updated_at as updatedAt',
    ])
    .where('e.public', '=', true)
    .orderBy('e.starts_at', filter.order)
    .orderBy('e.id');
  if (filter.regionAreaId) query = query.where('e.region_area_id', '=', filter.regionAreaId);
  if (filter.kinds) query = query.where('e.kind', 'in', filter.kinds);
  if (filter.after) query = query.where('e.starts_at', '>=', filter.after);
  if (filter.before) query = query.where('e.starts_at', '<', filter.before);
  if (filter.from) query = query.where(eventDay, '>=', sql<string>`${filter.from}::date`);
  if (filter.to) query = query.where(eventDay, '<=', sql<string>`${filter.to}::date`);
  const topicId = filter.topicId;
  if (topicId) query = query.where((eb) => eb.exists(eb.selectFrom('outreach_event_topic as et').select('et.event_id').whereRef('et.event_id', '=', 'e.id').where('et.topic_id', '=', topicId)));
  return query;
}

/** A page of the public events a filter selects, with how many there are in all. */
export async function listPublicEvents(db: Executor, filter: PublicFilter, window: Page) {
  return paginate(publicEventsQuery(db, filter), window);
}

/** The first public events a filter selects, without counting the rest (the home page's few). */
export async function listFirstPublicEvents(db: Executor, filter: PublicFilter, limit: number) {
  return publicEventsQuery(db, filter).limit(limit).execute();
}

export type PublicEventRow = Awaited<ReturnType<typeof listPublicEvents>>['rows'][number];

/** A maslikhat's latest public events that have taken place (its hub). */
export async function listPastPublicEventsOf(db: Executor, organizationId: string, now: Date, limit: number) {
  return db
    .selectFrom('outreach_event as e')
    .select(['e.id', 'e.kind', 'e.starts_at as startsAt', 'e.time_zone as timeZone', 'e.settlement', 'e.audience_total as audienceTotal'])
    .where('e.organization_id', '=', organizationId)
    .where('e.public', '=', true)
    .where('e.starts_at', '<=', now)
    .orderBy('e.starts_at', 'desc')
    .limit(limit)
    .execute();
}

/** Whether any demonstration event is stored (the demo is seeded once). */
export async function hasDemoEvents(db: Executor): Promise<boolean> {
  return (await db.selectFrom('outreach_event').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()) !== undefined;
}

export async function insertEvent(db: Executor, id: string, values: EventValues, createdBy: string | null, isDemo = false): Promise<void> {
  await db
    .insertInto('outreach_event')
    .values({ id, ...values, created_by: createdBy, is_demo: isDemo })
    .execute();
}

/** Changes an event when its version is the one read; false when it changed meanwhile. */
export async function updateEvent(db: Executor, id: string, values: EventValues, version: number): Promise<boolean> {
  const result = await db
    .updateTable('outreach_event')
    .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteEvent(db: Executor, id: string, version: number): Promise<boolean> {
  const result = await db.deleteFrom('outreach_event').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Marks the event changed (a photo added or removed) when its version is the one read. */
export async function touchEvent(db: Executor, id: string, version: number): Promise<boolean> {
  const result = await db
    .updateTable('outreach_event')
    .set((eb) => ({ updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceDeputies(db: Executor, eventId: string, personIds: string[]): Promise<void> {
  await db.deleteFrom('outreach_event_deputy').where('event_id', '=', eventId).execute();
  if (personIds.length) await db.insertInto('outreach_event_deputy').values(personIds.map((person_id) => ({ event_id: eventId, person_id }))).execute();
}

export async function replaceTopics(db: Executor, eventId: string, topicIds: string[]): Promise<void> {
  await db.deleteFrom('outreach_event_topic').where('event_id', '=', eventId).execute();
  if (topicIds.length) await db.insertInto('outreach_event_topic').values(topicIds.map((topic_id) => ({ event_id: eventId, topic_id }))).execute();
}

export async function insertPhoto(db: Executor, photo: { id: string; eventId: string; position: number; fileName: string; altText: string }): Promise<void> {
  await db.insertInto('outreach_event_photo').values({ id: photo.id, event_id: photo.eventId, position: photo.position, file_name: photo.fileName, alt_text: photo.altText }).execute();
}

export async function deletePhoto(db: Executor, eventId: string, photoId: string): Promise<boolean> {
  const result = await db.deleteFrom('outreach_event_photo').where('event_id', '=', eventId).where('id', '=', photoId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The event a stored photo belongs to (the first, if the same bytes were uploaded twice), for serving it. */
export async function findPhotoByFile(db: Executor, fileName: string) {
  return db
    .selectFrom('outreach_event_photo as ph')
    .innerJoin('outreach_event as e', 'e.id', 'ph.event_id')
    .select(['e.id as eventId', 'e.organization_id as organizationId', 'e.public'])
    .where('ph.file_name', '=', fileName)
    .orderBy('e.public', 'desc')
    .executeTakeFirst();
}
