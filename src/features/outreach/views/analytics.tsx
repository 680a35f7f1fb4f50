// The outreach analytics page (public /outreach and office /office/outreach/analytics): a GET form
// of filters, the period's figures, a choropleth map of the regions by the chosen measure, the
// regions' table, the trend by month and the top topics — every chart with its table and CSV.
import { BarFigure } from '../../../core/charts/bar-chart.js';
import { MapFigure } from '../../../core/charts/kazakhstan-map.js';
import { TrendFigure } from '../../../core/charts/trend-chart.js';
import { DataTable, ErrorSummary, Form, SelectField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import { measures, monthLabel, type AnalyticsModel, type Measure } from '../analytics.service.js';
import { domainOf, formatter, mapValues, measureKeys, regionCell, regionTable, topicRows, trendRows, type CsvTable } from '../analytics.tables.js';

export interface AnalyticsFilters {
  /** As typed (kept on error). */
  region: string;
  from: string;
  to: string;
  measure: Measure;
}

export interface AnalyticsPageProps {
  title: string;
  model: AnalyticsModel;
  filters: AnalyticsFilters;
  problems: FieldProblem[];
  /** The page's path inside the language ('/outreach'), and its CSV's ('/outreach.csv'). */
  path: string;
  csvPath: string;
  /** The regions offered in the filter (kato, name); none: no region filter. */
  regionChoices: { kato: string; name: string }[];
}

export function AnalyticsPage({ title, model, filters, problems, path, csvPath, regionChoices }: AnalyticsPageProps) {
  const { t, href, lang, number } = usePage();
  const measure = filters.measure;
  const measureName = t(measureKeys[measure]);
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (model.region?.kato) q.set('region', model.region.kato);
    q.set('from', model.from);
    q.set('to', model.to);
    q.set('measure', measure);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q.toString();
  };
  const csv = (table: CsvTable) => href(`${csvPath}?${query({ table })}`);
  const period = t('outreachStats.period', { from: monthLabel(lang, model.from), to: monthLabel(lang, model.to) });
  const f = model.totals;
  const table = regionTable(lang, model);
  const map = { asOf: model.asOf, values: mapValues(model, measure), measure: measureName, format: formatter(lang, measure), lang, domain: domainOf(measure) };
  const regionLink = (kato: string) => href(`${path}?${new URLSearchParams({ region: kato, from: model.from, to: model.to, measure }).toString()}`);
  return (
    <>
      <h1>{title}</h1>
      <p class="lead">{t(model.internal ? 'outreachStats.officeLead' : 'outreachStats.lead')}</p>
      <ErrorSummary problems={problems} />
      <Form action={href(path)} method="get">
        {regionChoices.length > 0 && <SelectField name="region" label={t('outreachStats.regionLabel')} value={filters.region} placeholder={t('outreachStats.allRegions')} options={regionChoices.map((r) => ({ value: r.kato, label: r.name }))} problems={problems} />}
        <TextField name="from" label={t('outreachStats.fromLabel')} hint={t('outreachStats.monthHint')} value={filters.from || model.from} problems={problems} />
        <TextField name="to" label={t('outreachStats.toLabel')} hint={t('outreachStats.monthHint')} value={filters.to || model.to} problems={problems} />
        <SelectField name="measure" label={t('outreachStats.measureLabel')} value={measure} options={measures.map((m) => ({ value: m, label: t(measureKeys[m]) }))} />
        <button class="button button--secondary" type="submit">
          {t('outreachStats.show')}
        </button>
      </Form>

      <h2 id="figures">{t('outreachStats.figuresTitle', { period })}</h2>
      <dl class="summary-list">
        <div>
          <dt>{t('outreachStats.measure.events')}</dt>
          <dd>{number(f.events)}</dd>
        </div>
        <div>
          <dt>{t('outreachStats.measure.audience')}</dt>
          <dd>{number(f.audience)}</dd>
        </div>
        <div>
          <dt>{t('outreachStats.measure.reach')}</dt>
          <dd>{f.reach === null ? t('charts.noData') : formatter(lang, 'reach')(f.reach)}</dd>
        </div>
        <div>
          <dt>{t('outreachStats.measure.questions')}</dt>
          <dd>{number(f.questions)}</dd>
        </div>
        <div>
          <dt>{t('outreachStats.measure.onTime')}</dt>
          <dd>{f.onTime === null ? t('charts.noData') : formatter(lang, 'onTime')(f.onTime)}</dd>
        </div>
        <div>
          <dt>{t('outreachStats.overdue')}</dt>
          <dd>{number(f.overdue)}</dd>
        </div>
      </dl>

      <h2 id="map">{t('outreachStats.mapTitle', { measure: measureName })}</h2>
      <MapFigure {...map} id="outreach-map" linkFor={(kato) => (model.regions.some((r) => r.kato === kato) ? regionLink(kato) : undefined)} csvHref={csv('map')} />

      <h2 id="regions">{t('outreachStats.regionsTitle')}</h2>
      <DataTable caption={t('outreachStats.regionsCaption', { period })} columns={[table.header[0]!, ...table.header.slice(1).map((label) => ({ label, numeric: true as const }))]}>
        {table.rows.map((row) => (
          <tr key={row.kato} data-kato={row.kato}>
            <th scope="row">
              <a href={regionLink(row.kato)}>{row.name}</a>
            </th>
            {row.values.map((v, i) => (
              <td class="numeric" key={i}>
                {regionCell(lang, i, v)}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p class="chart-download">
        <a href={csv('regions')} download>
          {t('outreachStats.regionsCsv')}
        </a>
      </p>

      <h2 id="trend">{t('outreachStats.trendTitle', { measure: measureName })}</h2>
      <TrendFigure
        title={t('outreachStats.trendCaption', { measure: measureName, period })}
        points={trendRows(lang, model, measure)}
        measure={measureName}
        format={formatter(lang, measure)}
        lang={lang}
        kind="column"
        id="outreach-trend"
        periodHeader={t('outreachStats.colMonth')}
        csvHref={csv('trend')}
      />

      <h2 id="topics">{t('outreachStats.topicsTitle')}</h2>
      {model.topics.length === 0 ? (
        <p>{t('outreachStats.noTopics')}</p>
      ) : (
        <BarFigure
          title={t('outreachStats.topicsCaption', { period })}
          rows={topicRows(lang, model)}
          measure={t('outreachStats.measure.events')}
          labelHeader={t('outreachStats.colTopic')}
          format={formatter(lang, 'events')}
          lang={lang}
          id="outreach-topics"
          csvHref={csv('topics')}
        />
      )}
    </>
  );
}
