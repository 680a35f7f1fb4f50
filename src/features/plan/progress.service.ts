// The plan's progress as every read page sees it: each item's expected reports (each lead body,
// each period) with their standing and lateness, the item's status, indicator progress and the
// per-region summary — computed by progress.ts from a fixed set of queries. The public model is
// built from accepted reports only; the office's from every report.
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { Db } from '../../core/db/connect.js';
import type { PlanDeadlineKind, PlanStatus } from '../../core/db/database.js';
import { NotFoundError } from '../../core/errors.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { indicatorProgress, isLate, itemStatus, reportingPeriods, reportsProgress, reportStanding, type IndicatorProgress, type ItemSchedule, type ItemStatus, type ReportingPeriod, type ReportStanding } from './progress.js';
import * as repo from './progress.repository.js';
import { overlaps, type PeriodRange } from './progress-filters.js';
import { rememberUpTo } from '../../core/memo.js';

export { parsePeriod, periodLabel, type PeriodRange } from './progress-filters.js';

export type Audience = 'public' | 'office';

export interface PlanHeader {
  id: string;
  organizationId: string;
  title: LocalizedText;
  periodStart: string;
  periodEnd: string;
  status: PlanStatus;
  supersededById: string | null;
  isDemo: boolean;
  decision: { id: string; number: string | null; date: string; title: LocalizedText; meetingId: string | null } | null;
}

export interface Body {
  id: string;
  slug: string | null;
  kato: string | null;
  name: LocalizedText;
  shortName: LocalizedText | null;
  isRegion: boolean;
}

export interface ExpectedReport {
  bodyId: string;
  period: ReportingPeriod;
  dueOn: string;
  standing: ReportStanding;
  late: boolean;
  /** The report filed for it (null when nothing was filed, or, for the public, nothing accepted). */
  reportId: string | null;
}

export interface IndicatorView {
  id: string;
  name: LocalizedText;
  unit: LocalizedText;
  baseline: number | null;
  target: number | null;
  aggregation: 'sum' | 'average';
  progress: IndicatorProgress;
}

export interface AcceptedResult {
  reportId: string;
  bodyId: string;
  periodStart: string;
  periodEnd: string;
  text: LocalizedText;
}

export interface ItemProgress {
  id: string;
  sectionId: string | null;
  position: number;
  number: string | null;
  action: LocalizedText;
  expectedResult: LocalizedText | null;
  startsOn: string;
  deadline: string;
  deadlineKind: PlanDeadlineKind;
  cancelled: boolean;
  cancelReason: LocalizedText | null;
  periods: ReportingPeriod[];
  /** Lead bodies over all periods, and co-executors (who report nothing of their own). */
  leadIds: string[];
  coExecutorIds: string[];
  expected: ExpectedReport[];
  status: ItemStatus;
  reports: { accepted: number; due: number };
  late: number;
  indicators: IndicatorView[];
  /** The latest accepted results (public model only; empty for the office). */
  latestResults: AcceptedResult[];
}

export interface PlanProgress {
  audience: Audience;
  today: string;
  plan: PlanHeader;
  sections: { id: string; position: number; title: LocalizedText }[];
  /** Bodies that appear in the items: region maslikhats by KATO, then the others by name. */
  bodies: Body[];
  items: ItemProgress[];
}

export interface ProgressFilter {
  /** KATO of a region: that region's maslikhat only. */
  region?: string | undefined;
  sectionId?: string | undefined;
  period?: PeriodRange | undefined;
  /** A report standing, or 'late'. */
  status?: ReportStanding | 'late' | undefined;
}

export interface BodySummary {
  body: Body;
  accepted: number;
  due: number;
  late: number;
  items: number;
}

/**
 * Filed reports carry Kazakhstan's day of filing (see listReports) as midnight UTC of that day: one
 * instant per day, made once and read back without formatting.
 */
