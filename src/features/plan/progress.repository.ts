// Read-only queries behind the plan's progress (the public pages, the secretariat's matrix, the
// open-data API): a fixed number of queries per page, whatever the plan's size. Writes stay with
// the plan and report repositories; numeric columns come back as numbers.
import { sql } from 'kysely';
import { organizationNameAsOf } from '../../core/db/dated.js';
import type { PlanReportState } from '../../core/db/database.js';
import { constantList, type Executor } from '../../core/db/query.js';

const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

const planColumns = [
  'p.id',
  'p.organization_id as organizationId',
  'p.title',
  'p.period_start as periodStart',
  'p.period_end as periodEnd',
  'p.status',
  'p.superseded_by_id as supersededById',
  'p.is_demo as isDemo',
  'd.id as decisionId',
  'd.number as decisionNumber',
  'd.decision_date as decisionDate',
  'd.title as decisionTitle',
  'd.meeting_id as decisionMeetingId',
] as const;

function plans(db: Executor) {
  return db.selectFrom('plan as p').leftJoin('decision as d', 'd.id', 'p.adoption_decision_id').select(planColumns);
}

/** Plans the public may see (every one but drafts), newest period first. */
export async function listPublicPlans(db: Executor) {
  return plans(db).where('p.status', '<>', 'draft').orderBy('p.period_start', 'desc').orderBy('p.id').execute();
}

/** One plan with its adopting decision, in any status (the caller decides who may see a draft). */
export async function findPlan(db: Executor, id: string) {
  return plans(db).where('p.id', '=', id).executeTakeFirst();
}

/** Public plans adopted by decisions of a meeting, as a query (the meeting's page reads it with its own data). */
export function plansAdoptedAtMeetingQuery(db: Executor, meetingId: string) {
  return plans(db)
    .clearSelect()
    .select('p.id')
    .where('p.status', '<>', sql.lit('draft'))
    .where('d.meeting_id', '=', meetingId)
    .orderBy('p.period_start', 'desc')
    .orderBy('p.id');
}

/** The public plan a decision adopted, if any. */
export async function findPlanAdoptedBy(db: Executor, decisionId: string) {
  return plans(db).where('p.status', '<>', 'draft').where('d.id', '=', decisionId).executeTakeFirst();
}

export async function listSections(db: Executor, planId: string) {
  return db.selectFrom('plan_section').select(['id', 'position', 'title']).where('plan_id', '=', planId).orderBy('position').execute();
}

/** A plan's items in their order. */
export async function listItems(db: Executor, planId: string) {
  return db
    .selectFrom('plan_item as i')
    .select([
      'i.id',
      'i.section_id as sectionId',
      'i.position',
      'i.number',
      'i.action',
      'i.expected_result as expectedResult',
      'i.starts_on as startsOn',
      'i.deadline',
      'i.deadline_kind as deadlineKind',
      'i.due_offset_days as dueOffsetDays',
      'i.cancelled_at as cancelledAt',
      'i.cancel_reason as cancelReason',
    ])
    .where('i.plan_id', '=', planId)
    .orderBy('i.position')
    .execute();
}

/** The responsible bodies of a plan's items: a named organisation (named as of `nameDate`, with its area's KATO) or the group. */
export async function listResponsibles(db: Executor, planId: string, nameDate: string) {
  return db
    .selectFrom('plan_item_responsible as r')
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .leftJoin('organization as o', 'o.id', 'r.organization_id')
    .leftJoin('area as a', 'a.id', 'o.area_id')
    .select([
      'r.item_id as itemId',
      'r.organization_id as organizationId',
      'r.body_group as bodyGroup',
      'r.role',
      'o.slug',
      'a.kato',
      organizationNameAsOf('r.organization_id', nameDate).as('name'),
      organizationNameAsOf('r.organization_id', nameDate, 'short_name').as('shortName'),
    ])
    .where('i.plan_id', '=', planId)
    .execute();
}

