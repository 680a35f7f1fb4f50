// Reads an uploaded table into rows of text, whatever its format: XLSX (a template, or any workbook:
// the first sheet) or CSV (";" or "," or tab, UTF-8 with or without BOM, UTF-16 with BOM, or
// Windows-1251 as older Excel saves it). The format is told by the content, never by the name. Row
// numbers are the spreadsheet's, so a report can say "row 7" and the person finds row 7. A feature
// says which columns it reads (a TableSpec) and reads with it in a worker (a SheetReader).
//
// Memory and time: a file is read in a worker thread with at most 64 MB of heap (about 100 MB resident
// at worst) for 20 seconds, two at a time in a process (a third waits its turn), so reading uploads
// costs the server at most about 200 MB and never blocks its event loop (parse-pool.ts). Within that,
// every size is checked before anything grows with it (xlsx.ts): 100 MB unpacked, a packing ratio of
// 100, 32,767 characters a cell, 100 columns, maxRows + 50 rows.
import { parse as parseCsv } from 'csv-parse/sync';
import type { StoredLanguage } from '../i18n/localized-text.js';
import type { MessageKey, MessageValues } from '../i18n/messages.js';
import type { ImportProblem, ParsedFile, ParsedRow } from './parsed-file.js';
import { defaultParsePool, type SheetReader } from './parse-pool.js';
import { FileProblem } from './file-problem.js';
import { readXlsx, type Cell, type Grid, type RowTrimmer, type Sheet, type XlsxLimits } from './xlsx.js';

/** The columns a feature's table has, and what its header and cells mean. */
export interface TableSpec<K extends string> {
  /** The column a header cell names, and the language of that name when it is one of ours. */
  matchHeader(text: string): { key: K; language: StoredLanguage | null } | undefined;
  /** A header row's language, from the languages of its cells. */
  headerLanguage(languages: (StoredLanguage | null)[]): StoredLanguage;
  /** Problems with the columns found (a required one missing); none lets the rows be read. */
  headerProblems(found: ReadonlySet<K>): ImportProblem<K>[];
  /** A number cell's text in a column, when not the number as written (an IIN's zeros, a date). */
  numberText?(value: number, key: K): string | undefined;
  /** Characters kept of a cell (500 unless said): one more than the longest text a column takes lets its check see the overflow. */
  cellTextChars?: number;
}

export const maxFileBytes = 10 * 1024 * 1024;
export const maxRows = 20_000;
/** Columns with anything in them: a template has about ten. */
export const maxColumns = 100;

/**
 * What an XLSX file may hold. A list of 20,000 deputies (six times the country's) unpacks to about
 * 7 MB and reads in 1.5 s with about 20 MB of heap; these leave room for any honest file, and a file
 * at every limit at once still reads within the worker's 64 MB.
 */
export const xlsxLimits: XlsxLimits = {
  rows: maxRows + 50,
  columns: maxColumns,
  cellChars: 32_767,
  unpackedBytes: 100 * 1024 * 1024,
  ratio: 100,
  sharedStrings: 250_000,
  sharedChars: 5_000_000,
};

/** What the first bytes say the file is. */
export function sniffFormat(data: Uint8Array): 'xlsx' | 'csv' | 'xls' | 'binary' {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'xls';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff) || starts(0xef, 0xbb, 0xbf)) return 'csv';
  const head = data.subarray(0, 8192);
  if (head.includes(0)) return 'binary';
  // Control characters other than tab, line feed, carriage return and form feed: not a text file.
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return 'binary';
  return 'csv';
}

const problemFile = <K extends string>(messageKey: MessageKey, values?: MessageValues): ParsedFile<K> => ({
  format: 'unknown',
  language: 'ru',
  columns: [],
  rows: [],
  problems: [{ messageKey, ...(values ? { values } : {}) }],
});

/** Problems told from the bytes alone, before any reading. */
function precheck<K extends string>(data: Uint8Array): ParsedFile<K> | null {
  if (data.length === 0) return problemFile('import.file.empty');
  if (data.length > maxFileBytes) return problemFile('import.file.tooLarge', { limit: maxFileBytes / 1024 / 1024 });
  switch (sniffFormat(data)) {
    case 'xls':
      return problemFile('import.file.oldExcel');
    case 'binary':
      return problemFile('import.file.unsupported');
    default:
      return null;
  }
}

/** Reads a file in a worker thread with the reader's readTable, within the limits above (see parse-pool.ts). */
export async function parseTable<K extends string>(data: Uint8Array, reader: SheetReader<ParsedFile<K>>): Promise<ParsedFile<K>> {
  const refused = precheck<K>(data);
  if (refused) return refused;
  const outcome = await defaultParsePool.read(data, reader);
  return 'file' in outcome ? outcome.file : problemFile(outcome.problem.messageKey, outcome.problem.values);
}

/** Reads a file on this thread: what the worker does (parse.worker.ts). */
export async function readTable<K extends string>(data: Uint8Array, spec: TableSpec<K>): Promise<ParsedFile<K>> {
  const refused = precheck<K>(data);
  if (refused) return refused;
  const trimmer: RowTrimmer = (firstRows) => rowTrimmer(spec, firstRows);
  try {
    if (sniffFormat(data) === 'xlsx') return fromGrid(spec, 'xlsx', await readXlsx(data, xlsxLimits, trimmer));
    const sheet = readCsv(data, trimmer);
    return sheet ? fromGrid(spec, 'csv', sheet) : problemFile('import.file.unreadable');
  } catch (e) {
    if (e instanceof FileProblem) return problemFile(e.messageKey, e.values);
    throw e;
  }
}

