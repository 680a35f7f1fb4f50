// Horizontal bars drawn on the server as SVG (one per row: label, value), with the same rows as a
// table beside and as CSV. Long labels are shortened in the picture only; the bar's <title> and
// the table keep them whole. No script and no inline style (the CSP allows neither).
import { scaleLinear } from 'd3-scale';
import type { Language } from '../i18n/languages.js';
import { translate } from '../i18n/messages.js';
import { ChartTable, CsvDownload, type ChartRow } from './chart-table.js';
import { hasValue } from './colour-scale.js';
import { borderColour, fontFamily, textColour, xmlText } from './svg-text.js';

export interface BarChartProps {
  /** The chart's name: the SVG's title and the table's caption. */
  title: string;
  rows: readonly ChartRow[];
  /** What the values measure (the value column's header). */
  measure: string;
  /** The header of the label column ("Region"). */
  labelHeader: string;
  format: (value: number) => string;
  lang: Language;
  /** Prefix of the element ids, unique on the page. */
  id?: string;
  /** The bar colour (dark enough for 3:1 against white). */
  colour?: string;
}

const width = 600;
const labelWidth = 230;
const valueRoom = 80;
const rowHeight = 28;
const barHeight = 18;
const top = 6;
const maxLabel = 24;

/** A label cut to fit the picture, with an ellipsis. */
export const shortLabel = (label: string, max = maxLabel): string => {
  const chars = [...label];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : label;
};

export function BarChart({ title, rows, measure, format, lang, id = 'bar-chart', colour = '#1d70b8' }: BarChartProps) {
  if (rows.length === 0) return null;
  const values = rows.map((r) => r.value).filter(hasValue);
  const x = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(0, ...values)])
    .nice()
    .range([labelWidth, width - valueRoom]);
  if (values.every((v) => v === 0)) x.domain([0, 1]);
  const zero = x(0);
  const height = top + rows.length * rowHeight + 6;
  const noData = xmlText(translate(lang, 'charts.noData'));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="chart chart--bars"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      font-family={fontFamily}
      font-size="14"
    >
      <title id={`${id}-title`}>{xmlText(title)}</title>
      <desc id={`${id}-desc`}>{xmlText(translate(lang, 'charts.barDesc', { measure, count: rows.length }))}</desc>
      <line x1={zero} x2={zero} y1={top - 2} y2={height - 4} stroke={borderColour} stroke-width="1" />
      {rows.map((row, i) => {
        const y = top + i * rowHeight;
        const value = hasValue(row.value) ? row.value : null;
        const end = value === null ? zero : x(value);
        const left = Math.min(zero, end);
        const barWidth = Math.abs(end - zero);
        const text = value === null ? noData : xmlText(format(value));
        const negative = value !== null && value < 0;
        return (
          <g key={row.key} class={value === null ? 'chart-bars__row chart-bars__row--no-data' : 'chart-bars__row'} data-key={row.key} data-value={value === null ? undefined : String(value)}>
            <title>{xmlText(`${row.label}: ${text}`)}</title>
            <text x={labelWidth - 8} y={y + barHeight / 2 + 5} text-anchor="end" fill={textColour}>
              {xmlText(shortLabel(row.label))}
            </text>
            {value !== null && <rect class="chart-bars__bar" x={round(left)} y={y} width={round(barWidth)} height={barHeight} fill={colour} />}
            <text
              x={round(negative ? left - 4 : left + barWidth + 4)}
              y={y + barHeight / 2 + 5}
              text-anchor={negative ? 'end' : 'start'}
              fill={value === null ? borderColour : textColour}
            >
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The bars, their table and (when given) the CSV download, as one figure. */
export function BarFigure(props: BarChartProps & { csvHref?: string }) {
  const { csvHref, ...chart } = props;
  return (
    <figure class="chart-figure">
      <BarChart {...chart} />
      <ChartTable caption={chart.title} labelHeader={chart.labelHeader} measure={chart.measure} rows={chart.rows} format={chart.format} lang={chart.lang} />
      {csvHref && <CsvDownload href={csvHref} lang={chart.lang} />}
    </figure>
  );
}
