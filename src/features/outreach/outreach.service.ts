// The rules of deputies' outreach: who sees and logs which maslikhat's events, the deputies present
// checked against the maslikhat's memberships on the event's day (a deputy logs only events they
// were at), every change audited and version-checked, photos re-encoded and stored; the public
// reads (receptions ahead, a maslikhat's past events, the open data) see public events only.
import { hasRole, hasRoleFor, type Actor } from '../../core/auth/actor.js';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { OutreachEventKind } from '../../core/db/database.js';
import { pageWindow } from '../../core/db/query.js';
import { ConflictError, NotFoundError, type FieldProblem } from '../../core/errors.js';
import type { FileStore } from '../../core/files.js';
import { normalisePhoto, type PhotoProblem } from '../../core/images.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { newId } from '../../core/ids.js';
import * as repo from './outreach.repository.js';
import { maxFilesPerEvent } from './outreach.forms.js';
import type { AttachmentKind } from '../../core/documents.js';

export type { EventListRow, EventRow, MaslikhatRow, PublicEventRow, TopicRow } from './outreach.repository.js';

/** Kazakhstan's default zone, for a maslikhat whose region is not known. */
const fallbackZone = 'Asia/Almaty';
/** What the public is invited to: the receptions and meetings with voters ahead. */
const receptionKinds = ['reception', 'meeting_with_voters'] as const;
export const officePageSize = 25;
export const publicPageSize = 50;
/** How far back and ahead the form offers a maslikhat's members (the date entered decides). */
const memberWindowDays = 2 * 366;

export interface Audience {
  total: number | null;
  youth: number | null;
  elderly: number | null;
  entrepreneurs: number | null;
  women: number | null;
  other: number | null;
}

export interface EventInput {
  kind: OutreachEventKind;
  startsAt: Date;
  endsAt: Date | null;
  districtAreaId: string | null;
  settlement: string | null;
  address: string | null;
  tags: string[];
  audience: Audience;
  summary: string | null;
  summaryLanguage: StoredLanguage | null;
  public: boolean;
  deputyIds: string[];
  topicIds: string[];
}

/** An event's columns from what was entered for it at a maslikhat (its region and time zone). */
export function eventValues(maslikhat: repo.MaslikhatRow, input: EventInput): repo.EventValues {
  return {
    organization_id: maslikhat.id,
    region_area_id: maslikhat.regionAreaId,
    district_area_id: input.districtAreaId,
    kind: input.kind,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    time_zone: maslikhat.timeZone ?? fallbackZone,
    settlement: input.settlement,
    address: input.address,
    tags: input.tags,
    audience_total: input.audience.total,
    audience_youth: input.audience.youth,
    audience_elderly: input.audience.elderly,
    audience_entrepreneurs: input.audience.entrepreneurs,
    audience_women: input.audience.women,
    audience_other: input.audience.other,
    summary: input.summary,
    summary_language: input.summaryLanguage,
    public: input.public,
  };
}

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; problems: FieldProblem[]; conflict: boolean };

const refused = (problems: FieldProblem[], conflict = false): { ok: false; problems: FieldProblem[]; conflict: boolean } => ({ ok: false, problems, conflict });

const photoProblemKeys: Record<PhotoProblem, MessageKey> = {
  too_large: 'outreach.photoTooLarge',
  not_an_image: 'outreach.photoNotImage',
  too_small: 'outreach.photoTooSmall',
  too_many_pixels: 'outreach.photoTooManyPixels',
};

/** The local day of an instant in a zone, as 'YYYY-MM-DD'. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The local time of an instant in a zone, as 'HH:MM'. */
export function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether the actor sees every maslikhat's events (the secretariat, an admin). */
export const seesAll = (actor: Actor) => hasRole(actor, 'admin', 'secretariat');

/** The maslikhats whose events the actor logs through a staff or deputy grant (with those under them). */
function grantedOrganizations(actor: Actor): string[] {
  return [...new Set(actor.grants.filter((g) => g.role === 'maslikhat_staff' || g.role === 'deputy').flatMap((g) => g.scope))];
}

/** True when the actor logs for this maslikhat only as its deputy (so only events they were at). */
export const onlyAsDeputy = (actor: Actor, organizationId: string) => !hasRole(actor, 'admin') && !hasRoleFor(actor, organizationId, 'maslikhat_staff') && hasRoleFor(actor, organizationId, 'deputy');

