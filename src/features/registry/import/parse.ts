// Reads an uploaded deputies file into rows of text (core/spreadsheets/parse.ts does the reading, in a
// worker thread): the deputies' columns, the ones a file must have, and cells that are numbers in
// Excel but text here (an IIN keeps its leading zeros; a date that lost its format is a date again).
import * as parsed from '../../../core/spreadsheets/parsed-file.js';
import type { SheetReader } from '../../../core/spreadsheets/parse-pool.js';
import { excelSerialDate, isExcelSerialDate, parseTable, readTable, type TableSpec } from '../../../core/spreadsheets/parse.js';
import { headerLanguage } from '../../../core/spreadsheets/headers.js';
import { columnKeys, matchHeader, type ColumnKey } from './columns.js';

/** What reading a deputies file gives (core/spreadsheets/parsed-file.ts), for the deputies' columns. */
export type ParsedFile = parsed.ParsedFile<ColumnKey>;
export type ParsedRow = parsed.ParsedRow<ColumnKey>;
export type ImportProblem = parsed.ImportProblem<ColumnKey>;
export const parsedFileSchema = parsed.parsedFileSchema(columnKeys);

const deputiesTable: TableSpec<ColumnKey> = {
  matchHeader,
  headerLanguage,
  headerProblems(found) {
    const problems: ImportProblem[] = [];
    for (const key of ['familyName', 'givenName'] as const) {
      if (!found.has(key)) problems.push({ messageKey: 'import.file.columnMissing', column: key });
    }
    if (!found.has('birthDate') && !found.has('iin')) problems.push({ messageKey: 'import.file.birthDateOrIinColumnMissing' });
    return problems;
  },
  numberText(n, key) {
    if (key === 'iin' && Number.isInteger(n) && n >= 0 && n < 1e12) return String(n).padStart(12, '0');
    if ((key === 'birthDate' || key === 'startDate') && isExcelSerialDate(n)) return excelSerialDate(n);
    return undefined;
  },
};

/** Reads a file on this thread: what the worker does, told so by deputiesReader. */
export const readDeputiesFile = (data: Uint8Array): Promise<ParsedFile> => readTable(data, deputiesTable);

export const deputiesReader: SheetReader<ParsedFile> = { module: import.meta.url, name: 'readDeputiesFile', schema: parsedFileSchema };

/** Reads a deputies file in a worker thread, within core/spreadsheets/parse.ts's limits. */
export const parseDeputiesFile = (data: Uint8Array): Promise<ParsedFile> => parseTable(data, deputiesReader);
