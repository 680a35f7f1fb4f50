import { DataTable, ErrorSummary, Text, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { AreaRecord, OrganizationRecord } from '../../registry/registry.service.js';

export interface MaslikhatsPageProps {
  date: string;
  isToday: boolean;
  dateInput: string;
  problems: FieldProblem[];
  maslikhats: (OrganizationRecord & { area: AreaRecord })[];
}

export function MaslikhatsPage({ date, isToday, dateInput, problems, maslikhats }: MaslikhatsPageProps) {
  const page = usePage();
  const { t, number, href } = page;
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('maslikhats.title')}</h1>
      <p class="lead">{t('maslikhats.lead')}</p>

      <form class="filter-form" action={href('/maslikhats')} method="get" novalidate>
        <TextField
          name="date"
          label={t('maslikhats.dateLabel')}
          hint={t('maslikhats.dateHint')}
          value={dateInput}
          problems={problems}
        />
        <button class="button" type="submit">
          {t('maslikhats.show')}
        </button>
      </form>

      <p id="maslikhats-caption">
        {isToday ? t('maslikhats.countToday', { count: maslikhats.length }) : t('maslikhats.countOn', { count: maslikhats.length, date: page.date(date) })}
      </p>
      <DataTable describedBy="maslikhats-caption" columns={[t('maslikhats.colArea'), t('maslikhats.colMaslikhat'), t('maslikhats.colCentre'), { label: t('maslikhats.colPopulation'), numeric: true }, t('maslikhats.colCodes')]}>
            {maslikhats.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <Text value={m.area.name} />
                </th>
                <td>
                  <a href={href(`/maslikhats/${m.slug}${isToday ? '' : `?date=${date}`}`)}>
                    <Text value={m.name} />
                  </a>
                </td>
                <td>{m.area.centre ? <Text value={m.area.centre} /> : t('maslikhats.cityIsCentre')}</td>
                <td class="numeric">
                  {m.area.population !== null && m.area.populationDate ? (
                    <>
                      {number(m.area.population)}
                      <span class="hint"> ({page.date(m.area.populationDate, 'short')})</span>
                    </>
                  ) : (
                    <span class="hint">{t('maslikhats.populationUnknown')}</span>
                  )}
                </td>
                <td>
                  <span class="code">{m.area.iso ?? '—'}</span>
                  <br />
                  <span class="code hint">{t('maslikhats.kato', { kato: m.area.kato })}</span>
                </td>
              </tr>
            ))}
          </DataTable>
    </>
  );
}
