// `kenes seed --demo`: the Council's perspective work plan 2020–2021 (reference-data/demo/
// plan-2020-10-21.json, generated demo content), adopted by the demo meeting's plan decision of
// 21 October 2020, with reports from several regions in every state: accepted, returned with a
// comment, revised and accepted, awaiting review, filed late, a draft never filed, and missing.
// Idempotent: skipped when a plan adopted by that decision exists. Runs after the demo meeting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../core/db/connect.js';
import { zonedInstant } from '../../core/i18n/format.js';
import { localizedTextData } from '../../core/i18n/localized-text.js';
import { newId } from '../../core/ids.js';
import { referenceDataDir } from '../../core/paths.js';
import type { Progress } from '../../core/progress.js';
import { findDecisionOn } from '../registry/decisions.js';
import { createRegistryService } from '../registry/registry.service.js';
import * as repo from './demo-plan.repository.js';
import { reportingPeriods } from './progress.js';

const date = z.iso.date();
const text = localizedTextData;

const planFile = z.object({
  note: z.string(),
  organization: z.string(),
  decisionDate: date,
  title: text,
  periodStart: date,
  periodEnd: date,
  priorities: z.array(z.object({ key: z.string(), kind: z.enum(['address', 'programme', 'law', 'other']), title: text, reference: z.string().nullable(), validFrom: date })),
  sections: z.array(
    z.object({
      title: text,
      items: z.array(
        z.object({
          key: z.string(),
          action: text,
          expectedResult: text.nullable(),
          startsOn: date,
          deadlineKind: z.enum(['date', 'quarterly', 'half_yearly', 'yearly']),
          deadline: date,
          dueOffsetDays: z.number().int(),
          /** 'region_maslikhats', a region maslikhat's KATO code, or an organisation's slug. */
          responsible: z.array(z.string()).min(1),
          priorities: z.array(z.string()),
          indicators: z.array(z.object({ name: text, unit: text, baseline: z.number().nullable(), target: z.number().nullable(), aggregation: z.enum(['sum', 'average']) })),
          cancelled: z.object({ on: date, reason: text }).optional(),
        }),
      ),
    }),
  ),
  reports: z.array(
    z.object({
      item: z.string(),
      body: z.string(),
      /** The first day of the reporting period. */
      period: date,
      /** Each version filed, oldest first; the last one's review (none: awaiting review) is the report's state. */
      revisions: z.array(
        z.object({
          filedOn: date,
          text,
          /** By the item's indicators in their order; null: left empty. */
          values: z.array(z.number().nullable()),
          review: z.enum(['accepted', 'returned']).optional(),
          reviewedOn: date.optional(),
          comment: z.string().optional(),
        }),
      ),
      /** A draft saved and never filed. */
      draft: z.object({ savedOn: date, text }).optional(),
    }),
  ),
});
export type DemoPlanFile = z.infer<typeof planFile>;

/** The demo plan as its file has it. */
export const readPlanFile = (): DemoPlanFile => planFile.parse(JSON.parse(readFileSync(path.join(referenceDataDir, 'demo', 'plan-2020-10-21.json'), 'utf8')));

const zone = 'Asia/Almaty';
/** Reports are filed in the morning and reviewed in the afternoon, Kazakhstan's time. */
const filedAt = (day: string) => zonedInstant(day, '11:00', zone);
const reviewedAt = (day: string) => zonedInstant(day, '16:00', zone);

export interface DemoPlanResult {
  /** 'added'; 'present' when the decision's plan exists; 'no-decision' when the demo meeting (and its plan decision) is not recorded. */
  outcome: 'added' | 'present' | 'no-decision';
  planId: string | undefined;
  items: number;
  reports: number;
}

