// Subscriptions end to end in a real browser (issue 15): a citizen subscribes to West Kazakhstan's news from the maslikhat's page, confirms through the mailed
// link, gets the next news item once, and unsubscribes with the link in that mail; the next item is not mailed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connect.js';
import { todayInKazakhstan } from '../../src/core/db/dated.js';
import { translate, type MessageKey } from '../../src/core/i18n/messages.js';
import { newId } from '../../src/core/ids.js';
import { sendSubscriptionMails } from '../../src/features/subscriptions/mailing.js';
import { createMeeting } from '../support/meeting-factories.js';
import { startE2E, submit, watchPage, type E2E } from './support.js';

const en = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);

const h1 = (page: Page) => page.locator('main h1').innerText();
const email = 'aigerim.citizen@example.kz';

let e2e: E2E;
let db: Db;
let councilId = '';

/** The mails in the outbox to the citizen, oldest first. */
const mails = () => db.selectFrom('mail_message').select(['subject', 'body_text']).where('recipient', '=', email).orderBy('created_at').execute();

/** The press release of a meeting West Kazakhstan was invited to (what makes it West Kazakhstan's news), published now as the office's Publish does. */
async function publishNews(title: string, number: number): Promise<string> {
  const meeting = await createMeeting(db, { startsAt: `${todayInKazakhstan()}T10:00`, status: 'held', number, invitations: [{ kato: '270000000' }] });
  const id = newId();
  await db.insertInto('news_item').values({ id, organization_id: councilId, meeting_id: meeting.id, title: JSON.stringify({ kk: title, ru: title, en: title }), lead: null, body: null, status: 'published', published_at: new Date(), created_by: null }).execute();
  return id;
}

const runJob = () => sendSubscriptionMails({ db, mailer: e2e.t.app.mailer, baseUrl: e2e.baseUrl });

beforeAll(async () => {
  e2e = await startE2E();
  db = e2e.t.database.db;
  councilId = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await e2e?.close();
});

describe('subscribing to West Kazakhstan’s news, getting one item, unsubscribing with one click', () => {
  it('subscribes, confirms through the mail, gets the next news item once and unsubscribes from the mail’s link', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { problems } = watchPage(page);

    // From the maslikhat's page to the form, West Kazakhstan and news already chosen.
    await page.goto(`${e2e.baseUrl}/en/maslikhats/maslikhat-270000000`);
    await submit(page, page.getByRole('link', { name: en('subscribe.relatedMaslikhat') }));
    expect(await h1(page)).toBe(en('subscribe.title'));
    expect(await page.getByLabel(en('subscribe.scope')).locator('option:checked').innerText()).toBe('West Kazakhstan Regional Maslikhat');
    expect(await page.getByLabel(en('subscribe.topicNews')).isChecked()).toBe(true);

    // A mistyped address is refused, the rest kept.
    await page.getByLabel(en('subscribe.email')).fill('aigerim.citizen@example');
    let response = await submit(page, page.getByRole('button', { name: en('subscribe.submit') }));
    expect(response.status()).toBe(400);
    expect(await page.locator('.error-summary').innerText()).toContain(en('subscribe.emailInvalid'));
    expect(await page.getByLabel(en('subscribe.email')).inputValue()).toBe('aigerim.citizen@example');
    await page.getByLabel(en('subscribe.email')).fill(email);
    response = await submit(page, page.getByRole('button', { name: en('subscribe.submit') }));
    expect(response.status()).toBe(200);
    expect(await h1(page)).toBe(en('subscribe.sentTitle'));

    // The confirmation mail, in English, with its link.
    const [confirmation] = await mails();
    expect(confirmation?.subject).toBe(en('subscribe.confirmMailSubject', { what: 'West Kazakhstan Regional Maslikhat — news' }));
    const confirmLink = /(http\S+\/en\/subscribe\/confirm\/[\w-]+)/.exec(confirmation?.body_text ?? '')?.[1];
    expect(confirmLink).toBeDefined();
    await page.goto(confirmLink!);
    expect(await h1(page)).toBe(en('subscribe.confirmTitle'));
    await submit(page, page.getByRole('button', { name: en('subscribe.confirmButton') }));
    expect(await h1(page)).toBe(en('subscribe.confirmedTitle'));

    // The next news item: mailed once, however often the job runs.
    const newsId = await publishNews('Regional budgets discussed at the Council', 31);
    await runJob();
    await runJob();
    const afterNews = await mails();
    expect(afterNews).toHaveLength(2);
    const newsMail = afterNews[1]!;
    expect(newsMail.subject).toBe(en('subscribe.newsMailSubject', { title: 'Regional budgets discussed at the Council' }));
    expect(newsMail.body_text).toContain(`${e2e.baseUrl}/en/news/${newsId}`);

    // The mail's unsubscribe link: one press of the button.
    const unsubscribeLink = /(http\S+\/unsubscribe\/[\w-]+)/.exec(newsMail.body_text)?.[1];
    expect(unsubscribeLink).toBeDefined();
    await page.goto(unsubscribeLink!);
    expect(await h1(page)).toBe(en('subscribe.unsubscribeTitle'));
    await submit(page, page.getByRole('button', { name: en('subscribe.unsubscribeButton') }));
    expect(await h1(page)).toBe(en('subscribe.unsubscribedTitle'));

    // No more mails.
    await publishNews('Another item about West Kazakhstan', 32);
    await runJob();
    expect(await mails()).toHaveLength(2);
    expect(problems).toEqual([]);
    await context.close();
  });
});
