// The plan import screens: the upload form (into a new draft plan or a draft kept) with the templates
// and columns, the report of problems by row and column, the confirmation of what will be added, and
// the page of an upload that is gone. Plain forms: no script needed.
import { DataTable, ErrorSummary, FileField, Form, SelectField, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import { planColumns } from '../../import.columns.js';
import type { PlanFileProblem } from '../../import.parse.js';
import { planColumnLabel, planProblemText } from '../../import.report.js';
import type { PlanValidation, RowProblem } from '../../import.validate.js';
import { usePlanWords } from './plan-fields.js';

export interface ImportAnswers {
  target: string;
  titleKk: string;
  titleRu: string;
  titleEn: string;
  periodStart: string;
  periodEnd: string;
}

export interface DraftChoice {
  id: string;
  title: LocalizedText;
}

const importPath = '/office/plan/import';

function UploadForm({ drafts, answers: a, problems }: { drafts: DraftChoice[]; answers: ImportAnswers; problems: FieldProblem[] }) {
  const { t, href, localize } = usePage();
  return (
    <Form action={href(importPath)} multipart>
      <SelectField
        name="target"
        label={t('planImport.target')}
        hint={t('planImport.targetHint')}
        value={a.target || 'new'}
        options={[{ value: 'new', label: t('planImport.targetNew') }, ...drafts.map((d) => ({ value: d.id, label: localize(d.title).text }))]}
        problems={problems}
      />
      <fieldset class="fieldset">
        <legend class="label">{t('planImport.newPlanTitle')}</legend>
        <TextField name="titleKk" label={t('planForm.titleKk')} value={a.titleKk} problems={problems} />
        <TextField name="titleRu" label={t('planForm.titleRu')} value={a.titleRu} problems={problems} />
        <TextField name="titleEn" label={t('planForm.titleEn')} value={a.titleEn} problems={problems} />
        <div class="form-columns">
          <TextField name="periodStart" label={t('planForm.periodStart')} hint={t('planForm.dateHint')} value={a.periodStart} problems={problems} />
          <TextField name="periodEnd" label={t('planForm.periodEnd')} hint={t('planForm.dateHint')} value={a.periodEnd} problems={problems} />
        </div>
      </fieldset>
      <FileField name="file" label={t('planImport.fileLabel')} hint={t('planImport.fileHint')} accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" problems={problems} />
      <button class="button" type="submit">
        {t('planImport.check')}
      </button>
    </Form>
  );
}

function TemplateLinks() {
  const { t, href } = usePage();
  return (
    <ul>
      <li>
        <a href={href(`${importPath}/template.xlsx?lang=kk`)} download>
          {t('planImport.templateKk')}
        </a>
      </li>
      <li>
        <a href={href(`${importPath}/template.xlsx?lang=ru`)} download>
          {t('planImport.templateRu')}
        </a>
      </li>
    </ul>
  );
}

export function PlanImportPage({ drafts, answers, problems }: { drafts: DraftChoice[]; answers: ImportAnswers; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('planImport.title')}</h1>
      <p class="lead">{t('planImport.lead')}</p>
      <h2>{t('planImport.stepsTitle')}</h2>
      <ol>
        <li>{t('planImport.step1')}</li>
        <li>{t('planImport.step2')}</li>
        <li>{t('planImport.step3')}</li>
        <li>{t('planImport.step4')}</li>
      </ol>
      <h2>{t('planImport.templateTitle')}</h2>
      <TemplateLinks />
      <h2>{t('planImport.formTitle')}</h2>
      <UploadForm drafts={drafts} answers={answers} problems={problems} />
      <h2>{t('planImport.columnsTitle')}</h2>
      <ul>
        {planColumns.map((c) => (
          <li key={c.key}>
            {planColumnLabel(c.key, lang)}
            {c.required && <span class="hint"> ({t('planImport.required')})</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

export function PlanImportReportPage({
  fileProblems,
  problems,
  badRows,
  totalRows,
  changedSinceCheck,
  drafts,
  answers,
}: {
  fileProblems: PlanFileProblem[];
  problems: RowProblem[];
  badRows: number;
  totalRows: number;
  changedSinceCheck: boolean;
  drafts: DraftChoice[];
  answers: ImportAnswers;
}) {
  const { t, lang } = usePage();
  const lead = fileProblems.length ? t('planImport.fileProblemsLead') : changedSinceCheck ? t('planImport.changedLead') : t('planImport.reportLead', { bad: badRows, total: totalRows });
  return (
    <>
      <div class="error-summary" role="alert" tabIndex={-1} data-autofocus>
        <h1 class="error-summary__title">{t('planImport.reportTitle')}</h1>
        <p>{lead}</p>
        {fileProblems.length > 0 && (
          <ul class="error-summary__list">
            {fileProblems.map((p, i) => (
              <li key={i}>{planProblemText(t, lang, p)}</li>
            ))}
          </ul>
        )}
      </div>
      {problems.length > 0 && (
        <DataTable caption={t('planImport.reportTitle')} columns={[{ label: t('planImport.row'), numeric: true }, t('planImport.column'), t('planImport.problemCol')]}>
          {problems.map((p, i) => (
            <tr key={i}>
              <th scope="row" class="numeric">
                {p.row}
              </th>
              <td>{p.column ? planColumnLabel(p.column, lang) : '—'}</td>
              <td>{planProblemText(t, lang, p)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{t('planImport.uploadAgain')}</h2>
      <UploadForm drafts={drafts} answers={answers} problems={[]} />
      <h2>{t('planImport.templateTitle')}</h2>
      <TemplateLinks />
    </>
  );
}

const shownItems = 300;

export function PlanImportConfirmPage({
  validation,
  uploadId,
  plan,
  names,
}: {
  validation: PlanValidation;
  uploadId: string;
  /** The plan the items go into: a new one (its title and period) or a draft kept. */
  plan: { kind: 'new'; title: LocalizedText; periodStart: string; periodEnd: string } | { kind: 'existing'; title: LocalizedText };
  names: Map<string, LocalizedText>;
}) {
  const { t, href, date, localize } = usePage();
  const words = usePlanWords();
  const sectionTitle = new Map(validation.sections.map((s) => [s.key, s.title]));
  const title = localize(plan.title).text;
  return (
    <>
      <h1>{t('planImport.confirmTitle')}</h1>
      <div class="notice notice--success" role="status">
        <p>{t('planImport.confirmLead', { items: validation.items.length, sections: validation.sections.length })}</p>
        <p>{plan.kind === 'new' ? t('planImport.confirmNew', { title, start: date(plan.periodStart), end: date(plan.periodEnd) }) : t('planImport.confirmExisting', { title })}</p>
      </div>
      <Form action={href(`${importPath}/${uploadId}/apply`)}>
        <div class="actions">
          <button class="button" type="submit">
            {t('planImport.apply')}
          </button>
          <a class="button button--secondary" href={href(importPath)}>
            {t('planImport.otherFile')}
          </a>
        </div>
      </Form>
      <h2>{t('planImport.itemsTitle')}</h2>
      <DataTable
        caption={t('planImport.itemsTitle')}
        columns={[{ label: t('planImport.row'), numeric: true }, t('planImport.col.section'), t('planImport.col.action'), t('planImport.col.responsible'), t('planImport.col.deadline')]}
      >
        {validation.items.slice(0, shownItems).map((item) => (
          <tr key={item.row}>
            <td class="numeric">{item.row}</td>
            <td>{item.sectionKey ? <Text value={sectionTitle.get(item.sectionKey)} /> : '—'}</td>
            <th scope="row">
              {item.input.number && <>{item.input.number}. </>}
              <Text value={item.input.action} />
            </th>
            <td>
              {[...(item.input.allRegionMaslikhats ? [t('planItem.allRegionMaslikhats')] : []), ...item.input.leadIds.map((id) => localize(names.get(id)).text)].join('; ')}
            </td>
            <td>{words.deadline(item.input)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export function PlanImportGonePage() {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('planImport.goneTitle')}</h1>
      <p class="lead">{t('planImport.gone')}</p>
      <p>
        <a class="button" href={href(importPath)}>
          {t('planImport.otherFile')}
        </a>
      </p>
    </>
  );
}
