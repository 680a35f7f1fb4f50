// Scheduling and running the Council's meetings (the secretariat), and maslikhats' answers to
// invitations. Status moves only along the allowed transitions; every change is audited.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { AttentionProvider } from '../../core/attention.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Db } from '../../core/db/connect.js';
import type { MeetingStatus } from '../../core/db/database.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import * as repo from './meetings.repository.js';
import { bumpLiveSequence } from './live.repository.js';
import { listKeptMinutes } from './minutes.repository.js';
import type { LiveHub } from '../../core/live.js';

export const liveTopic = (meetingId: string) => `meeting:${meetingId}`;

export type StatusAction = 'announce' | 'start' | 'hold' | 'postpone' | 'cancel' | 'reschedule';

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
  return (Object.keys(transitions) as StatusAction[]).filter((a) => transitions[a].from.includes(status));
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
      const [agenda, invitations, changes, minutes] = await Promise.all([repo.listAgenda(db, id), repo.listInvitations(db, id), repo.listAgendaChanges(db, id), listKeptMinutes(db, id)]);
      return { ...m, agenda, invitations, changes, minutes };
    },

    async schedule(input: Omit<repo.NewMeeting, 'id'>, context: ChangeContext): Promise<string> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertMeeting(trx, { ...input, id });
        await recordChange(trx, context, { entity: 'meeting', entityId: id, action: 'scheduled', after: { ...input, starts_at: input.starts_at.toISOString() } });
      });
      return id;
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

    /** Adds an agenda item; once the meeting is announced, the change is recorded for invitees to see. */
    async addAgendaItem(meetingId: string, organizationId: string, item: { title: LocalizedText; minutesAllotted: number | null; isMain: boolean }, context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!['draft', 'announced', 'postponed'].includes(m.status)) throw new TransitionError('not_allowed');
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertAgendaItem(trx, { id, meeting_id: meetingId, title: item.title, minutes_allotted: item.minutesAllotted, is_main: item.isMain });
        if (m.status !== 'draft') {
          await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: prefixed('+ ', item.title) });
        }
        await recordChange(trx, context, { entity: 'agenda_item', entityId: id, action: 'created', after: { meeting_id: meetingId, title: item.title, minutes_allotted: item.minutesAllotted, is_main: item.isMain } });
      });
    },

    async removeAgendaItem(meetingId: string, organizationId: string, itemId: string, context: ChangeContext) {
      const m = await this.meeting(meetingId, organizationId);
      if (!['draft', 'announced', 'postponed'].includes(m.status)) throw new TransitionError('not_allowed');
      await db.transaction().execute(async (trx) => {
        const removed = await repo.deleteAgendaItem(trx, meetingId, itemId);
        if (!removed) throw NotFoundError();
        const title = removed.title as LocalizedText;
        if (m.status !== 'draft') await repo.insertAgendaChange(trx, { id: newId(), meeting_id: meetingId, changed_by: context.actorAccountId, summary: prefixed('− ', title) });
        await recordChange(trx, context, { entity: 'agenda_item', entityId: itemId, action: 'removed', before: { meeting_id: meetingId, title } });
      });
    },

    async invite(meetingId: string, organizationId: string, organizationIds: string[], context: ChangeContext): Promise<number> {
      await this.meeting(meetingId, organizationId);
      return db.transaction().execute(async (trx) => {
        const added = await repo.inviteOrganizations(trx, meetingId, organizationIds.map((o) => ({ id: newId(), organizationId: o })));
        await recordChange(trx, context, { entity: 'meeting', entityId: meetingId, action: 'invited', after: { organizations: organizationIds.length, added } });
        return added;
      });
    },

    invitationsFor: (organizationIds: string[]) => repo.listInvitationsFor(db, organizationIds),

    async invitation(id: string) {
      const invitation = await repo.findInvitation(db, id);
      if (!invitation?.organizationId) throw NotFoundError();
      return invitation as typeof invitation & { organizationId: string };
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

function prefixed(prefix: string, text: LocalizedText): LocalizedText {
  return Object.fromEntries(Object.entries(text).map(([k, v]) => [k, `${prefix}${v}`])) as LocalizedText;
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
