// The managed list of priorities an item may serve (the President's Address, state programmes, laws), with the forms to add and edit one.
import type { FieldProblem } from '../../../../core/errors.js';
import { DataTable, ErrorSummary, Form, Notice, SelectField, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { PriorityRow } from '../../plan.service.js';

export interface PriorityAnswers {
  kind: string;
  titleKk: string;
  titleRu: string;
  titleEn: string;
  reference: string;
  validFrom: string;
  validTo: string;
  version: string;
}

function PriorityForm({ action, answers: a, problems, submit }: { action: string; answers: PriorityAnswers; problems: FieldProblem[]; submit: string }) {
  const { t } = usePage();
  return (
    <Form action={action}>
      <input type="hidden" name="version" value={a.version} />
      <SelectField
        name="kind"
        label={t('planPriority.kind')}
        value={a.kind}
        placeholder={t('planForm.choose')}
        options={(['address', 'programme', 'law', 'other'] as const).map((k) => ({ value: k, label: t(`planPriority.kindOption.${k}`) }))}
        problems={problems}
      />
      <TextField name="titleKk" label={t('planPriority.titleKk')} value={a.titleKk} problems={problems} />
      <TextField name="titleRu" label={t('planPriority.titleRu')} value={a.titleRu} problems={problems} />
      <TextField name="titleEn" label={t('planPriority.titleEn')} value={a.titleEn} problems={problems} />
      <TextField name="reference" label={t('planPriority.reference')} hint={t('planPriority.referenceHint')} value={a.reference} problems={problems} />
      <div class="form-columns">
        <TextField name="validFrom" label={t('planPriority.validFrom')} hint={t('planForm.dateHint')} value={a.validFrom} problems={problems} />
        <TextField name="validTo" label={t('planPriority.validTo')} hint={t('planForm.dateHint')} value={a.validTo} problems={problems} />
      </div>
      <button class="button" type="submit">
        {submit}
      </button>
    </Form>
  );
}

export function PrioritiesPage({ priorities, answers, problems, saved }: { priorities: PriorityRow[]; answers: PriorityAnswers; problems: FieldProblem[]; saved: boolean }) {
  const { t, href, date } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/plan')}>{t('plan.backToList')}</a>
      </p>
      <h1>{t('planPriority.title')}</h1>
      <p class="lead">{t('planPriority.lead')}</p>
      {saved && (
        <Notice kind="success">
          <p>{t('planPriority.saved')}</p>
        </Notice>
      )}
      {priorities.length === 0 ? (
        <p>{t('planPriority.none')}</p>
      ) : (
        <DataTable caption={t('planPriority.title')} columns={[t('planPriority.colTitle'), t('planPriority.kind'), t('planPriority.reference'), t('planPriority.colValid'), t('planPriority.colActions')]}>
          {priorities.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Text value={p.title} />
              </th>
              <td>{t(`planPriority.kindOption.${p.kind}`)}</td>
              <td>{p.reference ?? '—'}</td>
              <td>{p.validFrom || p.validTo ? t('plan.periodValue', { from: p.validFrom ? date(p.validFrom) : '…', to: p.validTo ? date(p.validTo) : '…' }) : '—'}</td>
              <td>
                <a href={href(`/office/plan/priorities/${p.id}/edit`)}>{t('planPriority.edit')}</a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <section aria-labelledby="add-priority" class="form-narrow">
        <h2 id="add-priority">{t('planPriority.addTitle')}</h2>
        <PriorityForm action={href('/office/plan/priorities')} answers={answers} problems={problems} submit={t('planPriority.add')} />
      </section>
    </>
  );
}

export function EditPriorityPage({ id, answers, problems }: { id: string; answers: PriorityAnswers; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/plan/priorities')}>{t('planPriority.title')}</a>
      </p>
      <h1>{t('planPriority.editTitle')}</h1>
      <PriorityForm action={href(`/office/plan/priorities/${id}/edit`)} answers={answers} problems={problems} submit={t('planPriority.save')} />
    </div>
  );
}
