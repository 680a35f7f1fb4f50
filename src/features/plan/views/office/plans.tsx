// The secretariat's plans: each with its period, status and the decision that adopted it, and the form for a new plan.
import { DataTable, ErrorSummary, Form, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { PlanSummary } from '../../plan.service.js';
import { usePlanWords } from './plan-fields.js';

export interface PlanAnswers {
  titleKk: string;
  titleRu: string;
  titleEn: string;
  periodStart: string;
  periodEnd: string;
}

export function PlansPage({ plans, answers: a, problems, canCreate }: { plans: PlanSummary[]; answers: PlanAnswers; problems: FieldProblem[]; canCreate: boolean }) {
  const { t, href } = usePage();
  const words = usePlanWords();
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('plan.title')}</h1>
      <p class="lead">{t('plan.lead')}</p>
      <p>
        <a href={href('/office/plan/priorities')}>{t('planPriority.title')}</a>
      </p>
      {plans.length === 0 ? (
        <p>{t('plan.none')}</p>
      ) : (
        <DataTable caption={t('plan.listCaption')} columns={[t('plan.colTitle'), t('plan.colPeriod'), t('plan.colStatus'), t('plan.colAdoptedBy')]}>
          {plans.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <a href={href(`/office/plan/${p.id}`)}>
                  <Text value={p.title} />
                </a>
                <br />
                <span class="hint">
                  <Text value={p.organizationName} />
                </span>
              </th>
              <td>{words.period(p)}</td>
              <td>
                {words.status(p.status)}
                {p.supersededBy && (
                  <>
                    {' '}
                    — {t('plan.supersededByShort')}{' '}
                    <a href={href(`/office/plan/${p.supersededBy.id}`)}>
                      <Text value={p.supersededBy.title} />
                    </a>
                  </>
                )}
              </td>
              <td>{p.adoptionDecision ? words.decision(p.adoptionDecision) : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canCreate && (
        <section aria-labelledby="new-plan-title" class="form-narrow">
          <h2 id="new-plan-title">{t('planForm.newTitle')}</h2>
          <p>{t('planForm.newLead')}</p>
          <p>
            <a href={href('/office/plan/import')}>{t('planImport.link')}</a>
          </p>
          <Form action={href('/office/plan')}>
            <TextField name="titleKk" label={t('planForm.titleKk')} value={a.titleKk} problems={problems} />
            <TextField name="titleRu" label={t('planForm.titleRu')} value={a.titleRu} problems={problems} />
            <TextField name="titleEn" label={t('planForm.titleEn')} value={a.titleEn} problems={problems} />
            <div class="form-columns">
              <TextField name="periodStart" label={t('planForm.periodStart')} hint={t('planForm.dateHint')} value={a.periodStart} problems={problems} />
              <TextField name="periodEnd" label={t('planForm.periodEnd')} hint={t('planForm.dateHint')} value={a.periodEnd} problems={problems} />
            </div>
            <button class="button" type="submit">
              {t('planForm.create')}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
