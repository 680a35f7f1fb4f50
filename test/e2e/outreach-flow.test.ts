// Deputies' work with voters end to end in a real browser at phone size (issue 13): a deputy of West
// Kazakhstan's maslikhat logs a meeting with voters on a 360-pixel phone and registers two questions
// raised there from the event's page; one is forwarded to the competent body, the other answered;
// each citizen follows their question by the private link from their mail, without signing in, and
// sees its state; the public outreach page's map and table count the event and the questions.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connect.js';
import { todayInKazakhstan } from '../../src/core/db/dated.js';
import { translate, type MessageKey } from '../../src/core/i18n/messages.js';
import { createAccount } from '../support/factories.js';
import { createDeputy } from '../support/registry-factories.js';
import { type E2E, type InPageGlobals, startE2E, submit, watchPage } from './support.js';

const en = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);

/** The document is no wider than the phone: nothing to scroll sideways (a wide table scrolls in its own wrapper). */
const documentWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as InPageGlobals).document.documentElement.scrollWidth);

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const westKato = '270000000';
const deputyName = { kk: 'Серікова Айгүл', ru: 'Серикова Айгуль', en: 'Serikova Aigul' };

let e2e: E2E;
let db: Db;
let deputyContext: BrowserContext;
const problems: string[][] = [];

