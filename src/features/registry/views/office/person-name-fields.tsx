// A person's name as the registry keeps it, typed into a form: family name, given name and patronymic
// in Kazakh and in Russian (the Latin spellings are derived). One layout for every form that names a
// person: a deputy, a Council post, a member admitted by a decision.
import type { FieldProblem } from '../../../../core/errors.js';
import { TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';

const parts = ['familyName', 'givenName', 'patronymic'] as const;
const languages = [
  { suffix: 'Kk', legend: 'deputyForm.inKazakh' },
  { suffix: 'Ru', legend: 'deputyForm.inRussian' },
] as const;

export type PersonNameAnswers = Record<`${(typeof parts)[number]}${(typeof languages)[number]['suffix']}`, string>;

/** The six name fields, a column a language; someone else's name, so the browser does not fill in the user's own. */
export function PersonNameFields({ answers, problems }: { answers: PersonNameAnswers; problems: FieldProblem[] }) {
  const { t } = usePage();
  return (
    <div class="form-columns">
      {languages.map(({ suffix, legend }) => (
        <fieldset key={suffix} class="fieldset">
          <legend class="label">{t(legend)}</legend>
          {parts.map((part) => (
            <TextField key={part} name={`${part}${suffix}`} label={t(`deputyForm.${part}`)} value={answers[`${part}${suffix}`]} problems={problems} autocomplete="off" />
          ))}
        </fieldset>
      ))}
    </div>
  );
}
