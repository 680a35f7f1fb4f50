// The subscriptions' mail: each newly published news item, newly announced meeting and newly entered public reception ahead to every confirmed subscriber it concerns, once;
// then, to each address a meeting or reception ahead was mailed to, one mail for each change of its time or place, its postponement or its calling off (subscription_notice). A pg-boss schedule runs
// sendSubscriptionMails every five minutes; each (address, item) is claimed in subscription_delivery before its mail goes, so two instances at once send it once
// (a crash between the claim and the send loses that one mail rather than doubling it). Each mail has its own unsubscribe link, with the List-Unsubscribe and
// List-Unsubscribe-Post headers for one click in the mail program. Addresses are never logged.
import { randomBytes } from 'node:crypto';
import { hashToken } from '../../core/auth/token-hash.js';
import { formatDateTime, localize, utcOffset } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import type { MailJobDeps, MailMessage } from '../../core/mail/mailer.js';
import { kindAndNumber } from '../meetings/public.service.js';
import * as repo from './subscriptions.repository.js';
import type { DueMeetingChangeRow, DueMeetingRow, DueNewsRow, DueReceptionChangeRow, DueReceptionRow, ItemKind, MailedFacts } from './subscriptions.repository.js';

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
  /** Sends one mail with its own unsubscribe link once `claim` (given the link's token hash) has won it; `record` keeps the mail's id. */
  const sendClaimed = async (
    what: { subscriberId: string; itemKind: ItemKind; itemId: string },
    claim: (unsubscribeTokenHash: string) => Promise<boolean>,
    record: (mailId: string) => Promise<void>,
    mail: (unsubscribeUrl: string) => MailMessage,
  ) => {
    const token = randomBytes(32).toString('base64url');
    if (!(await claim(hashToken(token)))) return;
    try {
      const { id } = await mailer.send(mail(`${deps.baseUrl}/unsubscribe/${token}`));
      await record(id);
      sent++;
    } catch (err) {
      // The mailer records SMTP failures itself; this is the database failing under it.
      logger?.error({ err, ...what }, 'subscription mail could not be recorded');
    }
  };
  const deliver = (kind: ItemKind, row: DueNewsRow | DueMeetingRow | DueReceptionRow, mail: (unsubscribeUrl: string) => MailMessage) => {
    const what = { subscriberId: row.subscriberId, itemKind: kind, itemId: row.itemId };
    const facts = 'facts' in row ? row.facts : null;
    return sendClaimed(what, (unsubscribeTokenHash) => repo.claimDelivery(db, { ...what, unsubscribeTokenHash, now, facts }), (mailId) => repo.recordDeliveryMail(db, { ...what, mailId }), mail);
  };
  const tell = (kind: 'meeting' | 'reception', row: DueMeetingChangeRow | DueReceptionChangeRow, mail: (unsubscribeUrl: string) => MailMessage) => {
    const what = { subscriberId: row.subscriberId, itemKind: kind, itemId: row.itemId, sequence: row.sequence };
    // The claim and what the address is now told go together: a run that fails between them leaves the change to the next.
    const claim = (unsubscribeTokenHash: string) =>
      db.transaction().execute(async (trx) => {
        if (!(await repo.claimNotice(trx, { ...what, facts: row.facts, unsubscribeTokenHash, now }))) return false;
        await repo.recordTold(trx, { ...what, facts: row.facts });
        return true;
      });
    return sendClaimed(what, claim, (mailId) => repo.recordNoticeMail(db, { ...what, mailId }), mail);
  };
  for (const row of await repo.listDueNews(db, batch)) await deliver('news', row, (url) => newsMail(row, deps.baseUrl, url));
  for (const row of await repo.listDueMeetings(db, batch)) await deliver('meeting', row, (url) => meetingMail(row, deps.baseUrl, url));
  for (const row of await repo.listDueReceptions(db, batch, now)) await deliver('reception', row, (url) => receptionMail(row, deps.baseUrl, url));
  for (const row of await repo.listDueMeetingChanges(db, batch, now)) await tell('meeting', row, (url) => meetingChangeMail(row, deps.baseUrl, url));
  for (const row of await repo.listDueReceptionChanges(db, batch, now)) await tell('reception', row, (url) => receptionChangeMail(row, deps.baseUrl, url));
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

/** The lines saying when (local time with its UTC offset) and where something coming takes place. */
function whenAndWhere(lang: Language, startsAt: Date, timeZone: string, place: string): string[] {
  const when = formatDateTime(lang, startsAt, timeZone);
  return [translate(lang, 'subscribe.meetingWhen', { when, offset: utcOffset(startsAt, timeZone) }), ...(place ? [translate(lang, 'subscribe.meetingPlace', { place })] : [])];
}

/** A mail about something coming (a meeting, a reception): what, when in local time with its UTC offset, where, and its page. */
function comingMail(row: DueMeetingRow | DueReceptionRow, c: { heading: string; place: string; path: string; subject: (when: string) => string }, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const t = (key: MessageKey, values?: MessageValues) => translate(row.language, key, values);
  const lines = [c.heading, '', ...whenAndWhere(row.language, row.startsAt, row.timeZone, c.place), '', t('subscribe.mailReadMore', { link: `${baseUrl}/${row.language}${c.path}` }), ...footer(t, unsubscribeUrl)];
  return withUnsubscribe({ to: row.email, subject: c.subject(formatDateTime(row.language, row.startsAt, row.timeZone)), text: lines.join('\n') }, unsubscribeUrl);
}

