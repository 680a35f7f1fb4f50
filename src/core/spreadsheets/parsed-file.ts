// What reading an uploaded table gives: rows of text by column, and problems with the file as a
// whole. It crosses from the worker thread and is stored with an upload, so it is checked
// (parsedFileSchema) wherever it comes back. K names the columns a feature's table has.
import { z } from 'zod';
import type { StoredLanguage } from '../i18n/localized-text.js';
import { isMessageKey, isMessageValues, type MessageKey, type MessageValues } from '../i18n/messages.js';

export interface ImportProblem<K extends string> {
  messageKey: MessageKey;
  values?: MessageValues;
  /** The column the problem is in; the report names it in the reader's language. */
  column?: K;
}

export interface ParsedRow<K extends string> {
  /** The row number in the spreadsheet (the header row included; 1-based). */
  row: number;
  values: Partial<Record<K, string>>;
}

export interface ParsedFile<K extends string> {
  format: 'xlsx' | 'csv' | 'unknown';
  /** The language the header row is written in (names in the rows are taken to be in it too). */
  language: StoredLanguage;
  columns: K[];
  rows: ParsedRow<K>[];
  /** Problems with the file as a whole: nothing row by row can be said until these are fixed. */
  problems: ImportProblem<K>[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A ParsedFile of these columns that comes back from elsewhere (the worker thread, a stored upload): checked, not trusted. */
export function parsedFileSchema<K extends string>(columnKeys: readonly K[]): z.ZodType<ParsedFile<K>> {
  const known = new Set<string>(columnKeys);
  const columnKey = z.custom<K>((value) => typeof value === 'string' && known.has(value));
  const values = z.custom<Partial<Record<K, string>>>((value) => isRecord(value) && Object.entries(value).every(([key, text]) => known.has(key) && typeof text === 'string'));
  return z.object({
    format: z.enum(['xlsx', 'csv', 'unknown']),
    language: z.enum(['kk', 'ru', 'en']),
    columns: z.array(columnKey),
    rows: z.array(z.object({ row: z.number(), values })),
    problems: z.array(z.object({ messageKey: z.custom<MessageKey>(isMessageKey), values: z.custom<MessageValues>(isMessageValues).optional(), column: columnKey.optional() })),
  });
}
