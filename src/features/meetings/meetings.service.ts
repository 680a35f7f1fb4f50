// Scheduling and running the Council's meetings (the secretariat), and maslikhats' answers to
// invitations. Status moves only along the allowed transitions; every change is audited.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { AttentionProvider } from '../../core/attention.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Db } from '../../core/db/connect.js';
import type { MeetingStatus, PaperContentType, QuorumRule } from '../../core/db/database.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { formatDateTime, localize } from '../../core/i18n/format.js';
import type { LocalizedText, StoredLanguage } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import * as repo from './meetings.repository.js';
import { listAgendaItems } from './public.repository.js';
import { bumpLiveSequence } from './live.repository.js';
import { listKeptMinutes } from './minutes.repository.js';
import { findChair } from './public.repository.js';
import type { LiveHub } from '../../core/live.js';

export const liveTopic = (meetingId: string) => `meeting:${meetingId}`;

/** What the secretariat may do to a meeting's status, in the order the page offers them. */
export const statusActions = ['announce', 'start', 'hold', 'postpone', 'reschedule', 'cancel'] as const;
export type StatusAction = (typeof statusActions)[number];

/** From which statuses each action may be taken, and where it leads. */
export const transitions: Record<StatusAction, { from: MeetingStatus[]; to: MeetingStatus; needsReason: boolean }> = {
  announce: { from: ['draft'], to: 'announced', needsReason: false },
  start: { from: ['announced'], to: 'in_progress', needsReason: false },
  hold: { from: ['in_progress'], to: 'held', needsReason: false },
  postpone: { from: ['announced'], to: 'postponed', needsReason: true },
  reschedule: { from: ['postponed'], to: 'announced', needsReason: false },
  cancel: { from: ['draft', 'announced', 'postponed'], to: 'cancelled', needsReason: true },
};

export function allowedActions(status: MeetingStatus): StatusAction[] {
  return statusActions.filter((a) => transitions[a].from.includes(status));
}

/** What may still change in each status: the details (when, where, how) and the agenda with its
 *  speakers until the meeting starts; the chair and quorum rule until it is held; papers until the
 *  minutes are approved. */
const agendaStatuses: MeetingStatus[] = ['draft', 'announced', 'postponed'];
const chairStatuses: MeetingStatus[] = ['draft', 'announced', 'postponed', 'in_progress'];
const paperStatuses: MeetingStatus[] = ['draft', 'announced', 'postponed', 'in_progress', 'held'];

export function editableParts(status: MeetingStatus): { details: boolean; agenda: boolean; chair: boolean; papers: boolean } {
  return { details: agendaStatuses.includes(status), agenda: agendaStatuses.includes(status), chair: chairStatuses.includes(status), papers: paperStatuses.includes(status) };
}

export class TransitionError extends Error {
  constructor(readonly reason: 'not_allowed' | 'reason_missing' | 'agenda_empty') {
    super(reason);
  }
}

