// The table beside a chart: one row per label with its value ("no data" where there is none), the
// same data a person who cannot see the picture reads, and the rows of the CSV download.
import { DataTable } from '../html/components.js';
import type { Language } from '../i18n/languages.js';
import { translate } from '../i18n/messages.js';
import { toCsv } from './chart-csv.js';
import { hasValue } from './colour-scale.js';

export interface ChartRow {
  /** Unique among the rows (a KATO code, a period's first day…). */
  key: string;
  label: string;
  value: number | null;
  /** A page about the row, linked from its label. */
  href?: string | undefined;
}

export interface ChartTableProps {
  caption: string;
  /** The header of the label column ("Region", "Period"). */
  labelHeader: string;
  /** The header of the value column: what the values measure. */
  measure: string;
  rows: readonly ChartRow[];
  format: (value: number) => string;
  lang: Language;
}

export function ChartTable({ caption, labelHeader, measure, rows, format, lang }: ChartTableProps) {
  return (
    <DataTable caption={caption} columns={[labelHeader, { label: measure, numeric: true }]}>
      {rows.map((row) => (
        <tr key={row.key}>
          <th scope="row">{row.href ? <a href={row.href}>{row.label}</a> : row.label}</th>
          <td class="numeric">{hasValue(row.value) ? format(row.value) : translate(lang, 'charts.noData')}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The rows as a CSV file: the label, then the value as a plain number. */
export const chartCsv = (labelHeader: string, measure: string, rows: readonly ChartRow[]): string =>
  toCsv(
    [labelHeader, measure],
    rows.map((r) => [r.label, hasValue(r.value) ? r.value : null]),
  );

/** The link to a chart's CSV download. */
export function CsvDownload({ href, lang }: { href: string; lang: Language }) {
  return (
    <p class="chart-download">
      <a href={href} download>
        {translate(lang, 'charts.csvDownload')}
      </a>
    </p>
  );
}