/** Adds a topic (id null) or changes one read at `expected`, audited; false when it changed meanwhile. */
export async function saveTopic(db: Db, id: string | null, values: repo.TopicValues, expected: number, context: ChangeContext): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (id === null) {
      const created = newId();
      await repo.insertTopic(trx, created, values);
      await recordChange(trx, context, { entity: 'outreach_topic', entityId: created, action: 'created', after: { ...values } });
      return true;
    }
    const before = await repo.findTopic(trx, id);
    if (!before || !(await repo.updateTopic(trx, id, values, expected))) return false;
    await recordChange(trx, context, { entity: 'outreach_topic', entityId: id, action: 'updated', before: { kind: before.kind, title: before.title, active: before.active, position: before.position }, after: { ...values } });
    return true;
  });
}

export function createOutreachService(db: Db, files: FileStore) {
  const event = async (id: string) => {
    const row = await repo.findEvent(db, id);
    if (!row) throw NotFoundError();
    const [deputies, topics, photos, papers] = await Promise.all([repo.listEventDeputies(db, [id]), repo.listEventTopics(db, [id]), repo.listEventPhotos(db, [id]), repo.listEventFiles(db, [id])]);
    return { ...row, deputies, topics, photos, files: papers };
  };

  /** Checks what the database must answer: the deputies were members on the day; a deputy was there. */
  async function deputyProblems(actor: Actor, organizationId: string, input: EventInput, timeZone: string): Promise<FieldProblem[]> {
    const day = localDate(input.startsAt, timeZone);
    const members = await repo.membersOnDate(db, organizationId, input.deputyIds, day);
    if (members.length < input.deputyIds.length) return [{ field: 'deputies', messageKey: 'outreach.deputyNotMember', values: { date: day } }];
    if (onlyAsDeputy(actor, organizationId)) {
      const own = await repo.personOfAccount(db, actor.accountId);
      if (!own || !input.deputyIds.includes(own)) return [{ field: 'deputies', messageKey: 'outreach.deputyMustAttend' }];
    }
    return [];
  }



  const audited = (input: EventInput) => ({
    kind: input.kind,
    starts_at: input.startsAt.toISOString(),
    ends_at: input.endsAt?.toISOString() ?? null,
    settlement: input.settlement,
    address: input.address,
    audience: input.audience,
    public: input.public,
    deputies: input.deputyIds,
    topics: input.topicIds,
    tags: input.tags,
  });

  return {
    topics: (activeOnly = true) => repo.listTopics(db, { activeOnly }),

    /** A maslikhat by id as of today, with its region and zone; 404 when it is no maslikhat. */
    async maslikhat(id: string) {
      const [row] = await repo.listMaslikhats(db, [id], todayInKazakhstan());
      if (!row) throw NotFoundError();
      return { ...row, timeZone: row.timeZone ?? fallbackZone };
    },

    /** The maslikhats the actor may log events for (an admin: every one existing today). */
    async loggable(actor: Actor) {
      const rows = await repo.listMaslikhats(db, hasRole(actor, 'admin') ? 'all' : grantedOrganizations(actor), todayInKazakhstan());
      return rows.map((r) => ({ ...r, timeZone: r.timeZone ?? fallbackZone }));
    },

    /** Whether the actor has any maslikhat's events to see (the office home's link). */
    mayUseOffice: (actor: Actor) => seesAll(actor) || grantedOrganizations(actor).length > 0,

    regions: () => repo.listRegions(db, todayInKazakhstan()),

    /** The registry person of an account (a deputy's own), if linked. */
    ownPerson: (accountId: string) => repo.personOfAccount(db, accountId),

    maslikhatIdBySlug: (slug: string) => repo.findMaslikhatIdBySlug(db, slug),

    /** What the form offers for a maslikhat: its members around the day, the topics (and those already chosen), the districts. */
    async formChoices(maslikhat: { id: string; regionAreaId: string | null }, day: string, chosenTopicIds: readonly string[] = []) {
      const [members, topics, districts] = await Promise.all([
        repo.listMembers(db, maslikhat.id, shiftDays(day, -memberWindowDays), shiftDays(day, memberWindowDays)),
        repo.listTopics(db, { activeOnly: false }),
        maslikhat.regionAreaId ? repo.listDistricts(db, maslikhat.regionAreaId, todayInKazakhstan()) : Promise.resolve([]),
      ]);
      const deputies = [...new Map(members.map((m) => [m.personId, { id: m.personId, name: m.name }])).values()];
      return { deputies, topics: topics.filter((t) => t.active || chosenTopicIds.includes(t.id)), districts };
    },

    event,

    /** The office's list for the actor: their maslikhats' events, or every one's (optionally a region's) for the secretariat. */
    async list(actor: Actor, filter: { regionAreaId?: string | undefined; kind?: OutreachEventKind | undefined; from?: string | undefined; to?: string | undefined }, page: number) {
      return repo.listEvents(db, { organizationIds: seesAll(actor) ? null : grantedOrganizations(actor), ...filter }, pageWindow(page, officePageSize));
    },

    async create(actor: Actor, maslikhat: repo.MaslikhatRow, input: EventInput, context: ChangeContext): Promise<Outcome<string>> {
      const problems = await deputyProblems(actor, maslikhat.id, input, maslikhat.timeZone ?? fallbackZone);
      if (problems.length) return refused(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertEvent(trx, id, eventValues(maslikhat, input), actor.accountId);
        await repo.replaceDeputies(trx, id, input.deputyIds);
        await repo.replaceTopics(trx, id, input.topicIds);
        await recordChange(trx, context, { entity: 'outreach_event', entityId: id, action: 'created', after: { organization_id: maslikhat.id, ...audited(input) } });
      });
      return { ok: true, value: id };
    },

    /** Changes an event read at `version`; a deputy logging alone must still be among those present. */
    async update(actor: Actor, maslikhat: repo.MaslikhatRow, id: string, input: EventInput, version: number, context: ChangeContext): Promise<Outcome> {
      const problems = await deputyProblems(actor, maslikhat.id, input, maslikhat.timeZone ?? fallbackZone);
      if (problems.length) return refused(problems);
      const before = await event(id);
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await repo.updateEvent(trx, id, eventValues(maslikhat, input), version))) throw ConflictError();
          await repo.replaceDeputies(trx, id, input.deputyIds);
          await repo.replaceTopics(trx, id, input.topicIds);
          await recordChange(trx, context, {
            entity: 'outreach_event',
            entityId: id,
            action: 'updated',
            before: { kind: before.kind, starts_at: before.startsAt.toISOString(), settlement: before.settlement, public: before.public, deputies: before.deputies.map((d) => d.personId), topics: before.topics.map((t) => t.id) },
            after: audited(input),
          });
        });
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'conflict') return refused([{ field: 'kind', messageKey: 'outreach.conflict' }], true);
        throw error;
      }
      return { ok: true, value: undefined };
    },

    async remove(id: string, version: number, context: ChangeContext): Promise<boolean> {
      const before = await event(id);
      return db.transaction().execute(async (trx) => {
        if (!(await repo.deleteEvent(trx, id, version))) return false;
        await recordChange(trx, context, {
          entity: 'outreach_event',
          entityId: id,
          action: 'deleted',
          before: { organization_id: before.organizationId, kind: before.kind, starts_at: before.startsAt.toISOString(), settlement: before.settlement, public: before.public, photos: before.photos.length },
        });
        return true;
      });
    },

    /** Re-encodes and stores a photo (metadata dropped), then adds it with its alt text while the event is at `version`. */
    async addPhoto(id: string, bytes: Buffer, altText: string, version: number, context: ChangeContext): Promise<Outcome> {
      const current = await event(id);
      if (current.photos.length >= 6) return refused([{ field: 'photo', messageKey: 'outreach.photoLimit', values: { limit: 6 } }]);
      const photo = await normalisePhoto(bytes);
      if (!photo.ok) return refused([{ field: 'photo', messageKey: photoProblemKeys[photo.problem] }]);
      const fileName = await files.put(photo.bytes, photo.extension);
      const photoId = newId();
      const position = Math.max(0, ...current.photos.map((p) => p.position)) + 1;
      const done = await db.transaction().execute(async (trx) => {
        if (!(await repo.touchEvent(trx, id, version))) return false;
        await repo.insertPhoto(trx, { id: photoId, eventId: id, position, fileName, altText });
        await recordChange(trx, context, { entity: 'outreach_event', entityId: id, action: 'photo_added', after: { photo_id: photoId, file_name: fileName, alt_text: altText } });
        return true;
      });
      return done ? { ok: true, value: undefined } : refused([{ field: 'photo', messageKey: 'outreach.conflict' }], true);
    },

    async removePhoto(id: string, photoId: string, version: number, context: ChangeContext): Promise<'done' | 'conflict' | 'missing'> {
      return db.transaction().execute(async (trx) => {
        if (!(await repo.touchEvent(trx, id, version))) return 'conflict';
        if (!(await repo.deletePhoto(trx, id, photoId))) throw NotFoundError();
        await recordChange(trx, context, { entity: 'outreach_event', entityId: id, action: 'photo_removed', before: { photo_id: photoId } });
        return 'done';
      });
    },

    /** Keeps a paper (stored by its content) with the event while it is at `version`, audited; at most `maxFilesPerEvent`. */
    async addFile(id: string, file: { data: Buffer; kind: AttachmentKind; originalName: string }, version: number, context: ChangeContext): Promise<Outcome> {
      const current = await event(id);
      if (current.files.length >= maxFilesPerEvent) return refused([{ field: 'file', messageKey: 'outreach.fileLimit', values: { limit: maxFilesPerEvent } }]);
      const fileName = await files.put(file.data, file.kind.extension);
      const fileId = newId();
      const done = await db.transaction().execute(async (trx) => {
        if (!(await repo.touchEvent(trx, id, version))) return false;
        await repo.insertEventFile(trx, { id: fileId, eventId: id, fileName, originalName: file.originalName, contentType: file.kind.contentType, sizeBytes: file.data.length, createdBy: context.actorAccountId });
        await recordChange(trx, context, { entity: 'outreach_event', entityId: id, action: 'file_added', after: { file_id: fileId, file_name: fileName, original_name: file.originalName } });
        return true;
      });
      return done ? { ok: true, value: undefined } : refused([{ field: 'file', messageKey: 'outreach.conflict' }], true);
    },

    async removeFile(id: string, fileId: string, version: number, context: ChangeContext): Promise<'done' | 'conflict'> {
      return db.transaction().execute(async (trx) => {
        if (!(await repo.touchEvent(trx, id, version))) return 'conflict';
        if (!(await repo.deleteEventFile(trx, id, fileId))) throw NotFoundError();
        await recordChange(trx, context, { entity: 'outreach_event', entityId: id, action: 'file_removed', before: { file_id: fileId } });
        return 'done';
      });
    },

    /** Who may see a stored photo: anyone for a public event's, else those who see the maslikhat's events. */
    photoOwner: (fileName: string) => repo.findPhotoByFile(db, fileName),
  };
}

