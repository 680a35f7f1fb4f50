// Every query of the plan's reports: plan_report (one per item, body and period, its current state),
// plan_report_revision (each version filed, with its review), plan_report_value, plan_report_attachment.
// A draft's content is the revision numbered one above the report's `revision`, never reviewed; it
// becomes the filed version when submitted (its submitted_at then says when). History pages show
// only revisions up to the report's `revision`.
import { sql } from 'kysely';
import type { DateString, PlanReportState } from '../../core/db/database.js';
import { organizationNameAsOf } from '../../core/db/dated.js';
import { json, paginate, type Executor, type Page } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

const reportColumns = [
  'plan_report.id',
  'plan_report.item_id as itemId',
  'plan_report.organization_id as organizationId',
  'plan_report.period_start as periodStart',
  'plan_report.period_end as periodEnd',
  'plan_report.due_on as dueOn',
  'plan_report.state',
  'plan_report.revision',
  'plan_report.first_submitted_at as firstSubmittedAt',
  'plan_report.accepted_at as acceptedAt',
  'plan_report.updated_at as updatedAt',
  'plan_report.version',
] as const;

export async function findReport(db: Executor, key: { itemId: string; organizationId: string; periodStart: string }) {
  return db
    .selectFrom('plan_report')
    .select(reportColumns)
    .where('item_id', '=', key.itemId)
    .where('organization_id', '=', key.organizationId)
    .where('period_start', '=', key.periodStart)
    .executeTakeFirst();
}

