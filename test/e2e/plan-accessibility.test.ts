// WCAG 2.2 AA as far as axe-core can tell, on every page of the perspective work plan (issue 12) in
// every language: the public plans and a plan (whole and a region's part), the secretariat's plans,
// plan, item, standing, priority, matrix and review pages, a maslikhat staff's obligations and
// report forms — and each form again after it is submitted empty, with its errors shown.
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
// Each test takes expect from its own context: some run concurrently.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Browser, createAccount, signInFully, type TestAccount } from '../support/factories.js';
import { createPlan, createPlanItem, createPlanPriority, createPlanReport, createPlanReportAttachment } from '../support/plan-factories.js';
import { languages, startE2E, type E2E, type InPageGlobals } from './support.js';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const publicPages: [path: string, status: number][] = [
  ['/plan', 200],
  ['/plan/{plan}', 200],
  ['/plan/{plan}?region=270000000', 200],
  ['/plan/{draft}', 404],
];

/** The secretariat's pages. */
const officePages: [path: string, status: number][] = [
  ['/office/plan', 200],
  ['/office/plan/{plan}', 200],
  ['/office/plan/{draft}', 200],
  ['/office/plan/{draft}/items/new', 200],
  ['/office/plan/{draft}/items/{draftItem}/edit', 200],
  ['/office/plan/{draft}/items/{draftItem}/cancel', 200],
  ['/office/plan/{draft}/adopt', 200],
  ['/office/plan/import', 200],
  ['/office/plan/{plan}/complete', 200],
  ['/office/plan/{plan}/supersede', 200],
  ['/office/plan/priorities', 200],
  ['/office/plan/priorities?saved=1', 200],
  ['/office/plan/priorities/{priority}/edit', 200],
  ['/office/plan/{plan}/matrix', 200],
  ['/office/plan/{plan}/matrix?region=270000000&status=missing', 200],
  ['/office/plan/reports', 200],
  ['/office/plan/reports?state=any', 200],
  ['/office/plan/reports/{submitted}', 200],
  ['/office/plan/reports/{accepted}?reviewed=1', 200],
  ['/office/plan/reports/{returned}', 200],
];

/** West Kazakhstan's staff pages. */
const staffPages: [path: string, status: number][] = [
  ['/office/maslikhats/maslikhat-270000000/plan', 200],
  ['/office/maslikhats/maslikhat-270000000/plan?saved=submitted', 200],
  ['/office/maslikhats/maslikhat-270000000/plan/items/{item}/periods/2025-10-01', 200],
  ['/office/maslikhats/maslikhat-270000000/plan/items/{item}/periods/2025-04-01', 200],
  ['/office/maslikhats/maslikhat-270000000/plan/items/{item}/periods/2025-01-01', 200],
  ['/office/maslikhats/maslikhat-270000000/plan/items/{item}/periods/2025-07-01', 200],
];

/** Forms submitted empty (or as they open): the page again with its errors. [page, who, the form's submit button]. */
const errorPages: [path: string, who: 'office' | 'staff', button: string][] = [
  ['/office/plan', 'office', 'form[action$="/office/plan"] button[type=submit]'],
  ['/office/plan/{draft}', 'office', 'form[action$="/sections"] button[type=submit]'],
  ['/office/plan/{draft}/items/new', 'office', 'form[action$="/items"] button[type=submit]'],
  ['/office/plan/{draft}/items/{draftItem}/cancel', 'office', 'form[action$="/cancel"] button[type=submit]'],
  ['/office/plan/{draft}/adopt', 'office', 'form[action$="/adopt"] button[type=submit]'],
  ['/office/plan/import', 'office', 'form[action$="/office/plan/import"] button[type=submit]'],
  ['/office/plan/{plan}/supersede', 'office', 'form[action$="/supersede"] button[type=submit]'],
  ['/office/plan/priorities', 'office', 'form[action$="/office/plan/priorities"] button[type=submit]'],
  ['/office/plan/reports/{submitted}', 'office', 'form[action$="/return"] button[type=submit]'],
  ['/office/maslikhats/maslikhat-270000000/plan/items/{item}/periods/2025-10-01', 'staff', 'main form[method=post] button[value=submit]'],
];

