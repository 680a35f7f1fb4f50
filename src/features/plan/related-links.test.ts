// The plan seen from other capabilities' pages, linked through core/related.ts: the maslikhat's
// page links to its part of the plan, the meeting that adopted a plan links to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, textOf } from '../../../test/support/page.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createPlan, createPlanItem } from '../../../test/support/plan-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The page's links whose address begins with the prefix: where each goes and what it says. */
const linksTo = (html: string, prefix: string) =>
  page(html)
    .allByRole('link')
    .map((a) => ({ href: a.getAttribute('href') ?? '', text: textOf(a) }))
    .filter((l) => l.href.startsWith(prefix));

describe('GET /:lang/maslikhats/:slug', () => {
  it('links to the maslikhat\'s part of each adopted plan that names it, and of no draft', async () => {
    const db = t.database.db;
    const adopted = await createPlan(db, { status: 'adopted', title: { kk: 'Жоспар А', ru: 'План А', en: 'Plan A' } });
    await createPlanItem(db, { planId: adopted.id, responsible: ['270000000'] });
    const draft = await createPlan(db, { title: { kk: 'Жоба', ru: 'Проект', en: 'Draft plan' } });
    await createPlanItem(db, { planId: draft.id, responsible: ['270000000'] });
    const res = await t.app.inject({ method: 'GET', url: '/en/maslikhats/maslikhat-270000000' });
    expect(res.statusCode).toBe(200);
    const links = linksTo(res.body, '/en/plan/');
    expect(links.map((l) => l.href)).toContain(`/en/plan/${adopted.id}?region=270000000`);
    expect(links.map((l) => l.href).some((href) => href.includes(draft.id))).toBe(false);
    expect(links.find((l) => l.href.includes(adopted.id))?.text).toContain('Plan A');
  });
});

describe('GET /:lang/meetings/:id', () => {
  it('links to the plan adopted by one of the meeting\'s decisions', async () => {
    const db = t.database.db;
    const meeting = await createMeeting(db, { startsAt: '2020-10-21T11:00', status: 'held', agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане', en: 'On the plan' } }] });
    const plan = await createPlan(db, { status: 'adopted' });
    await db.updateTable('decision').set({ meeting_id: meeting.id, agenda_item_id: meeting.agenda[0]!.id, result: 'adopted' }).where('id', '=', plan.adoptionDecisionId!).execute();
    const res = await t.app.inject({ method: 'GET', url: `/en/meetings/${meeting.id}` });
    expect(res.statusCode).toBe(200);
    expect(linksTo(res.body, '/en/plan/').map((l) => l.href)).toEqual([`/en/plan/${plan.id}`]);
  });
});
