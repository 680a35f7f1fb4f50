// Meeting reminders: the meetings coming up, who is to be reminded, and the record of what was sent.
import { sql } from 'kysely';
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
  language: Language | null;
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
  const { rows } = await sql<ReminderRecipientRow>`
    with recursive covered(organization_id) as (
      select i.organization_id from meeting_invitation i
      where i.meeting_id = ${meetingId} and i.organization_id is not null and i.status <> 'declined'
      union
      select o.parent_id from organization o join covered c on o.id = c.organization_id
      where o.parent_id is not null
    ),
    told as (
      select a.id, a.email, a.display_name, a.preferred_language,
        exists (
          select 1 from role_grant g
          where g.account_id = a.id and g.role = 'maslikhat_staff' and g.revoked_at is null
            and (g.valid_from is null or g.valid_from <= ${today}::date)
            and (g.valid_to is null or g.valid_to >= ${today}::date)
            and g.organization_id in (select organization_id from covered)
        ) as staff,
        a.person_id is not null and exists (
          select 1 from meeting_invitation i
          where i.meeting_id = ${meetingId} and i.person_id = a.person_id and i.status <> 'declined'
        ) as invited_person
      from account a
      where a.is_active
    )
    select id as "accountId", email, display_name as "displayName", preferred_language as "language",
      case when staff then 'maslikhat' else 'person' end as "invitedAs"
    from told
    where staff or invited_person
    order by email`.execute(db);
  return rows;
}

/**
 * Claims the reminder before anything is sent: true for exactly one caller, however many instances
 * ask at once (the primary key decides). A reminder already recorded is claimed again only when it
 * was sent before `staleBefore` — for an earlier date of a meeting that has since been rescheduled.
 */
export async function claimReminder(db: Executor, claim: { meetingId: string; kind: ReminderKind; at: Date; staleBefore: Date }): Promise<boolean> {
  // On a conflict PostgreSQL locks the row and re-reads it, so of two callers at once the second
  // sees the first's sent_at and gets no row back.
  const { rows } = await sql<{ meeting_id: string }>`
    insert into meeting_reminder (meeting_id, kind, sent_at, recipients)
    values (${claim.meetingId}, ${claim.kind}, ${claim.at}, 0)
    on conflict (meeting_id, kind) do update set sent_at = excluded.sent_at, recipients = 0
      where meeting_reminder.sent_at < ${claim.staleBefore}
    returning meeting_id`.execute(db);
  return rows.length === 1;
}

export async function recordReminderRecipients(db: Executor, meetingId: string, kind: ReminderKind, recipients: number): Promise<void> {
  await db.updateTable('meeting_reminder').set({ recipients }).where('meeting_id', '=', meetingId).where('kind', '=', kind).execute();
}
