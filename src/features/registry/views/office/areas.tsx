// The office's areas: the list of regions with the areas under them, and an area's names and population figures.
import { DataTable, ErrorSummary, Form, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { AdminAreaRow, AreaNameRow, AreaTreeRow, PopulationRow } from '../../areas-admin.service.js';

/** A year's figure (1 January) reads as its year; a figure on another day reads as that day. */
function FigureDate({ onDate }: { onDate: string }) {
  const { date } = usePage();
  return <>{onDate.endsWith('-01-01') ? onDate.slice(0, 4) : date(onDate)}</>;
}

function Kind({ area }: { area: Pick<AdminAreaRow, 'classification' | 'parentId'> }) {
  const { t } = usePage();
  if (area.parentId) return <>{t('areasAdmin.kindUnder')}</>;
  return <>{area.classification === 'city' ? t('areasAdmin.kindCity') : t('areasAdmin.kindRegion')}</>;
}

function Existed({ area }: { area: Pick<AdminAreaRow, 'validFrom' | 'validTo'> }) {
  const { t, date } = usePage();
  if (area.validTo) return <span class="hint"> ({t('areasAdmin.existedUntil', { date: date(area.validTo) })})</span>;
  if (area.validFrom) return <span class="hint"> ({t('areasAdmin.existsSince', { date: date(area.validFrom) })})</span>;
  return null;
}

function Population({ area }: { area: Pick<AdminAreaRow, 'population' | 'populationDate'> }) {
  const { t, number } = usePage();
  if (area.population === null || !area.populationDate) return <span class="hint">{t('maslikhats.populationUnknown')}</span>;
  return (
    <>
      {number(area.population)}
      <span class="hint">
        {' '}
        (<FigureDate onDate={area.populationDate} />)
      </span>
    </>
  );
}

/** The areas under one, each linked to its edit page, with its KATO code and population. */
function ChildAreas({ areas }: { areas: AdminAreaRow[] }) {
  const { href } = usePage();
  return (
    <ul>
      {areas.map((c) => (
        <li key={c.id}>
          <a href={href(`/office/admin/areas/${c.id}/edit`)}>
            <Text value={c.name} />
          </a>{' '}
          <span class="code hint">{c.kato}</span> — <Population area={c} />
        </li>
      ))}
    </ul>
  );
}

export function AreasPage({ areas }: { areas: AreaTreeRow[] }) {
  const { t, href } = usePage();
  return (
    <>
      <p>
        <a href={href('/office/admin/reference')}>{t('areasAdmin.backToReference')}</a>
      </p>
      <h1>{t('areasAdmin.title')}</h1>
      <p>{t('areasAdmin.lead')}</p>
      <DataTable caption={t('areasAdmin.title')} columns={[t('areasAdmin.colName'), t('areasAdmin.colKato'), { label: t('areasAdmin.colPopulation'), numeric: true }, t('deputiesOffice.colActions')]}>
        {areas.map((a) => (
          <tr key={a.id}>
            <th scope="row">
              <Text value={a.name} />
              <Existed area={a} />
              <br />
              <span class="hint">
                <Kind area={a} />
              </span>
              {a.children.length > 0 && (
                <details>
                  <summary>{t('areasAdmin.children', { count: a.children.length })}</summary>
                  <ChildAreas areas={a.children} />
                </details>
              )}
            </th>
            <td>
              <span class="code">{a.kato}</span>
            </td>
            <td class="numeric">
              <Population area={a} />
            </td>
            <td>
              <a href={href(`/office/admin/areas/${a.id}/edit`)}>
                {t('deputiesOffice.edit')}
                <span class="visually-hidden">
                  {' '}
                  <Text value={a.name} />
                </span>
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export interface AreaNameAnswers {
  nameKk: string;
  nameRu: string;
  nameEn: string;
  renamedFrom: string;
  version: string;
}

export interface PopulationAnswers {
  year: string;
  population: string;
  source: string;
  version: string;
}

export interface AreaEditView {
  id: string;
  kato: string;
  classification: 'region' | 'city';
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  centre: LocalizedText | null;
  version: number;
  nameToday: LocalizedText;
  current: AreaNameRow | undefined;
  names: AreaNameRow[];
  population: PopulationRow[];
  parent: AdminAreaRow | undefined;
  children: AdminAreaRow[];
}

export function AreaEditPage({ area, nameAnswers, populationAnswers, problems, saved, today }: { area: AreaEditView; nameAnswers: AreaNameAnswers; populationAnswers: PopulationAnswers; problems: FieldProblem[]; saved: boolean; today: string }) {
  const page = usePage();
  const { t, href, date, number } = page;
  const base = `/office/admin/areas/${area.id}`;
  // A new name already recorded from a later day: corrections change that one, and a newer one must follow it.
  const scheduled = area.current?.validFrom && area.current.validFrom > today ? area.current.validFrom : null;
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/admin/areas')}>{t('areasAdmin.backToList')}</a>
      </p>
      <h1>{t('areasAdmin.editTitle', { name: page.localize(area.nameToday).text })}</h1>
      {saved && (
        <div class="notice notice--success" role="status">
          <p>{t('areasAdmin.saved')}</p>
        </div>
      )}
      <dl class="summary-list">
        <div>
          <dt>{t('areasAdmin.colKato')}</dt>
          <dd>
            <span class="code">{area.kato}</span>
          </dd>
        </div>
        <div>
          <dt>{t('areasAdmin.kind')}</dt>
          <dd>
            <Kind area={area} />
            <Existed area={area} />
          </dd>
        </div>
        {area.parent && (
          <div>
            <dt>{t('areasAdmin.parent')}</dt>
            <dd>
              <a href={href(`/office/admin/areas/${area.parent.id}/edit`)}>
                <Text value={area.parent.name} />
              </a>
            </dd>
          </div>
        )}
        {area.centre && (
          <div>
            <dt>{t('areasAdmin.centre')}</dt>
            <dd>
              <Text value={area.centre} />
            </dd>
          </div>
        )}
      </dl>

      <h2>{t('areasAdmin.nameTitle')}</h2>
      {area.names.length > 1 && (
        <>
          <h3>{t('reference.namesTitle')}</h3>
          <ul>
            {area.names.map((n) => (
              <li key={n.id}>
                <Text value={n.name} /> <span class="hint">({n.validFrom ? date(n.validFrom) : '…'} – {n.validTo ? date(n.validTo) : '…'})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {scheduled && (
        <div class="notice notice--info">
          <p>{t('areasAdmin.scheduledName', { date: date(scheduled) })}</p>
        </div>
      )}
      <Form action={href(`${base}/edit`)}>
        <input type="hidden" name="version" value={nameAnswers.version} />
        <div class="form-columns">
          <TextField name="nameKk" label={t('reference.nameKk')} value={nameAnswers.nameKk} problems={problems} />
          <TextField name="nameRu" label={t('reference.nameRu')} value={nameAnswers.nameRu} problems={problems} />
          <TextField name="nameEn" label={t('reference.nameEn')} value={nameAnswers.nameEn} problems={problems} />
        </div>
        <TextField name="renamedFrom" label={t('areasAdmin.renamedFrom')} hint={t('areasAdmin.renamedFromHint')} value={nameAnswers.renamedFrom} problems={problems} />
        <button class="button" type="submit">
          {t('deputyForm.save')}
        </button>
      </Form>

      <h2>{t('areasAdmin.populationTitle')}</h2>
      {area.population.length ? (
        <DataTable caption={t('areasAdmin.populationTitle')} columns={[t('areasAdmin.colYear'), { label: t('areasAdmin.colPopulation'), numeric: true }, t('areasAdmin.colSource')]}>
          {area.population.map((p) => (
            <tr key={p.onDate}>
              <th scope="row">
                <FigureDate onDate={p.onDate} />
              </th>
              <td class="numeric">{number(p.population)}</td>
              <td>{p.source ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p class="hint">{t('areasAdmin.noFigures')}</p>
      )}
      <h3>{t('areasAdmin.recordTitle')}</h3>
      <p>{t('areasAdmin.recordLead')}</p>
      <Form action={href(`${base}/population`)}>
        <input type="hidden" name="version" value={populationAnswers.version} />
        <div class="inline-fields">
          <TextField name="year" label={t('areasAdmin.year')} hint={t('areasAdmin.yearHint')} value={populationAnswers.year} problems={problems} />
          <TextField name="population" label={t('areasAdmin.population')} hint={t('areasAdmin.populationHint')} value={populationAnswers.population} problems={problems} />
        </div>
        <TextField name="source" label={t('areasAdmin.source')} hint={t('areasAdmin.sourceHint')} value={populationAnswers.source} problems={problems} />
        <button class="button" type="submit">
          {t('areasAdmin.record')}
        </button>
      </Form>

      {area.children.length > 0 && (
        <>
          <h2>{t('areasAdmin.childrenTitle')}</h2>
          <ChildAreas areas={area.children} />
        </>
      )}
    </>
  );
}
