// Agenda notices: the meetings whose announced agenda changed since invitees were last told, and the
// claim on those changes. Who is told is the reminders' recipient query (reminders.repository.ts).
import { sql } from 'kysely';
import type { MeetingStatus } from '../../core/db/database.js';
import type { Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

/** Meetings whose invitees are told of agenda changes: announced, or postponed and still to come. */
export const noticeStatuses = ['announced', 'postponed'] as const satisfies readonly MeetingStatus[];

export interface ChangedMeetingRow {
  id: string;
  kind: 'regular' | 'extraordinary' | 'field';
  number: number | null;
  title: LocalizedText | null;
  status: (typeof noticeStatuses)[number];
  startsAt: Date;
  timeZone: string;
}

export interface AgendaChangeRow {
  id: string;
  changedAt: Date;
  summary: LocalizedText;
}

/** Announced or postponed meetings with changes no one has been told of yet, soonest first. */
export async function listMeetingsWithUnnotifiedChanges(db: Executor): Promise<ChangedMeetingRow[]> {
  return db
    .selectFrom('meeting')
    .select(['id', 'kind', 'number', 'title', 'status', 'starts_at as startsAt', 'time_zone as timeZone'])
    .where('status', 'in', noticeStatuses)
    .$narrowType<{ status: (typeof noticeStatuses)[number] }>()
    .where((eb) => eb.exists(eb.selectFrom('agenda_change').select(sql.lit(1).as('one')).whereRef('agenda_change.meeting_id', '=', 'meeting.id').where('agenda_change.notified_at', 'is', null)))
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/**
 * Claims a meeting's untold changes before anything is sent, oldest first. Of two callers at once,
 * PostgreSQL makes the second wait on the rows the first updates and then re-checks `notified_at is
 * null`, so each change comes back to exactly one caller. The status is checked again here: a meeting
 * held or cancelled since it was listed keeps its changes untold.
 */
export async function claimAgendaChanges(db: Executor, meetingId: string, at: Date): Promise<AgendaChangeRow[]> {
  const rows = await db
    .updateTable('agenda_change')
    .set({ notified_at: at })
    .where('meeting_id', '=', meetingId)
    .where('notified_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('meeting').select(sql.lit(1).as('one')).where('meeting.id', '=', meetingId).where('meeting.status', 'in', noticeStatuses)))
    .returning(['id', 'changed_at as changedAt', 'summary'])
    .execute();
  return rows.toSorted((a, b) => a.changedAt.getTime() - b.changedAt.getTime() || a.id.localeCompare(b.id));
}
