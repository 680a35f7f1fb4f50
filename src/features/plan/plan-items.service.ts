// A plan's items: added, edited and cancelled by the secretariat (audited, version-checked, in a
// transaction); read with their responsible bodies as of a date, the reports they expect, and their
// status and progress derived by progress.ts from the reports filed — never stored.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import type { DateString } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { RegistryService } from '../registry/registry.service.js';
import * as items from './plan-items.repository.js';
import { findPlan, listSections, type PlanRecord } from './plan.repository.js';
import { PlanError, isEditable } from './plan-rules.js';
import { indicatorProgress, itemStatus, reportingPeriods, reportsProgress, reportStanding, type IndicatorProgress, type ItemStatus, type ReportingPeriod, type ReportStanding } from './progress.js';

export interface ItemInput extends items.ItemValues {
  /** The lead bodies: every region maslikhat (as of each period), and organisations by id. */
  allRegionMaslikhats: boolean;
  leadIds: string[];
  coExecutorIds: string[];
  links: items.LinkValues;
  /** In the form's order; `id` names an indicator already kept (its reported values stay with it). */
  indicators: { id: string | null; values: items.IndicatorValues }[];
}

export type ResponsibleRow = Awaited<ReturnType<typeof items.listResponsible>>[number];
export type LinkRow = Awaited<ReturnType<typeof items.listLinks>>[number];
export type IndicatorRow = Awaited<ReturnType<typeof items.listIndicators>>[number];

/** An item with what it is made of. */
export interface ItemDetail extends items.ItemRow {
  responsible: ResponsibleRow[];
  links: LinkRow[];
  indicators: IndicatorRow[];
}

/** One body responsible on a date: an organisation, whether named or through the group of every region maslikhat. */
export interface ResolvedBody {
  organizationId: string;
  name: LocalizedText;
  role: 'lead' | 'co_executor';
  viaGroup: boolean;
}

/** A report an item expects: one body, one period, and where it stands on the day asked. */
export interface ExpectedReport {
  organizationId: string;
  period: ReportingPeriod;
  dueOn: string;
  standing: ReportStanding;
}

export interface ItemView extends ItemDetail {
  periods: ReportingPeriod[];
  expected: ExpectedReport[];
  status: ItemStatus;
  reports: { accepted: number; due: number };
  indicatorProgress: Map<string, IndicatorProgress>;
}

const scheduleOf = (i: items.ItemRow) => ({ startsOn: i.startsOn, deadline: i.deadline, deadlineKind: i.deadlineKind, dueOffsetDays: i.dueOffsetDays });
const numberOrNull = (v: string | null) => (v === null ? null : Number(v));

