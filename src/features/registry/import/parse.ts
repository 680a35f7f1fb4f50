// Reads an uploaded deputies file into rows of text, whatever its format: XLSX (the template, or any
// workbook: the first sheet) or CSV (";" or "," or tab, UTF-8 with or without BOM, UTF-16 with BOM,
// or Windows-1251 as older Excel saves it). The format is told by the content, never by the name.
// Row numbers are the spreadsheet's, so a report can say "row 7" and the person finds row 7.
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../../core/lazy-modules.js';
import type { StoredLanguage } from '../../../core/i18n/localized-text.js';
import type { MessageKey, MessageValues } from '../../../core/i18n/messages.js';
import { headerLanguage, matchHeader, type ColumnKey } from './columns.js';

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

export const maxFileBytes = 10 * 1024 * 1024;
export const maxRows = 20_000;

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

const problemFile = (messageKey: MessageKey, values?: MessageValues): ParsedFile => ({
  format: 'unknown',
  language: 'ru',
  columns: [],
  rows: [],
  problems: [{ messageKey, ...(values ? { values } : {}) }],
});

export async function parseDeputiesFile(data: Uint8Array): Promise<ParsedFile> {
  if (data.length === 0) return problemFile('import.file.empty');
  if (data.length > maxFileBytes) return problemFile('import.file.tooLarge', { limit: maxFileBytes / 1024 / 1024 });
  switch (sniffFormat(data)) {
    case 'xls':
      return problemFile('import.file.oldExcel');
    case 'binary':
      return problemFile('import.file.unsupported');
    case 'xlsx': {
      const grid = await readXlsx(data);
      return grid ? fromGrid('xlsx', grid) : problemFile('import.file.unreadable');
    }
    case 'csv': {
      const grid = readCsv(data);
      return grid ? fromGrid('csv', grid) : problemFile('import.file.unreadable');
    }
  }
}

type Cell = string | number | boolean | Date | null;
/** Rows as the spreadsheet numbers them (index 0 is row 1); a missing entry is an empty row. */
type Grid = (Cell[] | undefined)[];
interface Sheet {
  grid: Grid;
  /** More rows than we read. */
  truncated: boolean;
}

// ── XLSX ──

/** A cell's value without formulas, rich text or links. */
function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return String(value.text ?? '');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null || typeof result === 'object' && !(result instanceof Date)) return null;
    return result as Cell;
  }
  if ('error' in value) return null;
  return null;
}

async function readXlsx(data: Uint8Array): Promise<Sheet | null> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return null;
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > maxRows + 50) return;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = plainValue(cell.value);
    });
    grid[rowNumber - 1] = cells;
  });
  return { grid, truncated: sheet.actualRowCount > maxRows + 50 };
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

function readCsv(data: Uint8Array): Sheet | null {
  const text = decodeText(data);
  if (text === null) return null;
  try {
    const records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
    }) as string[][];
    return { grid: records, truncated: false };
  } catch {
    return null;
  }
}

// ── Rows ──

/** A date cell as the person sees it in the sheet: DD.MM.YYYY. */
function cellDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
/** Excel's day numbers (1900 date system) when a date cell lost its date format. */
const excelSerialDate = (n: number) => cellDate(new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000));

function cellText(cell: Cell, key: ColumnKey): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cellDate(cell);
  if (typeof cell === 'number') {
    if (key === 'iin' && Number.isInteger(cell) && cell >= 0 && cell < 1e12) return String(cell).padStart(12, '0');
    if ((key === 'birthDate' || key === 'startDate') && cell > 1 && cell < 2_958_466 && Number.isInteger(cell)) return excelSerialDate(cell);
    return String(cell);
  }
  return String(cell).replace(/\s+/g, ' ').trim();
}

const isBlank = (cells: Cell[] | undefined) => !cells || cells.every((c) => c === null || c === undefined || (typeof c === 'string' && !c.trim()));

function fromGrid(format: 'xlsx' | 'csv', { grid, truncated }: Sheet): ParsedFile {
  // The header row: the first of the first ten rows that names at least two of our columns.
  let headerIndex = -1;
  let headerCells: ({ key: ColumnKey; language: StoredLanguage | null } | undefined)[] = [];
  for (let i = 0; i < Math.min(grid.length, 10); i++) {
    const cells = (grid[i] ?? []).map((c) => (typeof c === 'string' ? matchHeader(c) : undefined));
    if (cells.filter(Boolean).length >= 2) {
      headerIndex = i;
      headerCells = cells;
      break;
    }
  }
  const base: ParsedFile = { format, language: 'ru', columns: [], rows: [], problems: [] };
  if (headerIndex < 0) {
    return { ...base, problems: [{ messageKey: grid.some((r) => !isBlank(r)) ? 'import.file.noHeader' : 'import.file.empty' }] };
  }
  const language = headerLanguage(headerCells.map((c) => c?.language ?? null).filter((_, i) => headerCells[i]));
  // The first column of each name counts; a repeated header is ignored.
  const positions = new Map<ColumnKey, number>();
  headerCells.forEach((c, i) => {
    if (c && !positions.has(c.key)) positions.set(c.key, i);
  });
  const found = [...positions.keys()];
  const problems: ImportProblem[] = [];
  for (const key of ['familyName', 'givenName'] as const) {
    if (!positions.has(key)) problems.push({ messageKey: 'import.file.columnMissing', column: key });
  }
  if (!positions.has('birthDate') && !positions.has('iin')) problems.push({ messageKey: 'import.file.birthDateOrIinColumnMissing' });

  const rows: ParsedRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i];
    if (isBlank(cells)) continue;
    const values: Partial<Record<ColumnKey, string>> = {};
    for (const [key, position] of positions) {
      const text = cellText(cells![position] ?? null, key);
      if (text) values[key] = text.slice(0, 500);
    }
    if (Object.keys(values).length === 0) continue; // something only in columns we do not read
    rows.push({ row: i + 1, values });
  }
  if (truncated || rows.length > maxRows) problems.push({ messageKey: 'import.file.tooManyRows', values: { limit: maxRows } });
  else if (rows.length === 0 && problems.length === 0) problems.push({ messageKey: 'import.file.noRows' });
  return { format, language, columns: found, rows: problems.length ? [] : rows, problems };
}
