// A body's report for one item and period: the text in Kazakh and/or Russian, a number per
// indicator, one file; saved as a draft or submitted for review. Below it, every version filed.
// One column, plain inputs: it is filled in on a phone as often as at a desk.
import { ErrorSummary, Text, TextAreaField, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import { FileSize, ReportFacts, ReportHistory, type IndicatorView, type RevisionView, type Standing } from './report-history.js';

export interface ReportFormAnswers {
  textKk: string;
  textRu: string;
  values: Record<string, string>;
  version: string;
}

export interface ReportFormProps {
  action: string;
  backHref: string;
  bodyName: LocalizedText;
  item: { planTitle: LocalizedText; number: string | null; action: LocalizedText };
  period: { start: string; end: string; dueOn: string };
  standing: Standing;
  late: boolean;
  editable: boolean;
  reportId: string | null;
  indicators: IndicatorView[];
  /** The file the next version keeps unless replaced or removed. */
  attachment: { id: string; originalName: string; sizeBytes: number } | null;
  /** The latest review's comment when the report was returned. */
  returnedComment: string | null;
  history: RevisionView[];
  answers: ReportFormAnswers;
  problems: FieldProblem[];
  /** Someone changed the report since this form was opened: the latest is shown, the answers kept. */
  conflict: boolean;
}

export function ReportFormPage(props: ReportFormProps) {
  const { t, csrfToken, href } = usePage();
  const { item, period, answers, problems, indicators } = props;
  const attachmentProblem = problems.find((p) => p.field === 'attachment');
  return (
    <>
      <ErrorSummary problems={problems} />
      <p class="hint">
        <Text value={props.bodyName} />
      </p>
      <h1>{t('planReport.formTitle')}</h1>
      {props.conflict && (
        <div class="notice notice--warning" role="alert">
          <p>{t('planReport.changedMeanwhile')}</p>
        </div>
      )}
      <dl class="summary-list">
        <ReportFacts item={item} period={period} dueOn={period.dueOn} standing={props.standing} late={props.late} />
      </dl>
      {props.returnedComment && (
        <div class="notice notice--warning">
          <p>{t('planReport.returnedNotice')}</p>
          <blockquote class="review-comment">
            <p>{props.returnedComment}</p>
          </blockquote>
        </div>
      )}
      {props.editable ? (
        <form action={props.action} method="post" encType="multipart/form-data" novalidate>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="version" value={answers.version} />
          <p class="hint">{t('planReport.textHint')}</p>
          <TextAreaField name="textKk" label={t('planReport.textKk')} value={answers.textKk} rows={8} problems={problems} />
          <TextAreaField name="textRu" label={t('planReport.textRu')} value={answers.textRu} rows={8} problems={problems} />
          {indicators.length > 0 && (
            <fieldset class="fieldset">
              <legend class="label">{t('planReport.valuesTitle')}</legend>
              <p class="hint">{t('planReport.valueHint')}</p>
              {indicators.map((i) => (
                <IndicatorField key={i.id} indicator={i} value={answers.values[i.id] ?? ''} problems={problems} />
              ))}
            </fieldset>
          )}
          <div class={attachmentProblem ? 'form-group form-group--error' : 'form-group'}>
            <label class="label" for="field-attachment">
              {t('planReport.attachmentLabel')}
            </label>
            <p class="hint" id="field-attachment-hint">
              {t('planReport.attachmentHint')}
            </p>
            {attachmentProblem && (
              <p class="field-error" id="field-attachment-error">
                <span class="visually-hidden">{t('form.errorPrefix')}</span> {t(attachmentProblem.messageKey, attachmentProblem.values)}
              </p>
            )}
            {props.attachment && props.reportId && (
              <p>
                {t('planReport.attachmentCurrent')} <a href={href(`/office/plan/reports/${props.reportId}/attachments/${props.attachment.id}`)}>{props.attachment.originalName}</a> (<FileSize bytes={props.attachment.sizeBytes} />)
              </p>
            )}
            <input
              class="input"
              type="file"
              id="field-attachment"
              name="attachment"
              accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby={attachmentProblem ? 'field-attachment-hint field-attachment-error' : 'field-attachment-hint'}
            />
            {props.attachment && (
              <div class="checkbox">
                <input type="checkbox" id="field-removeAttachment" name="removeAttachment" value="1" />
                <label for="field-removeAttachment">{t('planReport.removeAttachment')}</label>
              </div>
            )}
          </div>
          <div class="actions">
            <button class="button" type="submit" name="action" value="submit">
              {t('planReport.submit')}
            </button>{' '}
            <button class="button button--secondary" type="submit" name="action" value="draft">
              {t('planReport.saveDraft')}
            </button>
          </div>
        </form>
      ) : (
        <div class="notice">
          <p>{t(props.standing === 'accepted' ? 'planReport.acceptedNotice' : 'planReport.awaitingNotice')}</p>
        </div>
      )}
      <p>
        <a href={props.backHref}>{t('planReport.backToObligations')}</a>
      </p>
      {props.reportId && <ReportHistory reportId={props.reportId} revisions={props.history} indicators={indicators} />}
    </>
  );
}

/** A number field for an indicator, labelled with its name and unit. */
function IndicatorField({ indicator, value, problems }: { indicator: IndicatorView; value: string; problems: FieldProblem[] }) {
  const { localize } = usePage();
  const name = `value-${indicator.id}`;
  return <TextField name={name} label={`${localize(indicator.name).text} (${localize(indicator.unit).text})`} value={value} problems={problems} />;
}
