// News items (press releases among them) and their categories: reads for the office and the public
// portal, and writes guarded by the row's version (optimistic locking).
import { sql } from 'kysely';
import type { MeetingStatus } from '../../core/db/database.js';
import { json, paginate, type Executor, type Page, type Paged } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export type NewsStatus = 'draft' | 'published';

/** An item's lead photo: the stored WebP, its size in pixels and its alt text per language. */
export interface NewsPhoto {
  file: string;
  width: number;
  height: number;
  alt: LocalizedText;
}

export interface NewsRow {
  id: string;
  organizationId: string;
  meetingId: string | null;
  title: LocalizedText;
  lead: LocalizedText | null;
  body: LocalizedText | null;
  status: NewsStatus;
  /** For a published item: when it was (or, in the future, will be) published. */
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  category: string;
  photo: NewsPhoto | null;
}

export interface NewsCategory {
  slug: string;
  name: LocalizedText;
}

function newsQuery(db: Executor) {
  return db
    .selectFrom('news_item as n')
    .select([
      'n.id',
      'n.organization_id as organizationId',
      'n.meeting_id as meetingId',
      'n.title',
      'n.lead',
      'n.body',
      'n.status',
      'n.published_at as publishedAt',
      'n.created_at as createdAt',
      'n.updated_at as updatedAt',
      'n.version',
      'n.category',
      'n.photo_file as photoFile',
      'n.photo_width as photoWidth',
      'n.photo_height as photoHeight',
      'n.photo_alt as photoAlt',
    ]);
}

interface RawPhoto {
  photoFile: string | null;
  photoWidth: number | null;
  photoHeight: number | null;
  photoAlt: LocalizedText | null;
}

/** A row with its photo columns as one photo (or none). */
function toRow<T extends RawPhoto>(raw: T): Omit<T, keyof RawPhoto> & { photo: NewsPhoto | null } {
  const { photoFile, photoWidth, photoHeight, photoAlt, ...rest } = raw;
  const photo = photoFile && photoWidth && photoHeight && photoAlt ? { file: photoFile, width: photoWidth, height: photoHeight, alt: photoAlt } : null;
  return { ...rest, photo };
}

const toPaged = <T extends RawPhoto>(paged: Paged<T>) => ({ ...paged, rows: paged.rows.map(toRow) });

/**
 * Published and due: public reads compare the publication time with now, so a scheduled item
 * appears on its own at its time. Nothing is written at that moment, so no change notice empties
 * the page cache: a kept page (at most 60 s old, see core/http/page-cache.ts) shows it within a minute.
 */
function publicNews(db: Executor, organizationId: string, now: Date) {
  return newsQuery(db).where('n.organization_id', '=', organizationId).where('n.status', '=', 'published').where('n.published_at', '<=', now);
}

export async function findNews(db: Executor, organizationId: string, id: string): Promise<NewsRow | undefined> {
  const row = await newsQuery(db).where('n.organization_id', '=', organizationId).where('n.id', '=', id).executeTakeFirst();
  return row && toRow(row);
}

export async function findNewsByMeeting(db: Executor, meetingId: string): Promise<NewsRow | undefined> {
  const row = await newsQuery(db).where('n.meeting_id', '=', meetingId).executeTakeFirst();
  return row && toRow(row);
}

/** A published, due item with its meeting, when that meeting is public (past the draft stage). */
export async function findPublishedNews(db: Executor, organizationId: string, id: string, now: Date): Promise<(NewsRow & { publicMeetingId: string | null }) | undefined> {
  const row = await publicNews(db, organizationId, now)
    .leftJoin('meeting as m', (join) => join.onRef('m.id', '=', 'n.meeting_id').on('m.status', '!=', 'draft'))
    .select('m.id as publicMeetingId')
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row && toRow(row);
}

/** The press release published for a meeting (its id), as a query: a meeting's page reads it with its own data. */
export function publishedForMeetingQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('news_item')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('status', '=', sql.lit('published'))
    .where('published_at', '<=', sql<Date>`now()`)
    .orderBy('published_at', 'desc')
    .limit(1);
}

/** Published, due items (of one category, or all), newest first, a page at a time. */
export async function listPublishedNews(db: Executor, organizationId: string, page: Page, now: Date, category?: string): Promise<Paged<NewsRow>> {
  let query = publicNews(db, organizationId, now);
  if (category) query = query.where('n.category', '=', category);
  return toPaged(await paginate(query.orderBy('n.published_at', 'desc').orderBy('n.id', 'desc'), page));
}