// ── CSV ──

function decodeText(data: Uint8Array): string | null {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return new TextDecoder('utf-8').decode(data.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: a CSV saved by Excel with a Russian Windows locale is Windows-1251.
    try {
      return new TextDecoder('windows-1251').decode(data);
    } catch {
      return null;
    }
  }
}

/** The delimiter the header line uses most, outside quotes: ";" (Excel in Kazakh or Russian), "," or tab. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let seenContent = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
    if (ch.trim()) seenContent = true;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

function readCsv(data: Uint8Array, trimmer: RowTrimmer): Sheet | null {
  const text = decodeText(data);
  if (text === null) return null;
  // Records are kept as they come, the first ten whole and later ones trimmed to the columns read, as
  // readXlsx does; the parser's own list of records stays empty.
  const grid: Grid = [];
  let trim: ((cells: Cell[]) => Cell[]) | undefined;
  let truncated = false;
  try {
    parseCsv(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
      on_record: (record: string[]) => {
        const index = grid.length;
        if (isBlank(record)) grid.push(undefined);
        else if (index >= xlsxLimits.rows) {
          truncated = true;
          throw new Error('enough rows');
        } else if (record.slice(maxColumns).some((c) => c.trim())) {
          throw new FileProblem('import.file.tooManyColumns', { limit: maxColumns });
        } else {
          if (index >= 10) trim ??= trimmer(grid.slice(0, 10));
          grid.push(trim ? trim(record) : record);
        }
        return null;
      },
    });
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    if (!truncated) return null;
  }
  return { grid, truncated };
}

// ── Rows ──

/** A date cell as the person sees it in the sheet: DD.MM.YYYY. */
function cellDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
/** Excel's day numbers (1900 date system) when a date cell lost its date format, as DD.MM.YYYY. */
export const excelSerialDate = (n: number) => cellDate(new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000));

/** Whether a number can be one of Excel's day numbers (1900-01-01 to 9999-12-31). */
export const isExcelSerialDate = (n: number) => n > 1 && n < 2_958_466 && Number.isInteger(n);

function cellText<K extends string>(spec: TableSpec<K>, cell: Cell, key: K): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cellDate(cell);
  if (typeof cell === 'number') return spec.numberText?.(cell, key) ?? String(cell);
  return String(cell).replace(/\s+/g, ' ').trim();
}

const isBlank = (cells: Cell[] | undefined) => !cells || cells.every((c) => c === null || c === undefined || (typeof c === 'string' && !c.trim()));

type HeaderCell<K extends string> = { key: K; language: StoredLanguage | null } | undefined;

/** The header row: the first of the first ten rows that names at least two of our columns. */
function findHeader<K extends string>(spec: TableSpec<K>, grid: Grid): { index: number; cells: HeaderCell<K>[] } | null {
  for (let i = 0; i < Math.min(grid.length, 10); i++) {
    const cells = (grid[i] ?? []).map((c) => (typeof c === 'string' ? spec.matchHeader(c) : undefined));
    if (cells.filter(Boolean).length >= 2) return { index: i, cells };
  }
  return null;
}

/**
 * After the first ten rows only the header's columns are read (fromGrid), so only those are kept of
 * later rows; with no header, a row is kept as one cell, enough to tell "no header" from "empty".
 */
function rowTrimmer<K extends string>(spec: TableSpec<K>, firstRows: Grid): (cells: Cell[]) => Cell[] {
  const header = findHeader(spec, firstRows);
  if (!header) return (cells) => (isBlank(cells) ? [] : [cells.find((c) => !isBlank([c])) ?? null]);
  const positions = header.cells.flatMap((c, i) => (c ? [i] : []));
  return (cells) => {
    const kept: Cell[] = [];
    for (const i of positions) if (cells[i] !== undefined) kept[i] = cells[i]!;
    return kept;
  };
}

function fromGrid<K extends string>(spec: TableSpec<K>, format: 'xlsx' | 'csv', { grid, truncated }: Sheet): ParsedFile<K> {
  const header = findHeader(spec, grid);
  const base: ParsedFile<K> = { format, language: 'ru', columns: [], rows: [], problems: [] };
  if (!header) {
    return { ...base, problems: [{ messageKey: grid.some((r) => !isBlank(r)) ? 'import.file.noHeader' : 'import.file.empty' }] };
  }
  const { index: headerIndex, cells: headerCells } = header;
  const language = spec.headerLanguage(headerCells.map((c) => c?.language ?? null).filter((_, i) => headerCells[i]));
  // The first column of each name counts; a repeated header is ignored.
  const positions = new Map<K, number>();
  headerCells.forEach((c, i) => {
    if (c && !positions.has(c.key)) positions.set(c.key, i);
  });
  const found = [...positions.keys()];
  const problems: ImportProblem<K>[] = spec.headerProblems(new Set(found));

  const rows: ParsedRow<K>[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i];
    if (isBlank(cells)) continue;
    const values: Partial<Record<K, string>> = {};
    for (const [key, position] of positions) {
      const text = cellText(spec, cells![position] ?? null, key);
      if (text) values[key] = text.slice(0, spec.cellTextChars ?? 500);
    }
    if (Object.keys(values).length === 0) continue; // something only in columns we do not read
    rows.push({ row: i + 1, values });
  }
  if (truncated || rows.length > maxRows) problems.push({ messageKey: 'import.file.tooManyRows', values: { limit: maxRows } });
  else if (rows.length === 0 && problems.length === 0) problems.push({ messageKey: 'import.file.noRows' });
  return { format, language, columns: found, rows: problems.length ? [] : rows, problems };
}
