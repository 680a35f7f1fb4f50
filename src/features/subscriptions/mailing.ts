// The subscriptions' mail: each newly published news item, newly announced meeting and newly entered public reception ahead to every confirmed subscriber it concerns, once. A pg-boss schedule runs
// sendSubscriptionMails every five minutes; each (address, item) is claimed in subscription_delivery before its mail goes, so two instances at once send it once
// (a crash between the claim and the send loses that one mail rather than doubling it). Each mail has its own unsubscribe link, with the List-Unsubscribe and
// List-Unsubscribe-Post headers for one click in the mail program. Addresses are never logged.
import { randomBytes } from 'node:crypto';
import { hashToken } from '../../core/auth/token-hash.js';
import { formatDateTime, localize, utcOffset } from '../../core/i18n/format.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import type { MailJobDeps, MailMessage } from '../../core/mail/mailer.js';
import { kindAndNumber } from '../meetings/public.service.js';
import * as repo from './subscriptions.repository.js';
import type { DueMeetingRow, DueNewsRow, DueReceptionRow, ItemKind } from './subscriptions.repository.js';

export const subscriptionMailsJob = 'subscription-mails';
export const subscriptionMailsCron = '*/5 * * * *';

/** How many mails one run sends at most (the rest wait for the next run). */
const batch = 500;

export interface SubscriptionMailReport {
  sent: number;
}

export async function sendSubscriptionMails(deps: MailJobDeps, now: Date = new Date()): Promise<SubscriptionMailReport> {
  const { db, mailer, logger } = deps;
  let sent = 0;
  const deliver = async (kind: ItemKind, row: DueNewsRow | DueMeetingRow | DueReceptionRow, mail: (unsubscribeUrl: string) => MailMessage) => {
    const token = randomBytes(32).toString('base64url');
    if (!(await repo.claimDelivery(db, { subscriberId: row.subscriberId, itemKind: kind, itemId: row.itemId, unsubscribeTokenHash: hashToken(token), now }))) return;
    const unsubscribeUrl = `${deps.baseUrl}/unsubscribe/${token}`;
    try {
      const { id } = await mailer.send(mail(unsubscribeUrl));
      await repo.recordDeliveryMail(db, { subscriberId: row.subscriberId, itemKind: kind, itemId: row.itemId, mailId: id });
      sent++;
    } catch (err) {
      // The mailer records SMTP failures itself; this is the database failing under it.
      logger?.error({ err, subscriberId: row.subscriberId, itemKind: kind, itemId: row.itemId }, 'subscription mail could not be recorded');
    }
  };
  for (const row of await repo.listDueNews(db, batch)) await deliver('news', row, (url) => newsMail(row, deps.baseUrl, url));
  for (const row of await repo.listDueMeetings(db, batch)) await deliver('meeting', row, (url) => meetingMail(row, deps.baseUrl, url));
  for (const row of await repo.listDueReceptions(db, batch, now)) await deliver('reception', row, (url) => receptionMail(row, deps.baseUrl, url));
  if (sent) logger?.info({ mails: sent }, 'subscription mails sent');
  return { sent };
}

function withUnsubscribe(message: Omit<MailMessage, 'headers'>, unsubscribeUrl: string): MailMessage {
  return { ...message, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** The footer every subscription mail ends with: why it came, and the link that stops it. */
function footer(t: (key: MessageKey, values?: MessageValues) => string, unsubscribeUrl: string): string[] {
  return ['', '—', t('subscribe.mailFooter'), t('subscribe.mailUnsubscribe', { link: unsubscribeUrl })];
}

export function newsMail(row: DueNewsRow, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  const t = (key: MessageKey, values?: MessageValues) => translate(lang, key, values);
  const title = localize(lang, row.title).text;
  const lead = localize(lang, row.lead).text;
  const lines = [title, '', ...(lead ? [lead, ''] : []), t('subscribe.mailReadMore', { link: `${baseUrl}/${lang}/news/${row.itemId}` }), ...footer(t, unsubscribeUrl)];
  return withUnsubscribe({ to: row.email, subject: t('subscribe.newsMailSubject', { title }), text: lines.join('\n') }, unsubscribeUrl);
}

/** A mail about something coming (a meeting, a reception): what, when in local time with its UTC offset, where, and its page. */
function comingMail(row: DueMeetingRow | DueReceptionRow, c: { heading: string; place: string; path: string; subject: (when: string) => string }, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const t = (key: MessageKey, values?: MessageValues) => translate(row.language, key, values);
  const when = formatDateTime(row.language, row.startsAt, row.timeZone);
  const lines = [
    c.heading,
    '',
    t('subscribe.meetingWhen', { when, offset: utcOffset(row.startsAt, row.timeZone) }),
    ...(c.place ? [t('subscribe.meetingPlace', { place: c.place })] : []),
    '',
    t('subscribe.mailReadMore', { link: `${baseUrl}/${row.language}${c.path}` }),
    ...footer(t, unsubscribeUrl),
  ];
  return withUnsubscribe({ to: row.email, subject: c.subject(when), text: lines.join('\n') }, unsubscribeUrl);
}

export function meetingMail(row: DueMeetingRow, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  const heading = kindAndNumber(lang, row);
  const title = localize(lang, row.title).text;
  return comingMail(
    row,
    { heading: title ? `${heading}: ${title}` : heading, place: localize(lang, row.place).text, path: `/meetings/${row.itemId}`, subject: (when) => translate(lang, 'subscribe.meetingMailSubject', { meeting: heading, when }) },
    baseUrl,
    unsubscribeUrl,
  );
}

export function receptionMail(row: DueReceptionRow, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  const kind = translate(lang, `outreach.kind.${row.kind}`);
  const region = localize(lang, row.regionName).text;
  const heading = region ? translate(lang, 'home.reception', { kind, region }) : kind;
  const place = [row.settlement, row.address].filter(Boolean).join(', ');
  return comingMail(row, { heading, place, path: `/receptions/${row.itemId}`, subject: (when) => translate(lang, 'subscribe.receptionMailSubject', { reception: heading, when }) }, baseUrl, unsubscribeUrl);
}

/** Works the subscriptions' queue in this process and keeps its schedule (registered once, at start-up). */
export async function registerSubscriptionMails(jobs: Jobs, deps: MailJobDeps): Promise<void> {
  await jobs.work(subscriptionMailsJob, async () => {
    await sendSubscriptionMails(deps);
  });
  await jobs.schedule(subscriptionMailsJob, subscriptionMailsCron);
}
