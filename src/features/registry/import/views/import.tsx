// The deputies import screens: the upload form with the templates, the report of problems by row,
// and the confirmation of what applying will change.
import { DataTable, ErrorSummary, FileField, Form, Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import { columns } from '../columns.js';
import type { ImportProblem } from '../parse.js';
import { columnLabel, problemText } from '../report.js';
import type { ImportCounts, ImportPlan, PlannedRow, RowProblem } from '../validate.js';

export interface TargetView {
  slug: string;
  name: LocalizedText;
  level: string | null;
}

const importPath = (slug: string) => `/office/maslikhats/${slug}/import`;

function UploadForm({ target, problems }: { target: TargetView; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <Form action={href(importPath(target.slug))} multipart>
      <FileField name="file" label={t('import.fileLabel')} hint={t('import.fileHint')} accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" problems={problems} />
      <button class="button" type="submit">
        {t('import.check')}
      </button>
    </Form>
  );
}

function TemplateLinks({ target }: { target: TargetView }) {
  const { t, href } = usePage();
  return (
    <ul>
      <li>
        <a href={href(`${importPath(target.slug)}/template.xlsx?lang=kk`)} download>
          {t('import.templateKk')}
        </a>
      </li>
      <li>
        <a href={href(`${importPath(target.slug)}/template.xlsx?lang=ru`)} download>
          {t('import.templateRu')}
        </a>
      </li>
    </ul>
  );
}

export function UploadPage({ target, problems }: { target: TargetView; problems: FieldProblem[] }) {
  const page = usePage();
  const { t, lang } = page;
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('import.title')}</h1>
      <p class="lead">{t('import.lead', { maslikhat: page.localize(target.name).text })}</p>
      <h2>{t('import.stepsTitle')}</h2>
      <ol>
        <li>{t('import.step1')}</li>
        <li>
          {t('import.step2')}
          {target.level === 'region' && <> {t('import.step2Region')}</>}
        </li>
        <li>{t('import.step3')}</li>
        <li>{t('import.step4')}</li>
      </ol>
      <h2>{t('import.templateTitle')}</h2>
      <TemplateLinks target={target} />
      <UploadForm target={target} problems={problems} />
      <h2>{t('import.columnsTitle')}</h2>
      <DataTable caption={t('import.columnsTitle')} columns={[t('import.column'), t('import.columnWhat')]}>
        {columns
          .filter((c) => c.key !== 'maslikhat' || target.level === 'region')
          .map((c) => (
            <tr key={c.key}>
              <th scope="row">
                {columnLabel(c.key, lang)}
                {c.required && <span class="hint"> ({t('import.required')})</span>}
              </th>
              <td>{t(`import.columnHint.${c.key}`)}</td>
            </tr>
          ))}
      </DataTable>
    </>
  );
}

