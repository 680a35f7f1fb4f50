// Tells a body when the secretariat has reviewed its plan report: returned for revision (with the
// comment) or accepted, one mail to each account that files its reports (the reminders' recipients:
// its staff and partners; for the plan's own body, the Council, its secretariat), in their language.
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { formatDate, localize } from '../../core/i18n/format.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import { mailEach, type MailLogger, type MailMessage, type Mailer } from '../../core/mail/mailer.js';
import { findItem } from './obligations.repository.js';
import { listBodies, listRecipients, type PlanReminderRecipient } from './reminders.repository.js';
import { findReportById } from './report.repository.js';

export type ReviewOutcome = 'accepted' | 'returned';

export interface ReviewNoticeDeps {
  db: Db;
  mailer: Mailer;
  logger?: Pick<MailLogger, 'info' | 'error'> | undefined;
}

export interface ReviewNoticeContent {
  outcome: ReviewOutcome;
  comment: string | null;
  item: { id: string; planTitle: LocalizedText; number: string | null; action: LocalizedText };
  period: { start: string; end: string };
  body: { slug: string; name: LocalizedText | null };
}

/** The notice for one recipient, in their language: the item, the period, the comment when returned, and the link to the report. */
export function reviewNoticeMail(content: ReviewNoticeContent, recipient: PlanReminderRecipient, baseUrl: string): MailMessage {
  const lang = recipient.language;
  const t = (key: MessageKey, values?: MessageValues) => translate(lang, key, values);
  const { outcome, item, period } = content;
  const action = localize(lang, item.action).text;
  const periodText = t('planReminder.period', { start: formatDate(lang, period.start), end: formatDate(lang, period.end) });
  const link = `${baseUrl}/${lang}/office/maslikhats/${content.body.slug}/plan/items/${item.id}/periods/${period.start}`;
  const lines = [
    t('planReminder.greeting', { name: recipient.displayName }),
    '',
    t(`planReport.notice.intro.${outcome}`),
    ...(outcome === 'returned' && content.comment ? ['', t('planReport.notice.comment'), content.comment] : []),
    '',
    t('planReminder.body', { body: localize(lang, content.body.name).text }),
    t('planReminder.plan', { plan: localize(lang, item.planTitle).text }),
    item.number ? t('planReminder.item', { number: item.number, action }) : t('planReminder.itemUnnumbered', { action }),
    periodText,
    '',
    t(`planReport.notice.link.${outcome}`, { link }),
    '',
    t('planReminder.footer'),
  ];
  const subject = t(`planReport.notice.subject.${outcome}`, { start: formatDate(lang, period.start), end: formatDate(lang, period.end) });
  return { to: recipient.email, subject, text: lines.join('\n') };
}

/**
 * Sends the notice of a review just committed. The mailer writes each mail on its own connection
 * (it takes no transaction), so this runs right after the review's commit: a review refused or
 * rolled back sends nothing, and a mail that cannot be recorded is logged, never undoing the review.
 */
export async function sendReviewNotice(deps: ReviewNoticeDeps, reportId: string, outcome: ReviewOutcome, comment: string | null, baseUrl: string, now: Date = new Date()): Promise<number> {
  const { db, logger } = deps;
  const today = todayInKazakhstan(now);
  const report = await findReportById(db, reportId);
  const item = report ? await findItem(db, report.itemId) : undefined;
  if (!report || !item) return 0;
  const [body] = await listBodies(db, [report.organizationId], today);
  if (!body) return 0;
  const roles = report.organizationId === item.planOrganizationId ? (['secretariat'] as const) : (['maslikhat_staff', 'partner'] as const);
  const content: ReviewNoticeContent = { outcome, comment, item, period: { start: report.periodStart, end: report.periodEnd }, body };
  const recipients = await listRecipients(db, report.organizationId, today, roles);
  const sent = await mailEach(deps, recipients, (recipient) => reviewNoticeMail(content, recipient, baseUrl), { message: 'plan review notice could not be recorded', context: { reportId } });
  logger?.info({ reportId, outcome, recipients: sent }, 'plan review notice sent');
  return sent;
}
