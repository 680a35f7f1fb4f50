// Reminders to the maslikhats that have not acknowledged a library material N days after it was
// sent to them (N on the distribution, 7 unless said). A pg-boss schedule runs sendLibraryReminders
// every hour; each delivery's one reminder is claimed in library_delivery (reminded_at, set only
// where still empty) before any mail goes, so a crash or a second instance never sends it twice (a
// crash mid-way leaves the rest unsent rather than doubled). A maslikhat with no staff account yet
// stays unclaimed until it has someone to tell.
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { formatDate, localize } from '../../core/i18n/format.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import { sendOnce, type MailJobDeps, type MailMessage } from '../../core/mail/mailer.js';
import * as repo from './library.repository.js';

export const libraryRemindersJob = 'library-reminders';
/** Every hour, at twenty-five past. */
export const libraryRemindersCron = '25 * * * *';

export interface LibraryReminderReport {
  sent: { distributionId: string; organizationId: string; recipients: number }[];
}

export async function sendLibraryReminders(deps: MailJobDeps, now: Date = new Date()): Promise<LibraryReminderReport> {
  const db: Db = deps.db;
  const report: LibraryReminderReport = { sent: [] };
  const today = todayInKazakhstan(now);
  const due = await repo.listDueReminders(db, now);
  const staffOf = new Map<string, Promise<repo.LibraryRecipient[]>>();
  for (const delivery of due) {
    let pending = staffOf.get(delivery.organizationId);
    if (!pending) staffOf.set(delivery.organizationId, (pending = repo.listStaff(db, delivery.organizationId, today)));
    const key = { distributionId: delivery.distributionId, organizationId: delivery.organizationId };
    const sent = await sendOnce(deps, {
      recipients: await pending,
      claim: () => repo.claimReminder(db, key.distributionId, key.organizationId, now),
      mail: (recipient) => libraryReminderMail(delivery, recipient, deps.baseUrl),
      record: (count) => repo.recordReminderRecipients(db, key.distributionId, key.organizationId, count),
      name: 'library reminder',
      context: key,
    });
    if (sent !== null) report.sent.push({ ...key, recipients: sent });
  }
  return report;
}

/** The reminder for one recipient, in their language: the material, when it was sent, the link to acknowledge. */
export function libraryReminderMail(delivery: { slug: string; materialId: string; title: LocalizedText; sentAt: Date }, recipient: repo.LibraryRecipient, baseUrl: string): MailMessage {
  const lang = recipient.language;
  const title = localize(lang, delivery.title).text;
  const link = `${baseUrl}/${lang}/office/maslikhats/${delivery.slug}/library/${delivery.materialId}`;
  const lines = [
    translate(lang, 'libraryReminder.greeting', { name: recipient.displayName }),
    '',
    translate(lang, 'libraryReminder.body', { title, date: formatDate(lang, todayInKazakhstan(new Date(delivery.sentAt))) }),
    '',
    translate(lang, 'libraryReminder.link', { link }),
    '',
    translate(lang, 'libraryReminder.footer'),
  ];
  return { to: recipient.email, subject: translate(lang, 'libraryReminder.subject', { title }), text: lines.join('\n') };
}

/** Works the reminders' queue in this process and keeps their schedule (registered once, at start-up). */
export async function registerLibraryReminders(jobs: Jobs, deps: MailJobDeps): Promise<void> {
  await jobs.work(libraryRemindersJob, async () => {
    await sendLibraryReminders(deps);
  });
  await jobs.schedule(libraryRemindersJob, libraryRemindersCron);
}
