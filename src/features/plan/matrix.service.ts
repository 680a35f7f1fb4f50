// The secretariat's matrix of a plan, read for what it shows. Cells: one period's expected reports
// (by default the latest quarter that has ended — the round of reports being collected and
// chased) from that period's reports only, or, over the whole plan, each item and body's reports
// summed up in SQL (a few classes of reports per cell instead of every report). Each item's status
// over its whole history comes from counts per item and state. Three rounds of queries whatever the
// plan's size, and no expected report of a period not shown is built; every standing, lateness and
// status is decided by progress.ts, on the reports or on one example of each class.
import type { Db } from '../../core/db/connect.js';
import type { PlanReportState } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError } from '../../core/errors.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { cellOf, matrixStatuses, partMatches, type CellPart, type Matrix, type MatrixItem } from './matrix.js';
import { addDays, isLate, itemStatus, reportStanding, type FiledReport, type ReportingPeriod, type ReportStanding } from './progress.js';
import * as repo from './progress.repository.js';
import { bodyIndex, filedOn, kazakhDateOf, leadBodies, orderedBodies, periodsBySchedule, planHeader, type PlanHeader } from './progress.service.js';
import { overlaps, parsePeriod, quartersBetween, type PeriodRange } from './progress-filters.js';

/** The filters as the request gives them (each '' when not given). */
export interface MatrixRequest {
  section: string;
  status: string;
  region: string;
  period: string;
}

/** The filters as applied: each names something or is ''; period is a period's key or 'all' (the whole plan), never ''. */
export type MatrixFilters = MatrixRequest;

export interface MatrixModel {
  plan: PlanHeader;
  sections: { id: string; position: number; title: LocalizedText }[];
  /** The regions of the plan's bodies, for the region filter. */
  regions: { kato: string; name: LocalizedText }[];
  /** The quarters of the plan, oldest first, and the one shown by default. */
  periods: string[];
  defaultPeriod: string;
  filters: MatrixFilters;
  matrix: Matrix;
}


/** The latest quarter whose last day has passed (the first one before any has): the round of reports being collected. */
export function defaultQuarter(quarters: string[], today: string): string {
  let chosen = quarters[0] ?? 'all';
  for (const key of quarters) if ((parsePeriod(key)?.to ?? today) < today) chosen = key;
  return chosen;
}

/**
 * The standing and lateness of a class of expected reports: a state (or none filed), due before
 * today or not, filed never (0), by the due day (1) or after it (2) — decided by progress.ts on
 * one example of the class (the day before today or today as its due day).
 */
function classifier(today: string) {
  const known = new Map<string, { standing: ReportStanding; late: boolean; dueOn: string }>();
  return (state: PlanReportState | null, past: boolean, filed: number) => {
    const key = `${state} ${past} ${filed}`;
    let found = known.get(key);
    if (!found) {
      const dueOn = past ? addDays(today, -1) : today;
      const report: FiledReport | undefined = state ? { state, dueOn, firstSubmittedAt: filed === 0 ? null : filedOn(filed === 2 ? addDays(dueOn, 1) : dueOn) } : undefined;
      known.set(key, (found = { standing: reportStanding(report, dueOn, today), late: isLate(report, dueOn, today, kazakhDateOf), dueOn }));
    }
    return found;
  };
}

interface Owed {
  past: number;
  due: number;
}

