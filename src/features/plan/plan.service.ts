// The perspective work plan's rules: plans drawn up, adopted by a decision, completed or superseded;
// their sections; the managed list of priorities; and (plan-items.service.ts) their items. Every change
// is audited inside its transaction, with a version check.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { decisionsByIds, decisionsOfKind, type DecisionChoice, type DecisionRow } from '../registry/decisions.js';
import type { RegistryService } from '../registry/registry.service.js';
import { itemsAgainstPeriod } from './plan-items.repository.js';
import { createPlanItemService } from './plan-items.service.js';
import * as repo from './plan.repository.js';
import { PlanError, isEditable } from './plan-rules.js';

export { PlanError, isEditable, type PlanProblem } from './plan-rules.js';
export type { PlanRecord, PriorityValues } from './plan.repository.js';
export type { ExpectedReport, ItemDetail, ItemInput, ItemView, ResolvedBody } from './plan-items.service.js';

/** A plan with the decision that adopted it and the plan that replaced it. */
export interface PlanSummary extends repo.PlanRecord {
  adoptionDecision: DecisionRow | undefined;
  supersededBy: repo.PlanRecord | undefined;
}

export type SectionRow = Awaited<ReturnType<typeof repo.listSections>>[number];
export type PriorityRow = Awaited<ReturnType<typeof repo.listPriorities>>[number];

