// The public questions' pages: the form, the page with the private link, and the applicant's tracking page.
import { ErrorSummary, Form, Notice, SelectField, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { TrackingView } from '../questions.service.js';

/** Text as typed: one paragraph per line. */
export function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n+/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

export interface QuestionAnswers {
  name: string;
  email: string;
  phone: string;
  region: string;
  settlement: string;
  text: string;
  consent: string;
}

/** The consent checkbox with the personal-data wording, its error under the legend. */
export function ConsentField({ value, problems, labelKey }: { value: string; problems: FieldProblem[]; labelKey: 'questions.consent' | 'questions.consentRecorded' }) {
  const { t } = usePage();
  const problem = problems.find((p) => p.field === 'consent');
  return (
    <div class={problem ? 'form-group form-group--error' : 'form-group'}>
      <fieldset class="fieldset" aria-describedby={problem ? 'field-consent-error' : 'field-consent-hint'}>
        <legend class="label">{t('questions.consentLegend')}</legend>
        <p class="hint" id="field-consent-hint">
          {t('questions.consentText')}
        </p>
        {problem && (
          <p class="error-message" id="field-consent-error">
            <span class="visually-hidden">{t('form.errorPrefix')}</span> {t(problem.messageKey, problem.values)}
          </p>
        )}
        <div class="radio">
          <input type="checkbox" id="field-consent" name="consent" value="yes" checked={value === 'yes'} />
          <label for="field-consent">{t(labelKey)}</label>
        </div>
      </fieldset>
    </div>
  );
}

/** The fields the public form and the office's event form share. */
/**
 * The question's fields. Staff entering a question raised at an event (`forStaff`) read them as about
 * the applicant, and their browser does not fill in the staff member's own name and address.
 */
export function QuestionFields({ answers, problems, regions, forStaff = false }: { answers: QuestionAnswers; problems: FieldProblem[]; regions: { value: string; label: string }[]; forStaff?: boolean }) {
  const { t } = usePage();
  const own = (token: string) => (forStaff ? 'off' : token);
  return (
    <>
      <TextField name="name" label={t(forStaff ? 'questions.applicantName' : 'questions.name')} value={answers.name} autocomplete={own('name')} problems={problems} />
      <TextField name="email" type="email" label={t('questions.email')} hint={t(forStaff ? 'questions.applicantContactHint' : 'questions.contactHint')} value={answers.email} autocomplete={own('email')} problems={problems} />
      <TextField name="phone" type="tel" label={t('questions.phone')} value={answers.phone} autocomplete={own('tel')} problems={problems} />
      <SelectField name="region" label={t('questions.region')} value={answers.region} options={regions} placeholder={t('questions.regionChoose')} problems={problems} />
      <TextField name="settlement" label={t('questions.settlement')} hint={t('questions.settlementHint')} value={answers.settlement} problems={problems} />
      <TextAreaField name="text" label={t(forStaff ? 'questions.applicantText' : 'questions.text')} hint={t('questions.textHint', { max: 5000 })} value={answers.text} rows={8} problems={problems} />
    </>
  );
}

export function NewQuestionPage({ answers, problems, regions, startedAt }: { answers: QuestionAnswers; problems: FieldProblem[]; regions: { value: string; label: string }[]; startedAt: string }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('questions.newTitle')}</h1>
      <p>{t('questions.newLead')}</p>
      <Form action={href('/questions/new')}>
        <input type="hidden" name="startedAt" value={startedAt} />
        {/* A field people never see or fill: a robot that fills every field gives itself away. */}
        <div class="visually-hidden" aria-hidden="true">
          <label for="field-website">{t('questions.honeypot')}</label>
          <input type="text" id="field-website" name="website" value="" tabindex={-1} autocomplete="off" />
        </div>
        <QuestionFields answers={answers} problems={problems} regions={regions} />
        <ConsentField value={answers.consent} problems={problems} labelKey="questions.consent" />
        <button class="button" type="submit">
          {t('questions.submit')}
        </button>
      </Form>
    </div>
  );
}

/** After sending: the reference and the private link (shown once; also mailed when an address was given). */
export function QuestionSentPage({ reference, link, mailed }: { reference: string; link: string; mailed: boolean }) {
  const { t } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('questions.sentTitle')}</h1>
      <Notice kind="success">{t('questions.sentReference', { reference })}</Notice>
      <p>{t('questions.sentLinkText')}</p>
      <p>
        <a href={link}>{link}</a>
      </p>
      <p>{t(mailed ? 'questions.sentMailed' : 'questions.sentKeepLink')}</p>
    </div>
  );
}

export function TrackPage({ view }: { view: TrackingView }) {
  const { t, date, dateTime } = usePage();
  const deadline = view.extendedDueDate ?? view.dueDate;
  return (
    <>
      <h1>{t('questions.trackTitle', { reference: view.reference })}</h1>
      {view.erased && <Notice kind="info">{t('questions.trackErased')}</Notice>}
      <dl class="summary-list">
        <div>
          <dt>{t('questions.stateLabel')}</dt>
          <dd>{t(`questions.state.${view.state}`)}</dd>
        </div>
        <div>
          <dt>{t('questions.registeredOn')}</dt>
          <dd>{date(view.registeredOn)}</dd>
        </div>
        <div>
          <dt>{t('questions.dueDate')}</dt>
          <dd>{deadline ? date(deadline) : t('questions.dueUnknown')}</dd>
        </div>
        {view.extendedDueDate && view.extensionReason && (
          <div>
            <dt>{t('questions.extensionReason')}</dt>
            <dd>{view.extensionReason}</dd>
          </div>
        )}
        {view.forwardedTo && (
          <div>
            <dt>{t('questions.forwardedTo')}</dt>
            <dd>{view.forwardedTo}</dd>
          </div>
        )}
      </dl>
      <h2>{t('questions.yourQuestion')}</h2>
      <Lines text={view.body} />
      {view.answer && (
        <>
          <h2>{t('questions.answerTitle')}</h2>
          <Lines text={view.answer} />
        </>
      )}
      <h2>{t('questions.historyTitle')}</h2>
      <ol class="timeline">
        {view.history.map((h, i) => (
          <li key={i}>
            <strong>{t(`questions.action.${h.action}`)}</strong> — {dateTime(h.at)}
            {h.note && <p>{h.note}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}