const rememberInstant = rememberUpTo<Date>(5_000);
const daysOf = new WeakMap<Date, string>();
export function filedOn(day: string | null): Date | null {
  if (!day) return null;
  return rememberInstant(day, () => {
    const instant = new Date(`${day}T00:00:00Z`);
    daysOf.set(instant, day);
    return instant;
  });
}
export const kazakhDateOf = (instant: Date) => daysOf.get(instant) ?? instant.toISOString().slice(0, 10);
const covers = (from: string | null, to: string | null, date: string) => (from === null || from <= date) && (to === null || to >= date);
const minDate = (a: string, b: string) => (a < b ? a : b);

export function planHeader(row: NonNullable<Awaited<ReturnType<typeof repo.findPlan>>>): PlanHeader {
  return {
    id: row.id,
    organizationId: row.organizationId,
    title: row.title,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    status: row.status,
    supersededById: row.supersededById,
    isDemo: row.isDemo,
    decision:
      row.decisionId && row.decisionDate && row.decisionTitle
        ? { id: row.decisionId, number: row.decisionNumber, date: row.decisionDate, title: row.decisionTitle, meetingId: row.decisionMeetingId }
        : null,
  };
}

type RegionRow = Awaited<ReturnType<typeof repo.listRegionMaslikhatsEver>>[number];
type ResponsibleRow = Awaited<ReturnType<typeof repo.listResponsibles>>[number];

/** The bodies a plan's pages may name: every region-level maslikhat there has been, and each organisation an item names. */
export function bodyIndex(regions: RegionRow[], responsibles: ResponsibleRow[]): Map<string, Body> {
  const bodies = new Map<string, Body>();
  for (const r of regions) bodies.set(r.id, { id: r.id, slug: r.slug, kato: r.kato, name: r.name ?? {}, shortName: r.shortName, isRegion: true });
  for (const r of responsibles) {
    if (r.organizationId && !bodies.has(r.organizationId)) {
      bodies.set(r.organizationId, { id: r.organizationId, slug: r.slug, kato: r.kato, name: r.name ?? {}, shortName: r.shortName, isRegion: false });
    }
  }
  return bodies;
}

/** Region maslikhats by KATO, then the others (the order of the columns and tables). */
export const orderedBodies = (bodies: Map<string, Body>, used: Set<string>): Body[] =>
  [...bodies.values()]
    .filter((b) => used.has(b.id))
    .toSorted((a, b) => Number(b.isRegion) - Number(a.isRegion) || (a.kato ?? '').localeCompare(b.kato ?? '') || a.id.localeCompare(b.id));

/**
 * For an item's responsibles, the lead bodies owing a report for a period: those named, and the
 * region maslikhats existing on the period's last day when the group leads — a body named and
 * also in the group counts once.
 */
export function leadBodies(regions: RegionRow[]): (own: Pick<ResponsibleRow, 'role' | 'organizationId' | 'bodyGroup'>[]) => (period: ReportingPeriod) => Set<string> {
  const regionsOn = new Map<string, string[]>();
  const regionIdsOn = (date: string) => {
    let ids = regionsOn.get(date);
    if (!ids) regionsOn.set(date, (ids = regions.filter((r) => covers(r.foundingDate, r.dissolutionDate, date) && covers(r.areaFrom, r.areaTo, date)).map((r) => r.id)));
    return ids;
  };
  // One set per lead list and day, shared by the items alike (callers only read them).
  const sets = new Map<string, Set<string>>();
  return (own) => {
    const named = own.filter((r) => r.role === 'lead' && r.organizationId).map((r) => r.organizationId ?? '');
    const group = own.some((r) => r.role === 'lead' && r.bodyGroup === 'region_maslikhats');
    const key = `${named.join(' ')}|${group ? 'group' : ''}|`;
    return (period) => {
      const day = group ? period.end : '';
      let set = sets.get(key + day);
      if (!set) sets.set(key + day, (set = new Set(group ? [...named, ...regionIdsOn(day)] : named)));
      return set;
    };
  };
}