/** The matrix for the request's filters (those that name nothing are dropped); a plan that does not exist is a 404. */
export async function loadMatrix(db: Db, planId: string, request: MatrixRequest, today: string = todayInKazakhstan()): Promise<MatrixModel> {
  const row = await repo.findPlan(db, planId);
  if (!row) throw NotFoundError();
  const plan = planHeader(row);
  // Bodies named as of today, or as of the plan's end once it is over.
  const nameDate = today < plan.periodEnd ? today : plan.periodEnd;
  const quarters = quartersBetween(plan.periodStart, plan.periodEnd);
  const defaultPeriod = defaultQuarter(quarters, today);
  const chosen = request.period === 'all' ? undefined : (parsePeriod(request.period) ?? parsePeriod(defaultPeriod));
  const [sections, items, responsibles, regionRows, partsOf] = await Promise.all([
    repo.listSections(db, planId),
    repo.listItems(db, planId),
    repo.listResponsibles(db, planId, nameDate),
    repo.listRegionMaslikhatsEver(db, nameDate),
    chosen ? periodParts(db, planId, chosen, today) : wholeParts(db, planId, today),
  ]);
  const bodies = bodyIndex(regionRows, responsibles);
  const owingOf = leadBodies(regionRows);
  const responsiblesByItem = Map.groupBy(responsibles, (r) => r.itemId);
  const used = new Set<string>();
  const periodsOf = periodsBySchedule();
  const schedules = items.map((item) => {
    const own = responsiblesByItem.get(item.id) ?? [];
    const owing = owingOf(own);
    const periods = periodsOf(item).map((period) => ({ period, bodies: owing(period) }));
    for (const p of periods) for (const id of p.bodies) used.add(id);
    for (const r of own) if (r.organizationId) used.add(r.organizationId);
    return { item, periods };
  });
  const ordered = orderedBodies(bodies, used);
  const regions = ordered.filter((b) => b.isRegion && b.kato).map((b) => ({ kato: b.kato ?? '', name: b.name }));

  const filters: MatrixFilters = {
    section: sections.some((s) => s.id === request.section) ? request.section : '',
    status: matrixStatuses.find((s) => s === request.status) ?? '',
    region: regions.some((r) => r.kato === request.region) ? request.region : '',
    period: chosen?.key ?? 'all',
  };
  const only = matrixStatuses.find((s) => s === filters.status);
  const regionIds = filters.region ? ordered.filter((b) => b.kato === filters.region).map((b) => b.id) : undefined;
  const inRegion = (id: string) => !regionIds || regionIds.includes(id);

  const countsByItem = Map.groupBy(await repo.countReportsByItem(db, planId, today, regionIds), (c) => c.itemId);
  const classOf = classifier(today);

  const rows: { item: MatrixItem; parts: Map<string, CellPart[]> }[] = [];
  for (const { item, periods } of schedules) {
    if (filters.section && item.sectionId !== filters.section) continue;
    // What each body owes over the whole plan: due before today, and in all.
    const owed = new Map<string, Owed>();
    for (const { period, bodies: owing } of periods) {
      const past = period.dueOn < today;
      for (const id of owing) {
        if (!inRegion(id)) continue;
        let o = owed.get(id);
        if (!o) owed.set(id, (o = { past: 0, due: 0 }));
        o.due += 1;
        if (past) o.past += 1;
      }
    }
    // A region's part: only the items it answers for.
    if (regionIds && owed.size === 0) continue;
    const status = statusOf(item, owed, countsByItem.get(item.id) ?? [], classOf, today);
    const parts = partsOf(item.id, periods, owed, classOf);
    for (const [id, list] of parts) {
      const kept = list.filter((p) => p.count > 0 && partMatches(p, only));
      if (kept.length) parts.set(id, kept);
      else parts.delete(id);
    }
    // Filtered by period or status, an item without a matching report is left out.
    if (parts.size === 0 && (chosen || only)) continue;
    rows.push({ item: { id: item.id, sectionId: item.sectionId, position: item.position, number: item.number, action: item.action, status }, parts });
  }
  const columns = ordered.filter((b) => rows.some((r) => r.parts.has(b.id)));
  const matrix: Matrix = { columns, rows: rows.map(({ item, parts }) => ({ item, cells: columns.map((b) => cellOf(parts.get(b.id) ?? [])) })) };
  return { plan, sections, regions, periods: quarters, defaultPeriod, filters, matrix };
}