/** One readable block per violation: rule, impact, help (with its link) and every failing node. */
function report(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replaceAll('\n', '\n      ')}`);
      return `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n\n');
}

let e2e: E2E;
const ids: Record<string, string> = {};
let publicContext: BrowserContext;
let officeContext: BrowserContext;
let staffContext: BrowserContext;
let narrowPublic: BrowserContext;
let narrowStaff: BrowserContext;

const url = (lang: string, path: string) => `${e2e.baseUrl}/${lang}${path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!)}`;

/** Signed in (the second factor done), in a context exempt from the CSP (which would block axe's injected script) and one 320 px wide. */
async function signedIn(account: TestAccount): Promise<[BrowserContext, BrowserContext]> {
  const jar = new Browser(e2e.t.app);
  await signInFully(jar, e2e.t.database.db, account);
  const cookies = ['kenes_session', 'kenes_csrf'].map((name) => ({ name, value: jar.cookie(name)!, url: e2e.baseUrl }));
  const context = await e2e.browser.newContext({ bypassCSP: true });
  const narrow = await e2e.browser.newContext(narrowScreen);
  await context.addCookies(cookies);
  await narrow.addCookies(cookies);
  return [context, narrow];
}

/** WCAG 1.4.10 (reflow): 320 CSS pixels wide, nothing to scroll sideways. */
const narrowScreen = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };

beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.t.database.db;
  // An adopted plan of two years: a quarterly item for West Kazakhstan and Almaty with an indicator
  // and reports in every state, a one-off item for every region maslikhat, a cancelled item.
  const plan = await createPlan(db, { status: 'adopted', periodStart: '2025-01-01', periodEnd: '2026-12-31', sections: [{ kk: 'Заң шығару жұмысы', ru: 'Законотворческая работа', en: 'Law-making' }, { kk: 'Өңірлермен жұмыс', ru: 'Работа с регионами' }] });
  ids.plan = plan.id;
  const priority = await createPlanPriority(db, { reference: '2024-09-02', validFrom: '2024-09-02' });
  ids.priority = priority.id;
  const item = await createPlanItem(db, {
    planId: plan.id,
    sectionId: plan.sectionIds[0],
    action: { kk: 'Заң жобаларын талқылау', ru: 'Обсуждение законопроектов', en: 'Discussing draft laws' },
    expectedResult: { kk: 'Ұсыныстар жіберілді', ru: 'Направлены предложения' },
    startsOn: '2025-01-01',
    deadline: '2026-12-31',
    deadlineKind: 'quarterly',
    dueOffsetDays: 10,
    responsible: ['270000000'],
    coExecutors: ['750000000'],
    indicators: [{ baseline: 0, target: 12 }, { name: { kk: 'Қатысушылар', ru: 'Участники', en: 'Participants' }, unit: { kk: 'адам', ru: 'человек', en: 'people' }, aggregation: 'average', target: 50 }],
  });
  ids.item = item.id;
  const [meetings, people] = item.indicatorIds as [string, string];
  const quarter = (start: string, end: string, dueOn: string) => ({ itemId: item.id, body: '270000000', periodStart: start, periodEnd: end, dueOn });
  const accepted = await createPlanReport(db, { ...quarter('2025-01-01', '2025-03-31', '2025-04-10'), state: 'accepted', revisions: [{ values: { [meetings]: 2, [people]: 30 }, review: 'returned', comment: 'Санын нақтылаңыз.' }, { values: { [meetings]: 3, [people]: 35 } }] });
  ids.accepted = accepted.id;
  await createPlanReportAttachment(db, { revisionId: accepted.revisionIds[1]!, fileName: 'no-such-file.pdf', originalName: 'хаттама.pdf', sizeBytes: 120_000 });
  ids.returned = (await createPlanReport(db, { ...quarter('2025-04-01', '2025-06-30', '2025-07-10'), state: 'returned', revisions: [{ values: { [meetings]: 1, [people]: 12 }, comment: 'Хаттаманы қоса беріңіз.' }] })).id;
  ids.submitted = (await createPlanReport(db, { ...quarter('2025-07-01', '2025-09-30', '2025-10-10'), state: 'submitted', revisions: [{ values: { [meetings]: 4, [people]: 40 } }] })).id;
  await createPlanReport(db, { itemId: item.id, body: '750000000', periodStart: '2025-01-01', periodEnd: '2025-03-31', dueOn: '2025-04-10', state: 'accepted', revisions: [{ values: { [meetings]: 1, [people]: 20 } }] });
  await createPlanItem(db, { planId: plan.id, sectionId: plan.sectionIds[1], startsOn: '2025-03-01', deadline: '2026-06-30', deadlineKind: 'date', responsible: ['region_maslikhats'] });
  await createPlanItem(db, { planId: plan.id, sectionId: null, deadlineKind: 'date', startsOn: '2025-02-01', deadline: '2025-12-31', cancelled: true });
  // A draft plan with a section and an item, for the editing pages.
  const draft = await createPlan(db, { periodStart: '2027-01-01', periodEnd: '2028-12-31' });
  ids.draft = draft.id;
  ids.draftItem = (await createPlanItem(db, { planId: draft.id, sectionId: draft.sectionIds[0], startsOn: '2027-01-01', deadline: '2028-12-31', indicators: [{ target: 5 }] })).id;

  publicContext = await e2e.browser.newContext({ bypassCSP: true });
  narrowPublic = await e2e.browser.newContext(narrowScreen);
  [officeContext] = await signedIn(await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  [staffContext, narrowStaff] = await signedIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
});
afterAll(async () => {
  await narrowPublic?.close();
  await narrowStaff?.close();
  await publicContext?.close();
  await officeContext?.close();
  await staffContext?.close();
  await e2e?.close();
});

