// The progress model over factory data: standings and late flags of expected reports, item status,
// indicator progress, the per-region summary, the filters, and the public model built from
// accepted reports only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db/connect.js';
import { createTestDatabase } from '../../../test/support/test-db.js';
import { createPlan, createPlanItem, createPlanReport } from '../../../test/support/plan-factories.js';
import { maslikhatId } from '../../../test/support/registry-factories.js';
import { buildMatrix, matrixStatuses } from './matrix.js';
import { defaultQuarter, loadMatrix } from './matrix.service.js';
import { bodySummaries, buildProgress, loadProgress, parsePeriod, readProgressData } from './progress.service.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const today = '2021-05-20';

/** A plan with one quarterly item for West Kazakhstan (2021, Q1–Q4) and one for every region maslikhat. */
async function planWithReports() {
  const db = database.db;
  const plan = await createPlan(db, { status: 'adopted', periodStart: '2021-01-01', periodEnd: '2021-12-31' });
  const west = await createPlanItem(db, { planId: plan.id, responsible: ['270000000'], startsOn: '2021-01-01', deadline: '2021-12-31', deadlineKind: 'quarterly', dueOffsetDays: 10, indicators: [{ target: 20 }] });
  const all = await createPlanItem(db, { planId: plan.id, responsible: ['region_maslikhats'], startsOn: '2021-01-01', deadline: '2021-06-30', deadlineKind: 'half_yearly', dueOffsetDays: 10, indicators: [{ target: 100, aggregation: 'sum' }] });
  const q1 = { periodStart: '2021-01-01', periodEnd: '2021-03-31', dueOn: '2021-04-10' };
  await createPlanReport(db, { itemId: west.id, body: '270000000', ...q1, state: 'accepted', revisions: [{ values: { [west.indicatorIds[0]!]: 5 }, submittedAt: new Date('2021-04-12T04:00:00Z') }] });
  // A returned report with a value that must never reach the public.
  await createPlanReport(db, { itemId: all.id, body: '270000000', periodStart: '2021-01-01', periodEnd: '2021-06-30', dueOn: '2021-07-10', state: 'returned', revisions: [{ values: { [all.indicatorIds[0]!]: 987654.25 } }] });
  await createPlanReport(db, { itemId: all.id, body: '750000000', periodStart: '2021-01-01', periodEnd: '2021-06-30', dueOn: '2021-07-10', state: 'accepted', revisions: [{ values: { [all.indicatorIds[0]!]: 40 } }] });
  return { plan, west, all };
}

