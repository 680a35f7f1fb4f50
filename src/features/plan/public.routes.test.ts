// The plan's public pages: the list, one plan with its timeline, items, results and regions, a
// region's part, accepted reports only, a draft not found, the CSV, and the links from the meeting
// and maslikhat pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, createPlanItem, createPlanReport } from '../../../test/support/plan-factories.js';
import { page } from '../../../test/support/page.js';
import { maslikhatId } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { languages } from '../../core/i18n/languages.js';

let t: TestApp;
let planId: string;
let itemId: string;
let draftId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const plan = await createPlan(db, { status: 'adopted', periodStart: '2021-01-01', periodEnd: '2021-12-31', title: { kk: 'Жоспар 2021', ru: 'План 2021', en: 'Plan 2021' } });
  planId = plan.id;
  const item = await createPlanItem(db, {
    planId,
    sectionId: plan.sectionIds[0]!,
    action: { kk: 'Кездесулер өткізу', ru: 'Проведение встреч', en: 'Holding meetings' },
    responsible: ['region_maslikhats'],
    startsOn: '2021-01-01',
    deadline: '2021-06-30',
    deadlineKind: 'quarterly',
    indicators: [{ target: 100 }],
  });
  itemId = item.id;
  await createPlanReport(db, { itemId, body: '270000000', periodStart: '2021-01-01', periodEnd: '2021-03-31', dueOn: '2021-04-05', state: 'accepted', revisions: [{ text: { ru: 'Проведено 12 встреч с жителями.', en: 'Held 12 meetings with residents.' }, values: { [item.indicatorIds[0]!]: 12 } }] });
  await createPlanReport(db, { itemId, body: '750000000', periodStart: '2021-01-01', periodEnd: '2021-03-31', dueOn: '2021-04-05', state: 'submitted', revisions: [{ text: { ru: 'Секретный черновой текст', en: 'Unreviewed text' }, values: { [item.indicatorIds[0]!]: 77 } }] });
  draftId = (await createPlan(db, { title: { kk: 'Жоба', ru: 'Проект', en: 'A draft plan' } })).id;
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /:lang/plan', () => {
  it('lists the plan in force and never a draft', async () => {
    const res = await get('/en/plan');
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.heading).toBe('Perspective work plan');
    expect(p.allByRole('link', { name: 'Plan 2021' })).toHaveLength(1);
    expect(p.text('main')).not.toContain('A draft plan');
  });
});

describe('GET /:lang/plan/:id', () => {
  it('shows items with their status in words, the accepted results only, the timeline and its table', async () => {
    const res = await get(`/en/plan/${planId}`);
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.heading).toBe('Plan 2021');
    expect(p.byRole('heading', { name: /Holding meetings/ })).toBeTruthy();
    expect(p.text('main')).toContain('Held 12 meetings with residents.');
    expect(res.body).not.toContain('Unreviewed text');
    expect(p.text('main')).toMatch(/overdue/);
    const svg = p.byRole('img', { name: /Timeline of the plan's items/ });
    expect(svg.querySelector('title')).toBeTruthy();
    expect(p.tableRows('The timeline as a table')).toHaveLength(1);
    // Only the accepted value counts toward the indicator: 12 of 100.
    expect(p.tableRows(/Indicators of item/)[0]).toEqual(['Number of meetings (meetings)', '—', '100', '12', '12 %']);
    const regions = p.tableRows('Region by region');
    expect(regions.find((r) => r[0]!.startsWith('West Kazakhstan'))).toEqual(['West Kazakhstan Regional Maslikhat', '1', '1', '2', '1']);
    expect(regions.find((r) => r[0]!.startsWith('Almaty City'))).toEqual(['Almaty City Maslikhat', '1', '0', '2', '2']);
  });

  it('shows a region\'s part with ?region=', async () => {
    const res = await get(`/en/plan/${planId}?region=750000000`);
    const p = page(res.body);
    expect(p.heading).toBe('Plan 2021: Almaty City Maslikhat\'s part');
    expect(p.text('main')).not.toContain('Held 12 meetings');
    expect(p.byLabel('Region').querySelector('option[selected]')?.getAttribute('value')).toBe('750000000');
  });

  it('is not found for a draft plan or an unknown id', async () => {
    expect((await get(`/en/plan/${draftId}`)).statusCode).toBe(404);
    expect((await get('/en/plan/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/en/plan/not-a-plan')).statusCode).toBe(404);
  });

  it.each(languages)('renders in %s', async (lang) => {
    const res = await get(`/${lang}/plan/${planId}`);
    expect(res.statusCode).toBe(200);
    expect(page(res.body).heading).not.toBe('');
  });
});

describe('GET /:lang/plan/:id/progress.csv', () => {
  it('gives the items × bodies table from accepted reports', async () => {
    const res = await get(`/en/plan/${planId}/progress.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [head, row] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toContain('West Kazakhstan Regional Maslikhat');
    expect(row).toContain('Holding meetings');
    expect(row).not.toContain('awaiting review');
  });
});

describe('links from other pages', () => {
  it('the meeting that adopted the plan links to it, and the maslikhat to its part', async () => {
    const db = t.database.db;
    const meeting = await createMeeting(db, { number: 77, startsAt: '2021-01-10T11:00', status: 'held' });
    const plan = await createPlan(db, { status: 'adopted', periodStart: '2021-01-01', periodEnd: '2021-12-31' });
    await db.updateTable('decision').set({ meeting_id: meeting.id }).where('id', '=', plan.adoptionDecisionId!).execute();
    const meetingLinks = await t.app.related.linksFor('meeting', meeting.id, 'en');
    expect(meetingLinks).toContainEqual({ messageKey: 'planPublic.relatedMeeting', href: `/plan/${plan.id}` });
    expect(await t.app.related.linksFor('decision', plan.adoptionDecisionId!, 'en')).toContainEqual({ messageKey: 'planPublic.relatedDecision', href: `/plan/${plan.id}` });
    const west = await maslikhatId(db, '270000000');
    const links = await t.app.related.linksFor('maslikhat', west, 'en');
    expect(links.map((l) => l.href)).toContain(`/plan/${planId}?region=270000000`);
    const page_ = page((await get(`/en/meetings/${meeting.id}`)).body);
    expect(page_.allByRole('link', { name: 'The perspective work plan adopted at this meeting' })).toHaveLength(1);
  });
});