/** With a live hub, status changes also reach the live sitting's screens. */
export function createMeetingsService(db: Db, live?: LiveHub) {
  return {
    list: (organizationId: string) => repo.listMeetings(db, organizationId),

    async meeting(id: string, organizationId: string) {
      const m = await repo.findMeeting(db, id);
      if (!m || m.organization_id !== organizationId) throw NotFoundError();
      const [agenda, speakers, papers, invitations, changes, minutes, chair] = await Promise.all([
        listAgendaItems(db, id),
        repo.listSpeakers(db, id),
        repo.listPapers(db, [id]),
        repo.listInvitations(db, id),
        repo.listAgendaChanges(db, id),
        listKeptMinutes(db, id),
        findChair(db, id),
      ]);
      return { ...m, agenda: documentOrder(agenda), speakers, papers, invitations, changes, minutes, chair: chair ?? null };
    },

    async schedule(input: Omit<repo.NewMeeting, 'id'>, context: ChangeContext): Promise<string> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertMeeting(trx, { ...input, id });
        await recordChange(trx, context, { entity: 'meeting', entityId: id, action: 'scheduled', after: { ...input, starts_at: input.starts_at.toISOString() } });
      });
      return id;
    },

    /**
     * Changes what the scheduling form set, until the meeting starts; a stale form (the meeting changed
     * since) is a conflict, and a form sent back unchanged changes nothing. Once invitees know of the
     * meeting, each change that matters to them (when, where, how, the link) is recorded for them.
     */
    async updateDetails(id: string, organizationId: string, details: repo.MeetingDetails, version: number, context: ChangeContext) {
      const m = await this.meeting(id, organizationId);
      if (!editableParts(m.status).details) throw new TransitionError('not_allowed');
      const before: repo.MeetingDetails = { kind: m.kind, number: m.number, title: m.title, starts_at: m.starts_at, place: m.place, format: m.format, video_url: m.video_url };
      if (sameDetails(before, details)) return;
      const changes = m.status === 'draft' ? [] : trackedDetailChanges(before, details, m.time_zone);
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateMeetingDetails(trx, id, version, details);
        if (!ok) throw ConflictError();
        for (const summary of changes) await repo.insertAgendaChange(trx, { id: newId(), meeting_id: id, changed_by: context.actorAccountId, summary });
        await recordChange(trx, context, { entity: 'meeting', entityId: id, action: 'details_changed', before: auditedDetails(before), after: auditedDetails(details) });
      });
    },

    async changeStatus(id: string, organizationId: string, action: StatusAction, reason: LocalizedText | null, version: number, context: ChangeContext) {
      const m = await this.meeting(id, organizationId);
      const rule = transitions[action];
      if (!rule.from.includes(m.status)) throw new TransitionError('not_allowed');
      if (rule.needsReason && !reason) throw new TransitionError('reason_missing');
      if (action === 'announce' && m.agenda.length === 0) throw new TransitionError('agenda_empty');
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateMeetingStatus(trx, id, version, { status: rule.to, status_reason: rule.needsReason ? reason : null, ...(action === 'announce' ? { announced_at: new Date() } : {}) });
        if (!ok) throw ConflictError();
        await recordChange(trx, context, { entity: 'meeting', entityId: id, action: `status_${action}`, before: { status: m.status }, after: { status: rule.to, reason } });
        if (live) await live.publish(trx, liveTopic(id), String(await bumpLiveSequence(trx, id)));
      });
    },

    /** Adds an item, or a sub-item at the end of its item's; once the meeting is announced, the change is recorded for invitees to see. */
    async addAgendaItem(meetingId: string, organizationId: string, item: { title: LocalizedText; minutesAllotted: number | null; isMain: boolean; parentId?: string | null }, context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!agendaStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.lockMeeting(trx, meetingId);
        const parentId = item.parentId ?? null;
        if (parentId && !(await listAgendaItems(trx, meetingId)).some((i) => i.id === parentId && i.parentId === null)) throw NotFoundError();
        await repo.insertAgendaItem(trx, { id, meeting_id: meetingId, parent_id: parentId, title: item.title, minutes_allotted: item.minutesAllotted, is_main: item.isMain });
        await renumber(trx, meetingId);
        if (m.status !== 'draft') {
          await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: prefixed('+ ', item.title) });
        }
        await recordChange(trx, context, { entity: 'agenda_item', entityId: id, action: 'created', after: { meeting_id: meetingId, parent_id: parentId, title: item.title, minutes_allotted: item.minutesAllotted, is_main: item.isMain } });
      });
      return id;
    },

    async removeAgendaItem(meetingId: string, organizationId: string, itemId: string, context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!agendaStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      await db.transaction().execute(async (trx) => {
        await repo.lockMeeting(trx, meetingId);
        const removed = await repo.deleteAgendaItem(trx, meetingId, itemId);
        if (!removed) throw NotFoundError();
        await renumber(trx, meetingId);
        const title = removed.title;
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: prefixed('− ', title) });
        await recordChange(trx, context, { entity: 'agenda_item', entityId: itemId, action: 'removed', before: { meeting_id: meetingId, title } });
      });
    },

    /** Moves an item one place up or down among its siblings (its sub-items go with it); at either end nothing changes. */
    async moveAgendaItem(meetingId: string, organizationId: string, itemId: string, direction: 'up' | 'down', context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!agendaStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      await db.transaction().execute(async (trx) => {
        await repo.lockMeeting(trx, meetingId);
        const items = await listAgendaItems(trx, meetingId);
        const item = items.find((i) => i.id === itemId);
        if (!item) throw NotFoundError();
        const siblings = documentOrder(items).filter((i) => i.parentId === item.parentId);
        const other = siblings[siblings.indexOf(item) + (direction === 'up' ? -1 : 1)];
        if (!other) return;
        const swapped = items.map((i) => (i === item ? { ...i, position: other.position } : i === other ? { ...i, position: item.position } : i));
        const current = new Map(items.map((i) => [i.id, i.position]));
        await repo.setAgendaPositions(trx, meetingId, documentOrder(swapped).map((i) => ({ id: i.id, position: current.get(i.id) ?? i.position })));
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: summaryOf(direction === 'up' ? 'agendaEdit.changeMovedUp' : 'agendaEdit.changeMovedDown', (lang) => ({ title: localize(lang, item.title).text })) });
        await recordChange(trx, context, { entity: 'agenda_item', entityId: itemId, action: `moved_${direction}`, before: { position: item.position }, after: { swapped_with: other.id } });
      });
    },

    async agendaItem(meetingId: string, organizationId: string, itemId: string) {
      const m = await this.meeting(meetingId, organizationId);
      const item = m.agenda.find((i) => i.id === itemId);
      if (!item) throw NotFoundError();
      return { meeting: m, item };
    },

    /** Changes an item's wording, time and weight; a stale form (the item changed since) is a conflict. */
    async editAgendaItem(
      meetingId: string,
      organizationId: string,
      itemId: string,
      values: { title: LocalizedText; description: LocalizedText | null; minutesAllotted: number | null; isMain: boolean },
      version: number,
      context: ChangeContext,
    ) {
      const { meeting: m, item } = await this.agendaItem(meetingId, organizationId, itemId);
      if (!agendaStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateAgendaItem(trx, meetingId, itemId, version, { title: values.title, description: values.description, minutes_allotted: values.minutesAllotted, is_main: values.isMain });
        if (!ok) throw ConflictError();
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: summaryOf('agendaEdit.changeEdited', (lang) => ({ title: localize(lang, values.title).text })) });
        await recordChange(trx, context, {
          entity: 'agenda_item',
          entityId: itemId,
          action: 'updated',
          before: { title: item.title, description: item.description, minutes_allotted: item.minutesAllotted, is_main: item.isMain },
          after: { title: values.title, description: values.description, minutes_allotted: values.minutesAllotted, is_main: values.isMain },
        });
      });
    },

    /** Adds a rapporteur or co-speaker to an item; a person speaks once under an item. */
    async addSpeaker(meetingId: string, organizationId: string, itemId: string, speaker: { personId: string; role: 'rapporteur' | 'co_speaker'; label: LocalizedText | null }, context: ChangeContext) {
      const { meeting: m, item } = await this.agendaItem(meetingId, organizationId, itemId);
      if (!agendaStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.lockMeeting(trx, meetingId);
        if ((await repo.listSpeakers(trx, meetingId)).some((s) => s.agendaItemId === itemId && s.personId === speaker.personId)) throw ConflictError();
        await repo.insertSpeaker(trx, { id, agenda_item_id: itemId, person_id: speaker.personId, role: speaker.role, label: speaker.label });
        const added = (await repo.listSpeakers(trx, meetingId)).find((s) => s.id === id);
        if (!added) throw NotFoundError();
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: speakerSummary('agendaEdit.changeSpeakerAdded', speaker.role, item.title, added.personName) });
        await recordChange(trx, context, { entity: 'agenda_speaker', entityId: id, action: 'created', after: { agenda_item_id: itemId, person_id: speaker.personId, role: speaker.role, label: speaker.label } });
      });
    },

    async removeSpeaker(meetingId: string, organizationId: string, speakerId: string, context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!agendaStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      const speaker = m.speakers.find((s) => s.id === speakerId);
      if (!speaker) throw NotFoundError();
      const item = m.agenda.find((i) => i.id === speaker.agendaItemId);
      if (!item) throw NotFoundError();
      await db.transaction().execute(async (trx) => {
        const removed = await repo.deleteSpeaker(trx, meetingId, speakerId);
        if (!removed) throw NotFoundError();
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: speakerSummary('agendaEdit.changeSpeakerRemoved', speaker.role, item.title, speaker.personName) });
        await recordChange(trx, context, { entity: 'agenda_speaker', entityId: speakerId, action: 'removed', before: { agenda_item_id: speaker.agendaItemId, person_id: speaker.personId, role: speaker.role, label: speaker.label } });
      });
    },

    /** Records a paper whose bytes are already in the file store (under fileHash). */
    async addPaper(
      meetingId: string,
      organizationId: string,
      paper: { agendaItemId: string | null; title: LocalizedText; fileName: string; fileHash: string; contentType: PaperContentType; byteSize: number },
      context: ChangeContext,
    ) {
      const m = await this.meeting(meetingId, organizationId);
      if (!paperStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      const item = paper.agendaItemId ? m.agenda.find((i) => i.id === paper.agendaItemId) : undefined;
      if (paper.agendaItemId && !item) throw NotFoundError();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertPaper(trx, {
          id,
          meeting_id: meetingId,
          agenda_item_id: paper.agendaItemId,
          title: paper.title,
          file_name: paper.fileName,
          file_hash: paper.fileHash,
          content_type: paper.contentType,
          byte_size: paper.byteSize,
          created_by: context.actorAccountId,
        });
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: paperSummary('agendaEdit.changePaperAdded', paper.title, item?.title) });
        await recordChange(trx, context, { entity: 'meeting_paper', entityId: id, action: 'created', after: { meeting_id: meetingId, agenda_item_id: paper.agendaItemId, title: paper.title, file_name: paper.fileName, file_hash: paper.fileHash, content_type: paper.contentType, byte_size: paper.byteSize } });
      });
      return id;
    },

    async removePaper(meetingId: string, organizationId: string, paperId: string, context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!paperStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      await db.transaction().execute(async (trx) => {
        const removed = await repo.deletePaper(trx, meetingId, paperId);
        if (!removed) throw NotFoundError();
        const item = removed.agendaItemId ? m.agenda.find((i) => i.id === removed.agendaItemId) : undefined;
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: paperSummary('agendaEdit.changePaperRemoved', removed.title, item?.title) });
        await recordChange(trx, context, { entity: 'meeting_paper', entityId: paperId, action: 'removed', before: { meeting_id: meetingId, agenda_item_id: removed.agendaItemId, title: removed.title, file_name: removed.fileName, file_hash: removed.fileHash } });
      });
    },

    /** A paper with what deciding who may download it needs: the meeting's status and the invited organisations. */
    async paperWithAudience(meetingId: string, organizationId: string, paperId: string) {
      const m = await repo.findMeeting(db, meetingId);
      if (!m || m.organization_id !== organizationId) throw NotFoundError();
      const [paper, invitations] = await Promise.all([repo.findPaper(db, meetingId, paperId), repo.listInvitations(db, meetingId)]);
      if (!paper) throw NotFoundError();
      return { paper, status: m.status, invitedOrganizationIds: invitations.map((i) => i.organizationId).filter((x): x is string => !!x) };
    },

    /** Sets who chairs the meeting and which quorum rule applies; a stale form (the meeting changed since) is a conflict. */
    async setChairAndQuorum(meetingId: string, organizationId: string, values: { chairPersonId: string | null; quorumRule: QuorumRule }, version: number, context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!chairStatuses.includes(m.status)) throw new TransitionError('not_allowed');
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateChairAndQuorum(trx, meetingId, version, { chair_person_id: values.chairPersonId, quorum_rule: values.quorumRule });
        if (!ok) throw ConflictError();
        await recordChange(trx, context, {
          entity: 'meeting',
          entityId: meetingId,
          action: 'chair_and_quorum',
          before: { chair_person_id: m.chair_person_id, quorum_rule: m.quorum_rule },
          after: { chair_person_id: values.chairPersonId, quorum_rule: values.quorumRule },
        });
        // The live sitting shows the quorum: its screens refresh.
        if (live) await live.publish(trx, liveTopic(meetingId), String(await bumpLiveSequence(trx, meetingId)));
      });
    },

    /** The Council's representatives of collective members on a date (candidates to speak). */
    councilRepresentatives: (councilId: string, date: string) => repo.listCouncilRepresentatives(db, councilId, date),

    /** What invitees read ahead of each meeting: the agenda with speakers, the papers, the changes since the announcement. */
    async invitationPackets(meetingIds: string[]) {
      const unique = [...new Set(meetingIds)];
      const [papers, packets] = await Promise.all([
        repo.listPapers(db, unique),
        Promise.all(unique.map(async (id) => ({ id, agenda: await listAgendaItems(db, id), speakers: await repo.listSpeakers(db, id), changes: await repo.listAgendaChanges(db, id) }))),
      ]);
      return new Map(packets.map((p) => [p.id, { ...p, papers: papers.filter((paper) => paper.meetingId === p.id) }]));
    },

    async invite(meetingId: string, organizationId: string, organizationIds: string[], context: ChangeContext): Promise<number> {
      await this.meeting(meetingId, organizationId);
      return db.transaction().execute(async (trx) => {
        const added = await repo.inviteOrganizations(trx, meetingId, organizationIds.map((o) => ({ id: newId(), organizationId: o })));
        await recordChange(trx, context, { entity: 'meeting', entityId: meetingId, action: 'invited', after: { organizations: organizationIds.length, added } });
        return added;
      });
    },

    /** Invites the Council's members (people) on top of the organisations. */
    async invitePeople(meetingId: string, organizationId: string, personIds: string[], context: ChangeContext): Promise<number> {
      await this.meeting(meetingId, organizationId);
      return db.transaction().execute(async (trx) => {
        const added = await repo.invitePersons(trx, meetingId, personIds.map((p) => ({ id: newId(), personId: p })));
        await recordChange(trx, context, { entity: 'meeting', entityId: meetingId, action: 'invited', after: { persons: personIds.length, added } });
        return added;
      });
    },

    invitationsFor: (organizationIds: string[]) => repo.listInvitationsFor(db, organizationIds),

    async invitation(id: string) {
      const invitation = await repo.findInvitation(db, id);
      if (!invitation?.organizationId) throw NotFoundError();
      return { ...invitation, organizationId: invitation.organizationId };
    },

    async respond(id: string, answer: { status: 'confirmed' | 'declined'; mode: 'room' | 'video' | null; attendees: string | null }, version: number, context: ChangeContext & { actorAccountId: string }) {
      const before = await this.invitation(id);
      await db.transaction().execute(async (trx) => {
        const ok = await repo.respondToInvitation(trx, id, version, { status: answer.status, attendance_mode: answer.status === 'confirmed' ? answer.mode : null, attendees: answer.attendees, responded_by: context.actorAccountId });
        if (!ok) throw ConflictError();
        await recordChange(trx, context, { entity: 'meeting_invitation', entityId: id, action: 'answered', before: { status: before.status }, after: { status: answer.status, mode: answer.mode, attendees: answer.attendees } });
      });
    },
  };
}