/**
 * A mail about a change to something coming that was mailed before: off (cancelled, withdrawn) or
 * postponed, with the reason given, or its time or place changed — what holds now; then what was told
 * before, and its page while it has one.
 */
function changeMail(row: DueMeetingChangeRow | DueReceptionChangeRow, c: { heading: string; place: (facts: MailedFacts) => string; path: string | undefined; reason?: string }, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  const t = (key: MessageKey, values?: MessageValues) => translate(lang, key, values);
  const { told, facts } = row;
  const toldAt = new Date(told.startsAt);
  const nowAt = new Date(facts.startsAt);
  const notHeld = facts.off || facts.postponed === true;
  const lines = [
    c.heading,
    '',
    ...(notHeld ? [t(facts.off ? 'subscribe.offLead' : 'subscribe.postponedLead')] : [t('subscribe.changedLead'), ...whenAndWhere(lang, nowAt, facts.timeZone, c.place(facts))]),
    ...(notHeld && c.reason ? [t('subscribe.reason', { reason: c.reason })] : []),
    '',
    t('subscribe.toldBefore'),
    ...whenAndWhere(lang, toldAt, told.timeZone, c.place(told)),
    ...(c.path ? ['', t('subscribe.mailReadMore', { link: `${baseUrl}/${lang}${c.path}` })] : []),
    ...footer(t, unsubscribeUrl),
  ];
  const toldWhen = formatDateTime(lang, toldAt, told.timeZone);
  const subject = facts.off
    ? t('subscribe.offMailSubject', { item: c.heading, when: toldWhen })
    : facts.postponed
      ? t('subscribe.postponedMailSubject', { item: c.heading, when: toldWhen })
      : t('subscribe.changedMailSubject', { item: c.heading, when: formatDateTime(lang, nowAt, facts.timeZone) });
  return withUnsubscribe({ to: row.email, subject, text: lines.join('\n') }, unsubscribeUrl);
}

/** A meeting as its mails name it: kind and number, and its title when it has one. */
function meetingHeading(lang: Language, row: DueMeetingRow | DueMeetingChangeRow): string {
  const heading = kindAndNumber(lang, row);
  const title = localize(lang, row.title).text;
  return title ? `${heading}: ${title}` : heading;
}

export function meetingMail(row: DueMeetingRow, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  return comingMail(
    row,
    { heading: meetingHeading(lang, row), place: localize(lang, row.place).text, path: `/meetings/${row.itemId}`, subject: (when) => translate(lang, 'subscribe.meetingMailSubject', { meeting: kindAndNumber(lang, row), when }) },
    baseUrl,
    unsubscribeUrl,
  );
}

export function meetingChangeMail(row: DueMeetingChangeRow, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  const reason = localize(lang, row.statusReason).text;
  return changeMail(row, { heading: meetingHeading(lang, row), place: (facts) => localize(lang, facts.place ?? null).text, path: `/meetings/${row.itemId}`, reason }, baseUrl, unsubscribeUrl);
}

/** A reception as its mails name it: its kind, and the region it is held in. */
function receptionHeading(lang: Language, kind: DueReceptionRow['kind'], regionName: LocalizedText | null): string {
  const kindName = translate(lang, `outreach.kind.${kind}`);
  const region = localize(lang, regionName).text;
  return region ? translate(lang, 'home.reception', { kind: kindName, region }) : kindName;
}

const receptionPlace = (where: { settlement?: string | null; address?: string | null }) => [where.settlement, where.address].filter(Boolean).join(', ');

export function receptionMail(row: DueReceptionRow, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  const heading = receptionHeading(lang, row.kind, row.regionName);
  return comingMail(row, { heading, place: receptionPlace(row), path: `/receptions/${row.itemId}`, subject: (when) => translate(lang, 'subscribe.receptionMailSubject', { reception: heading, when }) }, baseUrl, unsubscribeUrl);
}

export function receptionChangeMail(row: DueReceptionChangeRow, baseUrl: string, unsubscribeUrl: string): MailMessage {
  const lang = row.language;
  const heading = receptionHeading(lang, row.facts.kind ?? row.told.kind ?? 'reception', row.regionName);
  // Withdrawn or deleted, it has no public page any more.
  return changeMail(row, { heading, place: receptionPlace, path: row.facts.off ? undefined : `/receptions/${row.itemId}` }, baseUrl, unsubscribeUrl);
}

/** Works the subscriptions' queue in this process and keeps its schedule (registered once, at start-up). */
export async function registerSubscriptionMails(jobs: Jobs, deps: MailJobDeps): Promise<void> {
  await jobs.work(subscriptionMailsJob, async () => {
    await sendSubscriptionMails(deps);
  });
  await jobs.schedule(subscriptionMailsJob, subscriptionMailsCron);
}
