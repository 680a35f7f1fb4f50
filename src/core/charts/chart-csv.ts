// A chart's data as a CSV download, the same rows as its table: through core/text/csv.ts (BOM,
// CRLF, no cell a spreadsheet would run as a formula); numbers plain, not formatted for a language.
import { csvBom, csvLine } from '../text/csv.js';

export type CsvValue = string | number | null | undefined;

const cell = (value: CsvValue): string => (typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : (value ?? ''));

/** A CSV file from a header row and data rows; a missing number is an empty cell. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvBom + csvLine(header.map(cell)) + rows.map((row) => csvLine(row.map(cell))).join('');
}