/** reportingPeriods for many items: items alike in schedule share their periods (callers only read them). */
export function periodsBySchedule(): (item: ItemSchedule) => ReportingPeriod[] {
  const known = new Map<string, ReportingPeriod[]>();
  return (item) => {
    const key = `${item.startsOn} ${item.deadline} ${item.deadlineKind} ${item.dueOffsetDays}`;
    let periods = known.get(key);
    if (!periods) known.set(key, (periods = reportingPeriods(item)));
    return periods;
  };
}

/** What a plan's model is built from: read once, then built for any filter. */
export type ProgressData = Awaited<ReturnType<typeof readProgressData>>;

/** The rows of one plan for an audience (a fixed number of queries); a draft is never public (404). */
export async function readProgressData(db: Db, planId: string, audience: Audience, today: string = todayInKazakhstan()) {
  const row = await repo.findPlan(db, planId);
  if (!row || (audience === 'public' && row.status === 'draft')) throw NotFoundError();
  const plan = planHeader(row);
  const nameDate = minDate(today, plan.periodEnd);
  const [sections, items, responsibles, regions, reports, indicators, values, texts] = await Promise.all([
    repo.listSections(db, planId),
    repo.listItems(db, planId),
    repo.listResponsibles(db, planId, nameDate),
    repo.listRegionMaslikhatsEver(db, nameDate),
    repo.listReports(db, planId, audience === 'public' ? 'accepted' : 'all'),
    repo.listIndicators(db, planId),
    repo.listAcceptedValues(db, planId),
    audience === 'public' ? repo.listLatestAcceptedTexts(db, planId, 3) : Promise.resolve([]),
  ]);
  return { audience, today, plan, sections, items, responsibles, regions, reports, indicators, values, texts };
}

/** The model of one plan for an audience; a draft is never public (404). */
export async function loadProgress(db: Db, planId: string, audience: Audience, filter: ProgressFilter = {}, today: string = todayInKazakhstan()): Promise<PlanProgress> {
  return buildProgress(await readProgressData(db, planId, audience, today), filter);
}

