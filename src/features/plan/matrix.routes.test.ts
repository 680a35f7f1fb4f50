// The secretariat's matrix (page, filters, XLSX and CSV) and the plan's open-data API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createPlan, createPlanItem, createPlanReport } from '../../../test/support/plan-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { loadExcel } from '../../core/lazy-modules.js';

let t: TestApp;
let clerk: Browser;
let planId: string;
let draftId: string;
let acceptedId: string;
let returnedId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  clerk = new Browser(t.app);
  await signInFully(clerk, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  const plan = await createPlan(db, { status: 'adopted', periodStart: '2021-01-01', periodEnd: '2021-12-31', sections: [{ en: 'Lawmaking', ru: 'Законотворчество', kk: 'Заң шығару' }, { en: 'Outreach', ru: 'Разъяснение', kk: 'Түсіндіру' }] });
  planId = plan.id;
  const item = await createPlanItem(db, { planId, sectionId: plan.sectionIds[0]!, action: { kk: 'Талдау', ru: 'Анализ', en: 'Analysis' }, responsible: ['270000000', '750000000'], startsOn: '2021-01-01', deadline: '2021-06-30', deadlineKind: 'quarterly', indicators: [{ target: 10 }] });
  await createPlanItem(db, { planId, sectionId: plan.sectionIds[1]!, action: { kk: 'Кездесу', ru: 'Встречи', en: '=Meetings' }, responsible: ['750000000'], startsOn: '2021-01-01', deadline: '2021-03-31', deadlineKind: 'date' });
  acceptedId = (await createPlanReport(db, { itemId: item.id, body: '270000000', periodStart: '2021-01-01', periodEnd: '2021-03-31', dueOn: '2021-04-05', state: 'accepted', revisions: [{ text: { en: 'Done in Q1' }, values: { [item.indicatorIds[0]!]: 4 } }] })).id;
  returnedId = (await createPlanReport(db, { itemId: item.id, body: '750000000', periodStart: '2021-01-01', periodEnd: '2021-03-31', dueOn: '2021-04-05', state: 'returned', revisions: [{ text: { en: 'Not good enough' } }] })).id;
  draftId = (await createPlan(db)).id;
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /:lang/office/plan/:id/matrix', () => {
  it('shows items × bodies, each cell in words with a link to its report', async () => {
    const res = await clerk.get(`/en/office/plan/${planId}/matrix?period=2021-Q1`);
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    const rows = p.tableRows('Reports by item and responsible body');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.slice(2)).toEqual(['✔ accepted', '↩ returned for revision, late']);
    expect(rows[1]!.slice(2)).toEqual(['—No report expected', '! missing, overdue']);
    expect(p.allByRole('link', { name: /accepted/ }).map((a) => a.getAttribute('href'))).toContain(`/en/office/plan/reports/${acceptedId}`);
    expect(p.allByRole('link', { name: /returned/ }).map((a) => a.getAttribute('href'))).toContain(`/en/office/plan/reports/${returnedId}`);
  });

  it('shows the latest quarter that has ended by default, and the whole plan summed up per cell for "any" period', async () => {
    // The plan ran in 2021: its last quarter is the latest that has ended, and no item reports for it.
    const latest = page((await clerk.get(`/en/office/plan/${planId}/matrix`)).body);
    expect(latest.byLabel('Period').querySelector('option[selected]')?.getAttribute('value')).toBe('2021-Q4');
    expect(latest.text('main')).toContain('No item matches the filters.');
    expect(latest.allByRole('link', { name: 'Clear the filters' })).toHaveLength(0);
    const whole = page((await clerk.get(`/en/office/plan/${planId}/matrix?period=all`)).body);
    expect(whole.byLabel('Period').querySelector('option[selected]')?.textContent).toBe('Any');
    expect(whole.tableRows('Reports by item and responsible body').map((r) => r.slice(2))).toEqual([
      ['! missing, overdue (1 of 2 accepted)', '! missing, overdue (0 of 2 accepted)'],
      ['—No report expected', '! missing, overdue'],
    ]);
    // A cell holding several reports opens the latest one filed.
    expect(whole.allByRole('link', { name: /1 of 2/ }).map((a) => a.getAttribute('href'))).toEqual([`/en/office/plan/reports/${acceptedId}`]);
    expect(whole.allByRole('link', { name: /0 of 2/ }).map((a) => a.getAttribute('href'))).toEqual([`/en/office/plan/reports/${returnedId}`]);
    // The exports name the period shown.
    expect(whole.allByRole('link', { name: 'Download as CSV' })[0]!.getAttribute('href')).toBe(`/en/office/plan/${planId}/matrix.csv?period=all`);
  });

  it('filters by section, status and region, keeping the choices in the form', async () => {
    const plan = page((await clerk.get(`/en/office/plan/${planId}/matrix?period=all`)).body);
    const lawmaking = [...plan.byLabel('Section').querySelectorAll('option')].find((o) => o.textContent === 'Lawmaking')!.getAttribute('value');
    const bySection = page((await clerk.get(`/en/office/plan/${planId}/matrix?section=${lawmaking}&period=all`)).body);
    expect(bySection.tableRows('Reports by item and responsible body').map((r) => r[0])).toEqual([expect.stringContaining('Analysis')]);
    const returned = page((await clerk.get(`/en/office/plan/${planId}/matrix?status=returned&region=750000000&period=all`)).body);
    expect(returned.tableRows('Reports by item and responsible body')).toEqual([[expect.stringContaining('Analysis'), expect.any(String), '↩ returned for revision, late']]);
    expect(returned.byLabel('Report state').querySelector('option[selected]')?.getAttribute('value')).toBe('returned');
    expect(returned.allByRole('link', { name: /returned/ }).map((a) => a.getAttribute('href'))).toEqual([`/en/office/plan/reports/${returnedId}`]);
    const none = page((await clerk.get(`/en/office/plan/${planId}/matrix?status=draft&period=all`)).body);
    expect(none.text('main')).toContain('No item matches the filters.');
  });

  it('refuses maslikhat staff', async () => {
    const staff = new Browser(t.app);
    await staff.signIn(await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
    expect((await staff.get(`/en/office/plan/${planId}/matrix`)).statusCode).toBe(403);
  });
});

