// Subscriptions by endpoint: the form (good, bad and too many answers), the confirmation and unsubscribe links (unknown, expired, twice), one click from the mail program.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsWrittenBy } from '../../../test/support/factories.js';
import { createOutreachEvent } from '../../../test/support/outreach-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { formatDateTime } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { newId } from '../../core/ids.js';
import type { MailMessage, Mailer } from '../../core/mail/mailer.js';
import { sendSubscriptionMails } from './mailing.js';

let t: TestApp;
const logLines: string[] = [];
let westId = '';
let councilId = '';

beforeAll(async () => {
  t = await createTestApp({ logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } } });
  const db = t.database.db;
  westId = (await db.selectFrom('organization').select('id').where('slug', '=', 'maslikhat-270000000').executeTakeFirstOrThrow()).id;
  councilId = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

let addresses = 0;
/** Each test its own IP and address: the rate limits count per IP and per address. */
const nextIp = () => `10.1.${Math.floor(++addresses / 200)}.${(addresses % 200) + 1}`;
const newEmail = () => `citizen-${randomBytes(6).toString('hex')}@example.kz`;

/** A browser's form post with its CSRF cookie, from the given IP. */
async function post(url: string, form: Record<string, string>, ip = nextIp()) {
  const first = await t.app.inject({ method: 'GET', url: '/en/subscribe', remoteAddress: ip });
  const csrf = /kenes_csrf=([^;]+)/.exec(String(first.headers['set-cookie']))?.[1] ?? '';
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    headers: { cookie: `kenes_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function subscribe(email: string, form: Partial<Record<'language' | 'topic' | 'scope', string>> = {}, ip?: string) {
  const { result, mails } = await mailsWrittenBy(t.database.db, () => post('/en/subscribe', { email, language: 'en', topic: 'news', scope: westId, ...form }, ip));
  const mail = mails.find((m) => m.recipient === email.toLowerCase());
  const token = mail ? /\/subscribe\/confirm\/([\w-]+)/.exec(mail.body_text)?.[1] : undefined;
  return { res: result, mail, token, mails };
}

async function subscribed(email: string, form: Partial<Record<'language' | 'topic' | 'scope', string>> = {}) {
  const { token } = await subscribe(email, form);
  const res = await post(`/en/subscribe/confirm/${token}`, {});
  expect(res.statusCode).toBe(200);
}

/** A mailer that keeps what it is asked to send (headers too), for the mailing job. */
function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (m) => (sent.push(m), { id: newId(), delivered: true }), close: async () => {} };
}

async function publishNews(options: { invited?: string; publishedAt?: Date } = {}) {
  const db = t.database.db;
  let meetingId: string | null = null;
  if (options.invited) {
    meetingId = newId();
    await db.insertInto('meeting').values({ id: meetingId, organization_id: councilId, kind: 'regular', number: 9, title: null, starts_at: new Date(Date.now() - 86_400_000), ends_at: null, place: null, format: 'in_person', video_url: null, chair_person_id: null, status: 'held', status_reason: null, announced_at: new Date(Date.now() - 7 * 86_400_000), current_agenda_item_id: null }).execute();
    await db.insertInto('meeting_invitation').values({ id: newId(), meeting_id: meetingId, organization_id: options.invited, person_id: null, attendance_mode: null, attendees: null, responded_at: null, responded_by: null }).execute();
  }
  const id = newId();
  const title = { kk: 'Кеңес отырысы өтті', ru: 'Состоялось заседание Совета', en: 'The Council met' };
  await db.insertInto('news_item').values({ id, organization_id: councilId, meeting_id: meetingId, title: JSON.stringify(title), lead: null, body: null, status: 'published', published_at: options.publishedAt ?? new Date(), created_by: null }).execute();
  return id;
}

describe('GET /:lang/subscribe', () => {
  it('offers the Council and the regions, pre-filled from the link of a maslikhat’s page', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/ru/subscribe?topic=news&scope=${westId}` });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/kenes_csrf=/);
    const p = page(res.body);
    const scopes = p.options(translate('ru', 'subscribe.scope'));
    expect(scopes[1]?.text).toMatch(/Совет|Сенат/);
    expect(scopes.find((o) => o.selected)?.value).toBe(westId);
    expect(p.value(translate('ru', 'subscribe.language'))).toBe('ru');
  });

  it('is linked from a region’s maslikhat page (news and receptions), from the news and from the receptions ahead', async () => {
    const maslikhat = page((await t.app.inject({ method: 'GET', url: '/en/maslikhats/maslikhat-270000000' })).body);
    expect(maslikhat.href(translate('en', 'subscribe.relatedMaslikhat'))).toBe(`/en/subscribe?topic=news&scope=${westId}`);
    expect(maslikhat.href(translate('en', 'subscribe.relatedMaslikhatReceptions'))).toBe(`/en/subscribe?topic=receptions&scope=${westId}`);
    const receptions = page((await t.app.inject({ method: 'GET', url: '/en/receptions' })).body);
    expect(receptions.href(translate('en', 'receptions.subscribeLink'))).toBe('/en/subscribe?topic=receptions');
    const news = page((await t.app.inject({ method: 'GET', url: '/en/news' })).body);
    expect(news.href(translate('en', 'subscribe.newsLink'))).toBe('/en/subscribe?topic=news');
  });
});

