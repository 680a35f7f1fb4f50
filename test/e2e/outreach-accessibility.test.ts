// WCAG 2.2 AA as far as axe-core can tell, in every language, on the pages of deputies' work with
// voters, citizens' questions, the library and search (issues 13 and 14): the public receptions,
// outreach figures, question form and tracking page, library and search; the office's events,
// analytics, topics, questions, library and coverage — and the forms again after an empty submit,
// with their errors shown. The public question form and the event form at 320 px do not scroll sideways.
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
// Each test takes expect from its own context: some run concurrently.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { systemContext } from '../../src/core/audit/audit.js';
import { createCalendarService } from '../../src/features/calendar/calendar.service.js';
import { createQuestionsService } from '../../src/features/questions/questions.service.js';
import { createRegistryService } from '../../src/features/registry/registry.service.js';
import { newId } from '../../src/core/ids.js';
import { Browser, createAccount, signInFully } from '../support/factories.js';
import { createMaterial, createMaterialFile, distribute } from '../support/library-factories.js';
import { createOutreachEvent, topicIdBySlug } from '../support/outreach-factories.js';
import { areaId } from '../support/registry-factories.js';
import { languages, startE2E, type E2E, type InPageGlobals } from './support.js';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const west = 'maslikhat-270000000';

const publicPages: [path: string, status: number][] = [
  ['/receptions', 200],
  ['/receptions?region=270000000', 200],
  ['/receptions/{reception}', 200],
  ['/outreach', 200],
  ['/outreach?region=270000000&measure=questions', 200],
  ['/outreach?from=2099-13', 400],
  ['/questions/new', 200],
  ['/questions/track/{track}', 200],
  ['/library', 200],
  ['/library/{material}', 200],
  ['/search?q=мәслихат', 200],
  ['/search?q=', 200],
];

/** The office, as one person with every staff role (the secretariat, an administrator, West Kazakhstan's staff). */
const officePages: [path: string, status: number][] = [
  ['/office/outreach', 200],
  ['/office/outreach/{event}', 200],
  ['/office/outreach/{event}/edit', 200],
  [`/office/maslikhats/${west}/outreach/new`, 200],
  [`/office/maslikhats/${west}/outreach/import`, 200],
  ['/office/outreach/analytics', 200],
  ['/office/outreach/topics', 200],
  ['/office/questions', 200],
  ['/office/questions/{question}', 200],
  ['/office/questions/new?event={event}', 200],
  ['/office/questions/retention', 200],
  ['/office/library', 200],
  ['/office/library/new', 200],
  ['/office/library/{material}', 200],
  ['/office/library/coverage', 200],
  [`/office/maslikhats/${west}/library`, 200],
  [`/office/maslikhats/${west}/library/{material}`, 200],
  ['/office/library/{material}/quiz', 200],
  [`/office/maslikhats/${west}/library/{material}/quiz`, 200],
];

/** Forms submitted empty: the page again with its errors. [page, who, the form's submit button]. */
const errorPages: [path: string, who: 'public' | 'office', button: string][] = [
  ['/questions/new', 'public', 'main form[method=post] button[type=submit]'],
  [`/office/maslikhats/${west}/outreach/new`, 'office', 'main form[method=post] button[type=submit]'],
  ['/office/questions/new?event={event}', 'office', 'main form[method=post] button[type=submit]'],
  ['/office/library/new', 'office', 'main form[method=post] button[type=submit]'],
  ['/office/library/{material}/quiz', 'office', 'main form[method=post][action$="/quiz"] button[type=submit]'],
  [`/office/maslikhats/${west}/library/{material}/quiz`, 'office', 'main form[method=post] button[type=submit]'],
];

/** WCAG 1.4.10 (reflow): the phone pages at 320 CSS pixels. */
const narrowPages: [path: string, who: 'public' | 'office'][] = [
  ['/questions/new', 'public'],
  ['/questions/track/{track}', 'public'],
  ['/receptions', 'public'],
  ['/outreach', 'public'],
  [`/office/maslikhats/${west}/outreach/new`, 'office'],
  ['/office/outreach/{event}', 'office'],
  ['/office/questions/new?event={event}', 'office'],
  ['/office/questions/{question}', 'office'],
  [`/office/maslikhats/${west}/library/{material}/quiz`, 'office'],
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
const contexts: Record<'public' | 'office' | 'narrowPublic' | 'narrowOffice', BrowserContext> = {} as never;
const narrowScreen = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };

