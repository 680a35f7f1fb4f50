// What the plan's office pages share: a group of checkboxes in the GOV.UK error pattern, and how a plan's period, status, deadline and decision read.
import type { FieldProblem } from '../../../../core/errors.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { PlanDeadlineKind, PlanStatus } from '../../../../core/db/database.js';

interface CheckboxOption {
  value: string;
  label: string;
}

function Checkbox({ id, name, option, values }: { id: string; name: string; option: CheckboxOption; values: readonly string[] }) {
  return (
    <div class="radio">
      <input type="checkbox" id={`${id}-${option.value}`} name={name} value={option.value} checked={values.includes(option.value)} />
      <label for={`${id}-${option.value}`}>{option.label}</label>
    </div>
  );
}

/** Checkboxes under one name (sent repeated), then any further ones in groups each under its own legend; the error sits under the legend. */
export function CheckboxesField({
  name,
  label,
  hint,
  values,
  options,
  groups = [],
  problems = [],
}: {
  name: string;
  label: string;
  hint?: string;
  values: readonly string[];
  options: CheckboxOption[];
  groups?: { label: string; options: CheckboxOption[] }[];
  problems?: FieldProblem[];
}) {
  const { t } = usePage();
  const problem = problems.find((p) => p.field === name);
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={problem ? 'form-group form-group--error' : 'form-group'}>
      <fieldset class="fieldset" id={id} aria-describedby={describedBy}>
        <legend class="label">{label}</legend>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {problem && (
          <p class="field-error" id={`${id}-error`}>
            <span class="visually-hidden">{t('form.errorPrefix')}</span> {t(problem.messageKey, problem.values)}
          </p>
        )}
        {options.map((o) => (
          <Checkbox key={o.value} id={id} name={name} option={o} values={values} />
        ))}
        {groups.map((g) => (
          <fieldset class="fieldset" key={g.label}>
            <legend class="label">{g.label}</legend>
            {g.options.map((o) => (
              <Checkbox key={o.value} id={id} name={name} option={o} values={values} />
            ))}
          </fieldset>
        ))}
      </fieldset>
    </div>
  );
}

export interface DecisionLabelData {
  number: string | null;
  decisionDate: string;
  title: LocalizedText;
}

/** How the plan's pages write a period, a status, a deadline and a decision. */
export function usePlanWords() {
  const { t, date, localize } = usePage();
  return {
    period: (p: { periodStart: string; periodEnd: string }) => t('plan.periodValue', { from: date(p.periodStart), to: date(p.periodEnd) }),
    status: (s: PlanStatus) => t(`plan.status.${s}`),
    deadline: (i: { deadlineKind: PlanDeadlineKind; deadline: string; dueOffsetDays: number }) =>
      i.deadlineKind === 'date' ? date(i.deadline) : t(`planItem.deadlineRecurring.${i.deadlineKind}`, { date: date(i.deadline), days: i.dueOffsetDays }),
    decision: (d: DecisionLabelData) => `${d.number ? `№ ${d.number}, ` : ''}${date(d.decisionDate)} — ${localize(d.title).text}`,
  };
}