describe('POST /:lang/subscribe', () => {
  it('mails a confirmation link in the chosen language and says the same whatever the address; the address is never logged or audited', async () => {
    const email = newEmail();
    logLines.length = 0;
    const { res, mail, token } = await subscribe(email.toUpperCase(), { language: 'kk' });
    expect(res.statusCode).toBe(200);
    expect(page(res.body).text('h1')).toBe(translate('en', 'subscribe.sentTitle'));
    expect(mail?.subject).toBe(translate('kk', 'subscribe.confirmMailSubject', { what: translate('kk', 'subscribe.describeNews', { name: 'Батыс Қазақстан облыстық мәслихаты' }) }));
    expect(mail?.body_text).toContain(`/kk/subscribe/confirm/${token}`);
    expect(logLines.join('\n')).not.toContain(email.split('@')[0]);
    expect(logLines.join('\n')).not.toContain(token);
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'after']).where('entity', '=', 'subscription').execute();
    expect(audit.some((a) => a.action === 'requested')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(email.split('@')[0]);
  });

  it('refuses a bad address and a region not offered, keeping what was typed', async () => {
    const { res, mails } = await subscribe('not-an-address', { topic: 'meetings' });
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    expect(p.errorSummary().map((e) => e.text)).toEqual([translate('en', 'subscribe.emailInvalid')]);
    expect(p.value(translate('en', 'subscribe.email'))).toBe('not-an-address');
    expect(mails).toEqual([]);
    const other = await subscribe(newEmail(), { scope: 'nowhere', topic: '' });
    expect(other.res.statusCode).toBe(400);
    expect(page(other.res.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'subscribe.topicMissing'), translate('en', 'subscribe.scopeMissing')]);
    const notARegion = await subscribe(newEmail(), { scope: newId() });
    expect(page(notARegion.res.body).fieldError(translate('en', 'subscribe.scope'))).toContain(translate('en', 'subscribe.scopeMissing'));
    // Receptions are held by the regions' deputies: the Council's would never bring a mail.
    const councilReceptions = await subscribe(newEmail(), { topic: 'receptions', scope: councilId });
    expect(councilReceptions.res.statusCode).toBe(400);
    expect(councilReceptions.mails).toEqual([]);
    const refused = page(councilReceptions.res.body);
    expect(refused.fieldError(translate('en', 'subscribe.scope'))).toContain(translate('en', 'subscribe.receptionsNeedRegion'));
    expect(refused.document.querySelector('input[name=topic][value=receptions]')?.hasAttribute('checked')).toBe(true);
  });

  it('limits the confirmation mails to one address, and the posts from one IP (429)', async () => {
    const email = newEmail();
    for (let i = 0; i < 3; i++) expect((await subscribe(email)).res.statusCode).toBe(200);
    const refused = await subscribe(email);
    expect(refused.res.statusCode).toBe(429);
    expect(refused.mails).toEqual([]);
    const ip = nextIp();
    const answers = await Promise.all(Array.from({ length: 22 }, () => subscribe(newEmail(), {}, ip)));
    expect(answers.filter((a) => a.res.statusCode === 429)).toHaveLength(2);
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/en/subscribe', payload: 'email=a%40example.kz', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('GET and POST /:lang/subscribe/confirm/:token', () => {
  it('asks for a press of the button, confirms, and says so again the second time', async () => {
    const { token } = await subscribe(newEmail());
    const shown = await t.app.inject({ method: 'GET', url: `/en/subscribe/confirm/${token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(page(shown.body).byRole('button', { name: translate('en', 'subscribe.confirmButton') })).toBeTruthy();
    const first = await post(`/en/subscribe/confirm/${token}`, {});
    expect(page(first.body).text('h1')).toBe(translate('en', 'subscribe.confirmedTitle'));
    const second = await post(`/en/subscribe/confirm/${token}`, {});
    expect(second.statusCode).toBe(200);
    expect(page(second.body).text('main')).toContain(translate('en', 'subscribe.alreadyConfirmed', { what: 'West Kazakhstan Regional Maslikhat — news' }));
  });

  it('an unknown or expired link is gone (410)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/en/subscribe/confirm/nothing-like-a-token' })).statusCode).toBe(410);
    const { token } = await subscribe(newEmail());
    await t.database.db.updateTable('subscription').set({ confirm_expires_at: new Date(Date.now() - 1000) }).where('confirmed_at', 'is', null).execute();
    expect((await t.app.inject({ method: 'GET', url: `/en/subscribe/confirm/${token}` })).statusCode).toBe(410);
    const res = await post(`/en/subscribe/confirm/${token}`, {});
    expect(res.statusCode).toBe(410);
    expect(page(res.body).text('h1')).toBe(translate('en', 'subscribe.linkGoneTitle'));
  });
});

describe('sendSubscriptionMails and the unsubscribe links', () => {
  it('mails a region’s subscriber the news of its meetings once, in their language, with one-click unsubscribe headers; not the news before, nor another region’s', async () => {
    const email = newEmail();
    await publishNews({ invited: westId, publishedAt: new Date(Date.now() - 60_000) });
    await subscribed(email, { language: 'ru' });
    const mine = await publishNews({ invited: westId });
    await publishNews({ invited: (await t.database.db.selectFrom('organization').select('id').where('slug', '=', 'maslikhat-750000000').executeTakeFirstOrThrow()).id });
    const mailer = recordingMailer();
    const deps = { db: t.database.db, mailer, baseUrl: 'https://kenes.example.kz' };
    await sendSubscriptionMails(deps);
    const toMe = mailer.sent.filter((m) => m.to === email);
    expect(toMe).toHaveLength(1);
    const [mail] = toMe;
    expect(mail?.subject).toBe(translate('ru', 'subscribe.newsMailSubject', { title: 'Состоялось заседание Совета' }));
    expect(mail?.text).toContain(`https://kenes.example.kz/ru/news/${mine}`);
    const unsubscribe = /<(https:\/\/kenes\.example\.kz\/unsubscribe\/[\w-]+)>/.exec(mail?.headers?.['List-Unsubscribe'] ?? '')?.[1];
    expect(unsubscribe).toBeDefined();
    expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.text).toContain(unsubscribe);
    await sendSubscriptionMails(deps);
    expect(mailer.sent.filter((m) => m.to === email)).toHaveLength(1);

    // The mail program's one click: no CSRF token, no cookie.
    const path = new URL(unsubscribe!).pathname;
    const click = await t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(click.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(200);
    expect(page(again.body).text('main')).toContain(translate('kk', 'subscribe.alreadyUnsubscribed'));
    await publishNews({ invited: westId });
    await sendSubscriptionMails(deps);
    expect(mailer.sent.filter((m) => m.to === email)).toHaveLength(1);
  });

  it('mails the Council’s newly announced meetings; the unsubscribe page has a button, and the bare link opens it in the subscriber’s language', async () => {
    const email = newEmail();
    await subscribed(email, { topic: 'meetings', scope: councilId });
    const meetingId = newId();
    await t.database.db.insertInto('meeting').values({ id: meetingId, organization_id: councilId, kind: 'extraordinary', number: 3, title: JSON.stringify({ kk: 'Бюджет', ru: 'Бюджет', en: 'The budget' }), starts_at: new Date(Date.now() + 9 * 86_400_000), ends_at: null, place: null, format: 'online', video_url: null, chair_person_id: null, status: 'announced', status_reason: null, announced_at: new Date(), current_agenda_item_id: null }).execute();
    const mailer = recordingMailer();
    await sendSubscriptionMails({ db: t.database.db, mailer, baseUrl: 'https://kenes.example.kz' });
    const [mail] = mailer.sent.filter((m) => m.to === email);
    expect(mail?.text).toContain(`/en/meetings/${meetingId}`);
    expect(mail?.text).toContain('The budget');
    const path = new URL(/<([^>]+)>/.exec(mail?.headers?.['List-Unsubscribe'] ?? '')![1]!).pathname;
    const bare = await t.app.inject({ method: 'GET', url: path });
    expect(bare.statusCode).toBe(303);
    expect(bare.headers.location).toBe(`/en${path}`);
    const shown = await t.app.inject({ method: 'GET', url: `/en${path}` });
    expect(page(shown.body).byRole('button', { name: translate('en', 'subscribe.unsubscribeButton') })).toBeTruthy();
    const done = await post(`/en${path}`, {});
    expect(page(done.body).text('h1')).toBe(translate('en', 'subscribe.unsubscribedTitle'));
    expect((await post(`/en${path}`, {})).statusCode).toBe(200);
  });

  it('mails a region’s receptions subscriber each public reception and meeting with voters entered ahead in the region, once; not one entered before, an internal one, a visit, one past, nor another region’s', async () => {
    const db = t.database.db;
    const hours = (n: number) => new Date(Date.now() + n * 3_600_000);
    const email = newEmail();
    await createOutreachEvent(db, { maslikhat: '270000000', startsAt: hours(48), settlement: 'Entered before' });
    const { mail: confirmation } = await subscribe(email, { topic: 'receptions', language: 'ru' });
    expect(confirmation?.subject).toBe(translate('ru', 'subscribe.confirmMailSubject', { what: translate('ru', 'subscribe.describeReceptions', { name: 'Западно-Казахстанский областной маслихат' }) }));
    await subscribed(email, { topic: 'receptions', language: 'ru' });
    const reception = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: hours(72), settlement: 'Аксай' });
    const meeting = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: hours(24), settlement: 'Уральск' });
    await createOutreachEvent(db, { maslikhat: '270000000', startsAt: hours(30), public: false, settlement: 'Internal' });
    await createOutreachEvent(db, { maslikhat: '270000000', kind: 'visit', startsAt: hours(30), settlement: 'A visit' });
    await createOutreachEvent(db, { maslikhat: '270000000', startsAt: hours(-1), settlement: 'Past' });
    await createOutreachEvent(db, { maslikhat: '750000000', startsAt: hours(30), settlement: 'Almaty' });
    const mailer = recordingMailer();
    const deps = { db, mailer, baseUrl: 'https://kenes.example.kz' };
    await sendSubscriptionMails(deps);
    await sendSubscriptionMails(deps);
    const toMe = mailer.sent.filter((m) => m.to === email);
    expect(toMe.map((m) => /\/ru\/receptions\/([0-9a-f-]{36})/.exec(m.text)?.[1]).toSorted()).toEqual([reception, meeting].toSorted());
    const forReception = toMe.find((m) => m.text.includes(reception))!;
    expect(forReception.subject).toMatch(/^Приём граждан — Западно-Казахстанская область: /);
    expect(forReception.text).toContain('Место: Аксай');
    expect(forReception.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(toMe.map((m) => m.text).join('\n')).not.toMatch(/Entered before|Internal|A visit|Past|Almaty/);
  });

  it('tells a meeting’s subscribers once when it moves, is postponed (with the reason), gets its new date and is cancelled — what holds now and what was announced; nothing once it is past, nor after unsubscribing', async () => {
    const db = t.database.db;
    const email = newEmail();
    await subscribed(email, { topic: 'meetings', scope: councilId });
    const meetingId = newId();
    const firstTime = new Date(Date.now() + 9 * 86_400_000);
    const place = (en: string) => JSON.stringify({ kk: en, ru: en, en });
    await db.insertInto('meeting').values({ id: meetingId, organization_id: councilId, kind: 'regular', number: 12, title: JSON.stringify({ kk: 'Жоспар', ru: 'План', en: 'The plan' }), starts_at: firstTime, ends_at: null, place: place('The Senate, hall 1'), format: 'in_person', video_url: null, chair_person_id: null, status: 'announced', status_reason: null, announced_at: new Date(), current_agenda_item_id: null }).execute();
    const mailer = recordingMailer();
    const deps = { db, mailer, baseUrl: 'https://kenes.example.kz' };
    const mine = () => mailer.sent.filter((m) => m.to === email);
    await sendSubscriptionMails(deps);
    expect(mine()).toHaveLength(1);

    // Moved by a day, to another hall: one mail, however often the job runs.
    const secondTime = new Date(firstTime.getTime() + 86_400_000);
    await db.updateTable('meeting').set({ starts_at: secondTime, place: place('The Senate, hall 2') }).where('id', '=', meetingId).execute();
    await sendSubscriptionMails(deps);
    await sendSubscriptionMails(deps);
    expect(mine()).toHaveLength(2);
    const moved = mine()[1]!;
    expect(moved.subject).toBe(translate('en', 'subscribe.changedMailSubject', { item: 'Regular meeting No. 12: The plan', when: formatDateTime('en', secondTime, 'Asia/Almaty') }));
    const [now, before] = moved.text.split(translate('en', 'subscribe.toldBefore'));
    expect(now).toContain(translate('en', 'subscribe.changedLead'));
    expect(now).toContain('Place: The Senate, hall 2');
    expect(now).toContain(formatDateTime('en', secondTime, 'Asia/Almaty'));
    expect(before).toContain('Place: The Senate, hall 1');
    expect(before).toContain(formatDateTime('en', firstTime, 'Asia/Almaty'));
    expect(before).toContain(`/en/meetings/${meetingId}`);
    expect(moved.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // Postponed, with its reason: one mail, dated as last announced.
    await db.updateTable('meeting').set({ status: 'postponed', status_reason: JSON.stringify({ kk: 'Карантин', ru: 'Карантин', en: 'Quarantine' }) }).where('id', '=', meetingId).execute();
    await sendSubscriptionMails(deps);
    expect(mine()).toHaveLength(3);
    const postponed = mine()[2]!;
    expect(postponed.subject).toBe(translate('en', 'subscribe.postponedMailSubject', { item: 'Regular meeting No. 12: The plan', when: formatDateTime('en', secondTime, 'Asia/Almaty') }));
    expect(postponed.text).toContain(translate('en', 'subscribe.postponedLead'));
    expect(postponed.text).toContain(translate('en', 'subscribe.reason', { reason: 'Quarantine' }));

    // Its old date passes while it is postponed; its new date, set while postponed, is mailed once it is announced again.
    const later = new Date(secondTime.getTime() + 2 * 86_400_000);
    const thirdTime = new Date(secondTime.getTime() + 30 * 86_400_000);
    await db.updateTable('meeting').set({ starts_at: thirdTime }).where('id', '=', meetingId).execute();
    await sendSubscriptionMails(deps, later);
    expect(mine()).toHaveLength(3);
    await db.updateTable('meeting').set({ status: 'announced', status_reason: null }).where('id', '=', meetingId).execute();
    await sendSubscriptionMails(deps, later);
    expect(mine()).toHaveLength(4);
    expect(mine()[3]!.text.split(translate('en', 'subscribe.toldBefore'))[1]).toContain(formatDateTime('en', secondTime, 'Asia/Almaty'));
    expect(mine()[3]!.subject).toBe(translate('en', 'subscribe.changedMailSubject', { item: 'Regular meeting No. 12: The plan', when: formatDateTime('en', thirdTime, 'Asia/Almaty') }));

    // Cancelled: one more mail, dated as last announced.
    await db.updateTable('meeting').set({ status: 'cancelled' }).where('id', '=', meetingId).execute();
    await sendSubscriptionMails(deps, later);
    await sendSubscriptionMails(deps, later);
    expect(mine()).toHaveLength(5);
    const cancelled = mine()[4]!;
    expect(cancelled.subject).toBe(translate('en', 'subscribe.offMailSubject', { item: 'Regular meeting No. 12: The plan', when: formatDateTime('en', thirdTime, 'Asia/Almaty') }));
    expect(cancelled.text).toContain(translate('en', 'subscribe.offLead'));

    // Once what was announced is past, a change is not mailed.
    await db.updateTable('meeting').set({ status: 'announced' }).where('id', '=', meetingId).execute();
    await sendSubscriptionMails(deps, new Date(thirdTime.getTime() + 3_600_000));
    expect(mine()).toHaveLength(5);

    // The change mail's own link unsubscribes (the first mail's stays valid too); then nothing more comes.
    const path = new URL(/<([^>]+)>/.exec(cancelled.headers?.['List-Unsubscribe'] ?? '')![1]!).pathname;
    const click = await t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(click.statusCode).toBe(200);
    expect(page(click.body).text('h1')).toBe(translate('kk', 'subscribe.unsubscribedTitle'));
    await db.updateTable('meeting').set({ status: 'cancelled' }).where('id', '=', meetingId).execute();
    await sendSubscriptionMails(deps);
    expect(mine()).toHaveLength(5);
  });

  it('tells a receptions subscriber when a reception moves, and that it is off when it is made internal or deleted — without a link to a page it no longer has', async () => {
    const db = t.database.db;
    const hours = (n: number) => new Date(Date.now() + n * 3_600_000);
    const email = newEmail();
    await subscribed(email, { topic: 'receptions', language: 'ru' });
    const moving = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: hours(72), settlement: 'Аксай' });
    const deleted = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: hours(96), settlement: 'Уральск' });
    const mailer = recordingMailer();
    const deps = { db, mailer, baseUrl: 'https://kenes.example.kz' };
    const mine = () => mailer.sent.filter((m) => m.to === email);
    await sendSubscriptionMails(deps);
    expect(mine()).toHaveLength(2);

    await db.updateTable('outreach_event').set({ settlement: 'Чингирлау', address: 'ул. Абая, 1' }).where('id', '=', moving).execute();
    await db.deleteFrom('outreach_event').where('id', '=', deleted).execute();
    await sendSubscriptionMails(deps);
    await sendSubscriptionMails(deps);
    const changes = mine().slice(2);
    expect(changes).toHaveLength(2);
    const moved = changes.find((m) => m.text.includes(translate('ru', 'subscribe.changedLead')))!;
    expect(moved.subject).toMatch(/^Изменение: Приём граждан — Западно-Казахстанская область, теперь /);
    expect(moved.text).toContain('Место: Чингирлау, ул. Абая, 1');
    expect(moved.text.split(translate('ru', 'subscribe.toldBefore'))[1]).toContain('Место: Аксай');
    expect(moved.text).toContain(`/ru/receptions/${moving}`);
    const gone = changes.find((m) => m !== moved)!;
    expect(gone.subject).toMatch(/^Отменено: Встреча с избирателями — Западно-Казахстанская область, /);
    expect(gone.text).toContain(translate('ru', 'subscribe.offLead'));
    expect(gone.text).toContain('Место: Уральск');
    expect(gone.text).not.toContain('/receptions/');

    await db.updateTable('outreach_event').set({ public: false }).where('id', '=', moving).execute();
    await sendSubscriptionMails(deps);
    await sendSubscriptionMails(deps);
    expect(mine()).toHaveLength(5);
    const internal = mine()[4]!;
    expect(internal.subject).toMatch(/^Отменено: Приём граждан/);
    expect(internal.text).not.toContain('/receptions/');
  });

  it('offers receptions as a topic, pre-filled from a link', async () => {
    const p = page((await t.app.inject({ method: 'GET', url: `/en/subscribe?topic=receptions&scope=${westId}` })).body);
    expect(p.document.querySelector('input[name=topic][value=receptions]')?.hasAttribute('checked')).toBe(true);
    expect(p.text()).toContain(translate('en', 'subscribe.topicReceptions'));
  });

  it('an unknown unsubscribe link is gone (410)', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/unsubscribe/not-a-token', payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: '/unsubscribe/not-a-token' })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: '/en/unsubscribe/not-a-token' })).statusCode).toBe(410);
  });

  it('two runs at once send each mail once', async () => {
    const emails = [newEmail(), newEmail()];
    for (const email of emails) await subscribed(email);
    await publishNews({ invited: westId });
    const mailer = recordingMailer();
    const deps = { db: t.database.db, mailer, baseUrl: 'https://kenes.example.kz' };
    await Promise.all([sendSubscriptionMails(deps), sendSubscriptionMails(deps), sendSubscriptionMails(deps)]);
    expect(mailer.sent.filter((m) => emails.includes(m.to)).map((m) => m.to).toSorted()).toEqual(emails.toSorted());
  });
});