export async function findReportById(db: Executor, id: string) {
  return db
    .selectFrom('plan_report')
    .select(reportColumns)
    .select(organizationNameAsOf('plan_report.organization_id', sql<string>`plan_report.period_end`).as('bodyName'))
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The reports of bodies for items (the obligations page), each with its latest filed revision's review comment. */
export async function listReportsOf(db: Executor, organizationIds: readonly string[], itemIds: readonly string[]) {
  if (!organizationIds.length || !itemIds.length) return [];
  return db
    .selectFrom('plan_report')
    .select(reportColumns)
    .select((eb) =>
      eb
        .selectFrom('plan_report_revision as v')
        .select('v.review_comment')
        .whereRef('v.report_id', '=', 'plan_report.id')
        .whereRef('v.revision', '=', 'plan_report.revision')
        .$castTo<string | null>()
        .as('reviewComment'),
    )
    .where('organization_id', 'in', organizationIds)
    .where('item_id', 'in', itemIds)
    .execute();
}

/** A new report (a draft, revision 0); false when the body's report for the period was made meanwhile. */
export async function insertReport(db: Executor, values: { id: string; itemId: string; organizationId: string; periodStart: DateString; periodEnd: DateString; dueOn: DateString }): Promise<boolean> {
  const inserted = await db
    .insertInto('plan_report')
    .values({ id: values.id, item_id: values.itemId, organization_id: values.organizationId, period_start: values.periodStart, period_end: values.periodEnd, due_on: values.dueOn })
    .onConflict((oc) => oc.columns(['item_id', 'organization_id', 'period_start']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Changes a report if it is still at `version` (and bumps the version); false when someone else changed it first. */
export async function updateReport(
  db: Executor,
  id: string,
  version: number,
  set: { state?: PlanReportState; revision?: number; firstSubmittedAt?: Date | null; acceptedAt?: Date | null },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('plan_report')
    .set({
      ...(set.state !== undefined ? { state: set.state } : {}),
      ...(set.revision !== undefined ? { revision: set.revision } : {}),
      ...(set.firstSubmittedAt !== undefined ? { first_submitted_at: set.firstSubmittedAt } : {}),
      ...(set.acceptedAt !== undefined ? { accepted_at: set.acceptedAt } : {}),
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── Revisions, their values and attachments ──

/** A report's revisions, oldest first (the draft, if any, last). */
export async function listRevisions(db: Executor, reportId: string) {
  return db
    .selectFrom('plan_report_revision as v')
    .leftJoin('account as s', 's.id', 'v.submitted_by')
    .leftJoin('account as r', 'r.id', 'v.reviewed_by')
    .select([
      'v.id',
      'v.revision',
      'v.body',
      'v.submitted_at as submittedAt',
      's.display_name as submittedBy',
      'v.review',
      'v.review_comment as reviewComment',
      'v.reviewed_at as reviewedAt',
      'r.display_name as reviewedBy',
    ])
    .where('v.report_id', '=', reportId)
    .orderBy('v.revision')
    .execute();
}

/** Values of revisions, as numbers. */
export async function listValues(db: Executor, revisionIds: readonly string[]) {
  if (!revisionIds.length) return [];
  const rows = await db.selectFrom('plan_report_value').select(['revision_id as revisionId', 'indicator_id as indicatorId', 'value']).where('revision_id', 'in', revisionIds).execute();
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

export async function listAttachments(db: Executor, revisionIds: readonly string[]) {
  if (!revisionIds.length) return [];
  return db
    .selectFrom('plan_report_attachment')
    .select(['id', 'revision_id as revisionId', 'file_name as fileName', 'original_name as originalName', 'content_type as contentType', 'size_bytes as sizeBytes'])
    .where('revision_id', 'in', revisionIds)
    .orderBy('id')
    .execute();
}

/** One attachment of a report (by the report, so an id from another report finds nothing). */
export async function findAttachment(db: Executor, reportId: string, attachmentId: string) {
  return db
    .selectFrom('plan_report_attachment as a')
    .innerJoin('plan_report_revision as v', 'v.id', 'a.revision_id')
    .select(['a.id', 'v.revision', 'a.file_name as fileName', 'a.original_name as originalName', 'a.content_type as contentType'])
    .where('v.report_id', '=', reportId)
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
}

export async function insertRevision(db: Executor, values: { id: string; reportId: string; revision: number; body: LocalizedText; at: Date; by: string | null }) {
  await db
    .insertInto('plan_report_revision')
    .values({ id: values.id, report_id: values.reportId, revision: values.revision, body: json(values.body), submitted_at: values.at, submitted_by: values.by, review: null, review_comment: null, reviewed_at: null, reviewed_by: null })
    .execute();
}

/** Rewrites a draft revision's text (and who saved it, when). */
export async function updateRevisionBody(db: Executor, id: string, body: LocalizedText, at: Date, by: string | null) {
  await db.updateTable('plan_report_revision').set({ body: json(body), submitted_at: at, submitted_by: by }).where('id', '=', id).where('review', 'is', null).execute();
}

/** Records the secretariat's review of a filed revision that has none yet; false when it already has one. */
export async function reviewRevision(db: Executor, reportId: string, revision: number, review: { review: 'accepted' | 'returned'; comment: string | null; at: Date; by: string | null }): Promise<boolean> {
  const result = await db
    .updateTable('plan_report_revision')
    .set({ review: review.review, review_comment: review.comment, reviewed_at: review.at, reviewed_by: review.by })
    .where('report_id', '=', reportId)
    .where('revision', '=', revision)
    .where('review', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A revision's values, replaced as a whole ('1234.5' kept exact). */
export async function replaceValues(db: Executor, revisionId: string, values: { indicatorId: string; value: string }[]) {
  await db.deleteFrom('plan_report_value').where('revision_id', '=', revisionId).execute();
  if (values.length) await db.insertInto('plan_report_value').values(values.map((v) => ({ revision_id: revisionId, indicator_id: v.indicatorId, value: v.value }))).execute();
}

export interface AttachmentInput {
  fileName: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
}

/** A revision's one attachment, replaced (null: none). */
export async function replaceAttachment(db: Executor, revisionId: string, id: string, attachment: AttachmentInput | null) {
  await db.deleteFrom('plan_report_attachment').where('revision_id', '=', revisionId).execute();
  if (attachment) {
    await db
      .insertInto('plan_report_attachment')
      .values({ id, revision_id: revisionId, file_name: attachment.fileName, original_name: attachment.originalName, content_type: attachment.contentType, size_bytes: attachment.sizeBytes })
      .execute();
  }
}

// ── The secretariat's list ──

export interface ReviewFilter {
  planId?: string | undefined;
  organizationId?: string | undefined;
  state?: PlanReportState | undefined;
}

/** Filed reports (never a first draft), most recently changed first, one page. */
export async function listForReview(db: Executor, filter: ReviewFilter, window: Page) {
  let query = db
    .selectFrom('plan_report')
    .innerJoin('plan_item as i', 'i.id', 'plan_report.item_id')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .where('plan_report.revision', '>', 0);
  if (filter.planId) query = query.where('p.id', '=', filter.planId);
  if (filter.organizationId) query = query.where('plan_report.organization_id', '=', filter.organizationId);
  if (filter.state) query = query.where('plan_report.state', '=', filter.state);
  const rows = query
    .select(reportColumns)
    .select(['i.number as itemNumber', 'i.action as itemAction', 'p.title as planTitle'])
    .select(organizationNameAsOf('plan_report.organization_id', sql<string>`plan_report.period_end`).as('bodyName'))
    .orderBy('plan_report.updated_at', 'desc')
    .orderBy('plan_report.id');
  return paginate(rows, window);
}

/** Reports of bodies in the states given, for "needs your attention". */
export async function countByState(db: Executor, organizationIds: readonly string[], states: readonly PlanReportState[]) {
  if (!organizationIds.length) return [];
  return db
    .selectFrom('plan_report')
    .select(['state', 'item_id as itemId', 'organization_id as organizationId', 'period_start as periodStart'])
    .where('organization_id', 'in', organizationIds)
    .where('state', 'in', states)
    .execute();
}

/** Accepted reports of items, each with its accepted revision's values: what the public and the matrix may show. */
export async function listAccepted(db: Executor, itemIds: readonly string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_report')
    .innerJoin('plan_report_revision as v', (join) => join.onRef('v.report_id', '=', 'plan_report.id').onRef('v.revision', '=', 'plan_report.revision'))
    .select(reportColumns)
    .select(['v.id as revisionId', 'v.body', 'v.submitted_at as submittedAt'])
    .where('plan_report.item_id', 'in', itemIds)
    .where('plan_report.state', '=', 'accepted')
    .orderBy('plan_report.period_start')
    .execute();
}