/** Every item, drafts too, most recently changed first (for the office). */
export async function listAllNews(db: Executor, organizationId: string, page: Page): Promise<Paged<NewsRow>> {
  return toPaged(await paginate(newsQuery(db).where('n.organization_id', '=', organizationId).orderBy('n.updated_at', 'desc').orderBy('n.id', 'desc'), page));
}

/** Whether a stored file is the photo of an item the public sees now. */
export async function isPublicPhoto(db: Executor, file: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('news_item')
    .select('id')
    .where('photo_file', '=', file)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a stored file is any item's photo (the office sees drafts' photos too). */
export async function isAnyNewsPhoto(db: Executor, file: string): Promise<boolean> {
  return (await db.selectFrom('news_item').select('id').where('photo_file', '=', file).limit(1).executeTakeFirst()) !== undefined;
}

/** A category with its version, for the office's edit form. */
export async function findCategory(db: Executor, slug: string): Promise<(NewsCategory & { version: number }) | undefined> {
  return db.selectFrom('news_category').select(['slug', 'name', 'version']).where('slug', '=', slug).executeTakeFirst();
}

/** Renames a category, when `expectedVersion` is the saved one. */
export async function renameCategory(db: Executor, slug: string, expectedVersion: number, name: LocalizedText): Promise<boolean> {
  const result = await db
    .updateTable('news_category')
    .set((eb) => ({ name: json(name), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('slug', '=', slug)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The categories in their order. */
export async function listCategories(db: Executor): Promise<NewsCategory[]> {
  return db.selectFrom('news_category').select(['slug', 'name']).orderBy('position').orderBy('slug').execute();
}

/** The meeting a press release is for, if it is the organisation's (any status: the office sees drafts). */
export async function findMeetingOf(db: Executor, organizationId: string, meetingId: string): Promise<{ id: string; status: MeetingStatus } | undefined> {
  return db.selectFrom('meeting').select(['id', 'status']).where('organization_id', '=', organizationId).where('id', '=', meetingId).executeTakeFirst();
}

export interface NewsContent {
  title: LocalizedText;
  lead: LocalizedText | null;
  body: LocalizedText | null;
}

/**
 * Inserts a draft, or an item published at `publishedAt` (a release of a past meeting, published on
 * its day); false when the meeting already has one (someone else saved first). A press release is
 * in the council's category; an item of its own in the one given (announcements by default).
 */
export async function insertNews(
  db: Executor,
  row: NewsContent & { id: string; organizationId: string; meetingId: string | null; createdBy: string | null; publishedAt?: Date; category?: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('news_item')
    .values({
      id: row.id,
      organization_id: row.organizationId,
      meeting_id: row.meetingId,
      title: json(row.title),
      lead: json(row.lead),
      body: json(row.body),
      status: row.publishedAt ? 'published' : 'draft',
      published_at: row.publishedAt ?? null,
      created_by: row.createdBy,
      category: row.category ?? (row.meetingId ? 'council' : 'announcements'),
    })
    .onConflict((oc) => oc.column('meeting_id').where('meeting_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateNewsContent(db: Executor, id: string, expectedVersion: number, content: NewsContent & { category?: string }): Promise<boolean> {
  const result = await db
    .updateTable('news_item')
    .set((eb) => ({
      title: json(content.title),
      lead: json(content.lead),
      body: json(content.body),
      ...(content.category ? { category: content.category } : {}),
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Publishing now keeps the first publication date (a correction after unpublishing is not new
 * news), but brings a scheduled time forward to now.
 */
export async function setNewsStatus(db: Executor, id: string, expectedVersion: number, status: NewsStatus, now: Date): Promise<boolean> {
  const at = sql<Date>`${now}::timestamptz`;
  const result = await db
    .updateTable('news_item')
    .set((eb) => ({
      status,
      ...(status === 'published' ? { published_at: sql<Date>`least(coalesce(published_at, ${at}), ${at})` } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Schedules an item: published from `at` (a future time). */
export async function scheduleNews(db: Executor, id: string, expectedVersion: number, at: Date, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('news_item')
    .set((eb) => ({ status: 'published', published_at: at, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sets (or removes, with null) the lead photo. */
export async function setNewsPhoto(db: Executor, id: string, expectedVersion: number, photo: NewsPhoto | null, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('news_item')
    .set((eb) => ({
      photo_file: photo?.file ?? null,
      photo_width: photo?.width ?? null,
      photo_height: photo?.height ?? null,
      photo_alt: json(photo?.alt ?? null),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
