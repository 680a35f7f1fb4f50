// Meeting reminders: the meetings coming up, who is to be reminded, and the record of what was sent.
import { coversDate } from '../../core/db/dated.js';
import type { Executor } from '../../core/db/query.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export type ReminderKind = 'day_before' | 'hour_before';

export interface UpcomingMeetingRow {
  id: string;
  kind: 'regular' | 'extraordinary' | 'field';
  number: number | null;
  title: LocalizedText | null;
  startsAt: Date;
  timeZone: string;
  place: LocalizedText | null;
  format: 'in_person' | 'online' | 'hybrid';
  videoUrl: string | null;
}

/** Announced meetings that start after `from` and no later than `to`, soonest first. */
export async function listAnnouncedMeetingsStarting(db: Executor, from: Date, to: Date): Promise<UpcomingMeetingRow[]> {
  return db
    .selectFrom('meeting')
    .select(['id', 'kind', 'number', 'title', 'starts_at as startsAt', 'time_zone as timeZone', 'place', 'format', 'video_url as videoUrl'])
    .where('status', '=', 'announced')
    .where('starts_at', '>', from)
    .where('starts_at', '<=', to)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export interface ReminderRecipientRow {
  accountId: string;
  email: string;
  displayName: string;
  language: Language;
  /**
   * Why the account is told: it works for an invited maslikhat, or it belongs to a person invited in
   * their own right (a Council member). An account that is both is told once, as maslikhat staff.
   */
  invitedAs: 'maslikhat' | 'person';
}

/**
 * Active accounts to tell about a meeting, each once:
 * - with a maslikhat_staff grant, valid on `today`, whose scope covers an organisation invited to the
 *   meeting that has not declined. A grant covers its organisation and everything under it (as the
 *   session's grants do), so this walks up from each invited organisation to its ancestors;
 * - linked to a registry person (account.person_id) invited to the meeting who has not declined.
 */
export async function listReminderRecipients(db: Executor, meetingId: string, today: string): Promise<ReminderRecipientRow[]> {
  const rows = await db
    .withRecursive('covered(organization_id)', (qb) =>
      qb
        .selectFrom('meeting_invitation as i')
        .select('i.organization_id')
        .where('i.meeting_id', '=', meetingId)
        .where('i.organization_id', 'is not', null)
        .where('i.status', '<>', 'declined')
        .union((eb) => eb.selectFrom('organization as o').innerJoin('covered as c', 'o.id', 'c.organization_id').select('o.parent_id as organization_id').where('o.parent_id', 'is not', null)),
    )
    .with('told', (qb) =>
      qb
        .selectFrom('account as a')
        .select((eb) => [
          'a.id',
          'a.email',
          'a.display_name',
          'a.preferred_language',
          eb
            .exists(
              eb
                .selectFrom('role_grant as g')
                .select('g.id')
                .whereRef('g.account_id', '=', 'a.id')
                .where('g.role', '=', 'maslikhat_staff')
                .where('g.revoked_at', 'is', null)
                .where(coversDate('g.valid_from', 'g.valid_to', today))
                .where('g.organization_id', 'in', eb.selectFrom('covered').select('covered.organization_id')),
            )
            .as('staff'),
          eb
            .exists(
              eb
                .selectFrom('meeting_invitation as i')
                .select('i.id')
                .where('i.meeting_id', '=', meetingId)
                .whereRef('i.person_id', '=', 'a.person_id')
                .where('i.status', '<>', 'declined'),
            )
            .as('invitedPerson'),
        ])
        .where('a.is_active', '=', true),
    )
    .selectFrom('told')
    .select(['id', 'email', 'display_name', 'preferred_language', 'staff'])
    .where((eb) => eb.or([eb('staff', '=', true), eb('invitedPerson', '=', true)]))
    .orderBy('email')
    .execute();
  return rows.map((r) => ({ accountId: r.id, email: r.email, displayName: r.display_name, language: r.preferred_language, invitedAs: r.staff ? 'maslikhat' : 'person' }));
}

/**
 * Claims the reminder before anything is sent: true for exactly one caller, however many instances
 * ask at once (the primary key decides). A reminder already recorded is claimed again only when it
 * was sent before `staleBefore` — for an earlier date of a meeting that has since been rescheduled.
 */
export async function claimReminder(db: Executor, claim: { meetingId: string; kind: ReminderKind; at: Date; staleBefore: Date }): Promise<boolean> {
  // On a conflict PostgreSQL locks the row and re-reads it, so of two callers at once the second
  // sees the first's sent_at and gets no row back.
  const rows = await db
    .insertInto('meeting_reminder')
    .values({ meeting_id: claim.meetingId, kind: claim.kind, sent_at: claim.at, recipients: 0 })
    .onConflict((oc) =>
      oc
        .columns(['meeting_id', 'kind'])
        .doUpdateSet({ sent_at: (eb) => eb.ref('excluded.sent_at'), recipients: 0 })
        .where('meeting_reminder.sent_at', '<', claim.staleBefore),
    )
    .returning('meeting_id')
    .execute();
  return rows.length === 1;
}

export async function recordReminderRecipients(db: Executor, meetingId: string, kind: ReminderKind, recipients: number): Promise<void> {
  await db.updateTable('meeting_reminder').set({ recipients }).where('meeting_id', '=', meetingId).where('kind', '=', kind).execute();
}
