// The questions' jobs. Overdue alerts: every hour, each open question past its deadline is told to
// its assignee (the deputy's account), the maslikhat's chairman (their linked account) and its staff — once per question and kind
// ('overdue', and 'overdue_extended' once more when an extended deadline passes), claimed in
// citizen_question_alert before any mail goes, so a second instance or a retry never sends it twice.
// Retention: every night, the applicant's name, contact and settlement of questions closed longer
// ago than the administrators' retention are erased.
import { systemContext, recordChange } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { formatDate, localize } from '../../core/i18n/format.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import { sendOnce, type MailJobDeps, type MailMessage } from '../../core/mail/mailer.js';
import { createRegistryService } from '../registry/registry.service.js';
import { addMonths } from './questions.service.js';
import * as repo from './questions.repository.js';
import type { AlertRecipient, QuestionAlertKind } from './questions.repository.js';

export const questionAlertsJob = 'question-alerts';
/** Every hour, at twenty past. */
export const questionAlertsCron = '20 * * * *';
export const questionRetentionJob = 'question-retention';
/** Every night at 02:40 (Kazakhstan). */
export const questionRetentionCron = '40 2 * * *';

export interface QuestionAlertReport {
  sent: { questionId: string; kind: QuestionAlertKind; recipients: number }[];
}

export async function sendQuestionAlerts(deps: MailJobDeps, now: Date = new Date()): Promise<QuestionAlertReport> {
  const { db } = deps;
  const today = todayInKazakhstan(now);
  const report: QuestionAlertReport = { sent: [] };
  const overdue = await repo.listOverdue(db, today);
  if (!overdue.length) return report;
  const names = new Map((await createRegistryService(db).listOrganizationsByIds([...new Set(overdue.map((q) => q.organizationId))], today)).map((o) => [o.id, o.name]));
  for (const q of overdue) {
    const kind: QuestionAlertKind = q.extendedDueDate ? 'overdue_extended' : 'overdue';
    const due = (q.extendedDueDate ?? q.dueDate)!;
    const sent = await sendOnce(deps, {
      recipients: await repo.listAlertRecipients(db, q.organizationId, q.assigneePersonId, today),
      claim: () => repo.claimAlert(db, q.id, kind, now),
      mail: (recipient) => alertMail({ reference: q.reference, id: q.id, due, maslikhat: names.get(q.organizationId) ?? null }, recipient, deps.baseUrl),
      record: (count) => repo.recordAlertRecipients(db, q.id, kind, count),
      name: 'question overdue alert',
      context: { questionId: q.id, kind },
    });
    if (sent !== null) report.sent.push({ questionId: q.id, kind, recipients: sent });
  }
  return report;
}

/** The alert for one recipient, in their language: which question, since when, and the office link. */
export function alertMail(q: { reference: string; id: string; due: string; maslikhat: LocalizedText | null }, recipient: AlertRecipient, baseUrl: string): MailMessage {
  const lang = recipient.language;
  const lines = [
    translate(lang, 'questions.alert.greeting', { name: recipient.displayName }),
    '',
    translate(lang, 'questions.alert.body', { reference: q.reference, due: formatDate(lang, q.due), maslikhat: q.maslikhat ? localize(lang, q.maslikhat).text : '' }),
    translate(lang, 'questions.alert.link', { link: `${baseUrl}/${lang}/office/questions/${q.id}` }),
    '',
    translate(lang, 'questions.alert.footer'),
  ];
  return { to: recipient.email, subject: translate(lang, 'questions.alert.subject', { reference: q.reference }), text: lines.join('\n') };
}

/** Erases the applicant's details of questions closed more than the retention ago; how many. */
export async function eraseExpiredApplicantData(db: Db, now: Date = new Date()): Promise<number> {
  const { retentionMonths } = await repo.readSetting(db);
  // Closed before the same day `retentionMonths` months ago (Kazakhstan's date), at UTC midnight: a day early at most.
  const cutoff = new Date(`${addMonths(todayInKazakhstan(now), -retentionMonths)}T00:00:00Z`);
  return db.transaction().execute(async (trx) => {
    const erased = await repo.eraseClosedBefore(trx, cutoff, now);
    for (const id of erased) await recordChange(trx, systemContext('retention'), { entity: 'citizen_question', entityId: id, action: 'personal_data_erased', after: { retention_months: retentionMonths } });
    return erased.length;
  });
}

/** Works both queues in this process and keeps their schedules (registered once, at start-up). */
export async function registerQuestionJobs(jobs: Jobs, deps: MailJobDeps): Promise<void> {
  await jobs.work(questionAlertsJob, async () => {
    await sendQuestionAlerts(deps);
  });
  await jobs.schedule(questionAlertsJob, questionAlertsCron);
  await jobs.work(questionRetentionJob, async () => {
    const erased = await eraseExpiredApplicantData(deps.db);
    if (erased) deps.logger?.info({ erased }, 'applicants’ details erased after the retention');
  });
  await jobs.schedule(questionRetentionJob, questionRetentionCron);
}
