// News items (press releases among them): reads for the office and the public portal, and writes
// guarded by the row's version (optimistic locking).
import { sql } from 'kysely';
import type { MeetingStatus } from '../../core/db/database.js';
import { json, paginate, type Executor, type Page, type Paged } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export type NewsStatus = 'draft' | 'published';

export interface NewsRow {
  id: string;
  organizationId: string;
  meetingId: string | null;
  title: LocalizedText;
  lead: LocalizedText | null;
  body: LocalizedText | null;
  status: NewsStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
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
    ]);
}

export async function findNews(db: Executor, organizationId: string, id: string): Promise<NewsRow | undefined> {
  return newsQuery(db).where('n.organization_id', '=', organizationId).where('n.id', '=', id).executeTakeFirst();
}

export async function findNewsByMeeting(db: Executor, meetingId: string): Promise<NewsRow | undefined> {
  return newsQuery(db).where('n.meeting_id', '=', meetingId).executeTakeFirst();
}

/** A published item with its meeting, when that meeting is public (past the draft stage). */
export async function findPublishedNews(db: Executor, organizationId: string, id: string): Promise<(NewsRow & { publicMeetingId: string | null }) | undefined> {
  return newsQuery(db)
    .leftJoin('meeting as m', (join) => join.onRef('m.id', '=', 'n.meeting_id').on('m.status', '!=', 'draft'))
    .select('m.id as publicMeetingId')
    .where('n.organization_id', '=', organizationId)
    .where('n.id', '=', id)
    .where('n.status', '=', 'published')
    .executeTakeFirst();
}

export async function findPublishedIdForMeeting(db: Executor, meetingId: string): Promise<string | undefined> {
  const row = await db.selectFrom('news_item').select('id').where('meeting_id', '=', meetingId).where('status', '=', 'published').executeTakeFirst();
  return row?.id;
}

/** Published items, newest first, a page at a time. */
export async function listPublishedNews(db: Executor, organizationId: string, page: Page): Promise<Paged<NewsRow>> {
  const published = newsQuery(db).where('n.organization_id', '=', organizationId).where('n.status', '=', 'published');
  return paginate(published.orderBy('n.published_at', 'desc').orderBy('n.id', 'desc'), page);
}

/** Every item, drafts too, most recently changed first (for the office). */
export async function listAllNews(db: Executor, organizationId: string, page: Page): Promise<Paged<NewsRow>> {
  return paginate(newsQuery(db).where('n.organization_id', '=', organizationId).orderBy('n.updated_at', 'desc').orderBy('n.id', 'desc'), page);
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
 * its day); false when the meeting already has one (someone else saved first).
 */
export async function insertNews(db: Executor, row: NewsContent & { id: string; organizationId: string; meetingId: string | null; createdBy: string | null; publishedAt?: Date }): Promise<boolean> {
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
    })
    .onConflict((oc) => oc.column('meeting_id').where('meeting_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateNewsContent(db: Executor, id: string, expectedVersion: number, content: NewsContent): Promise<boolean> {
  const result = await db
    .updateTable('news_item')
    .set((eb) => ({ title: json(content.title), lead: json(content.lead), body: json(content.body), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Publishing keeps the first publication date (a correction after unpublishing is not new news). */
export async function setNewsStatus(db: Executor, id: string, expectedVersion: number, status: NewsStatus, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('news_item')
    .set((eb) => ({
      status,
      ...(status === 'published' ? { published_at: eb.fn.coalesce('published_at', sql<Date>`${now}::timestamptz`) } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