describe('GET /:lang/office/plan/:id/matrix.xlsx and .csv', () => {
  it('exports the same filtered matrix', async () => {
    const csv = await clerk.get(`/en/office/plan/${planId}/matrix.csv?period=2021-Q1`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('No.,Section,Item,Item status,West Kazakhstan Regional Maslikhat,Almaty City Maslikhat');
    expect(lines[1]).toMatch(/Analysis,overdue,accepted,"returned for revision, late"$/);
    // A formula in an item's text is neutralised.
    expect(lines[2]).toContain(",'=Meetings,");
    // The same as the page.
    const shown = page((await clerk.get(`/en/office/plan/${planId}/matrix?period=2021-Q1`)).body).tableRows('Reports by item and responsible body');
    const asCsv = (cell: string) => (cell.startsWith('—') ? '' : cell.slice(2).includes(',') ? `"${cell.slice(2)}"` : cell.slice(2));
    expect(lines.slice(1).map((line, i) => line.endsWith(`,${shown[i]!.slice(2).map(asCsv).join(',')}`))).toEqual([true, true]);
    const xlsx = await clerk.get(`/en/office/plan/${planId}/matrix.xlsx?region=270000000&period=all`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(Uint8Array.from(xlsx.rawPayload).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'No.', 'Section', 'Item', 'Item status', 'West Kazakhstan Regional Maslikhat']);
    expect(sheet.rowCount).toBe(2);
    expect(String(sheet.getRow(2).getCell(5).value)).toContain('accepted');
  });
});

describe('GET /api/v1/plans, /api/v1/plans/:id', () => {
  it('lists public plans with their progress, never drafts', async () => {
    const res = await get('/api/v1/plans');
    expect(res.statusCode).toBe(200);
    const ids = res.json<{ data: { id: string }[] }>().data.map((p) => p.id);
    expect(ids).toContain(planId);
    expect(ids).not.toContain(draftId);
  });

  it('gives a plan with its items from accepted reports only', async () => {
    const res = await get(`/api/v1/plans/${planId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { action: { en: string }; reports_accepted: number; reports_due: number; indicators: { value: number | null }[] }[]; adoption_decision: { id: string } | null }>();
    expect(body.adoption_decision).not.toBeNull();
    expect(body.items[0]).toMatchObject({ action: { en: 'Analysis' }, reports_accepted: 1, reports_due: 4, indicators: [{ value: 4 }] });
    expect((await get(`/api/v1/plans/${draftId}`)).statusCode).toBe(404);
    expect((await get('/api/v1/plans/nope')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/plan-reports', () => {
  it('gives accepted reports only, filtered by plan, region and period', async () => {
    const res = await get(`/api/v1/plan-reports?plan=${planId}&region=270000000&period=2021-Q1`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; data: { id: string; text: { en: string }; body: { kato: string }; values: { value: number }[] }[] }>();
    expect(body.total).toBe(1);
    expect(body.data[0]).toMatchObject({ id: acceptedId, text: { en: 'Done in Q1' }, body: { kato: '270000000' }, values: [{ value: 4 }] });
    const almaty = await get(`/api/v1/plan-reports?plan=${planId}&region=750000000`);
    expect(almaty.json<{ total: number }>().total).toBe(0);
    expect((await get(`/api/v1/plan-reports?plan=${planId}&period=2021-Q3`)).json<{ total: number }>().total).toBe(0);
  });

  it('answers a bad parameter with a 400 naming it', async () => {
    for (const [query, name] of [['plan=x', 'plan'], ['region=27', 'region'], ['period=2021-Q7', 'period']]) {
      const res = await get(`/api/v1/plan-reports?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(name);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/plans', '/api/v1/plans/{id}', '/api/v1/plan-reports']));
  });
});
