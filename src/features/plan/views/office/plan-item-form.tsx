// The item form: the action and its result, its term and deadline, the bodies answering for it
// (from the registry as of today), what it serves, and its indicators in rows.
import type { FieldProblem } from '../../../../core/errors.js';
import { CheckboxesField, ErrorSummary, Form, RadioField, SelectField, Text, TextAreaField, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import { indicatorField, type IndicatorField, type ItemLists, type OtherBodyKind } from '../../plan-item.forms.js';
import { usePlanWords, type DecisionLabelData } from './plan-fields.js';
import type { MeetingLabelData } from './plan.js';

export interface BodyChoice {
  id: string;
  name: LocalizedText;
}

/** The bodies to choose from: the Council, the region maslikhats, the Council's member organisations (and any already chosen), and the registry's other organisations by kind. */
export interface BodyChoices {
  council: BodyChoice[];
  regions: BodyChoice[];
  partners: BodyChoice[];
  others: { kind: OtherBodyKind; bodies: BodyChoice[] }[];
}

export interface ItemFormProps {
  plan: { id: string; title: LocalizedText; periodStart: string; periodEnd: string };
  /** The item edited, or undefined for a new one. */
  itemId: string | undefined;
  answers: Record<string, string>;
  lists: ItemLists;
  rows: number;
  sections: { id: string; position: number; title: LocalizedText }[];
  bodies: BodyChoices;
  priorities: { id: string; title: LocalizedText; reference: string | null }[];
  meetings: MeetingLabelData[];
  decisions: (DecisionLabelData & { id: string })[];
  problems: FieldProblem[];
}

function IndicatorRow({ n, answers, problems }: { n: number; answers: Record<string, string>; problems: FieldProblem[] }) {
  const { t } = usePage();
  const field = (f: IndicatorField) => indicatorField(n, f);
  const value = (f: IndicatorField) => answers[field(f)] ?? '';
  return (
    <fieldset class="fieldset">
      <legend class="label">{t('planItem.indicatorLegend', { n })}</legend>
      <input type="hidden" name={field('Id')} value={value('Id')} />
      <div class="form-columns">
        <TextField name={field('NameKk')} label={t('planItem.indicatorNameKk', { n })} value={value('NameKk')} problems={problems} />
        <TextField name={field('NameRu')} label={t('planItem.indicatorNameRu', { n })} value={value('NameRu')} problems={problems} />
        <TextField name={field('NameEn')} label={t('planItem.indicatorNameEn', { n })} value={value('NameEn')} problems={problems} />
        <TextField name={field('UnitKk')} label={t('planItem.indicatorUnitKk', { n })} value={value('UnitKk')} problems={problems} />
        <TextField name={field('UnitRu')} label={t('planItem.indicatorUnitRu', { n })} value={value('UnitRu')} problems={problems} />
        <TextField name={field('Baseline')} label={t('planItem.indicatorBaseline', { n })} value={value('Baseline')} problems={problems} />
        <TextField name={field('Target')} label={t('planItem.indicatorTarget', { n })} value={value('Target')} problems={problems} />
        <SelectField
          name={field('Aggregation')}
          label={t('planItem.indicatorAggregation', { n })}
          value={value('Aggregation') || 'sum'}
          options={[
            { value: 'sum', label: t('planItem.aggregation.sum') },
            { value: 'average', label: t('planItem.aggregation.average') },
          ]}
          problems={problems}
        />
      </div>
    </fieldset>
  );
}

export function ItemFormPage(props: ItemFormProps) {
  const { plan, itemId, answers: a, lists, problems } = props;
  const { t, href, localize, date, lang } = usePage();
  const words = usePlanWords();
  const title = t(itemId ? 'planItem.editTitle' : 'planItem.addTitle');
  const action = href(itemId ? `/office/plan/${plan.id}/items/${itemId}/edit` : `/office/plan/${plan.id}/items`);
  const bodyOptions = (list: BodyChoice[]) => list.map((b) => ({ value: b.id, label: localize(b.name).text }));
  // The registry's other organisations, a group for each kind, by name.
  const otherBodies = props.bodies.others.map((g) => ({ label: t(`planItem.bodyKind.${g.kind}`), options: bodyOptions(g.bodies).toSorted((x, y) => x.label.localeCompare(y.label, lang)) }));
  const everyBody = [...props.bodies.council, ...props.bodies.regions, ...props.bodies.partners];
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href(`/office/plan/${plan.id}`)}>
          <Text value={plan.title} />
        </a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{t('planItem.periodHint', { period: words.period(plan) })}</p>
      <Form action={action}>
        <input type="hidden" name="version" value={a.version ?? ''} />
        <input type="hidden" name="indicatorRows" value={String(props.rows)} />
        <SelectField
          name="sectionId"
          label={t('planItem.section')}
          value={a.sectionId}
          placeholder={t('planForm.noSection')}
          options={props.sections.map((s) => ({ value: s.id, label: `${s.position}. ${localize(s.title).text}` }))}
          problems={problems}
        />
        <TextField name="number" label={t('planItem.number')} hint={t('planItem.numberHint')} value={a.number} problems={problems} />
        <TextAreaField name="actionKk" label={t('planItem.actionKk')} value={a.actionKk} rows={3} problems={problems} />
        <TextAreaField name="actionRu" label={t('planItem.actionRu')} value={a.actionRu} rows={3} problems={problems} />
        <TextAreaField name="actionEn" label={t('planItem.actionEn')} value={a.actionEn} rows={3} problems={problems} />
        <TextAreaField name="resultKk" label={t('planItem.resultKk')} value={a.resultKk} rows={2} problems={problems} />
        <TextAreaField name="resultRu" label={t('planItem.resultRu')} value={a.resultRu} rows={2} problems={problems} />
        <TextAreaField name="resultEn" label={t('planItem.resultEn')} value={a.resultEn} rows={2} problems={problems} />
        <h2>{t('planItem.termTitle')}</h2>
        <TextField name="startsOn" label={t('planItem.startsOn')} hint={t('planForm.dateHint')} value={a.startsOn} problems={problems} />
        <RadioField
          name="deadlineKind"
          label={t('planItem.deadlineKind')}
          value={a.deadlineKind}
          options={(['date', 'quarterly', 'half_yearly', 'yearly'] as const).map((k) => ({ value: k, label: t(`planItem.deadlineKindOption.${k}`) }))}
          problems={problems}
        />
        <TextField name="deadline" label={t('planItem.deadline')} hint={t('planItem.deadlineHint')} value={a.deadline} problems={problems} />
        <TextField name="dueOffsetDays" type="number" label={t('planItem.dueOffsetDays')} hint={t('planItem.dueOffsetHint')} value={a.dueOffsetDays} problems={problems} />
        <h2>{t('planItem.bodiesTitle')}</h2>
        <div class="form-group">
          <div class="radio">
            <input type="checkbox" id="field-allRegionMaslikhats" name="allRegionMaslikhats" value="1" checked={a.allRegionMaslikhats === '1'} />
            <label for="field-allRegionMaslikhats">{t('planItem.allRegionMaslikhatsChoice')}</label>
          </div>
        </div>
        <CheckboxesField name="responsible" label={t('planItem.responsible')} hint={t('planItem.responsibleHint', { date: date(plan.periodStart) })} values={lists.responsible} options={[...bodyOptions(props.bodies.council), ...bodyOptions(props.bodies.partners), ...bodyOptions(props.bodies.regions)]} groups={otherBodies} problems={problems} />
        <details open={lists.coExecutors.length > 0 || problems.some((p) => p.field === 'coExecutors')}>
          <summary>{t('planItem.coExecutors')}</summary>
          <CheckboxesField name="coExecutors" label={t('planItem.coExecutors')} values={lists.coExecutors} options={bodyOptions(everyBody)} groups={otherBodies} problems={problems} />
        </details>
        <h2>{t('planItem.servesTitle')}</h2>
        {props.priorities.length === 0 ? (
          <p>
            {t('planItem.noPriorities')} <a href={href('/office/plan/priorities')}>{t('planPriority.title')}</a>
          </p>
        ) : (
          <CheckboxesField name="priorities" label={t('planItem.priorities')} values={lists.priorities} options={props.priorities.map((p) => ({ value: p.id, label: `${localize(p.title).text}${p.reference ? ` (${p.reference})` : ''}` }))} problems={problems} />
        )}
        {props.meetings.length > 0 && (
          <details open={lists.meetings.length > 0 || problems.some((p) => p.field === 'meetings')}>
            <summary>{t('planItem.meetings')}</summary>
            <CheckboxesField
              name="meetings"
              label={t('planItem.meetings')}
              values={lists.meetings}
              options={props.meetings.map((m) => ({ value: m.id, label: `${t('planItem.meetingLabel', { number: m.number ?? '—', date: date(m.date) })}${m.title ? ` — ${localize(m.title).text}` : ''}` }))}
              problems={problems}
            />
          </details>
        )}
        {props.decisions.length > 0 && (
          <details open={lists.decisions.length > 0 || problems.some((p) => p.field === 'decisions')}>
            <summary>{t('planItem.decisions')}</summary>
            <CheckboxesField name="decisions" label={t('planItem.decisions')} values={lists.decisions} options={props.decisions.map((d) => ({ value: d.id, label: words.decision(d) }))} problems={problems} />
          </details>
        )}
        <h2>{t('planItem.indicatorsTitle')}</h2>
        <p class="hint">{t('planItem.indicatorsHint')}</p>
        {Array.from({ length: props.rows }, (_, i) => (
          <IndicatorRow key={i} n={i + 1} answers={a} problems={problems} />
        ))}
        <button class="button" type="submit">
          {t('planItem.save')}
        </button>
      </Form>
    </>
  );
}
