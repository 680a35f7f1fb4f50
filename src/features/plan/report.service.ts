// The rules of plan reports: which periods a body owes for which items (its obligations), filing a
// report (a draft, then each submission a new revision with its values and attachment), the
// secretariat's review (accept, or return with a comment; the body is told by mail right after the
// commit, review-notices.ts), every step audited and version-checked.
// What the matrix and the public pages may read: accepted reports and their values (acceptedReports).
import type { AttentionProvider } from '../../core/attention.js';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { pageWindow } from '../../core/db/query.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import type { MailLogger, Mailer } from '../../core/mail/mailer.js';
import type { RegistryService } from '../registry/registry.service.js';
import * as items from './obligations.repository.js';
import { isLate, reportStanding, reportingPeriods, type ReportingPeriod, type ReportStanding } from './progress.js';
import * as repo from './report.repository.js';
import { sendReviewNotice } from './review-notices.js';

export const reviewPageSize = 20;

type ItemRow = NonNullable<Awaited<ReturnType<typeof items.findItem>>>;

export interface ReportInput {
  textKk: string;
  textRu: string;
  values: { indicatorId: string; value: string }[];
  submit: boolean;
  /** The report's version the form was made from; 0 when there was no report. */
  version: number;
  /** A new file (already in the file store), or null to keep what the draft has. */
  attachment: repo.AttachmentInput | null;
  removeAttachment: boolean;
}

/** The registry's region maslikhats by date, kept a minute (they change by decision, rarely). */
function regionMaslikhatsCache(registry: Pick<RegistryService, 'listRegionMaslikhats'>) {
  const cache = new Map<string, { at: number; ids: Promise<Set<string>> }>();
  return (date: string): Promise<Set<string>> => {
    const hit = cache.get(date);
    if (hit && Date.now() - hit.at < 60_000) return hit.ids;
    const ids = registry.listRegionMaslikhats(date).then((list) => new Set(list.map((o) => o.id)));
    if (cache.size > 500) cache.clear();
    cache.set(date, { at: Date.now(), ids });
    return ids;
  };
}

const schedule = (item: Pick<ItemRow, 'startsOn' | 'deadline' | 'deadlineKind' | 'dueOffsetDays'>) =>
  reportingPeriods({ startsOn: item.startsOn, deadline: item.deadline, deadlineKind: item.deadlineKind, dueOffsetDays: item.dueOffsetDays });

/** How the body is told of a review: without it (tests of the rules alone), nobody is. */
export interface ReviewMail {
  mailer: Mailer;
  logger?: Pick<MailLogger, 'info' | 'error'>;
}