describe('loadProgress (office)', () => {
  it('gives each expected report its standing and late flag, and the item its status', async () => {
    const { plan, west } = await planWithReports();
    const progress = await loadProgress(database.db, plan.id, 'office', {}, today);
    const item = progress.items.find((i) => i.id === west.id)!;
    expect(item.expected.map((e) => [e.period.start, e.standing, e.late])).toEqual([
      ['2021-01-01', 'accepted', true], // filed on 12 April, due 10 April
      ['2021-04-01', 'not_due', false],
      ['2021-07-01', 'not_due', false],
      ['2021-10-01', 'not_due', false],
    ]);
    expect(item.status).toBe('in_progress');
    expect(item.reports).toEqual({ accepted: 1, due: 1 });
    expect(item.indicators[0]!.progress).toEqual({ value: 5, share: 0.25 });
  });

  it('expects every region maslikhat of the period for the group, with the returned one as returned', async () => {
    const { plan, all } = await planWithReports();
    const progress = await loadProgress(database.db, plan.id, 'office', {}, '2021-08-01');
    const item = progress.items.find((i) => i.id === all.id)!;
    // 2021: 17 regions (the three new ones came on 8 June 2022).
    expect(item.expected).toHaveLength(17);
    const west = await maslikhatId(database.db, '270000000');
    expect(item.expected.find((e) => e.bodyId === west)).toMatchObject({ standing: 'returned', late: true });
    expect(item.expected.filter((e) => e.standing === 'missing')).toHaveLength(15);
    expect(item.status).toBe('overdue');
    // Only the accepted value counts: 40, never the returned 987654.25.
    expect(item.indicators[0]!.progress.value).toBe(40);
  });

  it('expects the 17 regions of 2021 before the three new ones of June 2022', async () => {
    const db = database.db;
    const plan = await createPlan(db, { status: 'adopted', periodStart: '2022-01-01', periodEnd: '2022-12-31' });
    const item = await createPlanItem(db, { planId: plan.id, responsible: ['region_maslikhats'], startsOn: '2022-01-01', deadline: '2022-12-31', deadlineKind: 'half_yearly' });
    const progress = await loadProgress(db, plan.id, 'office', {}, '2023-01-01');
    const found = progress.items.find((i) => i.id === item.id)!;
    expect(found.expected.filter((e) => e.period.start === '2022-01-01')).toHaveLength(20);
    const early = await createPlanItem(db, { planId: plan.id, responsible: ['region_maslikhats'], startsOn: '2022-01-01', deadline: '2022-03-31', deadlineKind: 'quarterly' });
    const again = await loadProgress(db, plan.id, 'office', {}, '2023-01-01');
    expect(again.items.find((i) => i.id === early.id)!.expected).toHaveLength(17);
  });

  it('sums up each region: accepted of due, and late reports', async () => {
    const { plan } = await planWithReports();
    const progress = await loadProgress(database.db, plan.id, 'office', {}, '2021-08-01');
    const west = bodySummaries(progress).find((s) => s.body.kato === '270000000')!;
    // Q1 and Q2 of the West's item, and the half-year of the group's: Q1 accepted (late), Q2 missing, H1 returned.
    expect(west).toMatchObject({ accepted: 1, due: 3, late: 3, items: 2 });
    const almaty = bodySummaries(progress).find((s) => s.body.kato === '750000000')!;
    expect(almaty).toMatchObject({ accepted: 1, due: 1, late: 0, items: 1 });
  });

  it('filters by region, period and status', async () => {
    const { plan, west } = await planWithReports();
    const region = await loadProgress(database.db, plan.id, 'office', { region: '750000000' }, '2021-08-01');
    expect(region.items).toHaveLength(1);
    expect(region.bodies.map((b) => b.kato)).toEqual(['750000000']);
    const q1 = await loadProgress(database.db, plan.id, 'office', { period: parsePeriod('2021-q1') }, '2021-08-01');
    expect(q1.items.find((i) => i.id === west.id)!.expected).toHaveLength(1);
    const missing = await loadProgress(database.db, plan.id, 'office', { status: 'missing' }, '2021-08-01');
    expect(missing.items.find((i) => i.id === west.id)!.expected.map((e) => e.period.start)).toEqual(['2021-04-01']);
  });
});

describe('loadProgress (public)', () => {
  it('sees accepted reports only: a returned report is not there, its values never counted', async () => {
    const { plan, all } = await planWithReports();
    const progress = await loadProgress(database.db, plan.id, 'public', {}, '2021-08-01');
    const item = progress.items.find((i) => i.id === all.id)!;
    const west = await maslikhatId(database.db, '270000000');
    expect(item.expected.find((e) => e.bodyId === west)).toMatchObject({ standing: 'missing', reportId: null });
    expect(item.indicators[0]!.progress.value).toBe(40);
    expect(item.latestResults.map((r) => r.bodyId)).toEqual([await maslikhatId(database.db, '750000000')]);
    expect(JSON.stringify(progress)).not.toContain('987654');
  });

  it('never shows a draft plan', async () => {
    const draft = await createPlan(database.db);
    await expect(loadProgress(database.db, draft.id, 'public')).rejects.toMatchObject({ status: 404 });
  });
});