async function axeOn(page: Page): Promise<{ passes: number; text: string }> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return { passes: results.passes.length, text: report(results.violations) };
}

// Concurrent: each test has its own page; axe is the slow part and the pages do not interact.
describe.concurrent.each(languages)('axe-core, plan pages, /%s', (lang) => {
  const cases = [...publicPages.map(([p, s]) => ['public', p, s] as const), ...officePages.map(([p, s]) => ['office', p, s] as const), ...staffPages.map(([p, s]) => ['staff', p, s] as const)];
  it.for(cases)('%s %s has no WCAG 2.2 AA violations', async ([who, path, status], { expect }) => {
    const context = { public: publicContext, office: officeContext, staff: staffContext }[who];
    const page = await context.newPage();
    try {
      const response = await page.goto(url(lang, path), { waitUntil: 'load' });
      expect(response?.status()).toBe(status);
      const found = await axeOn(page);
      expect(found.passes).toBeGreaterThan(0);
      expect(found.text).toBe('');
    } finally {
      await page.close();
    }
  });

  it.for(errorPages)('%s submitted empty shows its errors with no WCAG 2.2 AA violations', async ([path, who, button], { expect }) => {
    const page = await (who === 'office' ? officeContext : staffContext).newPage();
    try {
      await page.goto(url(lang, path), { waitUntil: 'load' });
      const answered = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
      await page.locator(button).click();
      expect((await answered).status()).toBe(400);
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary').count()).toBe(1);
      const found = await axeOn(page);
      expect(found.passes).toBeGreaterThan(0);
      expect(found.text).toBe('');
    } finally {
      await page.close();
    }
  });
});

// The pages a maslikhat's staff use on a phone, and the public plan pages (a wide table scrolls in its own wrapper; the timeline shrinks).
describe.concurrent.each(languages)('reflow at 320 px, /%s', (lang) => {
  const cases = [...publicPages.map(([p]) => ['public', p] as const), ...staffPages.map(([p]) => ['staff', p] as const)];
  it.for(cases)('%s %s has no horizontal document scroll', async ([who, path], { expect }) => {
    const page = await (who === 'public' ? narrowPublic : narrowStaff).newPage();
    try {
      await page.goto(url(lang, path), { waitUntil: 'load' });
      const size = await page.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as InPageGlobals;
        return { innerWidth, scrollWidth: document.documentElement.scrollWidth };
      });
      expect(size).toEqual({ innerWidth: 320, scrollWidth: 320 });
    } finally {
      await page.close();
    }
  });
});