export function ReportPage({
  target,
  fileProblems,
  problems,
  badRows,
  totalRows,
  changedSinceCheck,
}: {
  target: TargetView;
  fileProblems: ImportProblem[];
  problems: RowProblem[];
  badRows: number;
  totalRows: number;
  changedSinceCheck: boolean;
}) {
  const { t, lang } = usePage();
  const lead = fileProblems.length ? t('import.fileProblemsLead') : changedSinceCheck ? t('import.changedLead') : t('import.reportLead', { bad: badRows, total: totalRows });
  return (
    <>
      <div class="error-summary" role="alert" tabIndex={-1} data-autofocus>
        <h1 class="error-summary__title">{t('import.reportTitle')}</h1>
        <p>{lead}</p>
        {fileProblems.length > 0 && (
          <ul class="error-summary__list">
            {fileProblems.map((p, i) => (
              <li key={i}>{problemText(t, lang, p)}</li>
            ))}
          </ul>
        )}
      </div>
      {problems.length > 0 && (
        <DataTable caption={t('import.reportTitle')} columns={[{ label: t('import.row'), numeric: true }, t('import.column'), t('import.problemCol')]}>
          {problems.map((p, i) => (
            <tr key={i}>
              <th scope="row" class="numeric">
                {p.row}
              </th>
              <td>{p.column ? columnLabel(p.column, lang) : '—'}</td>
              <td>{problemText(t, lang, p)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{t('import.uploadAgain')}</h2>
      <UploadForm target={target} problems={[]} />
      <h2>{t('import.templateTitle')}</h2>
      <TemplateLinks target={target} />
    </>
  );
}

const countKeys = ['maslikhatsCreated', 'personsCreated', 'personsMatched', 'personsUpdated', 'membershipsCreated', 'membershipsUpdated', 'membershipsUnchanged'] as const satisfies readonly (keyof ImportCounts)[];
const shownRows = 200;

function RowAction({ row }: { row: PlannedRow }) {
  const { t } = usePage();
  if (row.membership.kind === 'existing') return <>{t(Object.keys(row.membership.changes).length ? 'import.action.update' : 'import.action.unchanged')}</>;
  return <>{t(row.person.kind === 'existing' ? 'import.action.newMandate' : 'import.action.new')}</>;
}

export function ConfirmPage({ target, plan, uploadId, nothingToChange }: { target: TargetView; plan: ImportPlan; uploadId: string; nothingToChange: boolean }) {
  const { t, href, number, csrfToken } = usePage();
  const newByKey = new Map(plan.newMaslikhats.map((m) => [m.key, m]));
  return (
    <>
      <h1>{t('import.confirmTitle')}</h1>
      <div class="notice notice--success" role="status">
        <p>{t('import.confirmLead', { rows: plan.counts.rows })}</p>
      </div>
      <h2>{t('import.summaryTitle')}</h2>
      <dl class="summary-list">
        {countKeys
          .filter((k) => plan.counts[k] > 0 || k === 'membershipsCreated')
          .map((k) => (
            <div key={k}>
              <dt>{t(`import.count.${k}`)}</dt>
              <dd>{number(plan.counts[k])}</dd>
            </div>
          ))}
      </dl>
      {plan.newMaslikhats.length > 0 && (
        <>
          <h2>{t('import.newMaslikhatsTitle')}</h2>
          <ul>
            {plan.newMaslikhats.map((m) => (
              <li key={m.key}>
                <Text value={m.name} /> <span class="hint">({t(`import.level.${m.level}`)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {nothingToChange && (
        <div class="notice">
          <p>{t('import.nothingToChange')}</p>
        </div>
      )}
      <form action={href(`${importPath(target.slug)}/${uploadId}/apply`)} method="post" novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div class="actions">
          <button class="button" type="submit">
            {t('import.apply')}
          </button>
          <a class="button button--secondary" href={href(importPath(target.slug))}>
            {t('import.otherFile')}
          </a>
        </div>
      </form>
      <h2>{t('import.rowsTitle')}</h2>
      {plan.rows.length > shownRows && <p class="hint">{t('import.rowsShown', { shown: shownRows, total: plan.rows.length })}</p>}
      <DataTable
        caption={t('import.rowsTitle')}
        columns={[{ label: t('import.row'), numeric: true }, t('import.col.name'), ...(target.level === 'region' ? [t('import.col.maslikhat')] : []), { label: t('import.col.district'), numeric: true }, t('import.col.action')]}
      >
        {plan.rows.slice(0, shownRows).map((r) => (
          <tr key={r.row}>
            <td class="numeric">{r.row}</td>
            <th scope="row">{[r.familyName, r.givenName, r.patronymic].filter(Boolean).join(' ')}</th>
            {target.level === 'region' && (
              <td>
                {r.maslikhat.kind === 'target' ? (
                  <Text value={target.name} />
                ) : r.maslikhat.kind === 'existing' ? (
                  <Text value={r.maslikhat.name} />
                ) : (
                  <Text value={newByKey.get(r.maslikhat.key)?.name} />
                )}
              </td>
            )}
            <td class="numeric">{r.district ?? '—'}</td>
            <td>
              <RowAction row={r} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export function UploadGonePage({ target }: { target: TargetView }) {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('import.goneTitle')}</h1>
      <p class="lead">{t('import.gone')}</p>
      <p>
        <a class="button" href={href(importPath(target.slug))}>
          {t('import.otherFile')}
        </a>
      </p>
    </>
  );
}