export async function seedDemoPlan(db: Db, progress?: Progress): Promise<DemoPlanResult> {
  const data = readPlanFile();
  progress?.step('demo: the perspective work plan');
  const registry = createRegistryService(db);
  const organizationId = async (key: string) => {
    const id = await registry.organizationIdBySlug(/^\d{9}$/.test(key) ? `maslikhat-${key}` : key);
    if (!id) throw new Error(`The organisation ${key} is not in the registry; run "kenes seed" first.`);
    return id;
  };
  const councilId = await organizationId(data.organization);
  const decisionId = await findDecisionOn(db, councilId, data.decisionDate, 'plan_adoption');
  if (!decisionId) return { outcome: 'no-decision', planId: undefined, items: 0, reports: 0 };
  const existing = await repo.findPlanAdoptedBy(db, decisionId);
  if (existing) return { outcome: 'present', planId: existing.id, items: 0, reports: 0 };

  const bodies = new Map<string, string>();
  for (const key of new Set([...data.sections.flatMap((s) => s.items.flatMap((i) => i.responsible)), ...data.reports.map((r) => r.body)])) {
    if (key !== 'region_maslikhats') bodies.set(key, await organizationId(key));
  }
  const bodyId = (key: string) => bodies.get(key) ?? '';

  return db.transaction().execute(async (trx) => {
    const adoptedAt = reviewedAt(data.decisionDate);
    const priorityIds = new Map<string, string>();
    for (const p of data.priorities) {
      const id = newId();
      await repo.insertPriority(trx, { id, kind: p.kind, title: p.title, reference: p.reference, validFrom: p.validFrom });
      priorityIds.set(p.key, id);
    }
    const planId = newId();
    await repo.insertAdoptedPlan(trx, { id: planId, organizationId: councilId, title: data.title, periodStart: data.periodStart, periodEnd: data.periodEnd, decisionId, at: adoptedAt });

    const items = new Map<string, { id: string; indicatorIds: string[]; item: DemoPlanFile['sections'][number]['items'][number] }>();
    let position = 0;
    for (const [index, section] of data.sections.entries()) {
      const sectionId = newId();
      await repo.insertSection(trx, { id: sectionId, planId, position: index + 1, title: section.title });
      for (const item of section.items) {
        const id = newId();
        await repo.insertItem(trx, {
          id,
          planId,
          sectionId,
          position: ++position,
          number: item.key,
          action: item.action,
          expectedResult: item.expectedResult,
          startsOn: item.startsOn,
          deadlineKind: item.deadlineKind,
          deadline: item.deadline,
          dueOffsetDays: item.dueOffsetDays,
          cancelled: item.cancelled ? { at: reviewedAt(item.cancelled.on), reason: item.cancelled.reason } : null,
          at: adoptedAt,
        });
        for (const key of item.responsible) await repo.insertLead(trx, { id: newId(), itemId: id, organizationId: key === 'region_maslikhats' ? null : bodyId(key) });
        for (const key of item.priorities) {
          const priorityId = priorityIds.get(key);
          if (!priorityId) throw new Error(`The demo plan's item ${item.key} names an unknown priority ${key}.`);
          await repo.insertPriorityLink(trx, { id: newId(), itemId: id, priorityId });
        }
        const indicatorIds: string[] = [];
        for (const [i, x] of item.indicators.entries()) {
          const indicatorId = newId();
          await repo.insertIndicator(trx, { id: indicatorId, itemId: id, position: i + 1, ...x });
          indicatorIds.push(indicatorId);
        }
        items.set(item.key, { id, indicatorIds, item });
      }
    }

    for (const report of data.reports) {
      const found = items.get(report.item);
      const period = found && reportingPeriods(found.item).find((p) => p.start === report.period);
      if (!found || !period) throw new Error(`The demo plan has no item ${report.item} with a period from ${report.period}.`);
      const filed = report.revisions;
      const last = filed.at(-1);
      const state = !last ? 'draft' : (last.review ?? 'submitted');
      const events = [...filed.flatMap((r) => [filedAt(r.filedOn), ...(r.reviewedOn ? [reviewedAt(r.reviewedOn)] : [])]), ...(report.draft ? [filedAt(report.draft.savedOn)] : [])];
      const first = events[0];
      if (!first) throw new Error(`The demo plan's report on ${report.item} by ${report.body} has neither a revision nor a draft.`);
      const reportId = newId();
      await repo.insertReport(trx, {
        id: reportId,
        itemId: found.id,
        organizationId: bodyId(report.body),
        periodStart: period.start,
        periodEnd: period.end,
        dueOn: period.dueOn,
        state,
        revision: filed.length,
        firstSubmittedAt: filed[0] ? filedAt(filed[0].filedOn) : null,
        acceptedAt: state === 'accepted' && last?.reviewedOn ? reviewedAt(last.reviewedOn) : null,
        createdAt: first,
        updatedAt: events.at(-1) ?? first,
      });
      const versions = [...filed, ...(report.draft ? [{ filedOn: report.draft.savedOn, text: report.draft.text, values: [] }] : [])];
      for (const [i, r] of versions.entries()) {
        const revisionId = newId();
        const review = 'review' in r ? (r.review ?? null) : null;
        const reviewed = 'reviewedOn' in r && r.reviewedOn ? reviewedAt(r.reviewedOn) : null;
        await repo.insertRevision(trx, { id: revisionId, reportId, revision: i + 1, body: r.text, at: filedAt(r.filedOn), review, comment: ('comment' in r && r.comment) || null, reviewedAt: reviewed });
        await repo.insertValues(
          trx,
          revisionId,
          r.values.flatMap((value, k) => {
            const indicatorId = found.indicatorIds[k];
            return value === null || !indicatorId ? [] : [{ indicatorId, value }];
          }),
        );
      }
    }
    return { outcome: 'added', planId, items: items.size, reports: data.reports.length };
  });
}