/** Items in document order: each item, then its sub-items, siblings by position. */
export function documentOrder<T extends { id: string; parentId: string | null; position: number }>(items: T[]): T[] {
  const sorted = items.toSorted((a, b) => a.position - b.position);
  const ids = new Set(items.map((i) => i.id));
  const under = (parentId: string | null): T[] => sorted.filter((i) => (parentId === null ? i.parentId === null || !ids.has(i.parentId) : i.parentId === parentId)).flatMap((i) => [i, ...under(i.id)]);
  return under(null);
}

/** Positions stay 1, 2, 3… in document order, so every reader that sorts by position reads the agenda right. */
async function renumber(trx: Parameters<typeof listAgendaItems>[0], meetingId: string) {
  await repo.setAgendaPositions(trx, meetingId, documentOrder(await listAgendaItems(trx, meetingId)));
}

const storedLanguages: StoredLanguage[] = ['kk', 'ru', 'en'];

/** A tracked change's summary in each language, from a message. */
function summaryOf(key: MessageKey, values: (lang: StoredLanguage) => MessageValues): LocalizedText {
  return { kk: translate('kk', key, values('kk')), ru: translate('ru', key, values('ru')), en: translate('en', key, values('en')) };
}

function speakerSummary(key: MessageKey, role: 'rapporteur' | 'co_speaker', item: LocalizedText, person: LocalizedText): LocalizedText {
  return summaryOf(key, (lang) => ({ role, item: localize(lang, item).text, name: localize(lang, person).text }));
}