describe('loadMatrix (the secretariat\'s matrix, read summed up)', () => {
  /** A plan with reports in every state, some late, for the group and for one region. */
  async function busyPlan() {
    const { plan, west, all } = await planWithReports();
    const db = database.db;
    const more = await createPlanItem(db, { planId: plan.id, responsible: ['270000000', 'region_maslikhats'], startsOn: '2021-01-01', deadline: '2021-12-31', deadlineKind: 'quarterly', dueOffsetDays: 10 });
    const q = (n: number) => ({ periodStart: `2021-${String(n * 3 - 2).padStart(2, '0')}-01`, periodEnd: ['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31'][n - 1]!, dueOn: '2021-01-01' });
    await createPlanReport(db, { itemId: west.id, body: '270000000', ...q(2), state: 'submitted' });
    await createPlanReport(db, { itemId: west.id, body: '270000000', ...q(3), state: 'draft' });
    await createPlanReport(db, { itemId: more.id, body: '270000000', ...q(1), state: 'accepted', revisions: [{ submittedAt: new Date('2021-04-02T20:00:00Z') }] });
    await createPlanReport(db, { itemId: more.id, body: '750000000', ...q(1), state: 'returned', revisions: [{ submittedAt: new Date('2021-04-30T06:00:00Z') }] });
    await createPlanReport(db, { itemId: more.id, body: '750000000', ...q(2), state: 'accepted', revisions: [{ submittedAt: new Date('2021-07-05T06:00:00Z') }] });
    await createPlanReport(db, { itemId: more.id, body: '110000000', ...q(4), state: 'draft' });
    return { plan, west, all, more };
  }

  const request = (r: { period?: string; status?: string; region?: string } = {}) => ({ section: '', status: r.status ?? '', region: r.region ?? '', period: r.period ?? '' });

  it('gives the same cells and statuses as the whole model, for any period, status and region', async () => {
    const { plan } = await busyPlan();
    for (const day of ['2021-02-01', '2021-08-01', '2022-03-01']) {
      const data = await readProgressData(database.db, plan.id, 'office', day);
      for (const period of ['all', '2021-Q1', '2021-Q2', '2021-H2', '2021']) {
        for (const status of ['', 'missing', 'late', 'draft']) {
          for (const region of ['', '750000000']) {
            const model = await loadMatrix(database.db, plan.id, request({ period, status, region }), day);
            const filter = { period: parsePeriod(period), status: matrixStatuses.find((s) => s === status), region: region || undefined };
            const reference = buildMatrix(buildProgress(data, filter));
            const shape = (m: typeof reference) => ({ columns: m.columns.map((c) => c.id), rows: m.rows.map((r) => ({ id: r.item.id, status: r.item.status, cells: r.cells })) });
            expect(shape(model.matrix), `${day} ${period} ${status} ${region}`).toEqual(shape(reference));
          }
        }
      }
    }
  });

  it('shows the latest quarter that has ended by default, and the whole plan for "all"', async () => {
    const { plan, west } = await busyPlan();
    expect(defaultQuarter(['2021-Q1', '2021-Q2', '2021-Q3'], '2021-02-01')).toBe('2021-Q1');
    expect(defaultQuarter(['2021-Q1', '2021-Q2', '2021-Q3'], '2021-07-01')).toBe('2021-Q2');
    expect(defaultQuarter(['2021-Q1', '2021-Q2', '2021-Q3'], '2030-01-01')).toBe('2021-Q3');
    const model = await loadMatrix(database.db, plan.id, request(), '2021-08-01');
    expect(model.defaultPeriod).toBe('2021-Q2');
    expect(model.filters.period).toBe('2021-Q2');
    const westRow = model.matrix.rows.find((r) => r.item.id === west.id)!;
    const westColumn = model.matrix.columns.findIndex((c) => c.kato === '270000000');
    expect(westRow.cells[westColumn]).toMatchObject({ standing: 'submitted', count: 1 });
    const whole = await loadMatrix(database.db, plan.id, request({ period: 'all' }), '2021-08-01');
    expect(whole.filters.period).toBe('all');
    // Q1 accepted (late), Q2 awaiting review, Q3 a draft not yet due, Q4 not due: nothing missing yet.
    expect(whole.matrix.rows.find((r) => r.item.id === west.id)!.cells[westColumn]).toMatchObject({ standing: 'draft', count: 4, accepted: 1, late: true });
    // A period that names nothing falls back to the default.
    expect((await loadMatrix(database.db, plan.id, request({ period: 'soon' }), '2021-08-01')).filters.period).toBe('2021-Q2');
  });
});

describe('parsePeriod', () => {
  it('reads quarters, half-years, years and days, and refuses the rest', () => {
    expect(parsePeriod('2021-Q1')).toEqual({ key: '2021-Q1', from: '2021-01-01', to: '2021-03-31' });
    expect(parsePeriod('2024-h1')).toEqual({ key: '2024-H1', from: '2024-01-01', to: '2024-06-30' });
    expect(parsePeriod('2022')).toEqual({ key: '2022', from: '2022-01-01', to: '2022-12-31' });
    expect(parsePeriod('2024-02-29')?.from).toBe('2024-02-29');
    expect(parsePeriod('2023-02-29')).toBeUndefined();
    expect(parsePeriod('2021-Q5')).toBeUndefined();
  });
});