export function createPlanItemService(db: Db, registry: RegistryService) {
  async function details(rows: items.ItemRow[]): Promise<ItemDetail[]> {
    const ids = rows.map((r) => r.id);
    const [responsible, links, indicators] = await Promise.all([items.listResponsible(db, ids), items.listLinks(db, ids), items.listIndicators(db, ids)]);
    return rows.map((r) => ({ ...r, responsible: responsible.filter((x) => x.itemId === r.id), links: links.filter((x) => x.itemId === r.id), indicators: indicators.filter((x) => x.itemId === r.id) }));
  }

  /** The region maslikhats of a day, asked once per day in one call. */
  function regionsByDay() {
    const cache = new Map<string, ReturnType<RegistryService['listRegionMaslikhats']>>();
    return (date: string) => {
      let found = cache.get(date);
      if (!found) cache.set(date, (found = registry.listRegionMaslikhats(date)));
      return found;
    };
  }

  async function resolve(item: ItemDetail, date: string, regionsOn: ReturnType<typeof regionsByDay>): Promise<ResolvedBody[]> {
    const bodies: ResolvedBody[] = [];
    for (const r of item.responsible) {
      if (r.bodyGroup === 'region_maslikhats') {
        for (const m of await regionsOn(date)) bodies.push({ organizationId: m.id, name: m.name, role: r.role, viaGroup: true });
      } else if (r.organizationId) {
        bodies.push({ organizationId: r.organizationId, name: r.name ?? {}, role: r.role, viaGroup: false });
      }
    }
    // A body named and also in the group counts once, as named.
    const named = new Set(bodies.filter((b) => !b.viaGroup).map((b) => `${b.organizationId} ${b.role}`));
    return bodies.filter((b) => !b.viaGroup || !named.has(`${b.organizationId} ${b.role}`));
  }

  /** The reports an item expects: each lead body (as of each period's last day) for each reporting period. */
  async function expectedOf(item: ItemDetail, today: string, filed: Awaited<ReturnType<typeof items.listReportsOfItems>>, regionsOn: ReturnType<typeof regionsByDay>): Promise<ExpectedReport[]> {
    const expected: ExpectedReport[] = [];
    for (const period of reportingPeriods(scheduleOf(item))) {
      const leads = (await resolve(item, period.end, regionsOn)).filter((b) => b.role === 'lead');
      for (const body of new Set(leads.map((b) => b.organizationId))) {
        const report = filed.find((f) => f.itemId === item.id && f.organizationId === body && f.periodStart === period.start);
        expected.push({ organizationId: body, period, dueOn: period.dueOn, standing: reportStanding(report, period.dueOn, today) });
      }
    }
    return expected;
  }

  async function views(rows: items.ItemRow[], today: string): Promise<ItemView[]> {
    const detailed = await details(rows);
    const ids = rows.map((r) => r.id);
    const [filed, accepted] = await Promise.all([items.listReportsOfItems(db, ids), items.listAcceptedValues(db, ids)]);
    const regionsOn = regionsByDay();
    const result: ItemView[] = [];
    for (const item of detailed) {
      const expected = await expectedOf(item, today, filed, regionsOn);
      const progress = new Map<string, IndicatorProgress>();
      for (const indicator of item.indicators) {
        // Each body's latest accepted value (the rows come latest period first).
        const latest = new Map<string, number>();
        for (const v of accepted) if (v.indicatorId === indicator.id && !latest.has(v.organizationId)) latest.set(v.organizationId, Number(v.value));
        progress.set(indicator.id, indicatorProgress({ baseline: numberOrNull(indicator.baseline), target: numberOrNull(indicator.target), aggregation: indicator.aggregation }, [...latest.values()]));
      }
      result.push({
        ...item,
        periods: reportingPeriods(scheduleOf(item)),
        expected,
        status: itemStatus({ cancelled: item.cancelledAt !== null, startsOn: item.startsOn, expected }, today),
        reports: reportsProgress(expected, today),
        indicatorProgress: progress,
      });
    }
    return result;
  }

  async function editablePlan(planId: string): Promise<PlanRecord> {
    const plan = await findPlan(db, planId);
    if (!plan) throw NotFoundError();
    if (!isEditable(plan.status)) throw new PlanError('read_only');
    return plan;
  }

  async function itemOfPlan(planId: string, itemId: string): Promise<ItemDetail> {
    const row = await items.findItem(db, itemId);
    if (!row || row.planId !== planId) throw NotFoundError();
    const [detail] = await details([row]);
    return detail!;
  }

  async function check(plan: PlanRecord, input: ItemInput, itemId: string | null) {
    if (input.startsOn < plan.periodStart || input.deadline > plan.periodEnd) throw new PlanError('outside_period', { start: plan.periodStart, end: plan.periodEnd });
    if (input.sectionId && !(await listSections(db, plan.id)).some((s) => s.id === input.sectionId)) throw new PlanError('section_unknown');
    const before = itemId ? await items.listIndicators(db, [itemId]) : [];
    const kept = new Set(input.indicators.flatMap((i) => (i.id ? [i.id] : [])));
    if ([...kept].some((id) => !before.some((b) => b.id === id))) throw new PlanError('indicator_unknown');
    const withValues = await items.listIndicatorsWithValues(db, before.filter((b) => !kept.has(b.id)).map((b) => b.id));
    if (withValues.length) throw new PlanError('indicator_has_values', { position: before.find((b) => b.id === withValues[0])?.position ?? 0 });
  }

  async function writeParts(trx: Db, itemId: string, input: ItemInput) {
    const responsible: (items.ResponsibleValues & { id: string })[] = [
      ...(input.allRegionMaslikhats ? [{ id: newId(), organizationId: null, bodyGroup: 'region_maslikhats' as const, role: 'lead' as const }] : []),
      ...input.leadIds.map((id) => ({ id: newId(), organizationId: id, bodyGroup: null, role: 'lead' as const })),
      ...input.coExecutorIds.filter((id) => !input.leadIds.includes(id)).map((id) => ({ id: newId(), organizationId: id, bodyGroup: null, role: 'co_executor' as const })),
    ];
    await items.replaceResponsible(trx, itemId, responsible);
    await items.replaceLinks(trx, itemId, input.links, newId);
    await items.saveIndicators(
      trx,
      itemId,
      input.indicators.map((i, n) => ({ id: i.id ?? newId(), existing: i.id !== null, position: n + 1, values: i.values })),
    );
  }

  /** What the audit log keeps of an item. */
  const audited = (input: ItemInput) => ({ ...input, indicators: input.indicators.map((i) => i.values) });

  /** One item with its responsible bodies (as recorded), links and indicators; 404 when there is none. */
  async function oneItem(itemId: string): Promise<ItemDetail> {
    const row = await items.findItem(db, itemId);
    if (!row) throw NotFoundError();
    const [detail] = await details([row]);
    return detail!;
  }

  return {
    item: oneItem,

    itemOfPlan,

    /** A plan's items, each with what it is made of (no reports read). */
    async itemsOf(planId: string): Promise<ItemDetail[]> {
      return details(await items.listItems(db, planId));
    },

    /** A plan's items with their periods, expected reports, derived status and progress on a day. */
    async itemViews(planId: string, today: string = todayInKazakhstan()): Promise<ItemView[]> {
      return views(await items.listItems(db, planId), today);
    },

    /** One item's view (periods, expected reports, status, progress) on a day. */
    async itemView(itemId: string, today: string = todayInKazakhstan()): Promise<ItemView> {
      const row = await items.findItem(db, itemId);
      if (!row) throw NotFoundError();
      const [view] = await views([row], today);
      return view!;
    },

    /** The bodies responsible for an item on a day: the region maslikhats group expanded as the registry has it then. */
    async responsibleBodies(itemId: string, date: DateString): Promise<ResolvedBody[]> {
      const detail = await oneItem(itemId);
      return resolve(detail, date, regionsByDay());
    },

    /** The indicators of a plan's items, in the items' order. */
    async indicatorsOf(planId: string): Promise<IndicatorRow[]> {
      const rows = await items.listItems(db, planId);
      const indicators = await items.listIndicators(db, rows.map((r) => r.id));
      return rows.flatMap((r) => indicators.filter((i) => i.itemId === r.id));
    },

    async addItem(planId: string, input: ItemInput, context: ChangeContext): Promise<string> {
      const plan = await editablePlan(planId);
      await check(plan, input, null);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await items.insertItem(trx, id, planId, (await items.lastItemPosition(trx, planId)) + 1, input);
        await writeParts(trx, id, input);
        await recordChange(trx, context, { entity: 'plan_item', entityId: id, action: 'created', after: { planId, ...audited(input) } });
      });
      return id;
    },

    async editItem(planId: string, itemId: string, input: ItemInput, version: number, context: ChangeContext): Promise<void> {
      const plan = await editablePlan(planId);
      const before = await itemOfPlan(planId, itemId);
      if (before.cancelledAt) throw new PlanError('item_cancelled');
      await check(plan, input, itemId);
      await db.transaction().execute(async (trx) => {
        if (!(await items.updateItem(trx, itemId, version, input))) throw ConflictError();
        await writeParts(trx, itemId, input);
        await recordChange(trx, context, { entity: 'plan_item', entityId: itemId, action: 'updated', before: { ...before }, after: audited(input) });
      });
    },

    /** Cancels an item, with the reason: a recorded fact (its status is "cancelled" from then on). */
    async cancelItem(planId: string, itemId: string, reason: LocalizedText, version: number, context: ChangeContext): Promise<void> {
      await editablePlan(planId);
      const before = await itemOfPlan(planId, itemId);
      if (before.cancelledAt) throw new PlanError('item_cancelled');
      await db.transaction().execute(async (trx) => {
        if (!(await items.cancelItem(trx, itemId, version, reason))) throw ConflictError();
        await recordChange(trx, context, { entity: 'plan_item', entityId: itemId, action: 'cancelled', before: { cancelledAt: null }, after: { cancelReason: reason } });
      });
    },
  };
}

export type PlanItemService = ReturnType<typeof createPlanItemService>;