export function createPlanService(db: Db, registry: RegistryService) {
  const itemService = createPlanItemService(db, registry);

  async function plan(id: string): Promise<repo.PlanRecord> {
    const found = await repo.findPlan(db, id);
    if (!found) throw NotFoundError();
    return found;
  }

  async function summaries(plans: repo.PlanRecord[]): Promise<PlanSummary[]> {
    const decisions = await decisionsByIds(db, plans.flatMap((p) => (p.adoptionDecisionId ? [p.adoptionDecisionId] : [])));
    const successors = await Promise.all(plans.map((p) => (p.supersededById ? repo.findPlan(db, p.supersededById) : undefined)));
    return plans.map((p, i) => ({ ...p, adoptionDecision: decisions.find((d) => d.id === p.adoptionDecisionId), supersededBy: successors[i] }));
  }

  async function editablePlan(id: string): Promise<repo.PlanRecord> {
    const found = await plan(id);
    if (!isEditable(found.status)) throw new PlanError('read_only');
    return found;
  }

  async function changeStanding(p: repo.PlanRecord, version: number, values: Parameters<typeof repo.updatePlan>[3], action: string, context: ChangeContext) {
    await db.transaction().execute(async (trx) => {
      if (!(await repo.updatePlan(trx, p.id, version, values))) throw ConflictError();
      await recordChange(trx, context, {
        entity: 'plan',
        entityId: p.id,
        action,
        before: { status: p.status, adoption_decision_id: p.adoptionDecisionId, superseded_by_id: p.supersededById },
        after: values,
      });
    });
  }

  async function adoptionChoices(p: repo.PlanRecord): Promise<DecisionChoice[]> {
    const [decisions, taken] = await Promise.all([decisionsOfKind(db, p.organizationId, 'plan_adoption'), repo.listAdoptionDecisionIds(db)]);
    return decisions.filter((d) => d.id === p.adoptionDecisionId || !taken.includes(d.id));
  }

  async function successorChoices(p: repo.PlanRecord): Promise<repo.PlanRecord[]> {
    return (await repo.listPlans(db)).filter((o) => o.id !== p.id && (o.status === 'draft' || o.status === 'adopted') && o.periodStart >= p.periodStart);
  }

  async function priority(id: string): Promise<PriorityRow> {
    const found = await repo.findPriority(db, id);
    if (!found) throw NotFoundError();
    return found;
  }

  return {
    ...itemService,

    plan,

    /** Every plan, the newest first, each with its adoption decision and successor. */
    async plans(): Promise<PlanSummary[]> {
      return summaries(await repo.listPlans(db));
    },

    async summary(id: string): Promise<PlanSummary> {
      const [found] = await summaries([await plan(id)]);
      return found!;
    },

    /** The plan a decision adopted (for the decision's page), if any. */
    async planAdoptedBy(decisionId: string): Promise<repo.PlanRecord | undefined> {
      return repo.findPlanByDecision(db, decisionId);
    },

    /** The plans this one replaced. */
    predecessors: (planId: string) => repo.listPlansSupersededBy(db, planId),

    sections: (planId: string) => repo.listSections(db, planId),

    async createPlan(organizationId: string, input: { title: LocalizedText; periodStart: string; periodEnd: string }, context: ChangeContext): Promise<string> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertPlan(trx, { id, organizationId, ...input });
        await recordChange(trx, context, { entity: 'plan', entityId: id, action: 'created', after: { organizationId, ...input } });
      });
      return id;
    },

    /**
     * Changes a draft or adopted plan's title and period; refused when the period would leave an
     * item's start or deadline outside it (at the field at fault, naming how many items and their span).
     */
    async editPlan(planId: string, input: { title: LocalizedText; periodStart: string; periodEnd: string }, version: number, context: ChangeContext): Promise<void> {
      const before = await editablePlan(planId);
      if (before.version !== version) throw ConflictError();
      await db.transaction().execute(async (trx) => {
        const items = await itemsAgainstPeriod(trx, planId, input.periodStart, input.periodEnd);
        if (items.outside > 0) throw new PlanError(items.before > 0 ? 'items_before_period' : 'items_after_period', { count: items.outside, first: items.first, last: items.last });
        if (!(await repo.updatePlan(trx, planId, version, { title: input.title, period_start: input.periodStart, period_end: input.periodEnd }))) throw ConflictError();
        await recordChange(trx, context, {
          entity: 'plan',
          entityId: planId,
          action: 'updated',
          before: { title: before.title, periodStart: before.periodStart, periodEnd: before.periodEnd },
          after: input,
        });
      });
    },

    async addSection(planId: string, title: LocalizedText, version: number, context: ChangeContext): Promise<void> {
      await editablePlan(planId);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.touchPlan(trx, planId, version))) throw ConflictError();
        const position = await repo.insertSection(trx, { id, planId, title });
        await recordChange(trx, context, { entity: 'plan_section', entityId: id, action: 'created', after: { planId, position, title } });
      });
    },

    async renameSection(planId: string, sectionId: string, title: LocalizedText, version: number, context: ChangeContext): Promise<void> {
      await editablePlan(planId);
      const before = (await repo.listSections(db, planId)).find((s) => s.id === sectionId);
      if (!before) throw NotFoundError();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.touchPlan(trx, planId, version))) throw ConflictError();
        await repo.updateSectionTitle(trx, planId, sectionId, title);
        await recordChange(trx, context, { entity: 'plan_section', entityId: sectionId, action: 'updated', before: { title: before.title }, after: { title } });
      });
    },

    /** The decisions that may adopt the plan: its organisation's plan-adoption decisions not adopting another plan. */
    adoptionChoices,

    /** Adopts a draft plan by a recorded decision: the plan names the decision, and the decision's page the plan. */
    async adopt(planId: string, decisionId: string, version: number, context: ChangeContext): Promise<void> {
      const p = await plan(planId);
      if (p.status !== 'draft') throw new PlanError('not_draft');
      if (!(await adoptionChoices(p)).some((d) => d.id === decisionId)) throw new PlanError('decision_unavailable');
      await changeStanding(p, version, { status: 'adopted', adoption_decision_id: decisionId }, 'adopted', context);
    },

    async complete(planId: string, version: number, context: ChangeContext): Promise<void> {
      const p = await plan(planId);
      if (p.status !== 'adopted') throw new PlanError('not_adopted');
      await changeStanding(p, version, { status: 'completed' }, 'completed', context);
    },

    /** The plans that may replace this one: newer (from its first day on), still a draft or in force. */
    successorChoices,

    async supersede(planId: string, successorId: string, version: number, context: ChangeContext): Promise<void> {
      const p = await plan(planId);
      if (p.status !== 'adopted') throw new PlanError('not_adopted');
      if (!(await successorChoices(p)).some((o) => o.id === successorId)) throw new PlanError('successor_invalid');
      await changeStanding(p, version, { status: 'superseded', superseded_by_id: successorId }, 'superseded', context);
    },

    // ── Priorities ──

    priorities: () => repo.listPriorities(db),

    priority,

    async addPriority(values: repo.PriorityValues, context: ChangeContext): Promise<string> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertPriority(trx, id, values);
        await recordChange(trx, context, { entity: 'plan_priority', entityId: id, action: 'created', after: { ...values } });
      });
      return id;
    },

    async editPriority(id: string, values: repo.PriorityValues, version: number, context: ChangeContext): Promise<void> {
      const before = await priority(id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updatePriority(trx, id, version, values))) throw ConflictError();
        await recordChange(trx, context, { entity: 'plan_priority', entityId: id, action: 'updated', before: { ...before }, after: { ...values } });
      });
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