/** Yesterday in Kazakhstan: the meeting took place (a past event's form asks no future day). */
function yesterday(): string {
  const day = new Date(`${todayInKazakhstan()}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** West Kazakhstan's figures on the public outreach page: the table's row and the map's value (events). */
async function westFigures(page: Page) {
  await page.goto(`${e2e.baseUrl}/en/outreach?measure=events`);
  // The regions' table (the map has its own table of values too).
  const table = page.locator('main table').filter({ hasText: en('outreachStats.measure.questions') });
  const cells = await table.locator(`tr[data-kato="${westKato}"] td`).allInnerTexts();
  const header = await table.locator('thead th').allInnerTexts();
  const mapValue = await page.locator(`main svg.chart--map path[data-kato="${westKato}"]`).getAttribute('data-value');
  const column = (key: MessageKey) => header.indexOf(en(key)) - 1;
  const cell = (key: MessageKey) => Number((cells[column(key)] ?? '').replace(/\D/g, '') || 0);
  return { events: cell('outreachStats.measure.events'), questions: cell('outreachStats.measure.questions'), answered: cell('outreachStats.answered'), map: Number(mapValue ?? 0) };
}

beforeAll(async () => {
  e2e = await startE2E();
  db = e2e.t.database.db;
  deputyContext = await e2e.browser.newContext(phone);
});
afterAll(async () => {
  await e2e?.close();
});

describe('a deputy’s meeting with voters on a phone, two questions raised there, followed by their applicants', () => {
  it('logs the event, registers the questions from it, forwards one and answers the other; the private links and the public figures show it', async () => {
    const { personId } = await createDeputy(db, { maslikhat: westKato, person: { name: deputyName } });
    const deputy = await createAccount(db, { personId, grants: [{ role: 'deputy', organizationSlug: `maslikhat-${westKato}` }] });
    const visitor = await e2e.browser.newPage();
    problems.push(watchPage(visitor).problems);
    const before = await westFigures(visitor);

    // 1. The deputy signs in on the phone and logs yesterday's meeting with voters.
    const page = await deputyContext.newPage();
    problems.push(watchPage(page).problems);
    await page.goto(`${e2e.baseUrl}/en/sign-in`);
    await page.getByLabel(en('signIn.email')).fill(deputy.email);
    await page.getByLabel(en('signIn.password')).fill(deputy.password);
    await submit(page, page.locator('main').getByRole('button', { name: en('signIn.submit') }));
    await page.goto(`${e2e.baseUrl}/en/office/outreach/new`);
    expect(new URL(page.url()).pathname).toBe(`/en/office/maslikhats/maslikhat-${westKato}/outreach/new`);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    await page.getByLabel(en('outreach.kind.meeting_with_voters')).check();
    await page.getByLabel(en('outreach.dateLabel')).fill(yesterday());
    await page.getByLabel(en('outreach.timeLabel')).fill('15:00');
    await page.getByLabel(en('outreach.settlementLabel')).fill('Ақсай');
    await page.getByLabel(en('outreach.audienceTotalLabel')).fill('45');
    await page.getByLabel(en('outreach.summaryLabel'), { exact: true }).fill('Жолдаудың негізгі бағыттары түсіндірілді, тұрғындардың сұрақтары тыңдалды.');
    // The deputy logging alone is among those present already.
    expect(await page.getByLabel(deputyName.en).isChecked()).toBe(true);
    const saved = await submit(page, page.locator('main').getByRole('button', { name: en('outreach.logEvent') }));
    expect(saved.status()).toBe(200);
    const eventPath = new URL(page.url()).pathname;
    expect(eventPath).toMatch(/^\/en\/office\/outreach\/[\da-f-]{36}$/);
    expect(await page.locator('main').innerText()).toContain(en('outreach.savedNotice'));

    // 2. Two questions raised there, registered from the event's page; each applicant gets the private link by mail.
    const asked = [
      { name: 'Болат Нұрланов', email: 'bolat@example.kz', text: 'Ақсайдағы жаңа мектеп қашан ашылады?' },
      { name: 'Гүлмира Ахметова', email: 'gulmira@example.kz', text: 'Ауылға газ құбыры қашан тартылады?' },
    ];
    const questionPaths: string[] = [];
    for (const q of asked) {
      await page.goto(`${e2e.baseUrl}${eventPath}`);
      await submit(page, page.getByRole('link', { name: en('questions.registerAtEvent') }));
      expect(await documentWidth(page)).toBeLessThanOrEqual(360);
      expect(await page.locator('main').innerText()).toContain(en('questions.raisedAt'));
      await page.getByLabel(en('questions.applicantName')).fill(q.name);
      await page.getByLabel(en('questions.email')).fill(q.email);
      await page.getByLabel(en('questions.applicantText')).fill(q.text);
      await page.getByLabel(en('questions.consentRecorded')).check();
      await submit(page, page.locator('main').getByRole('button', { name: en('questions.eventSubmit') }));
      // Registered by the deputy, to the deputy: its page is theirs to act on.
      expect(new URL(page.url()).pathname).toMatch(/^\/en\/office\/questions\/[\da-f-]{36}$/);
      expect(await page.locator('main').innerText()).toContain(q.text);
      questionPaths.push(new URL(page.url()).pathname);
    }
    await page.goto(`${e2e.baseUrl}${eventPath}`);
    const raisedHere = await page.getByRole('region', { name: en('questions.atEventTitle') }).innerText();
    expect(raisedHere.match(new RegExp(en('questions.state.registered'), 'g'))).toHaveLength(2);

    // 3. The first is forwarded to the competent body; the second answered.
    await page.goto(`${e2e.baseUrl}${questionPaths[0]}`);
    await page.getByLabel(en('questions.forwardedTo')).fill('Батыс Қазақстан облысының білім басқармасы');
    await submit(page, page.locator('main').getByRole('button', { name: en('questions.forwardButton') }));
    expect(await page.locator('main').innerText()).toContain(en('questions.state.forwarded'));
    await page.goto(`${e2e.baseUrl}${questionPaths[1]}`);
    await page.getByLabel(en('questions.answerLabel')).fill('Газ құбыры келесі жылдың жазында тартылады; жұмыстар облыстық бюджетке енгізілді.');
    await submit(page, page.locator('main').getByRole('button', { name: en('questions.answerButton') }));
    expect(await page.locator('main').innerText()).toContain(en('questions.state.answered'));

    // 4. Each applicant opens the link from their mail, without an account, and sees where their question stands.
    for (const [i, state] of [
      [0, en('questions.state.forwarded')],
      [1, en('questions.state.answered')],
    ] as const) {
      const mail = await db.selectFrom('mail_message').select('body_text').where('recipient', '=', asked[i]!.email).orderBy('created_at').executeTakeFirstOrThrow();
      const link = /https?:\/\/\S+\/questions\/track\/[\w-]{43}/.exec(mail.body_text)?.[0];
      expect(link).toBeDefined();
      const citizen = await (await e2e.browser.newContext(phone)).newPage();
      problems.push(watchPage(citizen).problems);
      await citizen.goto(`${e2e.baseUrl}${new URL(link!).pathname}`);
      const shown = await citizen.locator('main').innerText();
      expect(shown).toContain(state);
      expect(shown).toContain(asked[i]!.text);
      expect(await documentWidth(citizen)).toBeLessThanOrEqual(360);
    }

    // 5. The public page counts the event on the map and in the table, and the questions raised and answered.
    const after = await westFigures(visitor);
    expect(after).toEqual({ events: before.events + 1, questions: before.questions + 2, answered: before.answered + 1, map: before.map + 1 });
    expect(problems.flat()).toEqual([]);
  });
});