/**
 * Every region-level maslikhat there has been (regions and cities of republican significance),
 * with its own dates and its area's, named as of `nameDate`: the service picks those existing on
 * each period's last day in memory, as the registry's listRegionMaslikhats(date) does, without a
 * query per period.
 */
export async function listRegionMaslikhatsEver(db: Executor, nameDate: string) {
  return db
    .selectFrom('organization as o')
    .innerJoin('area as a', 'a.id', 'o.area_id')
    .select([
      'o.id',
      'o.slug',
      'o.founding_date as foundingDate',
      'o.dissolution_date as dissolutionDate',
      'a.kato',
      'a.valid_from as areaFrom',
      'a.valid_to as areaTo',
      organizationNameAsOf('o.id', nameDate).as('name'),
      organizationNameAsOf('o.id', nameDate, 'short_name').as('shortName'),
    ])
    .where('o.classification', '=', 'maslikhat')
    .where('o.maslikhat_level', 'in', ['region', 'city_of_republican_significance'])
    .orderBy('a.kato')
    .execute();
}

/**
 * The reports of a plan, without their texts: every state for the office, or only accepted ones
 * for the public (filtered here, so nothing else can reach a public page); with `range`, only those
 * whose period overlaps it (the matrix's period). The day each was first filed is Kazakhstan's day,
 * computed here: fifteen thousand rows need no date parsing.
 */
export async function listReports(db: Executor, planId: string, only: 'all' | 'accepted', range?: { from: string; to: string }) {
  let query = db
    .selectFrom('plan_report as r')
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .select([
      'r.id',
      'r.item_id as itemId',
      'r.organization_id as organizationId',
      sql<string>`to_char(r.period_start, 'YYYY-MM-DD')`.as('periodStart'),
      'r.state',
      sql<string | null>`to_char(r.first_submitted_at at time zone 'Asia/Almaty', 'YYYY-MM-DD')`.as('submittedOn'),
    ])
    .where('i.plan_id', '=', planId);
  if (only === 'accepted') query = query.where('r.state', '=', 'accepted');
  if (range) query = query.where('r.period_start', '<=', range.to).where('r.period_end', '>=', range.from);
  return query.execute();
}

/** A report's due day as the plan's arithmetic has it (progress.ts): the item's deadline for a one-off item, else its period's end plus the item's offset. */
const dueDay = sql<string>`(case when i.deadline_kind = 'date' then i.deadline else r.period_end + i.due_offset_days end)`;

/**
 * How many reports each item of a plan has in each state, due before `today` or not (one row per
 * item, state and that flag; only those of `organizationIds` when given): an item's status over
 * its whole history without reading every report.
 */
export async function countReportsByItem(db: Executor, planId: string, today: string, organizationIds?: string[]) {
  let query = db
    .selectFrom('plan_report as r')
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .select(['r.item_id as itemId', 'r.state', sql<boolean>`${dueDay} < ${today}::date`.as('past'), sql<number>`count(*)::int`.as('count')])
    .where('i.plan_id', '=', planId)
    .groupBy(['r.item_id', 'r.state', sql`3`]);
  if (organizationIds) query = organizationIds.length ? query.where('r.organization_id', 'in', organizationIds) : query.where(sql<boolean>`false`);
  return query.execute();
}

/** A class of reports of one item and body: state, due before today or not, and filed: 0 never, 1 by the due day, 2 after it. */
export interface ReportClassCount {
  state: PlanReportState;
  past: boolean;
  filed: 0 | 1 | 2;
  count: number;
  /** The class's report of the latest period, and that period's first day. */
  latestId: string;
  latestStart: string;
}

/**
 * Every report of a plan summed up per item and body (the matrix over the whole plan): one row per
 * item and body with its classes of reports, so thousands of reports come back as hundreds of rows.
 */
