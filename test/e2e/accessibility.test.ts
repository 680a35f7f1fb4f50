// WCAG 2.2 AA as far as axe-core can tell, in a real browser, in every language and page state.
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import type { BrowserContext } from 'playwright-core';
// Each test takes expect from its own context: some run concurrently.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { approveDemoMinutes, seedDemoMeeting } from '../../src/features/meetings/demo-meeting.js';
import { seedDemoData } from '../../src/features/registry/demo-seed.js';
import { Browser, createAccount, signInFully } from '../support/factories.js';
import { createMeeting } from '../support/meeting-factories.js';
import { languages, startE2E, type E2E, type InPageGlobals } from './support.js';

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const pages: [path: string, status: number][] = [
  ['/', 200],
  ['/about', 200],
  ['/maslikhats', 200],
  ['/maslikhats?date=2020-10-21', 200],
  ['/maslikhats?date=bad', 400],
  ['/maslikhats/maslikhat-270000000', 200],
  ['/maslikhats/maslikhat-270000000?date=2020-10-21', 200],
  ['/deputies/{deputy}', 200],
  ['/council', 200],
  ['/council?date=2020-10-21', 200],
  ['/deputies', 200],
  ['/deputies?region=270000000', 200],
  ['/deputies?region=270000000&district=3&q=kulshar', 200],
  ['/deputies?region=999&q=a', 400],
  ['/meetings', 200],
  ['/meetings/{meeting}', 200],
  ['/news', 200],
  ['/news/{news}', 200],
  ['/open-data', 200],
  ['/open-data/api', 200],
  ['/no-such-page', 404],
];

/** The office pages of meetings (the secretariat) and of areas (an administrator), signed in with the second factor done. */
const officePages: [path: string, status: number][] = [
  ['/office/meetings', 200],
  ['/office/meetings/{meeting}', 200],
  ['/office/meetings/{sitting}', 200],
  ['/office/meetings/{sitting}/live', 200],
  ['/office/meetings/{meeting}/press-release', 200],
  ['/office/news', 200],
  ['/office/meetings/{announced}/edit', 200],
  ['/office/meetings/{announced}/agenda/{announcedItem}/edit', 200],
  ['/office/invitations', 200],
  ['/office/admin/areas', 200],
  ['/office/admin/areas/{area}/edit', 200],
  ['/office/admin/people/{clerk}', 200],
  ['/office/admin/people/{clerk}/registry-person?q=Нұрлан', 200],
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
let context: BrowserContext;
let officeContext: BrowserContext;
beforeAll(async () => {
  e2e = await startE2E();
  // The directory pages with generated deputies, commissions and the Council record of 2020.
  await seedDemoData(e2e.t.database.db);
  ids.deputy = (await e2e.t.database.db.selectFrom('person').select('id').where('is_demo', '=', true).orderBy('id').executeTakeFirstOrThrow()).id;
  // The meeting of 21 October 2020 with its approved minutes, and its press release published.
  const db = e2e.t.database.db;
  ids.meeting = (await seedDemoMeeting(db)).meetingId!;
  await approveDemoMinutes(e2e.t.database, e2e.t.config, ids.meeting);
  // The secretariat member is an administrator too, for the admin reference-data pages.
  const clerk = await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }, { role: 'admin', organizationSlug: 'council-senate' }] });
  ids.clerk = clerk.id;
  const jar = new Browser(e2e.t.app);
  await signInFully(jar, db, clerk);
  const saved = await jar.post(`/en/office/meetings/${ids.meeting}/press-release`, {
    titleKk: 'Кеңес отырысы өтті',
    titleRu: 'Состоялось заседание Совета',
    titleEn: 'The Council met',
    leadKk: 'Мәслихаттардың 17 өңірі бейнебайланыспен қосылды.',
    leadRu: 'По видеосвязи подключились маслихаты 17 регионов.',
    leadEn: '',
    bodyKk: 'Бірінші абзац.\n\nЕкінші абзац.',
    bodyRu: 'Первый абзац.\n\nВторой абзац.',
    bodyEn: '',
    version: '',
  });
  if (saved.statusCode !== 303) throw new Error(`press release not saved: ${saved.statusCode}`);
  ids.news = (await db.selectFrom('news_item').select('id').where('meeting_id', '=', ids.meeting).executeTakeFirstOrThrow()).id;
  await jar.post(`/en/office/news/${ids.news}/publish`, { version: '1' });
  // A sitting under way: a roll called, an item taken up, a decision put to the vote.
  const sitting = await createMeeting(db, { status: 'in_progress', agenda: [{ title: { kk: 'Бірінші мәселе', ru: 'Первый вопрос', en: 'First item' } }], invitations: [{ kato: '270000000', status: 'confirmed', attendanceMode: 'video' }] });
  ids.sitting = sitting.id;
  const announced = await createMeeting(db, { agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане' }, rapporteurs: [{ name: { kk: 'Әлиев Нұрлан', ru: 'Алиев Нурлан' } }] }] });
  ids.announced = announced.id;
  ids.announcedItem = announced.agenda[0]!.id;
  ids.area = (await db.selectFrom('area').select('id').where('kato', '=', '270000000').executeTakeFirstOrThrow()).id;
  await jar.post(`/en/office/meetings/${sitting.id}/live/current`, { itemId: sitting.agenda[0]!.id });
  await jar.post(`/en/office/meetings/${sitting.id}/live/decisions`, { itemId: sitting.agenda[0]!.id, kind: 'recommendation', titleKk: 'Ұсыныс', titleRu: 'Рекомендация' });
  // The pages' strict CSP would block axe's injected script; this context only is exempt.
  context = await e2e.browser.newContext({ bypassCSP: true });
  officeContext = await e2e.browser.newContext({ bypassCSP: true });
  await officeContext.addCookies(['kenes_session', 'kenes_csrf'].map((name) => ({ name, value: jar.cookie(name)!, url: e2e.baseUrl })));
});
afterAll(async () => {
  await context?.close();
  await officeContext?.close();
  await e2e?.close();
});