type Classify = ReturnType<typeof classifier>;
type Schedule = { period: ReportingPeriod; bodies: Set<string> }[];
/** An item's cells: for each body it owes, the parts of its cell (before the status filter). */
type PartsOf = (itemId: string, periods: Schedule, owed: Map<string, Owed>, classOf: Classify) => Map<string, CellPart[]>;
type Item = Awaited<ReturnType<typeof repo.listItems>>[number];

/** An item's status over its whole history: each class of its expected reports once (itemStatus asks only whether one of a kind exists). */
function statusOf(item: Item, owed: Map<string, Owed>, counts: { state: PlanReportState; past: boolean; count: number }[], classOf: Classify, today: string) {
  let past = 0;
  let due = 0;
  for (const o of owed.values()) {
    past += o.past;
    due += o.due;
  }
  const filedPast = counts.filter((c) => c.past).reduce((n, c) => n + c.count, 0);
  const filedLater = counts.filter((c) => !c.past).reduce((n, c) => n + c.count, 0);
  const expected = [
    ...counts.filter((c) => c.count > 0).map((c) => classOf(c.state, c.past, 1)),
    ...(past > filedPast ? [classOf(null, true, 0)] : []),
    ...(due - past > filedLater ? [classOf(null, false, 0)] : []),
  ];
  return itemStatus({ cancelled: item.cancelledAt !== null, startsOn: item.startsOn, expected }, today);
}

/** Cells of one period: the expected reports of the periods overlapping it, from those periods' reports (one part each). */
async function periodParts(db: Db, planId: string, range: PeriodRange, today: string): Promise<PartsOf> {
  const reports = await repo.listReports(db, planId, 'all', range);
  const byKey = new Map(reports.map((r) => [`${r.itemId} ${r.organizationId} ${r.periodStart}`, r]));
  return (itemId, periods, owed) => {
    const parts = new Map<string, CellPart[]>();
    for (const { period, bodies } of periods) {
      if (!overlaps(period, range)) continue;
      for (const bodyId of bodies) {
        if (!owed.has(bodyId)) continue;
        const report = byKey.get(`${itemId} ${bodyId} ${period.start}`);
        const filed: FiledReport | undefined = report ? { state: report.state, dueOn: period.dueOn, firstSubmittedAt: filedOn(report.submittedOn) } : undefined;
        const part = { standing: reportStanding(filed, period.dueOn, today), late: isLate(filed, period.dueOn, today, kazakhDateOf), count: 1, reportId: report?.id ?? null, periodStart: period.start };
        parts.set(bodyId, [...(parts.get(bodyId) ?? []), part]);
      }
    }
    return parts;
  };
}

/** Cells over the whole plan: each item and body's classes of reports as summed up in SQL, and those owed but never filed. */
async function wholeParts(db: Db, planId: string, today: string): Promise<PartsOf> {
  const summary = await repo.summariseReportsByBody(db, planId, today);
  const byKey = new Map(summary.map((s) => [`${s.itemId} ${s.organizationId}`, s.classes]));
  return (itemId, _periods, owed, classOf) => {
    const parts = new Map<string, CellPart[]>();
    for (const [bodyId, o] of owed) {
      const classes = byKey.get(`${itemId} ${bodyId}`) ?? [];
      const list: CellPart[] = classes.map((c) => ({ ...classOf(c.state, c.past, c.filed), count: c.count, reportId: c.latestId, periodStart: c.latestStart }));
      // Owed and never filed: what the filed classes leave of what is owed.
      const filedPast = classes.filter((c) => c.past).reduce((n, c) => n + c.count, 0);
      const filedLater = classes.filter((c) => !c.past).reduce((n, c) => n + c.count, 0);
      if (o.past > filedPast) list.push({ ...classOf(null, true, 0), count: o.past - filedPast, reportId: null, periodStart: '' });
      if (o.due - o.past > filedLater) list.push({ ...classOf(null, false, 0), count: o.due - o.past - filedLater, reportId: null, periodStart: '' });
      parts.set(bodyId, list);
    }
    return parts;
  };
}
