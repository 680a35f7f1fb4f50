// Reminders of announced meetings to the staff of the maslikhats invited and to the accounts of the
// persons invited (Council members): one within the last day before the start and one within the
// last hour, each in the recipient's language, with the time in the meeting's zone and the video
// link. A pg-boss schedule runs sendMeetingReminders every ten minutes; each reminder is claimed in
// meeting_reminder before any mail goes, so a crash or a second instance never sends it twice (a
// crash mid-way leaves the rest unsent rather than doubled).
import { todayInKazakhstan } from '../../core/db/dated.js';
import { formatDateTime, formatTime, localize, utcOffset } from '../../core/i18n/format.js';
import { defaultLanguage, type Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import { mailEach, type MailJobDeps, type MailMessage } from '../../core/mail/mailer.js';
import { kindAndNumber } from './public.service.js';
import * as repo from './reminders.repository.js';
import type { ReminderKind, ReminderRecipientRow, UpcomingMeetingRow } from './reminders.repository.js';

export const meetingRemindersJob = 'meeting-reminders';
/** Every ten minutes, so the hour's reminder reaches people 50–60 minutes ahead. */
export const meetingRemindersCron = '*/10 * * * *';

const hourMs = 3_600_000;
/** How long before the start each reminder is due. */
const leadTime: Record<ReminderKind, number> = { hour_before: hourMs, day_before: 24 * hourMs };

export type ReminderDeps = MailJobDeps;

export interface ReminderReport {
  /** The reminders this run claimed and sent, with how many mails each. */
  sent: { meetingId: string; kind: ReminderKind; recipients: number }[];
}

/**
 * The kind due for a meeting starting at `startsAt`: the hour's within the last hour, else the day's.
 * A meeting first seen within its last hour gets only the hour's reminder, not two at once.
 */
function dueKind(startsAt: Date, now: Date): ReminderKind {
  return startsAt.getTime() - now.getTime() <= leadTime.hour_before ? 'hour_before' : 'day_before';
}

export async function sendMeetingReminders(deps: ReminderDeps, now: Date = new Date()): Promise<ReminderReport> {
  const { db, logger } = deps;
  const report: ReminderReport = { sent: [] };
  const meetings = await repo.listAnnouncedMeetingsStarting(db, now, new Date(now.getTime() + leadTime.day_before));
  const today = todayInKazakhstan(now);
  for (const meeting of meetings) {
    const kind = dueKind(meeting.startsAt, now);
    const recipients = await repo.listReminderRecipients(db, meeting.id, today);
    // Nobody to remind yet (invitations not sent): leave the reminder unclaimed for a later run.
    if (!recipients.length) continue;
    const claimed = await repo.claimReminder(db, { meetingId: meeting.id, kind, at: now, staleBefore: new Date(meeting.startsAt.getTime() - leadTime[kind]) });
    if (!claimed) continue;
    const sent = await mailEach(deps, recipients, (recipient) => reminderMail(meeting, kind, recipient, deps.baseUrl), { message: 'meeting reminder could not be recorded', context: { meetingId: meeting.id, kind } });
    await repo.recordReminderRecipients(db, meeting.id, kind, sent);
    logger?.info({ meetingId: meeting.id, kind, recipients: sent }, 'meeting reminder sent');
    report.sent.push({ meetingId: meeting.id, kind, recipients: sent });
  }
  return report;
}

/** The reminder mail for one recipient, in their language (Kazakh when they have none), worded for why they are told. */
export function reminderMail(meeting: UpcomingMeetingRow, kind: ReminderKind, recipient: ReminderRecipientRow, baseUrl: string): MailMessage {
  const lang: Language = recipient.language ?? defaultLanguage;
  const t = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(lang, key, values);
  const heading = kindAndNumber(lang, meeting);
  const title = localize(lang, meeting.title).text;
  const when = formatDateTime(lang, meeting.startsAt, meeting.timeZone);
  const place = localize(lang, meeting.place).text;
  const asPerson = recipient.invitedAs === 'person';
  const intro = asPerson ? (`accountPerson.reminderIntro.${kind}` as const) : (`reminders.intro.${kind}` as const);
  const lines = [
    t('reminders.greeting', { name: recipient.displayName }),
    '',
    t(intro),
    '',
    title ? t('reminders.meetingWithTitle', { meeting: heading, title }) : t('reminders.meeting', { meeting: heading }),
    t('reminders.when', { when, offset: utcOffset(meeting.startsAt, meeting.timeZone) }),
    t('reminders.format', { format: t(`meetings.format.${meeting.format}`) }),
    ...(place ? [t('reminders.place', { place })] : []),
    ...(meeting.videoUrl ? [t('reminders.video', { link: meeting.videoUrl })] : []),
    '',
    // A person invited in their own right has no maslikhat's answer to give: the meeting's page instead.
    asPerson ? t('accountPerson.reminderLink', { link: `${baseUrl}/${lang}/meetings/${meeting.id}` }) : t('reminders.invitations', { link: `${baseUrl}/${lang}/office/invitations` }),
    '',
    t(asPerson ? 'accountPerson.mailFooter' : 'reminders.footer'),
  ];
  const subject =
    kind === 'day_before'
      ? t('reminders.subject.day_before', { meeting: heading, when })
      : t('reminders.subject.hour_before', { meeting: heading, time: formatTime(lang, meeting.startsAt, meeting.timeZone) });
  return { to: recipient.email, subject, text: lines.join('\n') };
}

/** Works the reminders' queue in this process and keeps their schedule (registered once, at start-up). */
export async function registerMeetingReminders(jobs: Jobs, deps: ReminderDeps): Promise<void> {
  await jobs.work(meetingRemindersJob, async () => {
    await sendMeetingReminders(deps);
  });
  await jobs.schedule(meetingRemindersJob, meetingRemindersCron);
}