function paperSummary(key: MessageKey, title: LocalizedText, item: LocalizedText | undefined): LocalizedText {
  return summaryOf(key, (lang) => ({ title: localize(lang, title).text, item: item ? localize(lang, item).text : '', forItem: item ? 'yes' : 'no' }));
}

const sameText = (a: LocalizedText | null, b: LocalizedText | null) => storedLanguages.every((lang) => (a?.[lang] ?? '') === (b?.[lang] ?? ''));

function sameDetails(a: repo.MeetingDetails, b: repo.MeetingDetails): boolean {
  return (
    a.kind === b.kind &&
    a.number === b.number &&
    sameText(a.title, b.title) &&
    a.starts_at.getTime() === b.starts_at.getTime() &&
    sameText(a.place, b.place) &&
    a.format === b.format &&
    a.video_url === b.video_url
  );
}

const auditedDetails = (d: repo.MeetingDetails) => ({ ...d, starts_at: d.starts_at.toISOString() });

/** The changes invitees are told of, each in every language: when (in the meeting's zone), where, how, and the video link. */
function trackedDetailChanges(before: repo.MeetingDetails, after: repo.MeetingDetails, timeZone: string): LocalizedText[] {
  const place = (lang: StoredLanguage, text: LocalizedText | null) => localize(lang, text).text || '—';
  const changes: LocalizedText[] = [];
  if (before.starts_at.getTime() !== after.starts_at.getTime()) {
    changes.push(summaryOf('meetingEdit.changeWhen', (lang) => ({ from: formatDateTime(lang, before.starts_at, timeZone), to: formatDateTime(lang, after.starts_at, timeZone) })));
  }
  if (!sameText(before.place, after.place)) changes.push(summaryOf('meetingEdit.changePlace', (lang) => ({ from: place(lang, before.place), to: place(lang, after.place) })));
  if (before.format !== after.format) {
    changes.push(summaryOf('meetingEdit.changeFormat', (lang) => ({ from: translate(lang, `meetings.format.${before.format}`), to: translate(lang, `meetings.format.${after.format}`) })));
  }
  if (before.video_url !== after.video_url) changes.push(summaryOf('meetingEdit.changeVideoUrl', () => ({ url: after.video_url ?? '', removed: after.video_url ? 'no' : 'yes' })));
  return changes;
}

function prefixed(prefix: string, text: LocalizedText): LocalizedText {
  const withPrefix: LocalizedText = {};
  for (const lang of storedLanguages) {
    const words = text[lang];
    if (words !== undefined) withPrefix[lang] = `${prefix}${words}`;
  }
  return withPrefix;
}

/** Organisations whose invitations this person answers: the maslikhats their staff grants cover. */
export function answerableOrganizations(actor: Actor): string[] {
  return [...new Set(actor.grants.filter((g) => g.role === 'maslikhat_staff').flatMap((g) => g.scope))];
}

/** A maslikhat's staff see the invitations they have not answered. */
export function invitationAttention(db: Db): AttentionProvider {
  return async (actor) => {
    const organizations = answerableOrganizations(actor);
    if (!organizations.length) return [];
    const open = (await repo.listInvitationsFor(db, organizations)).filter((i) => i.status === 'invited');
    return open.length ? [{ messageKey: 'attention.meetingInvitations', values: { count: open.length }, href: '/office/invitations' }] : [];
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
