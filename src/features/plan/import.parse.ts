// Reads an uploaded work plan file into rows of text (core/spreadsheets/parse.ts reads it, in a worker
// thread that imports this module): the plan's columns, the ones a file must have, and date cells
// that Excel keeps as day numbers.
import * as parsed from '../../core/spreadsheets/parsed-file.js';
import type { SheetReader } from '../../core/spreadsheets/parse-pool.js';
import { excelSerialDate, isExcelSerialDate, parseTable, readTable, type TableSpec } from '../../core/spreadsheets/parse.js';
import { headerLanguage } from '../../core/spreadsheets/headers.js';
import { matchPlanHeader, planColumns, planColumnKeys, type PlanColumnKey } from './import.columns.js';

export type PlanFile = parsed.ParsedFile<PlanColumnKey>;
export type PlanFileRow = parsed.ParsedRow<PlanColumnKey>;
export type PlanFileProblem = parsed.ImportProblem<PlanColumnKey>;
export const planFileSchema = parsed.parsedFileSchema(planColumnKeys);

const planTable: TableSpec<PlanColumnKey> = {
  matchHeader: matchPlanHeader,
  headerLanguage,
  headerProblems: (found) => planColumns.filter((c) => c.required && !found.has(c.key)).map((c) => ({ messageKey: 'planImport.file.columnMissing', column: c.key })),
  cellTextChars: 2001,
  numberText: (n, key) => ((key === 'deadline' || key === 'startsOn') && isExcelSerialDate(n) ? excelSerialDate(n) : undefined),
};

/** Reads a file on this thread: what the worker does, told so by planFileReader. */
export const readPlanFile = (data: Uint8Array): Promise<PlanFile> => readTable(data, planTable);

export const planFileReader: SheetReader<PlanFile> = { module: import.meta.url, name: 'readPlanFile', schema: planFileSchema };

/** Reads a plan file in a worker thread, within core/spreadsheets/parse.ts's limits. */
export const parsePlanFile = (data: Uint8Array): Promise<PlanFile> => parseTable(data, planFileReader);