// Concurrent: each test has its own page; axe is the slow part and the pages do not interact.
describe.concurrent.each(languages)('axe-core, /%s', (lang) => {
  it.for(pages)(`%s has no WCAG 2.2 AA violations`, async ([path, status], { expect }) => {
    const page = await context.newPage();
    try {
      const response = await page.goto(`${e2e.baseUrl}/${lang}${path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!)}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(status);
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      expect(results.testEngine.name).toBe('axe-core');
      expect(results.passes.length).toBeGreaterThan(0);
      expect(report(results.violations), 'axe-core violations').toBe('');
    } finally {
      await page.close();
    }
  });
});

describe.concurrent.each(languages)('axe-core, office pages, /%s', (lang) => {
  it.for(officePages)(`%s has no WCAG 2.2 AA violations`, async ([path, status], { expect }) => {
    const page = await officeContext.newPage();
    try {
      const response = await page.goto(`${e2e.baseUrl}/${lang}${path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!)}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(status);
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      expect(results.passes.length).toBeGreaterThan(0);
      expect(report(results.violations), 'axe-core violations').toBe('');
    } finally {
      await page.close();
    }
  });
});

describe('axe-core itself', () => {
  it('runs under the CSP exemption and reports what it finds (so a clean result means something)', async ({ expect }) => {
    const page = await context.newPage();
    try {
      await page.goto(`${e2e.baseUrl}/en/`);
      await page.evaluate(() => {
        const { document } = globalThis as unknown as InPageGlobals;
        document.documentElement.removeAttribute('lang');
        const link = document.querySelector('.main-nav a');
        if (link) link.textContent = '';
      });
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      const text = report(results.violations);
      expect(text).toContain('html-has-lang (serious)');
      expect(text).toContain('link-name (serious): Links must have discernible text');
      expect(text).toContain('a[aria-current="page"]');
    } finally {
      await page.close();
    }
  });
});
