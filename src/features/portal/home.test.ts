// The home page at a glance: what is next (meetings, the plan's report deadlines), the latest
// decisions and news, and a link into every capability.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { newId } from '../../core/ids.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createOwnTestApp } from '../../../test/support/own-app.js';
import { page } from '../../../test/support/page.js';
import { createOutreachEvent } from '../../../test/support/outreach-factories.js';
import { createPlan, createPlanItem } from '../../../test/support/plan-factories.js';
import { organizationId } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const home = async (lang = 'en', on: TestApp = t) => {
  const res = await on.app.inject({ method: 'GET', url: `/${lang}/` });
  expect(res.statusCode).toBe(200);
  return page(res.body);
};
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const listIn = (p: ReturnType<typeof page>, headingId: string) => p.text(`section[aria-labelledby="${headingId}"]`);

describe('GET /:lang/ — what is next and what is new', () => {
  it('says so when nothing is announced or published, and still links into every capability', async () => {
    // Its own app: the other tests announce and publish on the shared one, in whatever order they run.
    const p = await home('en', await createOwnTestApp());
    expect(p.byRole('heading', { name: 'What is next', level: 2 })).toBeTruthy();
    expect(listIn(p, 'home-next-meetings')).toContain('No coming meeting has been announced yet.');
    expect(listIn(p, 'home-decisions')).toContain('No decision has been published yet.');
    expect(listIn(p, 'home-news')).toContain('No news has been published yet.');
    for (const [name, path] of [
      ['The regions’ maslikhats', '/en/maslikhats'],
      ['The council’s members', '/en/council'],
      ['Find your deputy', '/en/deputies'],
      ['The council’s meetings', '/en/meetings'],
      ['The perspective work plan', '/en/plan'],
      ['News', '/en/news'],
      ['Open data', '/en/open-data'],
      ['About this platform', '/en/about'],
    ]) {
      expect(p.links(name).map((l) => l.href)).toContain(path);
    }
  });

  it('lists the next three meetings soonest first, the latest decisions with their meeting, and the latest news', async () => {
    const db = t.database.db;
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    const later = await createMeeting(db, { startsAt: day(40), number: 41, title: null });
    const soon = await createMeeting(db, { startsAt: day(10), number: 40, title: null });
    await createMeeting(db, { startsAt: day(50), number: 42, title: null });
    await createMeeting(db, { startsAt: day(60), number: 43, title: null });
    await createMeeting(db, { startsAt: day(5), number: 39, title: null, status: 'draft' });
    const held = await createMeeting(db, {
      startsAt: day(-20),
      status: 'held',
      number: 38,
      title: null,
      decisions: [
        { title: { en: 'On the regions’ reports' }, number: '7' },
        { title: { en: 'On a rejected proposal' }, result: 'rejected' },
      ],
    });
    const p = await home();
    const next = p.links().filter((l) => /^\/en\/meetings\/[0-9a-f-]{36}$/.test(l.href));
    expect(next.map((l) => l.text)).toEqual(['Regular meeting No. 40', 'Regular meeting No. 41', 'Regular meeting No. 42']);
    expect(next[0]?.href).toBe(`/en/meetings/${soon.id}`);
    expect(next[1]?.href).toBe(`/en/meetings/${later.id}`);
    expect(p.text()).not.toContain('No. 39');

    expect(p.href('On the regions’ reports')).toBe(`/en/meetings/${held.id}#decision-${held.decisions[0]}`);
    expect(listIn(p, 'home-decisions')).toContain('No. 7 of');
    expect(listIn(p, 'home-decisions')).toContain('Regular meeting No. 38');
    expect(listIn(p, 'home-decisions')).not.toContain('rejected proposal');

    const council = await organizationId(db, 'council-senate');
    const news = (title: string, status: 'published' | 'draft', daysAgo: number) => ({
      id: newId(),
      organization_id: council,
      meeting_id: null,
      title: JSON.stringify({ en: title }),
      lead: null,
      body: null,
      status,
      published_at: status === 'published' ? day(-daysAgo) : null,
      created_by: null,
    });
    await db
      .insertInto('news_item')
      .values([news('Older news', 'published', 9), news('Newest news', 'published', 1), news('Middle news', 'published', 5), news('Oldest news', 'published', 20), news('Draft news', 'draft', 0)])
      .execute();
    const after = listIn(await home(), 'home-news');
    expect(after.indexOf('Newest news')).toBeGreaterThan(-1);
    expect(after.indexOf('Newest news')).toBeLessThan(after.indexOf('Middle news'));
    expect(after.indexOf('Middle news')).toBeLessThan(after.indexOf('Older news'));
    expect(after).not.toContain('Oldest news');
    expect(after).not.toContain('Draft news');
  });

  it('shows the adopted plans’ next report deadlines, each day with how many items fall due', async () => {
    const db = t.database.db;
    const today = todayInKazakhstan();
    const plan = await createPlan(db, { status: 'adopted', periodStart: addDays(today, -30), periodEnd: addDays(today, 400), title: { en: 'The plan in force', kk: 'Жоспар', ru: 'План' } });
    const draft = await createPlan(db, { status: 'draft', periodStart: addDays(today, -30), periodEnd: addDays(today, 400), title: { en: 'A draft plan' } });
    const dueIn = (days: number) => ({ planId: plan.id, startsOn: addDays(today, -10), deadline: addDays(today, days), deadlineKind: 'date' as const, responsible: ['region_maslikhats'] });
    await createPlanItem(db, dueIn(12));
    await createPlanItem(db, dueIn(12));
    await createPlanItem(db, dueIn(30));
    await createPlanItem(db, dueIn(-3));
    await createPlanItem(db, { ...dueIn(5), cancelled: true });
    await createPlanItem(db, { ...dueIn(7), planId: draft.id });
    const p = await home();
    const deadlines = p.text('section[aria-labelledby="home-next-plan"] li');
    expect(p.byRole('heading', { name: 'Work plan report deadlines', level: 3 })).toBeTruthy();
    const lines = [...p.document.querySelectorAll('section[aria-labelledby="home-next-plan"] li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/The plan in force — reports on 2 items$/);
    expect(lines[1]).toMatch(/The plan in force — reports on 1 item$/);
    expect(deadlines).not.toContain('A draft plan');
    expect(p.links().filter((l) => l.href === `/en/plan/${plan.id}`)).toHaveLength(2);
  });

  it('shows the next three public receptions and meetings with voters in every region, soonest first, and links to all of them', async () => {
    const db = t.database.db;
    const hours = (n: number) => new Date(Date.now() + n * 3_600_000);
    const soonest = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: hours(20), settlement: 'Aksai' });
    const second = await createOutreachEvent(db, { maslikhat: '750000000', kind: 'reception', startsAt: hours(30), settlement: 'Almaty' });
    const third = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: hours(50), settlement: 'Uralsk' });
    await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: hours(70) });
    await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: hours(10), public: false, settlement: 'Internal' });
    await createOutreachEvent(db, { maslikhat: '270000000', kind: 'visit', startsAt: hours(12), settlement: 'A visit' });
    await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: hours(-2), settlement: 'Yesterday' });
    const p = await home();
    expect(p.byRole('heading', { name: 'Citizens’ receptions and meetings with voters ahead', level: 3 })).toBeTruthy();
    const items = [...p.document.querySelectorAll('section[aria-labelledby="home-next-receptions"] li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim());
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^Meeting with voters — West Kazakhstan Region.*Aksai$/);
    expect(items[1]).toMatch(/^Citizens' reception — City of Almaty.*Almaty$/);
    expect(items[2]).toMatch(/^Citizens' reception — West Kazakhstan Region.*Uralsk$/);
    const hrefs = p.links().map((l) => l.href);
    for (const id of [soonest, second, third]) expect(hrefs).toContain(`/en/receptions/${id}`);
    expect(p.href('All receptions and meetings ahead')).toBe('/en/receptions');
    expect(p.text()).not.toMatch(/Internal|A visit|Yesterday/);
  });

  it.each(['kk', 'kk-latn', 'ru'])('is in %s throughout', async (lang) => {
    const p = await home(lang);
    expect(p.allByRole('heading', { level: 2 }).length).toBeGreaterThanOrEqual(4);
    expect(p.text()).not.toMatch(/\bhome\.|\bhub\./);
  });
});
