// What the plan's tables refuse by themselves, whatever code writes to them: an adopted plan
// without its decision, a responsible body that is neither one organisation nor a group, two
// reports for one body and period, a report revision numbered twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db/connect.js';
import { newId } from '../../core/ids.js';
import { createTestDatabase } from '../../../test/support/test-db.js';
import { createPlan, createPlanItem, createPlanReport } from '../../../test/support/plan-factories.js';
import { organizationId } from '../../../test/support/registry-factories.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('plan tables', () => {
  it('keep an adopted plan tied to its adoption decision', async () => {
    const db = database.db;
    const { id, adoptionDecisionId } = await createPlan(db, { status: 'adopted' });
    expect(adoptionDecisionId).not.toBeNull();
    await expect(db.updateTable('plan').set({ adoption_decision_id: null }).where('id', '=', id).execute()).rejects.toThrow(/check/i);
    const draft = await createPlan(db);
    await expect(db.updateTable('plan').set({ status: 'superseded' }).where('id', '=', draft.id).execute()).rejects.toThrow(/check/i);
  });

  it('take a responsible body as one organisation or the group of region maslikhats, not both or neither', async () => {
    const db = database.db;
    const plan = await createPlan(db);
    const item = await createPlanItem(db, { planId: plan.id, responsible: ['region_maslikhats', '270000000'] });
    const rows = await db.selectFrom('plan_item_responsible').select(['organization_id', 'body_group']).where('item_id', '=', item.id).execute();
    expect(rows).toHaveLength(2);
    const council = await organizationId(db, 'council-senate');
    await expect(
      db.insertInto('plan_item_responsible').values({ id: newId(), item_id: item.id, organization_id: council, body_group: 'region_maslikhats' }).execute(),
    ).rejects.toThrow(/check/i);
    await expect(db.insertInto('plan_item_responsible').values({ id: newId(), item_id: item.id, organization_id: null, body_group: null }).execute()).rejects.toThrow(/check/i);
  });

  it('keep one report per item, body and period, and every revision numbered once', async () => {
    const db = database.db;
    const plan = await createPlan(db, { status: 'adopted' });
    const item = await createPlanItem(db, { planId: plan.id, indicators: [{ target: 10 }] });
    const period = { periodStart: '2020-10-01', periodEnd: '2020-12-31', dueOn: '2021-01-05' };
    const report = await createPlanReport(db, { itemId: item.id, body: '270000000', ...period, state: 'returned', revisions: [{ values: { [item.indicatorIds[0]!]: 4 } }] });
    await expect(createPlanReport(db, { itemId: item.id, body: '270000000', ...period, state: 'submitted' })).rejects.toThrow(/unique|duplicate/i);
    await expect(
      db.insertInto('plan_report_revision').values({ id: newId(), report_id: report.id, revision: 1, body: { kk: 'x' }, submitted_at: new Date(), submitted_by: null, review: null, review_comment: null, reviewed_at: null, reviewed_by: null }).execute(),
    ).rejects.toThrow(/unique|duplicate/i);
    const value = await db.selectFrom('plan_report_value').select('value').where('revision_id', '=', report.revisionIds[0]!).executeTakeFirstOrThrow();
    expect(Number(value.value)).toBe(4);
  });
});
