// News of the home organisation: press releases drafted from a meeting's record, edited by the
// secretariat, published on the portal. Every change is version-checked and audited.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { pageWindow } from '../../core/db/query.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { isUuid, newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { RegistryService } from '../registry/registry.service.js';
import { loadMeetingRecord } from '../meetings/record.js';
import { draftPressRelease, type PressReleaseText } from './press-release.js';
import * as repo from './news.repository.js';

export type { NewsCategory, NewsContent, NewsPhoto, NewsRow, NewsStatus } from './news.repository.js';

export const newsPageSize = 20;

export interface NewsPage<T> {
  rows: T[];
  page: number;
  pages: number;
}

/** Whether an item is scheduled: published from a time still to come. */
export const isScheduled = (item: { status: repo.NewsStatus; publishedAt: Date | null }, now = new Date()): boolean =>
  item.status === 'published' && item.publishedAt !== null && item.publishedAt.getTime() > now.getTime();

/** Whether the public sees an item now: published, from a time that has come. */
export const isLive = (item: { status: repo.NewsStatus; publishedAt: Date | null }, now = new Date()): boolean => item.status === 'published' && !isScheduled(item, now);

export interface PressReleaseView {
  meetingId: string;
  /** The saved press release, if any. */
  saved: repo.NewsRow | undefined;
  /** A fresh draft from the meeting's record; undefined while the meeting is a draft (no record yet). */
  draft: PressReleaseText | undefined;
}