/** The model from the rows, for a filter (pure: the public page builds the whole plan and a region's part from one read). */
export function buildProgress(data: ProgressData, filter: ProgressFilter = {}): PlanProgress {
  const { audience, today, plan, sections, items, responsibles, regions, reports, indicators, values, texts } = data;
  const bodies = bodyIndex(regions, responsibles);
  const owingOf = leadBodies(regions);
  const periodsOf = periodsBySchedule();
  const inRegion = (bodyId: string) => filter.region === undefined || bodies.get(bodyId)?.kato === filter.region;

  const reportByKey = new Map(reports.map((r) => [`${r.itemId} ${r.organizationId} ${r.periodStart}`, r]));
  const responsiblesByItem = Map.groupBy(responsibles, (r) => r.itemId);
  const indicatorsByItem = Map.groupBy(indicators, (x) => x.itemId);
  const textsByItem = Map.groupBy(texts, (x) => x.itemId);
  // Each body's latest accepted value of each indicator (one row each).
  const latestValue = new Map<string, Map<string, number>>();
  for (const v of values) {
    let byBody = latestValue.get(v.indicatorId);
    if (!byBody) latestValue.set(v.indicatorId, (byBody = new Map()));
    byBody.set(v.organizationId, v.value);
  }

  const result: ItemProgress[] = [];
  for (const item of items) {
    if (filter.sectionId !== undefined && item.sectionId !== filter.sectionId) continue;
    const periods = periodsOf(item);
    const own = responsiblesByItem.get(item.id) ?? [];
    const owing = owingOf(own);
    const expected: ExpectedReport[] = [];
    const leads = new Set<string>();
    for (const period of periods) {
      for (const bodyId of owing(period)) {
        if (!inRegion(bodyId)) continue;
        leads.add(bodyId);
        const report = reportByKey.get(`${item.id} ${bodyId} ${period.start}`);
        const filed = report ? { state: report.state, dueOn: period.dueOn, firstSubmittedAt: filedOn(report.submittedOn) } : undefined;
        expected.push({
          bodyId,
          period,
          dueOn: period.dueOn,
          standing: reportStanding(filed, period.dueOn, today),
          late: isLate(filed, period.dueOn, today, kazakhDateOf),
          reportId: report?.id ?? null,
        });
      }
    }
    // A region's part: only the items it answers for.
    if (filter.region !== undefined && leads.size === 0) continue;
    const cancelled = item.cancelledAt !== null;
    result.push({
      id: item.id,
      sectionId: item.sectionId,
      position: item.position,
      number: item.number,
      action: item.action,
      expectedResult: item.expectedResult,
      startsOn: item.startsOn,
      deadline: item.deadline,
      deadlineKind: item.deadlineKind,
      cancelled,
      cancelReason: item.cancelReason,
      periods,
      leadIds: [...leads],
      coExecutorIds: own.filter((r) => r.role === 'co_executor' && r.organizationId && inRegion(r.organizationId)).map((r) => r.organizationId ?? ''),
      expected,
      status: itemStatus({ cancelled, startsOn: item.startsOn, expected }, today),
      reports: reportsProgress(expected, today),
      late: expected.filter((e) => e.late).length,
      indicators: (indicatorsByItem.get(item.id) ?? []).map((x) => ({
        id: x.id,
        name: x.name,
        unit: x.unit,
        baseline: x.baseline,
        target: x.target,
        aggregation: x.aggregation,
        progress: indicatorProgress(x, [...(latestValue.get(x.id) ?? new Map<string, number>())].filter(([bodyId]) => inRegion(bodyId) && leads.has(bodyId)).map(([, v]) => v)),
      })),
      latestResults: (textsByItem.get(item.id) ?? [])
        .filter((t) => inRegion(t.organizationId))
        .map((t) => ({ reportId: t.id, bodyId: t.organizationId, periodStart: t.periodStart, periodEnd: t.periodEnd, text: t.body })),
    });
  }

  const ordered = orderedBodies(bodies, new Set(result.flatMap((i) => [...i.leadIds, ...i.coExecutorIds])));
  const shown = filter.period || filter.status ? narrow(result, filter) : result;
  return { audience, today, plan, sections, bodies: ordered, items: shown };
}

/** The matrix's period and status filters: each item keeps the expected reports that match; items with none are left out. */
function narrow(items: ItemProgress[], filter: ProgressFilter): ItemProgress[] {
  const { period, status } = filter;
  return items
    .map((item) => ({
      ...item,
      expected: item.expected.filter(
        (e) => (!period || overlaps(e.period, period)) && (!status || (status === 'late' ? e.late : e.standing === status)),
      ),
    }))
    .filter((item) => item.expected.length > 0);
}

/** Reports accepted of those due, and late ones, for each body: the region-by-region table. */
export function bodySummaries(progress: PlanProgress): BodySummary[] {
  return progress.bodies
    .map((body) => {
      const expected = progress.items.filter((i) => !i.cancelled).flatMap((i) => i.expected.filter((e) => e.bodyId === body.id));
      const { accepted, due } = reportsProgress(expected, progress.today);
      return { body, accepted, due, late: expected.filter((e) => e.late).length, items: progress.items.filter((i) => i.leadIds.includes(body.id)).length };
    })
    .filter((s) => s.items > 0);
}

/** The whole plan's reports accepted of those due (cancelled items left out). */
export function planTotals(progress: PlanProgress) {
  const expected = progress.items.filter((i) => !i.cancelled).flatMap((i) => i.expected);
  const counts = new Map<ItemStatus, number>();
  for (const item of progress.items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
  return { ...reportsProgress(expected, progress.today), statuses: counts };
}

export const planListing = {
  async publicPlans(db: Db) {
    return (await repo.listPublicPlans(db)).map(planHeader);
  },
};
