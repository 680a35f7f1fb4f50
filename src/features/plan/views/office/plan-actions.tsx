// The pages that change a plan or end an item: its title and period, adopt by a decision, mark completed, supersede by a newer plan, cancel an item with its reason.
import type { FieldProblem } from '../../../../core/errors.js';
import { ErrorSummary, Form, Notice, SelectField, Text, TextAreaField, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import { usePlanWords, type DecisionLabelData } from './plan-fields.js';

interface PlanHead {
  id: string;
  title: LocalizedText;
  periodStart: string;
  periodEnd: string;
  version: number;
}

function Back({ plan }: { plan: PlanHead }) {
  const { href } = usePage();
  const words = usePlanWords();
  return (
    <p>
      <a href={href(`/office/plan/${plan.id}`)}>
        <Text value={plan.title} />
      </a>{' '}
      <span class="hint">({words.period(plan)})</span>
    </p>
  );
}

export function EditPlanPage({ plan, answers: a, problems }: { plan: PlanHead; answers: { titleKk: string; titleRu: string; titleEn: string; periodStart: string; periodEnd: string }; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <Back plan={plan} />
      <h1>{t('plan.editTitle')}</h1>
      <p>{t('plan.editLead')}</p>
      <Form action={href(`/office/plan/${plan.id}/edit`)}>
        <input type="hidden" name="version" value={String(plan.version)} />
        <TextField name="titleKk" label={t('planForm.titleKk')} value={a.titleKk} problems={problems} />
        <TextField name="titleRu" label={t('planForm.titleRu')} value={a.titleRu} problems={problems} />
        <TextField name="titleEn" label={t('planForm.titleEn')} value={a.titleEn} problems={problems} />
        <div class="form-columns">
          <TextField name="periodStart" label={t('planForm.periodStart')} hint={t('planForm.dateHint')} value={a.periodStart} problems={problems} />
          <TextField name="periodEnd" label={t('planForm.periodEnd')} hint={t('planForm.dateHint')} value={a.periodEnd} problems={problems} />
        </div>
        <button class="button" type="submit">
          {t('plan.editSubmit')}
        </button>
      </Form>
    </div>
  );
}

export function AdoptPage({ plan, decisions, decisionId, problems }: { plan: PlanHead; decisions: (DecisionLabelData & { id: string })[]; decisionId: string; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  const words = usePlanWords();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <Back plan={plan} />
      <h1>{t('plan.adoptTitle')}</h1>
      <p>{t('plan.adoptLead')}</p>
      {decisions.length === 0 && (
        <Notice kind="warning">
          <p>
            {t('plan.adoptNoDecision')} <a href={href('/office/council/decisions/new')}>{t('plan.recordDecision')}</a>
          </p>
        </Notice>
      )}
      <Form action={href(`/office/plan/${plan.id}/adopt`)}>
        <input type="hidden" name="version" value={String(plan.version)} />
        <SelectField name="decisionId" label={t('plan.adoptDecision')} value={decisionId} placeholder={t('planForm.choose')} options={decisions.map((d) => ({ value: d.id, label: words.decision(d) }))} problems={problems} />
        <button class="button" type="submit">
          {t('plan.adoptSubmit')}
        </button>
      </Form>
      {decisions.length > 0 && (
        <p class="hint">
          {t('plan.adoptOther')} <a href={href('/office/council/decisions/new')}>{t('plan.recordDecision')}</a>
        </p>
      )}
    </div>
  );
}

export function CompletePage({ plan, problems }: { plan: PlanHead; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <Back plan={plan} />
      <h1>{t('plan.completeTitle')}</h1>
      <p>{t('plan.completeLead')}</p>
      <Form action={href(`/office/plan/${plan.id}/complete`)}>
        <input type="hidden" name="version" value={String(plan.version)} />
        <button class="button" type="submit" id="field-confirm">
          {t('plan.completeSubmit')}
        </button>
      </Form>
    </div>
  );
}

export function SupersedePage({ plan, successors, successorId, problems }: { plan: PlanHead; successors: PlanHead[]; successorId: string; problems: FieldProblem[] }) {
  const { t, href, localize } = usePage();
  const words = usePlanWords();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <Back plan={plan} />
      <h1>{t('plan.supersedeTitle')}</h1>
      <p>{t('plan.supersedeLead')}</p>
      {successors.length === 0 && (
        <Notice kind="warning">
          <p>
            {t('plan.supersedeNone')} <a href={href('/office/plan')}>{t('planForm.newTitle')}</a>
          </p>
        </Notice>
      )}
      <Form action={href(`/office/plan/${plan.id}/supersede`)}>
        <input type="hidden" name="version" value={String(plan.version)} />
        <SelectField
          name="successorId"
          label={t('plan.successor')}
          value={successorId}
          placeholder={t('planForm.choose')}
          options={successors.map((p) => ({ value: p.id, label: `${localize(p.title).text} (${words.period(p)})` }))}
          problems={problems}
        />
        <button class="button" type="submit">
          {t('plan.supersedeSubmit')}
        </button>
      </Form>
    </div>
  );
}

export function CancelItemPage({
  plan,
  item,
  answers,
  problems,
}: {
  plan: PlanHead;
  item: { id: string; number: string | null; action: LocalizedText; version: number };
  answers: { reasonKk: string; reasonRu: string; reasonEn: string };
  problems: FieldProblem[];
}) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <Back plan={plan} />
      <h1>{t('planItem.cancelTitle')}</h1>
      <p>
        {item.number && `${item.number}. `}
        <Text value={item.action} />
      </p>
      <p>{t('planItem.cancelLead')}</p>
      <Form action={href(`/office/plan/${plan.id}/items/${item.id}/cancel`)}>
        <input type="hidden" name="version" value={String(item.version)} />
        <TextAreaField name="reasonKk" label={t('planItem.cancelReasonKk')} value={answers.reasonKk} rows={3} problems={problems} />
        <TextAreaField name="reasonRu" label={t('planItem.cancelReasonRu')} value={answers.reasonRu} rows={3} problems={problems} />
        <TextAreaField name="reasonEn" label={t('planItem.cancelReasonEn')} value={answers.reasonEn} rows={3} problems={problems} />
        <button class="button" type="submit">
          {t('planItem.cancelSubmit')}
        </button>
      </Form>
    </div>
  );
}