export function createReportService(db: Db, registry: Pick<RegistryService, 'listRegionMaslikhats'>, mail?: ReviewMail) {
  const regionMaslikhatsOn = regionMaslikhatsCache(registry);

  /** The periods a body owes: all of them when named; as one of the region maslikhats, those it was one at the period's end. */
  async function owedPeriods(item: Pick<ItemRow, 'startsOn' | 'deadline' | 'deadlineKind' | 'dueOffsetDays'>, organizationId: string, named: boolean): Promise<ReportingPeriod[]> {
    const periods = schedule(item);
    if (named) return periods;
    const owed = await Promise.all(periods.map(async (p) => (await regionMaslikhatsOn(p.end)).has(organizationId)));
    return periods.filter((_, i) => owed[i]);
  }

  /** The history of a report: each filed revision with its values, attachment and review (a draft is not shown). */
  async function history(report: { id: string; revision: number }) {
    const revisions = await repo.listRevisions(db, report.id);
    const ids = revisions.map((r) => r.id);
    const [values, attachments] = await Promise.all([repo.listValues(db, ids), repo.listAttachments(db, ids)]);
    const full = revisions.map((r) => ({
      ...r,
      values: values.filter((v) => v.revisionId === r.id).map((v) => ({ indicatorId: v.indicatorId, value: v.value })),
      attachment: attachments.find((a) => a.revisionId === r.id) ?? null,
    }));
    return { filed: full.filter((r) => r.revision <= report.revision).toReversed(), draft: full.find((r) => r.revision > report.revision) ?? null };
  }

  /** An item a body reports on, for one of its periods: refused unless the plan is adopted, the item open, the body responsible and the period begun. */
  async function obligation(organizationId: string, itemId: string, periodStart: string, today: string) {
    const item = await items.findItem(db, itemId);
    if (!item || item.planStatus !== 'adopted') throw NotFoundError();
    const responsible = await items.listResponsible(db, itemId);
    const named = responsible.some((r) => r.organizationId === organizationId);
    if (!named && !responsible.some((r) => r.bodyGroup === 'region_maslikhats')) throw NotFoundError();
    if (item.cancelledAt) throw BadRequestError('planReport.itemCancelled');
    const periods = await owedPeriods(item, organizationId, named);
    if (!named && !periods.length) throw NotFoundError();
    const period = periods.find((p) => p.start === periodStart);
    if (!period) throw BadRequestError('planReport.periodUnknown');
    if (period.start > today) throw BadRequestError('planReport.periodNotStarted');
    return { item, period };
  }

  /**
   * A body's obligations on a day: for each item of an adopted plan it answers for, the periods
   * begun so far (newest first) and, when none of them is still ahead of its due day, the next one.
   */
  async function obligations(organizationId: string, today: string = todayInKazakhstan()) {
    const rows = await items.listItemsNaming(db, [organizationId]);
    const byItem = new Map<string, (typeof rows)[number] & { named: boolean }>();
    for (const row of rows) {
      const named = row.responsibleId === organizationId;
      const seen = byItem.get(row.id);
      if (!seen || (named && !seen.named)) byItem.set(row.id, { ...row, named });
    }
    const itemIds = [...byItem.keys()];
    const reports = await repo.listReportsOf(db, [organizationId], itemIds);
    const result = await Promise.all(
      [...byItem.values()].map(async (item) => {
        const periods = await owedPeriods(item, organizationId, item.named);
        const begun = periods.filter((p) => p.start <= today);
        const next = periods.find((p) => p.start > today);
        const shown = [...(next && !begun.some((p) => p.dueOn >= today) ? [next] : []), ...begun.toReversed()];
        return {
          itemId: item.id,
          planTitle: item.planTitle,
          number: item.number,
          action: item.action,
          periods: shown.map((p) => {
            const report = reports.find((r) => r.itemId === item.id && r.periodStart === p.start);
            const filed = report ? { state: report.state, dueOn: report.dueOn, firstSubmittedAt: report.firstSubmittedAt } : undefined;
            const standing: ReportStanding = reportStanding(filed, p.dueOn, today);
            return {
              ...p,
              standing,
              late: isLate(filed, p.dueOn, today, todayInKazakhstan),
              comment: report?.state === 'returned' ? report.reviewComment : null,
              canFile: p.start <= today && standing !== 'accepted' && standing !== 'submitted',
              begun: p.start <= today,
            };
          }),
        };
      }),
    );
    return result.filter((i) => i.periods.length > 0);
  }

  return {
    obligations,

    /** What the filing page shows: the item, the period, its indicators, the report so far and its history. */
    async filing(organizationId: string, itemId: string, periodStart: string, today: string = todayInKazakhstan()) {
      const { item, period } = await obligation(organizationId, itemId, periodStart, today);
      const [indicators, report] = await Promise.all([items.listIndicators(db, [itemId]), repo.findReport(db, { itemId, organizationId, periodStart })]);
      const revisions = report ? await history(report) : { filed: [], draft: null };
      const filed = report ? { state: report.state, dueOn: report.dueOn, firstSubmittedAt: report.firstSubmittedAt } : undefined;
      return {
        item: { id: item.id, planTitle: item.planTitle, number: item.number, action: item.action },
        period,
        indicators,
        report: report ?? null,
        standing: reportStanding(filed, period.dueOn, today),
        late: isLate(filed, period.dueOn, today, todayInKazakhstan),
        editable: !report || report.state === 'draft' || report.state === 'returned',
        ...revisions,
      };
    },

    /**
     * Saves a body's report for a period: the draft revision (one above the last filed) gets the
     * text, values and attachment; submitting files it as the next revision. Refused (409) when the
     * report changed since the form was made or awaits review or is accepted; nothing is stored then.
     */
    async save(organizationId: string, itemId: string, periodStart: string, input: ReportInput, context: ChangeContext, today: string = todayInKazakhstan()) {
      const { period } = await obligation(organizationId, itemId, periodStart, today);
      const indicators = await items.listIndicators(db, [itemId]);
      const known = new Set(indicators.map((i) => i.id));
      if (input.values.some((v) => !known.has(v.indicatorId))) throw BadRequestError();
      const now = new Date();
      return db.transaction().execute(async (trx) => {
        const found = await repo.findReport(trx, { itemId, organizationId, periodStart });
        if (found && found.version !== input.version) throw ConflictError();
        if (!found) {
          if (input.version !== 0) throw ConflictError();
          if (!(await repo.insertReport(trx, { id: newId(), itemId, organizationId, periodStart: period.start, periodEnd: period.end, dueOn: period.dueOn }))) throw ConflictError();
        }
        const report = found ?? (await repo.findReport(trx, { itemId, organizationId, periodStart }));
        if (!report) throw ConflictError();
        if (report.state === 'submitted' || report.state === 'accepted') throw ConflictError('planReport.notEditable');

        const revisions = await repo.listRevisions(trx, report.id);
        const draft = revisions.find((r) => r.revision > report.revision);
        const lastFiled = revisions.findLast((r) => r.revision === report.revision);
        const body = localizedText(input.textKk, input.textRu);
        let revisionId: string;
        if (draft) {
          revisionId = draft.id;
          await repo.updateRevisionBody(trx, draft.id, body, now, context.actorAccountId);
        } else {
          revisionId = newId();
          await repo.insertRevision(trx, { id: revisionId, reportId: report.id, revision: report.revision + 1, body, at: now, by: context.actorAccountId });
        }
        await repo.replaceValues(trx, revisionId, input.values);
        // The file goes with the report until replaced or removed: a revision starts with the previous one's.
        const [previous] = await repo.listAttachments(trx, [draft?.id ?? lastFiled?.id ?? revisionId]);
        const attachment = input.attachment ?? (input.removeAttachment || !previous ? null : previous);
        await repo.replaceAttachment(trx, revisionId, newId(), attachment);

        const before = { state: report.state, revision: report.revision };
        const after = input.submit ? { state: 'submitted' as const, revision: report.revision + 1 } : before;
        const changed = await repo.updateReport(trx, report.id, report.version, { ...after, ...(input.submit && !report.firstSubmittedAt ? { firstSubmittedAt: now } : {}) }, now);
        if (!changed) throw ConflictError();
        await recordChange(trx, context, {
          entity: 'plan_report',
          entityId: report.id,
          action: input.submit ? 'submit' : 'save_draft',
          before,
          after: { ...after, text: body, values: input.values, attachment: attachment?.originalName ?? null },
        });
        return { id: report.id, submitted: input.submit };
      });
    },

    /** Filed reports for the secretariat, most recently changed first. */
    async reviewList(filter: repo.ReviewFilter, page: number) {
      return repo.listForReview(db, filter, pageWindow(page, reviewPageSize));
    },

    /** The filters of the review list: adopted plans and today's region maslikhats. */
    async reviewFilters() {
      const [plans, bodies] = await Promise.all([items.listAdoptedPlans(db), registry.listRegionMaslikhats(todayInKazakhstan())]);
      return { plans: plans.map((p) => ({ id: p.id, title: p.title })), bodies: bodies.map((b) => ({ id: b.id, name: b.name })) };
    },

    /** One report with its item, indicators and every filed revision, for the secretariat. */
    async report(id: string, today: string = todayInKazakhstan()) {
      const report = await repo.findReportById(db, id);
      if (!report || report.revision === 0) throw NotFoundError();
      const [item, indicators, revisions] = await Promise.all([items.findItem(db, report.itemId), items.listIndicators(db, [report.itemId]), history(report)]);
      if (!item) throw NotFoundError();
      const filed = { state: report.state, dueOn: report.dueOn, firstSubmittedAt: report.firstSubmittedAt };
      return {
        report,
        item: { id: item.id, planTitle: item.planTitle, number: item.number, action: item.action },
        indicators,
        history: revisions.filed,
        late: isLate(filed, report.dueOn, today, todayInKazakhstan),
      };
    },

    /** The secretariat accepts the revision awaiting review; the body is told (links from `baseUrl`). */
    async accept(id: string, version: number, context: ChangeContext, baseUrl: string) {
      await review(id, version, 'accepted', null, context, baseUrl);
    },

    /** The secretariat returns the revision awaiting review, saying what to change; the body is told, with the comment. */
    async returnReport(id: string, version: number, comment: string, context: ChangeContext, baseUrl: string) {
      await review(id, version, 'returned', comment, context, baseUrl);
    },

    /** An attachment and the report's body and state (who may read it is the route's question). */
    async attachment(reportId: string, attachmentId: string) {
      const [report, attachment] = await Promise.all([repo.findReportById(db, reportId), repo.findAttachment(db, reportId, attachmentId)]);
      if (!report || !attachment) throw NotFoundError();
      return { ...attachment, organizationId: report.organizationId, state: report.state, filed: attachment.revision <= report.revision };
    },

    /**
     * Accepted reports of items, each with its accepted revision's text and values: all the public
     * and the matrix may show of reports (the latest accepted value per body and indicator is the
     * last of a body's periods).
     */
    async acceptedReports(itemIds: readonly string[]) {
      const rows = await repo.listAccepted(db, itemIds);
      const values = await repo.listValues(
        db,
        rows.map((r) => r.revisionId),
      );
      return rows.map((r) => ({
        id: r.id,
        itemId: r.itemId,
        organizationId: r.organizationId,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        dueOn: r.dueOn,
        acceptedAt: r.acceptedAt,
        firstSubmittedAt: r.firstSubmittedAt,
        text: r.body,
        values: values.filter((v) => v.revisionId === r.revisionId).map((v) => ({ indicatorId: v.indicatorId, value: v.value })),
      }));
    },

    /** "Needs your attention" for a maslikhat's staff: reports to file (begun, not yet filed) and reports returned. */
    attention(): AttentionProvider {
      return async (actor) => {
        const grants = actor.grants.filter((g) => g.role === 'maslikhat_staff');
        const lists = await Promise.all(
          grants.map(async (g) => {
            const owed = (await obligations(g.organizationId)).flatMap((i) => i.periods);
            const due = owed.filter((p) => p.begun && (p.standing === 'not_due' || p.standing === 'missing' || p.standing === 'draft')).length;
            const returned = owed.filter((p) => p.standing === 'returned').length;
            const href = `/office/maslikhats/${g.organizationSlug}/plan`;
            return [
              ...(due ? [{ messageKey: 'attention.planReportsDue' as const, values: { count: due }, href }] : []),
              ...(returned ? [{ messageKey: 'attention.planReportsReturned' as const, values: { count: returned }, href }] : []),
            ];
          }),
        );
        return lists.flat();
      };
    },
  };

  async function review(id: string, version: number, outcome: 'accepted' | 'returned', comment: string | null, context: ChangeContext, baseUrl: string) {
    const now = new Date();
    await db.transaction().execute(async (trx) => {
      const report = await repo.findReportById(trx, id);
      if (!report || report.revision === 0) throw NotFoundError();
      if (report.version !== version) throw ConflictError();
      if (report.state !== 'submitted') throw ConflictError('planReport.notAwaitingReview');
      if (!(await repo.reviewRevision(trx, report.id, report.revision, { review: outcome, comment, at: now, by: context.actorAccountId }))) throw ConflictError();
      if (!(await repo.updateReport(trx, report.id, version, { state: outcome, ...(outcome === 'accepted' ? { acceptedAt: now } : {}) }, now))) throw ConflictError();
      await recordChange(trx, context, {
        entity: 'plan_report',
        entityId: report.id,
        action: outcome === 'accepted' ? 'accept' : 'return',
        before: { state: report.state, revision: report.revision },
        after: { state: outcome, revision: report.revision, comment },
      });
    });
    // The mailer takes no transaction: the notice goes once the review is committed (a refused one sends nothing).
    if (mail) await sendReviewNotice({ db, ...mail }, id, outcome, comment, baseUrl);
  }
}

export type ReportService = ReturnType<typeof createReportService>;
