import { DataTable, ErrorSummary, Form, SelectField, Text, TextAreaField, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { OrganizationClassification } from '../../../../core/db/database.js';

export interface InstitutionRow {
  id: string;
  slug: string;
  classification: OrganizationClassification;
  foundingDate: string | null;
  dissolutionDate: string | null;
  name: LocalizedText;
}

export function ReferencePage({ institutions, homeSlug, saved, problems }: { institutions: InstitutionRow[]; homeSlug: string; saved: boolean; problems: FieldProblem[] }) {
  const page = usePage();
  const { t, href, date } = page;
  const candidates = institutions.filter((i) => ['council', 'parliament', 'chamber'].includes(i.classification));
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('reference.title')}</h1>
      {saved && (
        <div class="notice notice--success" role="status">
          <p>{t('reference.saved')}</p>
        </div>
      )}
      <h2>{t('reference.homeTitle')}</h2>
      <p>{t('reference.homeLead')}</p>
      <Form action={href('/office/admin/reference/home')}>
        <SelectField name="organization" label={t('reference.homeLabel')} value={homeSlug} options={candidates.map((c) => ({ value: c.slug, label: page.localize(c.name).text }))} problems={problems} />
        <button class="button" type="submit">
          {t('deputyForm.save')}
        </button>
      </Form>
      <p><a href={href('/office/admin/areas')}>{t('areasAdmin.title')}</a></p>
      <h2>{t('reference.institutionsTitle')}</h2>
      <DataTable caption={t('reference.institutionsTitle')} columns={[t('reference.colName'), t('reference.colKind'), t('reference.colDates'), t('deputiesOffice.colActions')]}>
        {institutions.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              <Text value={i.name} />
            </th>
            <td>{t(`orgKind.${i.classification}`)}</td>
            <td>
              {i.foundingDate ? date(i.foundingDate) : '…'} – {i.dissolutionDate ? date(i.dissolutionDate) : '…'}
            </td>
            <td>
              <a href={href(`/office/admin/organizations/${i.id}/edit`)}>{t('deputiesOffice.edit')}</a>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export interface OrganizationAnswers {
  nameKk: string;
  nameRu: string;
  nameEn: string;
  shortKk: string;
  shortRu: string;
  shortEn: string;
  renamedFrom: string;
  foundingDate: string;
  dissolutionDate: string;
  descriptionKk: string;
  descriptionRu: string;
  descriptionEn: string;
  version: string;
}

export function OrganizationEditPage({ id, answers: a, history, problems }: { id: string; answers: OrganizationAnswers; history: { validFrom: string | null; validTo: string | null; name: LocalizedText }[]; problems: FieldProblem[] }) {
  const { t, href, date } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('reference.editTitle')}</h1>
      {history.length > 1 && (
        <>
          <h2>{t('reference.namesTitle')}</h2>
          <ul>
            {history.map((h, i) => (
              <li key={i}>
                <Text value={h.name} /> <span class="hint">({h.validFrom ? date(h.validFrom) : '…'} – {h.validTo ? date(h.validTo) : '…'})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Form action={href(`/office/admin/organizations/${id}/edit`)}>
        <input type="hidden" name="version" value={a.version} />
        <div class="form-columns">
          <TextField name="nameKk" label={t('reference.nameKk')} value={a.nameKk} problems={problems} />
          <TextField name="nameRu" label={t('reference.nameRu')} value={a.nameRu} problems={problems} />
          <TextField name="nameEn" label={t('reference.nameEn')} value={a.nameEn} problems={problems} />
          <TextField name="shortKk" label={t('reference.shortKk')} value={a.shortKk} problems={problems} />
          <TextField name="shortRu" label={t('reference.shortRu')} value={a.shortRu} problems={problems} />
          <TextField name="shortEn" label={t('reference.shortEn')} value={a.shortEn} problems={problems} />
        </div>
        <TextField name="renamedFrom" label={t('reference.renamedFrom')} hint={t('reference.renamedFromHint')} value={a.renamedFrom} problems={problems} />
        <TextField name="foundingDate" label={t('reference.foundingDate')} hint={t('deputyForm.dateHint')} value={a.foundingDate} problems={problems} />
        <TextField name="dissolutionDate" label={t('reference.dissolutionDate')} hint={t('reference.dissolutionHint')} value={a.dissolutionDate} problems={problems} />
        <TextAreaField name="descriptionKk" label={t('reference.descriptionKk')} value={a.descriptionKk} problems={problems} />
        <TextAreaField name="descriptionRu" label={t('reference.descriptionRu')} value={a.descriptionRu} problems={problems} />
        <TextAreaField name="descriptionEn" label={t('reference.descriptionEn')} value={a.descriptionEn} problems={problems} />
        <button class="button" type="submit">
          {t('deputyForm.save')}
        </button>
      </Form>
    </>
  );
}