export async function summariseReportsByBody(db: Executor, planId: string, today: string) {
  const classes = db
    .selectFrom('plan_report as r')
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .select([
      'r.item_id as itemId',
      'r.organization_id as organizationId',
      'r.state',
      sql<boolean>`${dueDay} < ${today}::date`.as('past'),
      sql<number>`case when r.first_submitted_at is null then 0 when (r.first_submitted_at at time zone 'Asia/Almaty')::date > ${dueDay} then 2 else 1 end`.as('filed'),
      sql<number>`count(*)::int`.as('count'),
      sql<string>`(array_agg(r.id order by r.period_start desc))[1]`.as('latestId'),
      sql<string>`to_char(max(r.period_start), 'YYYY-MM-DD')`.as('latestStart'),
    ])
    .where('i.plan_id', '=', planId)
    .groupBy(['r.item_id', 'r.organization_id', 'r.state', sql`4`, sql`5`]);
  return db
    .selectFrom(classes.as('c'))
    .select([
      'c.itemId',
      'c.organizationId',
      sql<ReportClassCount[]>`json_agg(json_build_object('state', c.state, 'past', c.past, 'filed', c.filed, 'count', c.count, 'latestId', c."latestId", 'latestStart', c."latestStart"))`.as('classes'),
    ])
    .groupBy(['c.itemId', 'c.organizationId'])
    .execute();
}

/** The indicators of a plan's items, with baseline and target as numbers. */
export async function listIndicators(db: Executor, planId: string) {
  const rows = await db
    .selectFrom('plan_indicator as x')
    .innerJoin('plan_item as i', 'i.id', 'x.item_id')
    .select(['x.id', 'x.item_id as itemId', 'x.position', 'x.name', 'x.unit', 'x.baseline', 'x.target', 'x.aggregation'])
    .where('i.plan_id', '=', planId)
    .orderBy('x.item_id')
    .orderBy('x.position')
    .execute();
  return rows.map((r) => ({ ...r, baseline: toNumber(r.baseline), target: toNumber(r.target) }));
}

