// The secretariat's matrix (/{lang}/office/plan/{id}/matrix): items × responsible bodies, each cell
// a report's standing as an icon and words (never colour alone) with a link to the report, a GET
// form of filters (section, status, region, period) that works without JavaScript, and the same
// filtered matrix as XLSX and CSV.
import { Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { Matrix, MatrixCell } from '../../matrix.js';
import type { ReportStanding } from '../../progress.js';
import type { PlanProgress } from '../../progress.service.js';
import { ItemStatusTag, standingIcons, standingKey } from '../public/status.js';

export interface MatrixFilters {
  section: string;
  status: string;
  region: string;
  period: string;
}

export interface MatrixPageView {
  progress: PlanProgress;
  matrix: Matrix;
  filters: MatrixFilters;
  /** The query the filters make (for the exports' links), '' without filters. */
  query: string;
  regions: { kato: string; name: LocalizedText }[];
  periods: string[];
}

export const matrixStatuses: (ReportStanding | 'late')[] = ['missing', 'returned', 'submitted', 'draft', 'accepted', 'not_due', 'late'];

function Cell({ cell }: { cell: MatrixCell }) {
  const { t, href } = usePage();
  if (!cell.standing) {
    return (
      <td class="plan-cell plan-cell--none">
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">{t('planMatrix.notExpected')}</span>
      </td>
    );
  }
  const words = (
    <>
      <span aria-hidden="true">{standingIcons[cell.standing]}</span> {t(standingKey(cell.standing))}
      {cell.count > 1 && ` (${t('planMatrix.cellCount', { accepted: cell.accepted, count: cell.count })})`}
      {cell.late && cell.standing !== 'missing' && `, ${t('planMatrix.late')}`}
    </>
  );
  return <td class={`plan-cell plan-cell--${cell.standing}`}>{cell.reportId ? <a href={href(`/office/plan/reports/${cell.reportId}`)}>{words}</a> : words}</td>;
}

export function MatrixPage({ view }: { view: MatrixPageView }) {
  const { t, href, localize } = usePage();
  const { progress, matrix, filters } = view;
  const base = `/office/plan/${progress.plan.id}/matrix`;
  const suffix = view.query ? `?${view.query}` : '';
  return (
    <>
      <p>
        <a href={href(`/office/plan/${progress.plan.id}`)}>{t('planMatrix.back')}</a>
      </p>
      <h1>
        {t('planMatrix.title')}: <Text value={progress.plan.title} />
      </h1>
      <p class="hint">{t('planMatrix.lead')}</p>
      <form class="filter-form" action={href(base)} method="get" novalidate>
        <div class="form-group">
          <label class="label" for="matrix-section">
            {t('planMatrix.section')}
          </label>
          <select class="input" id="matrix-section" name="section">
            <option value="">{t('planMatrix.any')}</option>
            {progress.sections.map((s) => (
              <option key={s.id} value={s.id} selected={filters.section === s.id}>
                {localize(s.title).text}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="label" for="matrix-status">
            {t('planMatrix.standingLabel')}
          </label>
          <select class="input" id="matrix-status" name="status">
            <option value="">{t('planMatrix.any')}</option>
            {matrixStatuses.map((s) => (
              <option key={s} value={s} selected={filters.status === s}>
                {s === 'late' ? t('planMatrix.lateReports') : t(standingKey(s))}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="label" for="matrix-region">
            {t('planMatrix.region')}
          </label>
          <select class="input" id="matrix-region" name="region">
            <option value="">{t('planMatrix.any')}</option>
            {view.regions.map((r) => (
              <option key={r.kato} value={r.kato} selected={filters.region === r.kato}>
                {localize(r.name).text}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="label" for="matrix-period">
            {t('planMatrix.period')}
          </label>
          <select class="input" id="matrix-period" name="period">
            <option value="">{t('planMatrix.any')}</option>
            {view.periods.map((p) => (
              <option key={p} value={p} selected={filters.period === p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <button class="button button--secondary" type="submit">
          {t('planMatrix.apply')}
        </button>
      </form>
      {view.query && (
        <p>
          <a href={href(base)}>{t('planMatrix.clear')}</a>
        </p>
      )}
      <p>
        <a href={href(`${base}.xlsx${suffix}`)} download>
          {t('planMatrix.xlsx')}
        </a>{' '}
        ·{' '}
        <a href={href(`${base}.csv${suffix}`)} download>
          {t('planMatrix.csv')}
        </a>
      </p>
      {matrix.rows.length === 0 ? (
        <p>{t('planMatrix.empty')}</p>
      ) : (
        <div class="table-wrapper">
          <table class="table plan-matrix">
            <caption class="visually-hidden">{t('planMatrix.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('planMatrix.item')}</th>
                <th scope="col">{t('planMatrix.itemStatus')}</th>
                {matrix.columns.map((b) => (
                  <th scope="col" key={b.id}>
                    <Text value={b.shortName ?? b.name} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map(({ item, cells }) => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.number ? `${item.number}. ` : ''}
                    <Text value={item.action} />
                  </th>
                  <td>
                    <ItemStatusTag status={item.status} />
                  </td>
                  {cells.map((cell, i) => (
                    <Cell key={matrix.columns[i]?.id ?? i} cell={cell} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('planMatrix.keyTitle')}</h2>
      <ul>
        {Object.entries(standingIcons).map(([standing, icon]) => {
          const s = matrixStatuses.find((x) => x === standing);
          return s && s !== 'late' ? (
            <li key={s}>
              <span aria-hidden="true">{icon}</span> {t(standingKey(s))}
            </li>
          ) : null;
        })}
      </ul>
    </>
  );
}