export type OutreachService = ReturnType<typeof createOutreachService>;

/** The public side: public events only. */
export function createPublicOutreachService(db: Db) {
  async function withPeople<T extends { id: string }>(rows: T[]) {
    const ids = rows.map((r) => r.id);
    const [deputies, topics] = await Promise.all([repo.listEventDeputies(db, ids), repo.listEventTopics(db, ids)]);
    const deputiesOf = Map.groupBy(deputies, (d) => d.eventId);
    const topicsOf = Map.groupBy(topics, (t) => t.eventId);
    return rows.map((r) => ({ ...r, deputies: deputiesOf.get(r.id) ?? [], topics: topicsOf.get(r.id) ?? [] }));
  }

  return {
    regions: () => repo.listRegions(db, todayInKazakhstan()),
    areaIdByKato: (kato: string) => repo.findAreaIdByKato(db, kato),

    /** Public receptions and meetings with voters from now on, soonest first (a region's, or all). */
    async ahead(regionAreaId: string | undefined, page: number, now: Date, pageSize = publicPageSize) {
      const result = await repo.listPublicEvents(db, { regionAreaId, kinds: receptionKinds, after: now, order: 'asc' }, pageWindow(page, pageSize));
      return { ...result, rows: await withPeople(result.rows) };
    },

    /** The open data: public events, newest first, filtered by region, local days and topic. */
    async openData(filter: { regionAreaId?: string | undefined; from?: string | undefined; to?: string | undefined; topicId?: string | undefined }, page: number, perPage: number) {
      const result = await repo.listPublicEvents(db, { ...filter, order: 'desc' }, pageWindow(page, perPage));
      return { ...result, rows: await withPeople(result.rows) };
    },

    pastOf: (organizationId: string, now: Date, limit: number) => repo.listPastPublicEventsOf(db, organizationId, now, limit),

    /** The first few public receptions and meetings with voters from now on, in every region, soonest first (the home page). */
    soonest: (now: Date, limit: number) => repo.listFirstPublicEvents(db, { kinds: receptionKinds, after: now, order: 'asc' }, limit),

    /** A public event with its deputies, topics and photos; any other is not found. */
    async event(id: string) {
      const row = await repo.findEvent(db, id);
      if (!row?.public) throw NotFoundError();
      const [deputies, topics, photos] = await Promise.all([repo.listEventDeputies(db, [id]), repo.listEventTopics(db, [id]), repo.listEventPhotos(db, [id])]);
      return { ...row, deputies, topics, photos };
    },
  };
}

export type PublicOutreachService = ReturnType<typeof createPublicOutreachService>;
