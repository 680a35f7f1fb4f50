// A measure over periods drawn on the server as SVG — a line (gaps where a period has no value)
// or columns — with a value axis, the same points as a table beside and as CSV. No script and no
// inline style (the CSP allows neither).
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import type { Language } from '../i18n/languages.js';
import { translate } from '../i18n/messages.js';
import { ChartTable, CsvDownload, type ChartRow } from './chart-table.js';
import { hasValue } from './colour-scale.js';
import { borderColour, fontFamily, textColour, xmlText } from './svg-text.js';

export interface TrendChartProps {
  /** The chart's name: the SVG's title and the table's caption. */
  title: string;
  /** In time order; label is the period as a reader says it ("2024 Q1"). */
  points: readonly ChartRow[];
  measure: string;
  format: (value: number) => string;
  lang: Language;
  kind?: 'line' | 'column';
  /** Prefix of the element ids, unique on the page. */
  id?: string;
  colour?: string;
}

const width = 600;
const height = 280;
const margin = { top: 14, right: 16, bottom: 40, left: 64 };
/** At most this many period labels under the axis (every n-th, counted back from the last), so they do not overlap. */
const maxAxisLabels = 8;

const round = (n: number) => Math.round(n * 10) / 10;

export function TrendChart({ title, points, measure, format, lang, kind = 'line', id = 'trend-chart', colour = '#1d70b8' }: TrendChartProps) {
  if (points.length === 0) return null;
  const values = points.map((p) => p.value).filter(hasValue);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(0, ...values)])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  if (values.every((v) => v === 0)) y.domain([0, 1]);
  const keys = points.map((p) => p.key);
  const band = scaleBand().domain(keys).range([margin.left, width - margin.right]).padding(0.25);
  const point = scalePoint().domain(keys).range([margin.left, width - margin.right]).padding(0.5);
  const xOf = (key: string) => (kind === 'column' ? (band(key) ?? 0) + band.bandwidth() / 2 : (point(key) ?? 0));
  const every = Math.ceil(points.length / maxAxisLabels);
  const path = line<ChartRow>()
    .defined((p) => hasValue(p.value))
    .x((p) => round(xOf(p.key)))
    .y((p) => round(y(p.value ?? 0)))
    .digits(1)(points);
  const noData = translate(lang, 'charts.noData');
  const first = points[0]!;
  const last = points.at(-1)!;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class={`chart chart--trend chart--${kind}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      font-family={fontFamily}
      font-size="14"
    >
      <title id={`${id}-title`}>{xmlText(title)}</title>
      <desc id={`${id}-desc`}>{xmlText(translate(lang, 'charts.trendDesc', { measure, first: first.label, last: last.label, count: points.length }))}</desc>
      <g class="chart-trend__axis" fill={textColour}>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={round(y(tick))} y2={round(y(tick))} stroke={tick === 0 ? borderColour : '#d8dadb'} stroke-width="1" />
            <text x={margin.left - 6} y={round(y(tick)) + 5} text-anchor="end">
              {xmlText(format(tick))}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          (points.length - 1 - i) % every === 0 ? (
            <text key={p.key} class="chart-trend__period" x={round(xOf(p.key))} y={height - margin.bottom + 22} text-anchor="middle">
              {xmlText(p.label)}
            </text>
          ) : null,
        )}
      </g>
      {kind === 'line' && path && <path class="chart-trend__line" d={path} fill="none" stroke={colour} stroke-width="2.5" stroke-linejoin="round" />}
      {points.map((p) => {
        const value = hasValue(p.value) ? p.value : null;
        const label = xmlText(`${p.label}: ${value === null ? noData : format(value)}`);
        if (value === null) {
          return (
            <g key={p.key} class="chart-trend__point chart-trend__point--no-data" data-key={p.key}>
              <title>{label}</title>
            </g>
          );
        }
        if (kind === 'column') {
          const top = Math.min(y(value), y(0));
          return (
            <rect key={p.key} class="chart-trend__point" data-key={p.key} data-value={String(value)} x={round(band(p.key) ?? 0)} y={round(top)} width={round(band.bandwidth())} height={round(Math.abs(y(value) - y(0)))} fill={colour}>
              <title>{label}</title>
            </rect>
          );
        }
        return (
          <circle key={p.key} class="chart-trend__point" data-key={p.key} data-value={String(value)} cx={round(xOf(p.key))} cy={round(y(value))} r="4" fill={colour} stroke="#ffffff" stroke-width="1.5">
            <title>{label}</title>
          </circle>
        );
      })}
    </svg>
  );
}

/** The chart, its table and (when given) the CSV download, as one figure. */
export function TrendFigure(props: TrendChartProps & { csvHref?: string; periodHeader?: string }) {
  const { csvHref, periodHeader, ...chart } = props;
  return (
    <figure class="chart-figure">
      <TrendChart {...chart} />
      <ChartTable caption={chart.title} labelHeader={periodHeader ?? translate(chart.lang, 'charts.period')} measure={chart.measure} rows={chart.points} format={chart.format} lang={chart.lang} />
      {csvHref && <CsvDownload href={csvHref} lang={chart.lang} />}
    </figure>
  );
}
