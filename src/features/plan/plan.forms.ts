// The forms of the plan's office: a plan, a section, adoption, completion, supersession, a priority,
// cancelling an item; and the one place the plan's refusals (PlanError) and stale versions become a
// problem at a form's field. The item form is in plan-item.forms.ts.
import { z } from 'zod';
import { planPriorityKinds } from '../../core/db/database.js';
import { AppError, type FieldProblem } from '../../core/errors.js';
import { choice, fieldProblem, optionalDate, requiredDate, requiredText, text, version } from '../../core/http/forms.js';
import { formatDate } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import { PlanError, type PlanProblem } from './plan-rules.js';

const isDate = (v: string) => z.iso.date().safeParse(v).success;

/** A day a plan can concern: PostgreSQL knows no year 0, and a typo such as 0202 or 2202 is caught here. */
const inPlanYears = (v: string) => !isDate(v) || (v >= '1991-01-01' && v <= '2099-12-31');

/** A plan's date that must be given, in the years a plan can concern. */
export const planDate = (missing: MessageKey) => requiredDate(missing, 'planForm.dateInvalid').refine(inPlanYears, { error: 'planForm.dateRange' });

/** A plan's date or nothing (null), in the years a plan can concern. */
const optionalPlanDate = () => optionalDate('planForm.dateInvalid').refine((v) => v === null || inPlanYears(v), { error: 'planForm.dateRange' });

/** Two dates in order: the second, when both are dates, not before the first. */
export const datesInOrder = (from: string, to: string) => !isDate(from) || !isDate(to) || to >= from;

const planFields = {
  titleKk: requiredText('planForm.titleKkMissing'),
  titleRu: requiredText('planForm.titleRuMissing'),
  titleEn: text(),
  periodStart: planDate('planForm.periodStartMissing'),
  periodEnd: planDate('planForm.periodEndMissing'),
};

const periodInOrder = (a: { periodStart: string; periodEnd: string }, ctx: z.RefinementCtx) => {
  if (!datesInOrder(a.periodStart, a.periodEnd)) ctx.addIssue(fieldProblem('periodEnd', 'planForm.periodOrder'));
};

export const planForm = z.object(planFields).superRefine(periodInOrder);

/** A plan's title and period changed: the new plan's rules, and the version the form was made from. */
export const editPlanForm = z.object({ ...planFields, version: version() }).superRefine(periodInOrder);

export const planInput = (a: z.output<typeof planForm>) => ({ title: localizedText(a.titleKk, a.titleRu, a.titleEn), periodStart: a.periodStart, periodEnd: a.periodEnd });

export const sectionForm = z.object({
  titleKk: requiredText('planForm.sectionKkMissing'),
  titleRu: requiredText('planForm.sectionRuMissing'),
  titleEn: text(),
  version: version(),
});

export const adoptForm = (decisionIds: readonly string[]) => z.object({ decisionId: choice(decisionIds, 'plan.adoptDecisionMissing'), version: version() });

export const completeForm = z.object({ version: version() });

export const supersedeForm = (planIds: readonly string[]) => z.object({ successorId: choice(planIds, 'plan.successorMissing'), version: version() });

export const cancelItemForm = z.object({
  reasonKk: requiredText('planItem.cancelReasonKkMissing', 2000),
  reasonRu: requiredText('planItem.cancelReasonRuMissing', 2000),
  reasonEn: text(2000),
  version: version(),
});

export const priorityForm = z
  .object({
    kind: choice(planPriorityKinds, 'planPriority.kindMissing'),
    titleKk: requiredText('planPriority.titleKkMissing'),
    titleRu: requiredText('planPriority.titleRuMissing'),
    titleEn: text(),
    reference: text(300),
    validFrom: optionalPlanDate(),
    validTo: optionalPlanDate(),
    version: version(),
  })
  .superRefine((a, ctx) => {
    if (a.validFrom && a.validTo && a.validTo < a.validFrom) ctx.addIssue(fieldProblem('validTo', 'planPriority.validOrder'));
  });

export const priorityInput = (a: z.output<typeof priorityForm>) => ({
  kind: a.kind,
  title: localizedText(a.titleKk, a.titleRu, a.titleEn),
  reference: a.reference || null,
  validFrom: a.validFrom,
  validTo: a.validTo,
});

// ── The refusals ──

const planProblems: Record<PlanProblem, { field: string; messageKey: MessageKey }> = {
  read_only: { field: 'form', messageKey: 'plan.readOnly' },
  not_draft: { field: 'decisionId', messageKey: 'plan.notDraft' },
  not_adopted: { field: 'form', messageKey: 'plan.notAdopted' },
  decision_unavailable: { field: 'decisionId', messageKey: 'plan.adoptDecisionMissing' },
  successor_invalid: { field: 'successorId', messageKey: 'plan.successorMissing' },
  outside_period: { field: 'startsOn', messageKey: 'planItem.outsidePeriod' },
  items_before_period: { field: 'periodStart', messageKey: 'planForm.periodLeavesItems' },
  items_after_period: { field: 'periodEnd', messageKey: 'planForm.periodLeavesItems' },
  section_unknown: { field: 'sectionId', messageKey: 'planItem.sectionUnknown' },
  item_cancelled: { field: 'form', messageKey: 'planItem.alreadyCancelled' },
  indicator_unknown: { field: 'form', messageKey: 'planItem.indicatorUnknown' },
  indicator_has_values: { field: 'form', messageKey: 'planItem.indicatorHasValues' },
};

export interface ChangeOutcome {
  problems: FieldProblem[];
  /** 409: the record changed after the form was made; the form is shown again over the latest version. */
  conflict: boolean;
}

/**
 * Makes a plan change: no problems when it is made; the refusal at its field (or at `field`, the
 * form's first, for refusals of the whole form); or, when the record moved on meanwhile, a conflict
 * that says what to do next.
 */
export async function planChange(lang: Language, field: string, change: () => Promise<unknown>): Promise<ChangeOutcome> {
  try {
    await change();
    return { problems: [], conflict: false };
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return { problems: [{ field, messageKey: 'plan.conflict' }], conflict: true };
    if (!(err instanceof PlanError)) throw err;
    const place = planProblems[err.reason];
    const values = Object.fromEntries(Object.entries(err.values).map(([k, v]) => [k, typeof v === 'string' && isDate(v) ? formatDate(lang, v) : v]));
    return { problems: [{ field: place.field === 'form' ? field : place.field, messageKey: place.messageKey, values }], conflict: false };
  }
}
