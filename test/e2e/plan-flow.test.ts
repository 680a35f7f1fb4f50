// The perspective work plan end to end in real browsers (issue 12): the secretariat imports a plan
// from XLSX with one item — West Kazakhstan's maslikhat responsible, one indicator — and adopts it
// by a decision of a held meeting; West Kazakhstan's staff, on a phone, file a report with an indicator
// value and a file; the secretariat returns it with a comment; the staff revise it on a phone with
// JavaScript off; the secretariat accepts it; the public plan page shows the new progress and the
// report's history shows both versions.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connect.js';
import { todayInKazakhstan } from '../../src/core/db/dated.js';
import { translate, type MessageKey } from '../../src/core/i18n/messages.js';
import { Browser, createAccount, signInFully, type TestAccount } from '../support/factories.js';
import { createMeeting } from '../support/meeting-factories.js';
import { planImportWorkbook } from '../support/plan-import-file.js';
import { type E2E, type InPageGlobals, startE2E, submit, watchPage } from './support.js';

const en = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);

const main = (page: Page) => page.locator('main');
const h1 = (page: Page) => page.locator('main h1').innerText();

/** Whether the page's scripts ran (htmx loads on every page when JavaScript is on). */
const scriptsRan = (page: Page) => page.evaluate(() => (globalThis as unknown as InPageGlobals).htmx !== undefined);

/** The document is no wider than the phone: nothing to scroll sideways (a wide table scrolls in its own wrapper). */
const documentWidth = (page: Page) =>
  page.evaluate(() => {
    const { document } = globalThis as unknown as InPageGlobals;
    return document.documentElement.scrollWidth;
  });

// A 1×1 PNG: the report's attached file (its kind is told by these bytes).
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const west = { slug: 'maslikhat-270000000', name: 'West Kazakhstan Regional Maslikhat' };
const plan = { kk: 'Кеңестің 2 жылға арналған перспективалық жұмыс жоспары', ru: 'Перспективный план работы Совета на 2 года', en: 'The Council’s perspective work plan for two years' };
const action = { kk: 'Бюджет бойынша жария тыңдаулар өткізу', ru: 'Провести публичные слушания по бюджету', en: 'Hold public hearings on the budget' };
// The import's file names an indicator in Kazakh and Russian only: the English pages show the Russian, marked so.
const indicator = { kk: 'Жария тыңдаулар саны', ru: 'Число публичных слушаний', unitKk: 'тыңдау', unitRu: 'слушаний' };
const decisionTitle = { kk: 'Перспективалық жұмыс жоспарын бекіту туралы', ru: 'Об утверждении перспективного плана работы', en: 'On adopting the perspective work plan' };
const comment = 'Тыңдаулардың хаттамасын қоса беріңіз және нақты санын көрсетіңіз.';

let e2e: E2E;
let db: Db;
let clerkContext: BrowserContext;
let phoneContext: BrowserContext;
let phoneNoScriptContext: BrowserContext;
let staff: TestAccount;
const problems: string[][] = [];
const year = Number(todayInKazakhstan().slice(0, 4));
const periodStart = `${year}-01-01`;
const periodEnd = `${year + 1}-12-31`;

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function newWatchedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  problems.push(watchPage(page).problems);
  return page;
}

beforeAll(async () => {
  e2e = await startE2E();
  db = e2e.t.database.db;
  // The Council's meeting that adopted the plan, held today, its decision recorded (the registry's
  // decisions come from the live sitting, which has its own browser test).
  await createMeeting(db, {
    startsAt: `${todayInKazakhstan()}T10:00`,
    status: 'held',
    number: 24,
    agenda: [{ title: { kk: 'Перспективалық жұмыс жоспары туралы', ru: 'О перспективном плане работы' } }],
    decisions: [{ kind: 'plan_adoption', number: '24/1', title: decisionTitle, result: 'adopted', agendaItem: 0 }],
  });
  // The secretariat signs in with a second factor; that step has its own browser test, so the
  // session is made through the app and handed to the browser.
  const clerk = await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
  const jar = new Browser(e2e.t.app);
  await signInFully(jar, db, clerk);
  clerkContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await clerkContext.addCookies(['kenes_session', 'kenes_csrf'].map((name) => ({ name, value: jar.cookie(name)!, url: e2e.baseUrl })));
  staff = await createAccount(db, { displayName: 'Кульшар М.', grants: [{ role: 'maslikhat_staff', organizationSlug: west.slug }] });
  phoneContext = await e2e.browser.newContext(phone);
});
afterAll(async () => {
  await e2e?.close();
});