const url = (lang: string, path: string) => `${e2e.baseUrl}/${lang}${path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!)}`;

beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.t.database.db;
  const topic = await topicIdBySlug(db, 'address-2020-economy');
  // A meeting with voters last week (public, with a topic) and a reception ahead.
  ids.event = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: new Date(Date.now() - 7 * 86_400_000), audienceTotal: 40, summary: 'Жолдау түсіндірілді.', topics: [topic] });
  ids.reception = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: new Date(Date.now() + 7 * 86_400_000) });
  // A citizen's question through the public form's service, with its private link.
  const questions = createQuestionsService(db, { calendar: createCalendarService(db), registry: createRegistryService(db), mailer: e2e.t.app.mailer });
  const asked = await questions.submit(
    { areaId: await areaId(db, '270000000'), settlement: 'Ақсай', name: 'Айгүл Сәрсенова', email: null, phone: '+7 701 000 00 01', body: 'Жол қашан жөнделеді?', language: 'kk' },
    await questions.issueFormTime(),
    systemContext('test'),
    e2e.baseUrl,
  );
  ids.question = asked.id!;
  ids.track = asked.token!;
  // A published lecture with a file, sent to West Kazakhstan.
  ids.material = await createMaterial(db, { state: 'published', topics: ['budget'], laws: [{ title: 'Бюджет кодексі', url: 'https://adilet.zan.kz/kaz/docs/K080000095_' }] });
  await createMaterialFile(e2e.t.app, ids.material, 'kk');
  await distribute(db, ids.material, [west]);
  // Its self-check quiz of two questions.
  for (const [i, prompt] of ['Мәслихат бюджетті бекіте ме?', 'Сессия қашан заңды?'].entries()) {
    await db.insertInto('library_quiz_question').values({ id: newId(), material_id: ids.material, position: i + 1, prompt: JSON.stringify({ kk: prompt, ru: 'Вопрос', en: 'Question' }), options: JSON.stringify([{ kk: 'Иә', ru: 'Да', en: 'Yes' }, { kk: 'Жоқ', ru: 'Нет', en: 'No' }]), correct_option: 0 }).execute();
  }
  // Search finds what is there once it is indexed.
  await e2e.t.app.searchIndex.reindexAll();

  const everyRole = await createAccount(db, {
    grants: [
      { role: 'admin', organizationSlug: 'council-senate' },
      { role: 'secretariat', organizationSlug: 'council-senate' },
      { role: 'maslikhat_staff', organizationSlug: west },
    ],
  });
  const jar = new Browser(e2e.t.app);
  await signInFully(jar, db, everyRole);
  const cookies = ['kenes_session', 'kenes_csrf'].map((name) => ({ name, value: jar.cookie(name)!, url: e2e.baseUrl }));
  // Exempt from the CSP, which would block axe's injected script.
  contexts.public = await e2e.browser.newContext({ bypassCSP: true });
  contexts.office = await e2e.browser.newContext({ bypassCSP: true });
  await contexts.office.addCookies(cookies);
  contexts.narrowPublic = await e2e.browser.newContext(narrowScreen);
  contexts.narrowOffice = await e2e.browser.newContext(narrowScreen);
  await contexts.narrowOffice.addCookies(cookies);
});
afterAll(async () => {
  for (const context of Object.values(contexts)) await context.close();
  await e2e?.close();
});

async function axeOn(page: Page): Promise<{ passes: number; text: string }> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return { passes: results.passes.length, text: report(results.violations) };
}

// Concurrent: each test has its own page; axe is the slow part and the pages do not interact.
describe.concurrent.each(languages)('axe-core, outreach, questions, library and search pages, /%s', (lang) => {
  const cases = [...publicPages.map(([p, s]) => ['public', p, s] as const), ...officePages.map(([p, s]) => ['office', p, s] as const)];
  it.for(cases)('%s %s has no WCAG 2.2 AA violations', async ([who, path, status], { expect }) => {
    const page = await contexts[who].newPage();
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
    const page = await contexts[who].newPage();
    try {
      await page.goto(url(lang, path), { waitUntil: 'load' });
      const answered = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
      await page.locator(button).first().click();
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

describe.concurrent.each(languages)('reflow at 320 px, /%s', (lang) => {
  it.for(narrowPages)('%s (%s) has no horizontal document scroll', async ([path, who], { expect }) => {
    const page = await contexts[who === 'public' ? 'narrowPublic' : 'narrowOffice'].newPage();
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