/** Each body's latest accepted value of each indicator (the accepted, current revision of its latest period's report). */
export async function listAcceptedValues(db: Executor, planId: string) {
  const rows = await db
    .selectFrom('plan_report_value as v')
    .innerJoin('plan_report_revision as rv', 'rv.id', 'v.revision_id')
    .innerJoin('plan_report as r', (join) => join.onRef('r.id', '=', 'rv.report_id').onRef('r.revision', '=', 'rv.revision'))
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .distinctOn(['v.indicator_id', 'r.organization_id'])
    .select(['r.item_id as itemId', 'r.organization_id as organizationId', 'v.indicator_id as indicatorId', 'v.value'])
    .where('i.plan_id', '=', planId)
    .where('r.state', '=', 'accepted')
    .where('rv.review', '=', 'accepted')
    .orderBy('v.indicator_id')
    .orderBy('r.organization_id')
    .orderBy('r.period_start', 'desc')
    .orderBy('r.accepted_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

/** The texts of each item's latest accepted reports (at most `perItem`), latest period first. */
export async function listLatestAcceptedTexts(db: Executor, planId: string, perItem: number) {
  const ranked = db
    .selectFrom('plan_report as r')
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .innerJoin('plan_report_revision as rv', (join) => join.onRef('rv.report_id', '=', 'r.id').onRef('rv.revision', '=', 'r.revision'))
    .select([
      'r.id',
      'r.item_id as itemId',
      'r.organization_id as organizationId',
      'r.period_start as periodStart',
      'r.period_end as periodEnd',
      'r.accepted_at as acceptedAt',
      'rv.body',
      sql<number>`row_number() over (partition by r.item_id order by r.period_start desc, r.accepted_at desc nulls last, r.id)`.as('rank'),
    ])
    .where('i.plan_id', '=', planId)
    .where('r.state', '=', 'accepted')
    .where('rv.review', '=', 'accepted');
  return db.selectFrom(ranked.as('t')).selectAll().where('t.rank', '<=', perItem).orderBy('t.itemId').orderBy('t.rank').execute();
}

export interface AcceptedReportFilter {
  planId?: string | undefined;
  /** KATO of the reporting body's area. */
  kato?: string | undefined;
  /** Reports whose period overlaps [from, to]. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Accepted reports of public plans for the open-data API, one page, with their accepted text and values. */
export async function listAcceptedReports(db: Executor, filter: AcceptedReportFilter, window: { limit: number; offset: number }) {
  let base = db
    .selectFrom('plan_report as r')
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .innerJoin('plan_report_revision as rv', (join) => join.onRef('rv.report_id', '=', 'r.id').onRef('rv.revision', '=', 'r.revision'))
    .innerJoin('organization as o', 'o.id', 'r.organization_id')
    .leftJoin('area as a', 'a.id', 'o.area_id')
    .where('r.state', '=', 'accepted')
    .where('rv.review', '=', 'accepted')
    .where('p.status', '<>', 'draft');
  if (filter.planId) base = base.where('p.id', '=', filter.planId);
  if (filter.kato) base = base.where('a.kato', '=', filter.kato);
  if (filter.to) base = base.where('r.period_start', '<=', filter.to);
  if (filter.from) base = base.where('r.period_end', '>=', filter.from);
  const [rows, count] = await Promise.all([
    base
      .select([
        'r.id',
        'p.id as planId',
        'r.item_id as itemId',
        'i.number as itemNumber',
        'r.organization_id as organizationId',
        'o.slug',
        'a.kato',
        organizationNameAsOf('r.organization_id', sql<string>`r.period_end`).as('bodyName'),
        'r.period_start as periodStart',
        'r.period_end as periodEnd',
        'r.due_on as dueOn',
        'r.first_submitted_at as firstSubmittedAt',
        'r.accepted_at as acceptedAt',
        'rv.id as revisionId',
        'rv.body',
      ])
      .orderBy('r.period_start', 'desc')
      .orderBy('i.position')
      .orderBy('a.kato')
      .orderBy('r.id')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const revisionIds = rows.map((r) => r.revisionId);
  const values = revisionIds.length
    ? await db.selectFrom('plan_report_value').select(['revision_id as revisionId', 'indicator_id as indicatorId', 'value']).where('revision_id', 'in', revisionIds).execute()
    : [];
  return { rows, total: Number(count.n), values: values.map((v) => ({ ...v, value: Number(v.value) })) };
}

/**
 * Public plans a maslikhat answers for (named, or as a region-level maslikhat through the group),
 * with the KATO of its area, newest first: the maslikhat's page links to its part of each (a
 * related-links query: the id is used only as a value).
 */
export function plansNamingQuery(db: Executor, organizationId: string) {
  return db
    .selectFrom('plan as p')
    .innerJoin('organization as o', (join) => join.on('o.id', '=', organizationId))
    .innerJoin('area as a', 'a.id', 'o.area_id')
    .select(['p.id', 'p.title', 'p.period_start as periodStart', 'p.period_end as periodEnd', 'p.status', 'a.kato'])
    .where('p.status', 'in', constantList(['adopted', 'completed'] as const))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('plan_item_responsible as r')
          .innerJoin('plan_item as i', 'i.id', 'r.item_id')
          .select('r.id')
          .whereRef('i.plan_id', '=', 'p.id')
          .where((inner) =>
            inner.or([
              inner('r.organization_id', '=', organizationId),
              inner.and([inner('r.body_group', '=', 'region_maslikhats'), inner('o.maslikhat_level', 'in', constantList(['region', 'city_of_republican_significance'] as const))]),
            ]),
          ),
      ),
    )
    .orderBy('p.period_start', 'desc');
}

/** The schedules of an organisation's adopted plans' open items (for the next report deadlines on the home page). */
export async function listOpenSchedules(db: Executor, organizationId: string) {
  return db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .select(['p.id as planId', 'p.title as planTitle', 'i.starts_on as startsOn', 'i.deadline', 'i.deadline_kind as deadlineKind', 'i.due_offset_days as dueOffsetDays'])
    .where('p.organization_id', '=', organizationId)
    .where('p.status', '=', 'adopted')
    .where('i.cancelled_at', 'is', null)
    .orderBy('p.period_start')
    .orderBy('p.id')
    .execute();
}
