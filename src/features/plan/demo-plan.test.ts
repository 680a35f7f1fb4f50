// `kenes seed --demo`: the perspective work plan 2020–2021, adopted by the demo meeting's plan
// decision, marked demo, with reports in every state from several regions; seeded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createTestDatabase } from '../../../test/support/test-db.js';
import { seedDemoMeeting } from '../meetings/demo-meeting.js';
import { seedDemoData } from '../registry/demo-seed.js';
import { seedDemoPlan, type DemoPlanResult } from './demo-plan.js';
import { loadProgress } from './progress.service.js';

let t: TestApp;
let seeded: DemoPlanResult;
let meetingId: string | undefined;
const db = () => t.database.db;
const planId = () => seeded.planId ?? '';

/** How many rows of each of the plan's tables there are. */
async function counts() {
  const tables: ('plan' | 'plan_priority' | 'plan_section' | 'plan_item' | 'plan_item_responsible' | 'plan_item_link' | 'plan_indicator' | 'plan_report' | 'plan_report_revision' | 'plan_report_value')[] = [
    'plan',
    'plan_priority',
    'plan_section',
    'plan_item',
    'plan_item_responsible',
    'plan_item_link',
    'plan_indicator',
    'plan_report',
    'plan_report_revision',
    'plan_report_value',
  ];
  const result: Record<string, number> = {};
  for (const table of tables) {
    const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(db());
  meetingId = (await seedDemoMeeting(db())).meetingId;
  seeded = await seedDemoPlan(db());
});
afterAll(() => t.close());

describe('kenes seed --demo: the perspective work plan 2020–2021', () => {
  it('adds the plan, adopted by the plan decision of the meeting of 21 October 2020, marked demo', async () => {
    expect(seeded).toEqual({ outcome: 'added', planId: expect.any(String), items: 11, reports: 21 });
    const plan = await db().selectFrom('plan as p').innerJoin('decision as d', 'd.id', 'p.adoption_decision_id').select(['p.title', 'p.status', 'p.is_demo', 'p.period_start', 'p.period_end', 'd.kind', 'd.decision_date', 'd.meeting_id']).where('p.id', '=', planId()).executeTakeFirstOrThrow();
    expect(plan).toEqual({
      title: { kk: 'Кеңес жұмысының перспективалық жоспары 2020–2021', ru: 'Перспективный план работы Совета на 2020–2021 годы', en: "The Council's perspective work plan 2020–2021" },
      status: 'adopted',
      is_demo: true,
      period_start: '2020-10-21',
      period_end: '2021-12-31',
      kind: 'plan_adoption',
      decision_date: '2020-10-21',
      meeting_id: meetingId,
    });
    const items = await db().selectFrom('plan_item').select(['is_demo', 'starts_on', 'deadline', 'section_id', 'cancelled_at']).where('plan_id', '=', planId()).execute();
    expect(items.every((i) => i.is_demo && i.starts_on >= '2020-10-21' && i.deadline <= '2021-12-31' && i.section_id !== null)).toBe(true);
    expect(items.filter((i) => i.cancelled_at !== null)).toHaveLength(1);
    expect(new Set(items.map((i) => i.section_id)).size).toBe(4);
    const priorities = await db().selectFrom('plan_priority').select('is_demo').execute();
    expect(priorities.map((p) => p.is_demo)).toEqual([true, true, true]);
  });

  it('has reports from several regions in every state: accepted, returned with a comment, revised, awaiting review, late and missing', async () => {
    const progress = await loadProgress(db(), planId(), 'office', {}, '2026-12-01');
    const expected = progress.items.flatMap((i) => i.expected);
    const standings = new Set(expected.map((e) => e.standing));
    for (const standing of ['accepted', 'returned', 'submitted', 'missing']) expect(standings).toContain(standing);
    expect(expected.filter((e) => e.late && e.standing === 'accepted').length).toBeGreaterThan(0); // filed after the due day, then accepted
    expect(expected.filter((e) => e.late && e.standing === 'submitted').length).toBeGreaterThan(0);

    const reports = await db()
      .selectFrom('plan_report as r')
      .innerJoin('plan_item as i', 'i.id', 'r.item_id')
      .select(['r.id', 'r.organization_id', 'r.state', 'r.revision'])
      .where('i.plan_id', '=', planId())
      .execute();
    expect(new Set(reports.map((r) => r.organization_id)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(reports.map((r) => r.state))).toEqual(new Set(['accepted', 'returned', 'submitted', 'draft']));
    const revisions = await db().selectFrom('plan_report_revision').select(['report_id', 'revision', 'review', 'review_comment']).where('report_id', 'in', reports.map((r) => r.id)).orderBy('revision').execute();
    const revised = reports.filter((r) => r.revision === 2 && r.state === 'accepted');
    expect(revised.length).toBeGreaterThanOrEqual(1);
    for (const r of revised) expect(revisions.filter((v) => v.report_id === r.id).map((v) => v.review)).toEqual(['returned', 'accepted']);
    const returned = reports.filter((r) => r.state === 'returned');
    expect(revisions.filter((v) => returned.some((r) => r.id === v.report_id)).every((v) => v.review === 'returned' && (v.review_comment ?? '').length > 20)).toBe(true);
    // The draft is the revision one above the report's (never filed).
    const draft = reports.find((r) => r.state === 'draft');
    expect(draft?.revision).toBe(0);
    expect(revisions.filter((v) => v.report_id === draft?.id).map((v) => [v.revision, v.review])).toEqual([[1, null]]);
  });

  it('is shown on the public plan page in Kazakh, Russian and English', async () => {
    const words = {
      kk: ['Кеңес жұмысының перспективалық жоспары 2020–2021', 'Мәслихат депутаттарының сайлаушылармен кездесулерде', 'Қазақстан заңгерлер одағымен'],
      ru: ['Перспективный план работы Совета на 2020–2021 годы', 'Разъяснение депутатами маслихатов', 'Союзом юристов Казахстана'],
      en: ["The Council's perspective work plan 2020–2021", 'Maslikhat deputies explain to voters', 'Union of Lawyers of Kazakhstan'],
    };
    for (const [lang, expected] of Object.entries(words)) {
      const res = await t.app.inject(`/${lang}/plan/${planId()}`);
      expect(res.statusCode).toBe(200);
      const text = page(res.body).text();
      for (const phrase of expected) expect(text).toContain(phrase);
    }
  });

  it('adds nothing when seeded again', async () => {
    const before = await counts();
    expect(await seedDemoPlan(db())).toEqual({ outcome: 'present', planId: planId(), items: 0, reports: 0 });
    expect(await counts()).toEqual(before);
  });
});

describe('kenes seed --demo without the demo meeting', () => {
  it('says the plan decision is not recorded and adds nothing', async () => {
    const database = await createTestDatabase();
    try {
      expect(await seedDemoPlan(database.db)).toEqual({ outcome: 'no-decision', planId: undefined, items: 0, reports: 0 });
      expect(await database.db.selectFrom('plan').select('id').execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
