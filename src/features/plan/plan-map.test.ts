// The public plan page's map: the regions coloured by their share of due reports accepted (17
// units for a plan of 2021, 20 for one of 2023), with the same data as a table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, createPlanItem, createPlanReport } from '../../../test/support/plan-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let plan2021: string;
let plan2023: string;

async function planWithReports(periodStart: string, periodEnd: string, title: string, accepted: string[]): Promise<string> {
  const db = t.database.db;
  const plan = await createPlan(db, { status: 'adopted', periodStart, periodEnd, title: { kk: title, ru: title, en: title } });
  const item = await createPlanItem(db, {
    planId: plan.id,
    sectionId: plan.sectionIds[0]!,
    action: { kk: 'Кездесулер', ru: 'Встречи', en: 'Meetings' },
    responsible: ['region_maslikhats'],
    startsOn: periodStart,
    deadline: `${periodStart.slice(0, 4)}-06-30`,
    deadlineKind: 'quarterly',
  });
  const year = periodStart.slice(0, 4);
  for (const body of accepted) {
    await createPlanReport(db, { itemId: item.id, body, periodStart: `${year}-01-01`, periodEnd: `${year}-03-31`, dueOn: `${year}-04-05`, state: 'accepted', revisions: [{ text: { en: 'Done.' } }] });
  }
  return plan.id;
}

beforeAll(async () => {
  t = await createTestApp();
  plan2021 = await planWithReports('2021-01-01', '2021-12-31', 'Plan 2021', ['270000000']);
  plan2023 = await planWithReports('2023-01-01', '2023-12-31', 'Plan 2023', ['100000000', '270000000']);
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /:lang/plan/:id (the regions map)', () => {
  it('maps the 17 units of 2021 by their share of due reports accepted, with a table of the same', async () => {
    const res = await get(`/en/plan/${plan2021}`);
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    const map = p.byRole('img', { name: /Share of due reports accepted, %: Kazakhstan by region/ });
    const units = [...map.querySelectorAll('path[data-kato]')];
    expect(units).toHaveLength(17);
    // West Kazakhstan: 1 of 2 due accepted; every other region none of 2.
    expect(map.querySelector('path[data-kato="270000000"] title')?.textContent).toBe('West Kazakhstan Region: 50 %');
    expect(map.querySelector('path[data-kato="710000000"] title')?.textContent).toBe('City of Nur-Sultan: 0 %');
    expect(map.querySelector('.chart-map__credit')?.textContent).toContain('geokz');
    const rows = p.tableRows(/Share of due reports accepted, % by region/);
    expect(rows).toHaveLength(17);
    expect(rows).toContainEqual(['West Kazakhstan Region', '50 %']);
    expect(p.links('West Kazakhstan Region').map((l) => l.href)).toContain(`/en/plan/${plan2021}?region=270000000`);
    // The region-by-region table is still there.
    expect(p.tableRows('Region by region').length).toBeGreaterThan(0);
  });

  it('maps the 20 units of 2023 in Kazakh', async () => {
    const p = page((await get(`/kk/plan/${plan2023}`)).body);
    const map = p.byRole('img', { name: /Қабылданған есептердің үлесі/ });
    expect(map.querySelectorAll('path[data-kato]')).toHaveLength(20);
    expect(map.querySelector('path[data-kato="100000000"] title')?.textContent).toBe('Абай облысы: 50 %');
    expect(p.tableRows(/өңірлер бойынша/)).toHaveLength(20);
  });

  it('shows no map on a region\'s part', async () => {
    const p = page((await get(`/en/plan/${plan2023}?region=270000000`)).body);
    expect(p.allByRole('img', { name: /Kazakhstan by region/ })).toHaveLength(0);
  });
});
