// The outreach import's pages: the upload form with the templates, and the report — the file's
// problems, or each refused row with what is wrong in it, or how many events were stored.
import { DataTable, ErrorSummary, FileField, Form, Notice, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';

export interface ImportReport {
  fileProblems: string[];
  rows: { row: number; problems: string[] }[];
  totalRows: number;
}

export function OutreachImportPage({ slug, maslikhatName, problems, report, imported }: { slug: string; maslikhatName: LocalizedText | null; problems: FieldProblem[]; report: ImportReport | null; imported: number | null }) {
  const { t, href } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/outreach')}>{t('outreach.backToList')}</a>
      </p>
      <h1>{t('outreach.import.title')}</h1>
      <p class="lead">
        <Text value={maslikhatName} />
      </p>
      {imported !== null && (
        <Notice kind="success">
          <p>{t('outreach.import.done', { count: imported })}</p>
        </Notice>
      )}
      {report && (
        <>
          <h2>{t('outreach.import.reportTitle')}</h2>
          <p>{t('outreach.import.nothingStored')}</p>
          {report.fileProblems.length > 0 && (
            <ul>
              {report.fileProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {report.rows.length > 0 && (
            <>
              <p>{t('outreach.import.rowsRefused', { count: report.rows.length, total: report.totalRows })}</p>
              <DataTable caption={t('outreach.import.reportTitle')} columns={[t('outreach.import.colRow'), t('outreach.import.colProblems')]}>
                {report.rows.map((r) => (
                  <tr key={r.row}>
                    <th scope="row">{r.row}</th>
                    <td>
                      <ul>
                        {r.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
        </>
      )}
      <p>{t('outreach.import.lead')}</p>
      <ul>
        {(['kk', 'ru', 'en'] as const).map((l) => (
          <li key={l}>
            <a href={href(`/office/outreach/import-template.xlsx?lang=${l}`)}>{t(`outreach.import.template.${l}`)}</a>
          </li>
        ))}
      </ul>
      <Form action={href(`/office/maslikhats/${slug}/outreach/import`)} multipart>
        <FileField name="file" label={t('outreach.import.fileLabel')} hint={t('outreach.import.fileHint')} accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" problems={problems} />
        <button class="button" type="submit">
          {t('outreach.import.submit')}
        </button>
      </Form>
    </>
  );
}
