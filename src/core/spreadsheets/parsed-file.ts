// What reading an uploaded deputies file gives: rows of text by column, and problems with the file
// as a whole. It crosses from the worker thread and is stored with an upload, so it is checked
// (parsedFileSchema) wherever it comes back.
import { z } from 'zod';
import type { StoredLanguage } from '../../../core/i18n/localized-text.js';
import { isMessageKey, isMessageValues, type MessageKey, type MessageValues } from '../../../core/i18n/messages.js';
import { columnKeys, type ColumnKey } from './columns.js';

export interface ImportProblem {
  messageKey: MessageKey;
  values?: MessageValues;
  /** The column the problem is in; the report names it in the reader's language. */
  column?: ColumnKey;
}

export interface ParsedRow {
  /** The row number in the spreadsheet (the header row included; 1-based). */
  row: number;
  values: Partial<Record<ColumnKey, string>>;
}

export interface ParsedFile {
  format: 'xlsx' | 'csv' | 'unknown';
  /** The language the header row is written in (names in the rows are taken to be in it too). */
  language: StoredLanguage;
  columns: ColumnKey[];
  rows: ParsedRow[];
  /** Problems with the file as a whole: nothing row by row can be said until these are fixed. */
  problems: ImportProblem[];
}

const columnKey = z.enum(columnKeys);

/** A ParsedFile that comes back from elsewhere (the worker thread, a stored upload): checked, not trusted. */
export const parsedFileSchema: z.ZodType<ParsedFile> = z.object({
  format: z.enum(['xlsx', 'csv', 'unknown']),
  language: z.enum(['kk', 'ru', 'en']),
  columns: z.array(columnKey),
  rows: z.array(z.object({ row: z.number(), values: z.partialRecord(columnKey, z.string()) })),
  problems: z.array(z.object({ messageKey: z.custom<MessageKey>(isMessageKey), values: z.custom<MessageValues>(isMessageValues).optional(), column: columnKey.optional() })),
});