describe('the perspective work plan, from a new plan to the public progress', () => {
  let clerk: Page;
  let staffPage: Page;
  let planPath = '';
  let reportPath = '';

  it('1. the secretariat imports a plan from XLSX with an item for West Kazakhstan and one indicator, and adopts it by the meeting’s decision', async () => {
    clerk = await newWatchedPage(clerkContext);
    // The plan as the secretariat keeps it, one item a row: imported into a new draft plan.
    const file = await planImportWorkbook([
      {
        number: '1',
        actionKk: action.kk,
        actionRu: action.ru,
        actionEn: action.en,
        responsible: west.name,
        deadline: `31.12.${year + 1}`,
        startsOn: `01.01.${year}`,
        indicatorNameKk: indicator.kk,
        indicatorNameRu: indicator.ru,
        indicatorUnitKk: indicator.unitKk,
        indicatorUnitRu: indicator.unitRu,
        indicatorBaseline: 0,
        indicatorTarget: 10,
      },
    ]);
    await clerk.goto(`${e2e.baseUrl}/en/office/plan/import`);
    expect(await h1(clerk)).toBe(en('planImport.title'));
    expect(await clerk.getByLabel(en('planImport.target')).inputValue()).toBe('new');
    await clerk.getByLabel(en('planForm.titleKk')).fill(plan.kk);
    await clerk.getByLabel(en('planForm.titleRu')).fill(plan.ru);
    await clerk.getByLabel(en('planForm.titleEn')).fill(plan.en);
    await clerk.getByLabel(en('planForm.periodStart')).fill(periodStart);
    await clerk.getByLabel(en('planForm.periodEnd')).fill(periodEnd);
    await clerk.getByLabel(en('planImport.fileLabel'), { exact: true }).setInputFiles({ name: 'perspective-plan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await submit(clerk, clerk.getByRole('button', { name: en('planImport.check') }));
    expect(await h1(clerk)).toBe(en('planImport.confirmTitle'));
    expect(await clerk.getByRole('table', { name: en('planImport.itemsTitle') }).innerText()).toContain(action.en);
    await submit(clerk, clerk.getByRole('button', { name: en('planImport.apply') }));
    planPath = new URL(clerk.url()).pathname;
    expect(planPath).toMatch(/^\/en\/office\/plan\/[0-9a-f-]{36}$/);
    expect(await h1(clerk)).toBe(plan.en);
    expect(await clerk.locator('main dl').first().innerText()).toContain(en('plan.status.draft'));
    const item = clerk.locator('main article', { has: clerk.getByRole('heading', { name: action.en }) });
    expect(await item.innerText()).toContain(west.name);
    expect(await item.getByRole('table', { name: en('planItem.indicatorsCaption') }).innerText()).toContain(indicator.ru);

    // Adopted by the decision of the held meeting, chosen on the plan's adoption page.
    await submit(clerk, clerk.getByRole('link', { name: en('plan.adopt') }));
    expect(await h1(clerk)).toBe(en('plan.adoptTitle'));
    const decision = clerk.getByLabel(en('plan.adoptDecision'));
    const option = await decision.locator('option', { hasText: decisionTitle.en }).getAttribute('value');
    await decision.selectOption(option!);
    await submit(clerk, clerk.getByRole('button', { name: en('plan.adoptSubmit') }));
    expect(new URL(clerk.url()).pathname).toBe(planPath);
    const standing = await clerk.locator('main dl').first().innerText();
    expect(standing).toContain(en('plan.status.adopted'));
    expect(standing).toContain(`№ 24/1`);
    expect(standing).toContain(decisionTitle.en);
    expect(await clerk.getByRole('link', { name: en('plan.adopt') }).count()).toBe(0);

    // Nothing is accepted yet: the public page shows the plan in force and no results.
    const publicPage = await newWatchedPage(clerkContext);
    await publicPage.goto(`${e2e.baseUrl}/en/plan`);
    await submit(publicPage, publicPage.getByRole('link', { name: plan.en }));
    const publicItem = publicPage.locator('main article', { has: publicPage.getByRole('heading', { name: action.en }) });
    expect(await publicItem.innerText()).toContain(en('planPublic.noResults'));
    expect(await publicItem.innerText()).not.toContain(en('planPublic.itemStatus.done'));
    await publicPage.close();
  });

  it('2. West Kazakhstan’s staff, on a phone, find the item among their obligations and file a report with a value and a file', async () => {
    staffPage = await newWatchedPage(phoneContext);
    await staffPage.goto(`${e2e.baseUrl}/en/sign-in`);
    await staffPage.getByLabel(en('signIn.email')).fill(staff.email);
    await staffPage.getByLabel(en('signIn.password')).fill(staff.password);
    await submit(staffPage, main(staffPage).getByRole('button', { name: en('signIn.submit') }));
    await staffPage.goto(`${e2e.baseUrl}/en/office`);
    await submit(staffPage, staffPage.getByRole('link', { name: `${en('office.planObligationsOf')} ${west.name}` }));
    expect(await h1(staffPage)).toBe(en('planReport.obligationsTitle'));
    expect(await documentWidth(staffPage)).toBeLessThanOrEqual(360);
    const obligation = staffPage.locator('main section.obligation', { has: staffPage.getByRole('heading', { name: action.en }) });
    expect(await obligation.innerText()).toContain(en('planReport.standing.not_due'));

    await submit(staffPage, obligation.getByRole('link', { name: new RegExp(`^${en('planReport.fileLink')}`) }));
    expect(await h1(staffPage)).toBe(en('planReport.formTitle'));
    expect(await scriptsRan(staffPage)).toBe(true);
    expect(await documentWidth(staffPage)).toBeLessThanOrEqual(360);
    // Submitted empty: each problem at its field, nothing filed.
    await submit(staffPage, staffPage.getByRole('button', { name: en('planReport.submit') }));
    expect(await staffPage.getByRole('alert').first().innerText()).toContain(en('planReport.textMissing'));
    expect(await main(staffPage).innerText()).toContain(en('planReport.valueMissing', { name: indicator.ru }));

    await staffPage.getByLabel(en('planReport.textKk')).fill('Бюджет бойынша үш жария тыңдау өтті.');
    await staffPage.getByLabel(en('planReport.textRu')).fill('Проведены три публичных слушания по бюджету.');
    await staffPage.getByLabel(indicator.ru).fill('3');
    await staffPage.getByLabel(en('planReport.attachmentLabel')).setInputFiles({ name: 'hearings.png', mimeType: 'image/png', buffer: png });
    await submit(staffPage, staffPage.getByRole('button', { name: en('planReport.submit') }));
    expect(await h1(staffPage)).toBe(en('planReport.obligationsTitle'));
    expect(await staffPage.getByRole('status').innerText()).toContain(en('planReport.savedSubmitted'));
    expect(await obligation.innerText()).toContain(en('planReport.standing.submitted'));
  });

  it('3. the secretariat finds the report awaiting review and returns it with a comment', async () => {
    await clerk.goto(`${e2e.baseUrl}/en/office`);
    await submit(clerk, clerk.getByRole('link', { name: en('office.planReportsLink') }));
    expect(await h1(clerk)).toBe(en('planReport.reviewTitle'));
    const row = clerk.locator('main table tbody tr', { hasText: action.en });
    expect(await row.innerText()).toContain(en('planReport.standing.submitted'));
    await submit(clerk, row.getByRole('link', { name: west.name }));
    reportPath = new URL(clerk.url()).pathname;
    expect(await h1(clerk)).toBe(west.name);
    expect(await clerk.locator('#revision-1').isVisible()).toBe(true);
    const first = clerk.locator('main article.report-revision').first();
    expect(await first.innerText()).toContain('Проведены три публичных слушания по бюджету.');
    expect(await first.getByRole('link', { name: 'hearings.png' }).count()).toBe(1);

    // A return without a comment is refused at the comment.
    await submit(clerk, clerk.getByRole('button', { name: en('planReport.return') }));
    expect(await main(clerk).innerText()).toContain(en('planReport.commentMissing'));
    await clerk.getByLabel(en('planReport.commentLabel')).fill(comment);
    await submit(clerk, clerk.getByRole('button', { name: en('planReport.return') }));
    expect(new URL(clerk.url()).pathname).toBe(reportPath);
    expect(await clerk.getByRole('status').innerText()).toContain(en('planReport.reviewSaved'));
    expect(await main(clerk).innerText()).toContain(en('planReport.standing.returned'));
    expect(await clerk.getByRole('button', { name: en('planReport.accept') }).count()).toBe(0);
  });

  it('4. the staff see the comment and revise the report on a phone with JavaScript off', async () => {
    await staffPage.reload();
    const obligation = staffPage.locator('main section.obligation', { has: staffPage.getByRole('heading', { name: action.en }) });
    expect(await obligation.innerText()).toContain(en('planReport.standing.returned'));
    expect(await obligation.innerText()).toContain(comment);

    phoneNoScriptContext = await e2e.browser.newContext({ ...phone, javaScriptEnabled: false });
    await phoneNoScriptContext.addCookies(await phoneContext.cookies());
    const noScript = await newWatchedPage(phoneNoScriptContext);
    await noScript.goto(`${e2e.baseUrl}/en/office/maslikhats/${west.slug}/plan`);
    const again = noScript.locator('main section.obligation', { has: noScript.getByRole('heading', { name: action.en }) });
    await submit(noScript, again.getByRole('link', { name: new RegExp(`^${en('planReport.reviseLink')}`) }));
    expect(await h1(noScript)).toBe(en('planReport.formTitle'));
    expect(await scriptsRan(noScript)).toBe(false);
    expect(await documentWidth(noScript)).toBeLessThanOrEqual(360);
    expect(await main(noScript).innerText()).toContain(en('planReport.returnedNotice'));
    expect(await main(noScript).innerText()).toContain(comment);
    // The form starts from the version returned.
    expect(await noScript.getByLabel(en('planReport.textRu')).inputValue()).toBe('Проведены три публичных слушания по бюджету.');
    const value = noScript.getByLabel(indicator.ru);
    expect(await value.inputValue()).toBe('3');

    await noScript.getByLabel(en('planReport.textKk')).fill('Бюджет бойынша төрт жария тыңдау өтті, хаттамалар қоса берілді.');
    await noScript.getByLabel(en('planReport.textRu')).fill('Проведены четыре публичных слушания по бюджету, протоколы приложены.');
    await value.fill('4');
    await submit(noScript, noScript.getByRole('button', { name: en('planReport.submit') }));
    expect(await h1(noScript)).toBe(en('planReport.obligationsTitle'));
    expect(await noScript.getByRole('status').innerText()).toContain(en('planReport.savedSubmitted'));
    expect(await again.innerText()).toContain(en('planReport.standing.submitted'));
    await noScript.close();
  });

  it('5. the secretariat accepts the revised report; its history shows both versions', async () => {
    await clerk.goto(`${e2e.baseUrl}${reportPath}`);
    expect(await main(clerk).innerText()).toContain(en('planReport.standing.submitted'));
    await submit(clerk, clerk.getByRole('button', { name: en('planReport.accept') }));
    expect(await clerk.getByRole('status').innerText()).toContain(en('planReport.reviewSaved'));

    const history = clerk.getByRole('region', { name: en('planReport.historyTitle') });
    const versions = history.locator('article.report-revision');
    expect(await versions.count()).toBe(2);
    const [second, first] = [versions.nth(0), versions.nth(1)];
    expect(await second.getByRole('heading', { level: 3 }).innerText()).toBe(en('planReport.revisionTitle', { revision: 2 }));
    expect(await second.innerText()).toContain(en('planReport.standing.accepted'));
    // Each text under the heading of its language, marked with it, with no "shown in another language" marker.
    expect(await second.locator('div[lang="ru"]').innerText()).toBe('Проведены четыре публичных слушания по бюджету, протоколы приложены.');
    expect(await second.locator('div[lang="kk"]').innerText()).toBe('Бюджет бойынша төрт жария тыңдау өтті, хаттамалар қоса берілді.');
    expect(await second.locator('dd', { hasText: indicator.unitRu }).innerText()).toContain('4');
    expect(await first.getByRole('heading', { level: 3 }).innerText()).toBe(en('planReport.revisionTitle', { revision: 1 }));
    expect(await first.innerText()).toContain(en('planReport.standing.returned'));
    expect(await first.innerText()).toContain(comment);
    expect(await first.innerText()).toContain('Проведены три публичных слушания по бюджету.');
    expect(await first.locator('dd', { hasText: indicator.unitRu }).innerText()).toContain('3');

    // The staff see it accepted, with the same two versions, and can no longer change it.
    await staffPage.goto(`${e2e.baseUrl}/en/office/maslikhats/${west.slug}/plan`);
    const obligation = staffPage.locator('main section.obligation', { has: staffPage.getByRole('heading', { name: action.en }) });
    expect(await obligation.innerText()).toContain(en('planReport.standing.accepted'));
    await submit(staffPage, obligation.getByRole('link', { name: new RegExp(`^${en('planReport.viewLink')}`) }));
    expect(await main(staffPage).innerText()).toContain(en('planReport.acceptedNotice'));
    expect(await staffPage.getByRole('button', { name: en('planReport.submit') }).count()).toBe(0);
    expect(await staffPage.locator('main article.report-revision').count()).toBe(2);
    expect(await documentWidth(staffPage)).toBeLessThanOrEqual(360);
  });

  it('6. the public plan page shows the new progress: the item done, the value against its target, the accepted text', async () => {
    const page = await newWatchedPage(await e2e.browser.newContext());
    await page.goto(`${e2e.baseUrl}/en/plan`);
    const card = page.locator('main li.card', { has: page.getByRole('link', { name: plan.en }) });
    expect(await card.innerText()).toContain(en('planPublic.reportsAccepted', { accepted: 1, due: 1 }));
    await submit(page, card.getByRole('link', { name: plan.en }));
    expect(await h1(page)).toBe(plan.en);
    const facts = await page.locator('main dl').first().innerText();
    expect(facts).toContain(en('planPublic.planStatus.adopted'));
    expect(facts).toContain(en('planPublic.reportsAccepted', { accepted: 1, due: 1 }));

    const item = page.locator('main article.plan-item', { has: page.getByRole('heading', { name: action.en }) });
    expect(await item.innerText()).toContain(en('planPublic.itemStatus.done'));
    expect(await item.innerText()).toContain(west.name);
    const indicators = item.getByRole('table');
    const cells = await indicators.locator('tbody tr').first().locator('th, td').allInnerTexts();
    expect(cells[0]).toContain(indicator.ru);
    expect(cells[0]).toContain(indicator.unitRu);
    expect(cells.slice(1)).toEqual(['0', '10', '4', '40 %']);
    const results = item.locator('ul').last();
    expect(await results.innerText()).toContain(west.name);
    expect(await results.innerText()).toContain('Проведены четыре публичных слушания по бюджету, протоколы приложены.');
    expect(await results.innerText()).not.toContain('Проведены три публичных слушания по бюджету.');

    // The region's part, from the region-by-region table.
    const byRegion = page.getByRole('table', { name: en('planPublic.byRegion') });
    await submit(page, byRegion.getByRole('link', { name: west.name }));
    expect(await h1(page)).toBe(`${plan.en}: ${en('planPublic.regionPart', { region: west.name })}`);
    expect(await page.locator('main article.plan-item').innerText()).toContain(en('planPublic.itemStatus.done'));
    await page.context().close();
  });

  it('7. no page along the way had a console error, a CSP refusal or a failed request', () => {
    expect(problems.flat()).toEqual([]);
  });
});
