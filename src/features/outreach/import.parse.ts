// Reads an uploaded outreach file into rows of text (core/spreadsheets/parse.ts reads it, in a worker
// thread that imports this module): the columns, the ones a file must have, and the dates and times
// Excel keeps as numbers.
import * as parsed from '../../core/spreadsheets/parsed-file.js';
import type { SheetReader } from '../../core/spreadsheets/parse-pool.js';
import { excelSerialDate, isExcelSerialDate, parseTable, readTable, type TableSpec } from '../../core/spreadsheets/parse.js';
import { headerLanguage } from '../../core/spreadsheets/headers.js';
import { matchOutreachHeader, outreachColumnKeys, outreachColumns, type OutreachColumnKey } from './import.columns.js';

export type OutreachFile = parsed.ParsedFile<OutreachColumnKey>;
export const outreachFileSchema = parsed.parsedFileSchema(outreachColumnKeys);

/** A time of day Excel keeps as a fraction of a day (0.625 is 15:00). */
function excelTime(n: number): string | undefined {
  if (!(n >= 0 && n < 1)) return undefined;
  const minutes = Math.round(n * 24 * 60);
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const outreachTable: TableSpec<OutreachColumnKey> = {
  matchHeader: matchOutreachHeader,
  headerLanguage,
  headerProblems: (found) => outreachColumns.filter((c) => c.required && !found.has(c.key)).map((c) => ({ messageKey: 'outreach.import.columnMissing', column: c.key })),
  cellTextChars: 5001,
  numberText: (n, key) => {
    if (key === 'date' && isExcelSerialDate(n)) return excelSerialDate(n);
    if (key === 'time' || key === 'endTime') return excelTime(n);
    return undefined;
  },
};

/** Reads a file on this thread: what the worker does, told so by outreachFileReader. */
export const readOutreachFile = (data: Uint8Array): Promise<OutreachFile> => readTable(data, outreachTable);

export const outreachFileReader: SheetReader<OutreachFile> = { module: import.meta.url, name: 'readOutreachFile', schema: outreachFileSchema };

/** Reads an outreach file in a worker thread, within core/spreadsheets/parse.ts's limits. */
export const parseOutreachFile = (data: Uint8Array): Promise<OutreachFile> => parseTable(data, outreachFileReader);
