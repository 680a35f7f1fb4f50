// The secretariat's matrix (/{lang}/office/plan/{id}/matrix): items × responsible bodies, each cell
// a report's standing as an icon and words (never colour alone) with a link to the report, a GET
// form of filters (section, status, region, period — by default the latest quarter that has ended,
// "any" for the whole plan) that works without JavaScript, and the same filtered matrix as XLSX
// and CSV.
import { Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import { cellTexts, matrixStatuses, type MatrixCell } from '../../matrix.js';
import type { MatrixModel } from '../../matrix.service.js';
import { ItemStatusTag, standingIcons, standingKey } from '../public/status.js';

export type MatrixPageView = MatrixModel;

/** A cell's words (the same for every cell alike, so made once per kind of cell) and its link. */
function Cell({ cell, words, reportHref }: { cell: MatrixCell; words: (cell: MatrixCell) => string; reportHref: string }) {
  if (!cell.standing) {
    return (
      <td class="plan-cell plan-cell--none">
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">{words(cell)}</span>
      </td>
    );
  }
  const content = (
    <>
      <span aria-hidden="true">{standingIcons[cell.standing]}</span> {words(cell)}
    </>
  );
  return <td class={`plan-cell plan-cell--${cell.standing}`}>{cell.reportId ? <a href={reportHref + cell.reportId}>{content}</a> : content}</td>;
}

export function MatrixPage({ view }: { view: MatrixPageView }) {
  const { t, href, localize, lang } = usePage();
  const { plan, matrix, filters } = view;
  const base = `/office/plan/${plan.id}/matrix`;
  // The exports name every filter, the period too: the file is the page, whatever day it is fetched.
  const suffix = `?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString()}`;
  const filtered = filters.section || filters.status || filters.region || filters.period !== view.defaultPeriod;
  const cellWords = cellTexts(lang);
  const notExpected = t('planMatrix.notExpected');
  const words = (cell: MatrixCell) => (cell.standing ? cellWords(cell) : notExpected);
  const reportHref = href('/office/plan/reports/');
  return (
    <>
      <p>
        <a href={href(`/office/plan/${plan.id}`)}>{t('planMatrix.back')}</a>
      </p>
      <h1>
        {t('planMatrix.title')}: <Text value={plan.title} />
      </h1>
      <p class="hint">{t('planMatrix.lead')}</p>
      <form class="filter-form" action={href(base)} method="get" novalidate>
        <div class="form-group">
          <label class="label" for="matrix-section">
            {t('planMatrix.section')}
          </label>
          <select class="input" id="matrix-section" name="section">
            <option value="">{t('planMatrix.any')}</option>
            {view.sections.map((s) => (
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
            <option value="all" selected={filters.period === 'all'}>
              {t('planMatrix.any')}
            </option>
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
      {filtered && (
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
                    <Cell key={matrix.columns[i]?.id ?? i} cell={cell} words={words} reportHref={reportHref} />
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
