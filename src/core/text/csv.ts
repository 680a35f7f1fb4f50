// CSV (RFC 4180) for spreadsheets, shared by every export (the audit log, the open-data lists): a
// BOM so Excel reads UTF-8 (Kazakh letters), CRLF line ends, and no cell that a spreadsheet would
// run as a formula.

/** Put first in a CSV file so spreadsheet programs read it as UTF-8. */
export const csvBom = '\uFEFF';

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;
/**
 * A number or a phone number (+7 701 123 45 67, -12.5): digits, spaces, brackets, dots and dashes
 * only, so no function or cell reference can hide in it. Kept as it is — an apostrophe would
 * change the data.
 */
const plainNumber = /^[+-]?[\d ().-]*\d[\d ().-]*$/;

/** One CSV cell: formula triggers neutralised with a leading apostrophe (never in plain numbers), then quoted if needed. */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: (string | null | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