export function createNewsService(db: Db, registry: RegistryService) {
  const home = async () => (await registry.homeOrganization()).id;

  async function findOwn(id: string): Promise<repo.NewsRow> {
    if (!isUuid(id)) throw NotFoundError();
    const row = await repo.findNews(db, await home(), id.toLowerCase());
    if (!row) throw NotFoundError();
    return row;
  }

  return {
    find: findOwn,

    /**
     * What the office's press-release page shows for a meeting; creates nothing. A draft is made
     * from the record when nothing is saved yet ('ifNew'), on request ('always'), or not at all.
     */
    async pressRelease(meetingId: string, draft: 'ifNew' | 'always' | 'never' = 'ifNew'): Promise<PressReleaseView> {
      if (!isUuid(meetingId)) throw NotFoundError();
      const meeting = await repo.findMeetingOf(db, await home(), meetingId.toLowerCase());
      if (!meeting) throw NotFoundError();
      const saved = await repo.findNewsByMeeting(db, meeting.id);
      const needsDraft = draft === 'always' || (draft === 'ifNew' && !saved);
      const record = needsDraft ? await loadMeetingRecord(db, registry, meeting.id) : undefined;
      return { meetingId: meeting.id, saved, draft: record ? draftPressRelease(record) : undefined };
    },

    /**
     * Creates the meeting's press release, or updates it when `version` is the saved one.
     * A stale version, or a release someone else created meanwhile, is a conflict.
     */
    async savePressRelease(meetingId: string, content: repo.NewsContent, version: number | null, context: ChangeContext): Promise<string> {
      const organizationId = await home();
      if (!isUuid(meetingId)) throw NotFoundError();
      const meeting = await repo.findMeetingOf(db, organizationId, meetingId.toLowerCase());
      if (!meeting) throw NotFoundError();
      return db.transaction().execute(async (trx) => {
        const saved = await repo.findNewsByMeeting(trx, meeting.id);
        if (!saved) {
          if (version !== null) throw ConflictError();
          const id = newId();
          if (!(await repo.insertNews(trx, { id, organizationId, meetingId: meeting.id, createdBy: context.actorAccountId, ...content }))) throw ConflictError();
          await recordChange(trx, context, { entity: 'news_item', entityId: id, action: 'created', after: { meeting_id: meeting.id, ...content } });
          return id;
        }
        if (version === null || !(await repo.updateNewsContent(trx, saved.id, version, content))) throw ConflictError();
        await recordChange(trx, context, {
          entity: 'news_item',
          entityId: saved.id,
          action: 'updated',
          before: { title: saved.title, lead: saved.lead, body: saved.body },
          after: { ...content },
        });
        return saved.id;
      });
    },

    /**
     * Publishes a meeting's press release written elsewhere (the seed's release of a past meeting) as
     * published at `publishedAt`; nothing when the meeting has a release already. Returns its id then.
     */
    async publishPressRelease(meetingId: string, content: repo.NewsContent, publishedAt: Date, context: ChangeContext): Promise<string | undefined> {
      const organizationId = await home();
      const meeting = isUuid(meetingId) ? await repo.findMeetingOf(db, organizationId, meetingId.toLowerCase()) : undefined;
      if (!meeting) throw NotFoundError();
      return db.transaction().execute(async (trx) => {
        const id = newId();
        if (!(await repo.insertNews(trx, { id, organizationId, meetingId: meeting.id, createdBy: context.actorAccountId, ...content, publishedAt }))) return undefined;
        await recordChange(trx, context, { entity: 'news_item', entityId: id, action: 'published', after: { meeting_id: meeting.id, ...content, published_at: publishedAt.toISOString() } });
        return id;
      });
    },

    async setStatus(id: string, status: repo.NewsStatus, version: number, context: ChangeContext): Promise<repo.NewsRow> {
      const before = await findOwn(id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.setNewsStatus(trx, before.id, version, status, new Date()))) throw ConflictError();
        await recordChange(trx, context, { entity: 'news_item', entityId: before.id, action: status === 'published' ? 'published' : 'unpublished', before: { status: before.status }, after: { status } });
      });
      return before;
    },

    /** Creates a news item of its own, as a draft. */
    async createNews(content: repo.NewsContent, category: string, context: ChangeContext): Promise<string> {
      const organizationId = await home();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertNews(trx, { id, organizationId, meetingId: null, createdBy: context.actorAccountId, ...content, category });
        await recordChange(trx, context, { entity: 'news_item', entityId: id, action: 'created', after: { ...content, category } });
      });
      return id;
    },

    /** Saves an item's text and category, when `version` is the saved one. */
    async saveNews(id: string, content: repo.NewsContent, category: string, version: number | null, context: ChangeContext): Promise<void> {
      const before = await findOwn(id);
      await db.transaction().execute(async (trx) => {
        if (version === null || !(await repo.updateNewsContent(trx, before.id, version, { ...content, category }))) throw ConflictError();
        await recordChange(trx, context, {
          entity: 'news_item',
          entityId: before.id,
          action: 'updated',
          before: { title: before.title, lead: before.lead, body: before.body, category: before.category },
          after: { ...content, category },
        });
      });
    },

    /** Schedules an item's publication at a time still to come (the form says so when it is not). */
    async schedule(id: string, at: Date, version: number, context: ChangeContext): Promise<repo.NewsRow> {
      const before = await findOwn(id);
      const now = new Date();
      if (at.getTime() <= now.getTime()) throw ValidationError([{ field: 'date', messageKey: 'news.schedule.past' }]);
      if (isLive(before, now)) throw ConflictError();
      await db.transaction().execute(async (trx) => {
        // The version decides a race: an item published meanwhile has a new one.
        if (!(await repo.scheduleNews(trx, before.id, version, at, now))) throw ConflictError();
        await recordChange(trx, context, {
          entity: 'news_item',
          entityId: before.id,
          action: 'scheduled',
          before: { status: before.status, published_at: before.publishedAt?.toISOString() ?? null },
          after: { status: 'published', published_at: at.toISOString() },
        });
      });
      return before;
    },

    /** Sets the lead photo (already re-encoded and stored) with its alt text, or removes it (null). */
    async setPhoto(id: string, photo: repo.NewsPhoto | null, version: number, context: ChangeContext): Promise<void> {
      const before = await findOwn(id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.setNewsPhoto(trx, before.id, version, photo, new Date()))) throw ConflictError();
        await recordChange(trx, context, { entity: 'news_item', entityId: before.id, action: 'updated', before: { photo: before.photo }, after: { photo } });
      });
    },

    /** Who may see a stored file as a news photo: anyone (an item the public sees now), the office (any item's), or nobody. */
    async photoAudience(file: string): Promise<'public' | 'office' | undefined> {
      if (await repo.isPublicPhoto(db, file, new Date())) return 'public';
      return (await repo.isAnyNewsPhoto(db, file)) ? 'office' : undefined;
    },

    categories: () => repo.listCategories(db),

    /** A category and its version, for the office's edit form; an unknown slug is not found. */
    async categoryForEdit(slug: string): Promise<repo.NewsCategory & { version: number }> {
      const found = await repo.findCategory(db, slug);
      if (!found) throw NotFoundError();
      return found;
    },

    /** Renames a category (its slug, in addresses and feeds, stays), version-checked and audited. */
    async renameCategory(slug: string, name: LocalizedText, version: number, context: ChangeContext): Promise<void> {
      const before = await repo.findCategory(db, slug);
      if (!before) throw NotFoundError();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.renameCategory(trx, slug, version, name))) throw ConflictError();
        await recordChange(trx, context, { entity: 'news_category', entityId: slug, action: 'updated', before: { name: before.name }, after: { name } });
      });
    },

    /** A category by its slug; an unknown (or hostile) slug is not found. */
    async category(slug: string): Promise<repo.NewsCategory> {
      const found = (await repo.listCategories(db)).find((c) => c.slug === slug);
      if (!found) throw NotFoundError();
      return found;
    },

    async listAll(page: number): Promise<NewsPage<repo.NewsRow>> {
      const { rows, pages } = await repo.listAllNews(db, await home(), pageWindow(page, newsPageSize));
      return { rows, page, pages };
    },

    /** Published news the public sees now (of one category, or all), newest first. */
    async listPublished(page: number, category?: string): Promise<NewsPage<repo.NewsRow>> {
      const { rows, pages } = await repo.listPublishedNews(db, await home(), pageWindow(page, newsPageSize), new Date(), category);
      return { rows, page, pages };
    },

    /** The latest published items, newest first (for the home page). */
    async latest(limit: number): Promise<repo.NewsRow[]> {
      return (await repo.listPublishedNews(db, await home(), pageWindow(1, limit), new Date())).rows;
    },

    /** A published item for the portal; drafts and unknown ids are not found. */
    async published(id: string) {
      if (!isUuid(id)) throw NotFoundError();
      const row = await repo.findPublishedNews(db, await home(), id.toLowerCase(), new Date());
      if (!row) throw NotFoundError();
      return row;
    },

    /** The published press release of a meeting, for a link from the meeting's public page. */
  };
}

export type NewsService = ReturnType<typeof createNewsService>;
