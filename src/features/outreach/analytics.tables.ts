// The analytics' tables as data: each chart's rows and the regions' table, read by the page (as
// tables) and by the CSV downloads (the same rows, numbers plain), so a download equals its table.
import { chartCsv, type ChartRow } from '../../core/charts/chart-table.js';
import { toCsv, type CsvValue } from '../../core/charts/chart-csv.js';
import { mapCsv } from '../../core/charts/kazakhstan-map.js';
import { formatNumber, localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { monthLabel, valueOf, type AnalyticsModel, type Measure } from './analytics.service.js';

export const csvTables = ['regions', 'map', 'trend', 'topics'] as const;
export type CsvTable = (typeof csvTables)[number];

export const measureKeys: Record<Measure, MessageKey> = {
  events: 'outreachStats.measure.events',
  audience: 'outreachStats.measure.audience',
  reach: 'outreachStats.measure.reach',
  questions: 'outreachStats.measure.questions',
  onTime: 'outreachStats.measure.onTime',
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A measure's value as a reader sees it (shares in per cent, reach to one decimal). */
export function formatter(lang: Language, measure: Measure | 'plain'): (value: number) => string {
  if (measure === 'onTime') return (v) => `${formatNumber(lang, Math.round(v * 100))} %`;
  if (measure === 'reach') return (v) => formatNumber(lang, round1(v));
  return (v) => formatNumber(lang, v);
}

/** The domain of the map's scale: shares from 0 to 1. */
export const domainOf = (measure: Measure): readonly [number, number] | undefined => (measure === 'onTime' ? [0, 1] : undefined);

export function mapValues(model: AnalyticsModel, measure: Measure): Map<string, number | null> {
  return new Map(model.regions.map((r) => [r.kato, valueOf(r, measure)]));
}

export function trendRows(lang: Language, model: AnalyticsModel, measure: Measure): ChartRow[] {
  const population = model.totals.population;
  const reach = (audience: number) => (population ? round1((audience / population) * 1000) : null);
  return model.months.map((m) => ({ key: m.month, label: monthLabel(lang, m.month), value: measure === 'reach' ? reach(m.audience) : valueOf(m, measure) }));
}

export function topicRows(lang: Language, model: AnalyticsModel): ChartRow[] {
  return model.topics.map((tp) => ({ key: tp.id, label: localize(lang, tp.title).text, value: tp.events }));
}

/** The regions' table: every measure per region; numbers raw (null: no data). */
export function regionTable(lang: Language, model: AnalyticsModel): { header: string[]; rows: { kato: string; name: string; values: (number | null)[] }[] } {
  const t = (key: MessageKey) => translate(lang, key);
  return {
    header: [
      t('charts.region'),
      t('outreachStats.measure.events'),
      t('outreachStats.measure.audience'),
      t('outreachStats.population'),
      t('outreachStats.measure.reach'),
      t('outreachStats.measure.questions'),
      t('outreachStats.answered'),
      t('outreachStats.answeredOnTime'),
      t('outreachStats.measure.onTime'),
      t('outreachStats.overdue'),
    ],
    rows: model.regions.map((r) => ({
      kato: r.kato,
      name: localize(lang, r.name).text || r.kato,
      values: [r.events, r.audience, r.population, r.reach === null ? null : round1(r.reach), r.questions, r.answered, r.answeredOnTime, r.onTime === null ? null : Math.round(r.onTime * 1000) / 10, r.overdue],
    })),
  };
}

/** The regions' table as the page shows a cell. */
export function regionCell(lang: Language, index: number, value: number | null): string {
  if (value === null) return translate(lang, 'charts.noData');
  return index === 7 ? `${formatNumber(lang, value)} %` : formatNumber(lang, value);
}

/** One table of the page as CSV. */
export function analyticsCsv(lang: Language, model: AnalyticsModel, measure: Measure, table: CsvTable): string {
  const measureName = translate(lang, measureKeys[measure]);
  switch (table) {
    case 'map':
      return mapCsv({ asOf: model.asOf, values: mapValues(model, measure), measure: measureName, format: formatter(lang, measure), lang, domain: domainOf(measure) });
    case 'trend':
      return chartCsv(translate(lang, 'outreachStats.colMonth'), measureName, trendRows(lang, model, measure));
    case 'topics':
      return chartCsv(translate(lang, 'outreachStats.colTopic'), translate(lang, 'outreachStats.measure.events'), topicRows(lang, model));
    case 'regions': {
      const { header, rows } = regionTable(lang, model);
      return toCsv(['KATO', ...header], rows.map((r): CsvValue[] => [r.kato, r.name, ...r.values]));
    }
  }
}
