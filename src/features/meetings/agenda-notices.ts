// Agenda notices: when the agenda of an announced (or postponed) meeting changes, the people
// reminders go to — the staff of the maslikhats invited and the accounts of the persons invited —
// get one mail per meeting listing every change since the last notice, in their language. A pg-boss schedule runs sendAgendaNotices every five
// minutes, so a burst of edits goes out as one mail. Each change is claimed (agenda_change.notified_at)
// before any mail goes, so a crash or a second instance never sends it twice (a crash mid-way leaves
// the rest unsent rather than doubled).
import { todayInKazakhstan } from '../../core/db/dated.js';
import { formatDateTime, localize, utcOffset } from '../../core/i18n/format.js';
import { defaultLanguage, type Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import { mailEach, type MailJobDeps, type MailMessage } from '../../core/mail/mailer.js';
import * as repo from './agenda-notices.repository.js';
import type { AgendaChangeRow, ChangedMeetingRow } from './agenda-notices.repository.js';
import { kindAndNumber } from './public.service.js';
import { listReminderRecipients, type ReminderRecipientRow } from './reminders.repository.js';

export const agendaNoticesJob = 'agenda-notices';
/** Every five minutes: soon enough to matter, late enough for an editing session to make one mail. */
export const agendaNoticesCron = '*/5 * * * *';

export type AgendaNoticeDeps = MailJobDeps;

export interface AgendaNoticeReport {
  /** The meetings whose changes this run claimed, with how many changes and how many mails. */
  sent: { meetingId: string; changes: number; recipients: number }[];
}

export async function sendAgendaNotices(deps: AgendaNoticeDeps, now: Date = new Date()): Promise<AgendaNoticeReport> {
  const { db, logger } = deps;
  const report: AgendaNoticeReport = { sent: [] };
  const meetings = await repo.listMeetingsWithUnnotifiedChanges(db);
  const today = todayInKazakhstan(now);
  for (const meeting of meetings) {
    const recipients = await listReminderRecipients(db, meeting.id, today);
    // With nobody invited yet the changes are claimed all the same: whoever is invited later sees
    // the current agenda, and the changes since the announcement, with the invitation.
    const changes = await repo.claimAgendaChanges(db, meeting.id, now);
    if (!changes.length) continue;
    const sent = await mailEach(deps, recipients, (recipient) => agendaNoticeMail(meeting, changes, recipient, deps.baseUrl), { message: 'agenda notice could not be recorded', context: { meetingId: meeting.id } });
    logger?.info({ meetingId: meeting.id, changes: changes.length, recipients: sent }, 'agenda notice sent');
    report.sent.push({ meetingId: meeting.id, changes: changes.length, recipients: sent });
  }
  return report;
}

/** Stored text in the mail's language; text in another language carries a visible " [RU]" marker. */
function textIn(lang: Language, value: LocalizedText | null | undefined): string {
  const l = localize(lang, value);
  return l.fallback && l.text ? `${l.text} [${l.tag.toUpperCase()}]` : l.text;
}

/** The notice for one recipient, in their language (Kazakh when they have none), worded for why they are told: the changes oldest first. */
export function agendaNoticeMail(meeting: ChangedMeetingRow, changes: AgendaChangeRow[], recipient: ReminderRecipientRow, baseUrl: string): MailMessage {
  const lang: Language = recipient.language ?? defaultLanguage;
  const t = (key: MessageKey, values?: MessageValues) => translate(lang, key, values);
  const heading = kindAndNumber(lang, meeting);
  const title = localize(lang, meeting.title).text;
  const when = { when: formatDateTime(lang, meeting.startsAt, meeting.timeZone), offset: utcOffset(meeting.startsAt, meeting.timeZone) };
  const asPerson = recipient.invitedAs === 'person';
  const lines = [
    t('agendaNotice.greeting', { name: recipient.displayName }),
    '',
    t(asPerson ? 'accountPerson.noticeIntro' : 'agendaNotice.intro'),
    '',
    title ? t('agendaNotice.meetingWithTitle', { meeting: heading, title }) : t('agendaNotice.meeting', { meeting: heading }),
    ...(meeting.status === 'postponed' ? [t('agendaNotice.postponed'), t('agendaNotice.previouslyWhen', when)] : [t('agendaNotice.when', when)]),
    '',
    t('agendaNotice.changes', { count: changes.length }),
    ...changes.map((c) => `– ${formatDateTime(lang, c.changedAt, meeting.timeZone)}: ${textIn(lang, c.summary)}`),
    '',
    asPerson ? t('accountPerson.noticeLink', { link: `${baseUrl}/${lang}/meetings/${meeting.id}` }) : t('agendaNotice.invitations', { link: `${baseUrl}/${lang}/office/invitations` }),
    '',
    t(asPerson ? 'accountPerson.mailFooter' : 'agendaNotice.footer'),
  ];
  return { to: recipient.email, subject: t('agendaNotice.subject', { meeting: heading }), text: lines.join('\n') };
}

/** Works the notices' queue in this process and keeps their schedule (registered once, at start-up). */
export async function registerAgendaNotices(jobs: Jobs, deps: AgendaNoticeDeps): Promise<void> {
  await jobs.work(agendaNoticesJob, async () => {
    await sendAgendaNotices(deps);
  });
  await jobs.schedule(agendaNoticesJob, agendaNoticesCron);
}
