// Reads the first visible sheet of an XLSX workbook as a stream, checking every size before anything
// grows with it. The zip's parts come from xlsx-zip.ts, inflated as they are read; saxes reads each
// part as a stream of tags, so only the cells kept and the shared strings are held, never the
// sheet's XML or a model of the workbook. exceljs's `load()` holds all of both, and its streaming
// reader gathers a cell's text without a limit and spills sheets to temporary files, so it is not
// used here.
import { SaxesParser } from 'saxes';
import { FileProblem, unreadable } from './file-problem.js';
import { openWorkbookZip, partPath, relsPath, type ZipLimits } from './xlsx-zip.js';

export type Cell = string | number | boolean | Date | null;
/** Rows as the spreadsheet numbers them (index 0 is row 1); a missing entry is an empty row. */
export type Grid = (Cell[] | undefined)[];
export interface Sheet {
  grid: Grid;
  /** More rows than we read. */
  truncated: boolean;
}

export interface XlsxLimits extends ZipLimits {
  /** Rows read, by their number in the sheet; a value in a later row makes the sheet `truncated`. */
  rows: number;
  /** Columns with values; a value further right is a problem. */
  columns: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  cellChars: number;
  /** Different texts in the workbook (its shared strings). */
  sharedStrings: number;
  /** Characters of all the workbook's texts together. */
  sharedChars: number;
}

/**
 * What to keep of the rows after the first ten, given those ten: the caller knows which columns it
 * reads once it has seen the header, so a wide sheet costs only the columns that matter.
 */
export type RowTrimmer = (firstRows: Grid) => (cells: Cell[]) => Cell[];

/** Thrown from a tag handler to stop reading a part early. */
class StopReading extends Error {}

/**
 * The longest stretch of XML read without an ordinary tag's "<". saxes collects a text node (and a
 * tag's attributes) until the next "<", so this bounds what it holds whatever the file says. A cell of
 * Excel's 32,767 characters fits even written as "&#1114111;" escapes (10 bytes a character).
 */
const maxMarkupRunBytes = 512 * 1024;

export async function readXlsx(data: Uint8Array, limits: XlsxLimits, trimmer: RowTrimmer): Promise<Sheet> {
  const zip = await openWorkbookZip(data, limits);
  try {
    const { open } = zip;
    const rootRels = await readRelationships(open('_rels/.rels'), limits);
    const workbookPath = partPath('', rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml');
    const workbookRels = await readRelationships(open(relsPath(workbookPath)), limits);
    const workbook = await readWorkbook(open(workbookPath), limits);
    const target = (type: string, fallback: string) => partPath(workbookPath, workbookRels.find((r) => r.type.endsWith(type))?.target ?? fallback);

    const sheet = workbook.sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? workbook.sheets[0];
    const sheetTarget = sheet && workbookRels.find((r) => r.id === sheet.relationshipId)?.target;
    if (!sheetTarget) throw unreadable();
    const dateStyles = await readDateStyles(open(target('/styles', 'styles.xml')), limits);
    const strings = await readSharedStrings(open(target('/sharedStrings', 'sharedStrings.xml')), limits);
    const sheetPart = open(partPath(workbookPath, sheetTarget));
    if (!sheetPart) throw unreadable();
    return await readSheet(sheetPart, { strings, dateStyles, date1904: workbook.date1904 }, limits, trimmer);
  } finally {
    zip.close();
  }
}

// ── XML ──

interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** The name without its namespace prefix: some writers spell the elements `x:row`. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Reads a part's XML, calling the handlers; they may throw StopReading to end early. Refuses a
 * stretch of more than maxMarkupRunBytes before saxes sees it: see there.
 */
async function readXml(part: AsyncIterable<Buffer>, handlers: XmlHandlers, limits: XlsxLimits): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  parser.on('error', () => {
    throw unreadable();
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new TextDecoder('utf-8');
  const guard = markupGuard(limits);
  try {
    for await (const chunk of part) {
      guard(chunk);
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof StopReading) return;
    throw e instanceof FileProblem ? e : unreadable();
  }
}

/** Counts bytes since the last "<" that opens an ordinary tag (not "<!" or "<?", whose contents may hold "<"). */
function markupGuard(limits: XlsxLimits): (chunk: Buffer) => void {
  let run = 0;
  let inTag = false;
  let afterLt = false;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (afterLt) {
        afterLt = false;
        if (b !== 0x21 && b !== 0x3f) run = 0; // "!" or "?"
      }
      if (b === 0x3c) {
        afterLt = true;
        inTag = true;
      } else if (b === 0x3e) inTag = false;
      if (++run > maxMarkupRunBytes) {
        // A long stretch of text is a cell far over the limit; a long tag is no spreadsheet at all.
        throw inTag ? unreadable() : new FileProblem('import.file.tooBigCell', { limit: limits.cellChars });
      }
    }
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** Relationships are few in any workbook; more than this is not one. */
const maxRelationships = 10_000;

async function readRelationships(part: AsyncIterable<Buffer> | undefined, limits: XlsxLimits): Promise<Relationship[]> {
  const list: Relationship[] = [];
  if (!part) return list;
  await readXml(
    part,
    {
      open(name, a) {
        if (name !== 'Relationship') return;
        if (list.length >= maxRelationships) throw unreadable();
        list.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' });
      },
    },
    limits,
  );
  return list;
}

interface WorkbookInfo {
  date1904: boolean;
  sheets: { relationshipId: string; state: string }[];
}

async function readWorkbook(part: AsyncIterable<Buffer> | undefined, limits: XlsxLimits): Promise<WorkbookInfo> {
  if (!part) throw unreadable();
  const info: WorkbookInfo = { date1904: false, sheets: [] };
  await readXml(
    part,
    {
      open(name, a) {
        if (name === 'workbookPr') info.date1904 = a.date1904 === '1' || a.date1904 === 'true';
        else if (name === 'sheet') {
          // Excel allows as many sheets as memory does; the first visible one is among the first.
          if (info.sheets.length >= maxRelationships) throw unreadable();
          info.sheets.push({ relationshipId: a['r:id'] ?? Object.entries(a).find(([k]) => localName(k) === 'id')?.[1] ?? '', state: a.state ?? 'visible' });
        }
      },
    },
    limits,
  );
  return info;
}

// ── Styles: which cells hold dates ──

/** Excel's built-in number formats that show a date or a time. */
const isBuiltInDateFormat = (id: number) => (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
/** Excel allows 64,000 cell formats in a workbook. */
const maxCellFormats = 64_000;

/** A format shows a date when, outside quoted text and [colour] or [condition] brackets, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  return /[dmyhs]/i.test(code.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** For each cell format (a cell's `s`), whether it shows a date. */
async function readDateStyles(part: AsyncIterable<Buffer> | undefined, limits: XlsxLimits): Promise<boolean[]> {
  const dates: boolean[] = [];
  if (!part) return dates;
  const customDates = new Map<number, boolean>();
  let inCellFormats = false;
  await readXml(
    part,
    {
      open(name, a) {
        if (name === 'numFmt') {
          if (customDates.size >= maxCellFormats) throw unreadable();
          customDates.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
        } else if (name === 'cellXfs') inCellFormats = true;
        else if (name === 'xf' && inCellFormats) {
          if (dates.length >= maxCellFormats) throw unreadable();
          const id = Number(a.numFmtId ?? 0);
          dates.push(customDates.get(id) ?? isBuiltInDateFormat(id));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellFormats = false;
      },
    },
    limits,
  );
  return dates;
}

// ── Texts ──

/** Collects the text of `<t>` elements outside phonetic runs (`<rPh>`), within the cell limit. */
function textCollector(limits: XlsxLimits) {
  let depthInT = 0;
  let phonetic = 0;
  let text = '';
  return {
    reset() {
      text = '';
    },
    get text() {
      return text;
    },
    open(name: string) {
      if (name === 't') depthInT++;
      else if (name === 'rPh') phonetic++;
    },
    close(name: string) {
      if (name === 't') depthInT = Math.max(0, depthInT - 1);
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
    },
    add(chunk: string) {
      if (depthInT === 0 || phonetic > 0) return;
      text += chunk;
      if (text.length > limits.cellChars) throw new FileProblem('import.file.tooBigCell', { limit: limits.cellChars });
    },
  };
}

async function readSharedStrings(part: AsyncIterable<Buffer> | undefined, limits: XlsxLimits): Promise<string[]> {
  const strings: string[] = [];
  if (!part) return strings;
  const collector = textCollector(limits);
  let total = 0;
  await readXml(
    part,
    {
      open(name) {
        if (name === 'si') collector.reset();
        else collector.open(name);
      },
      close(name) {
        if (name !== 'si') return collector.close(name);
        total += collector.text.length;
        if (total > limits.sharedChars) throw new FileProblem('import.file.tooBigText', { limit: limits.sharedChars / 1_000_000 });
        if (strings.length >= limits.sharedStrings) throw new FileProblem('import.file.tooManyTexts', { limit: limits.sharedStrings });
        strings.push(collector.text);
      },
      text: (t) => collector.add(t),
    },
    limits,
  );
  return strings;
}

// ── The sheet ──

/** "B7" → 1 (zero-based column), or -1 when the reference has no letters. */
function columnOf(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length && i < 4; i++) {
    const c = reference.charCodeAt(i) & ~0x20; // upper case
    if (c < 0x41 || c > 0x5a) break;
    column = column * 26 + (c - 0x40);
  }
  return i === 0 ? -1 : column - 1;
}

const serialToDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

async function readSheet(part: AsyncIterable<Buffer>, context: SheetContext, limits: XlsxLimits, trimmer: RowTrimmer): Promise<Sheet> {
  const grid: Grid = [];
  let truncated = false;
  let trim: ((cells: Cell[]) => Cell[]) | undefined;
  let rowIndex = -1;
  let cells: Cell[] = [];
  let hasValue = false;
  // The cell being read.
  let column = -1;
  let type = '';
  let style = 0;
  let inValue = false;
  let value = '';
  const inline = textCollector(limits);

  const endRow = () => {
    if (!hasValue) return;
    if (rowIndex >= limits.rows) {
      truncated = true;
      throw new StopReading();
    }
    if (rowIndex >= 10) trim ??= trimmer(grid.slice(0, 10));
    grid[rowIndex] = trim && rowIndex >= 10 ? trim(cells) : cells;
  };

  const cellValue = (): Cell => {
    switch (type) {
      case 's': {
        const index = Number(value);
        return Number.isInteger(index) ? (context.strings[index] ?? null) : null;
      }
      case 'inlineStr':
        return inline.text;
      case 'str':
        return value;
      case 'b':
        return value.trim() === '1' || value.trim() === 'true';
      case 'e':
        return null;
      case 'd': {
        const date = new Date(value.trim());
        return Number.isNaN(date.getTime()) ? null : date;
      }
      default: {
        if (!value.trim()) return null;
        const n = Number(value);
        if (!Number.isFinite(n)) return null;
        return context.dateStyles[style] ? serialToDate(n, context.date1904) : n;
      }
    }
  };

  await readXml(
    part,
    {
      open(name, a) {
        switch (name) {
          case 'row': {
            const r = Number(a.r);
            rowIndex = Number.isInteger(r) && r > 0 ? r - 1 : rowIndex + 1;
            cells = [];
            hasValue = false;
            column = -1;
            return;
          }
          case 'c': {
            const at = a.r ? columnOf(a.r) : -1;
            column = at >= 0 ? at : column + 1;
            type = a.t ?? 'n';
            style = Number(a.s ?? 0);
            value = '';
            inline.reset();
            return;
          }
          case 'v':
            inValue = true;
            return;
          default:
            inline.open(name);
        }
      },
      close(name) {
        switch (name) {
          case 'row':
            return endRow();
          case 'c': {
            const cell = cellValue();
            if (cell === null || cell === '') return;
            if (column >= limits.columns) throw new FileProblem('import.file.tooManyColumns', { limit: limits.columns });
            cells[column] = cell;
            hasValue = true;
            return;
          }
          case 'v':
            inValue = false;
            return;
          default:
            inline.close(name);
        }
      },
      text(t) {
        if (inValue) {
          value += t;
          if (value.length > limits.cellChars) throw new FileProblem('import.file.tooBigCell', { limit: limits.cellChars });
        } else if (type === 'inlineStr') inline.add(t);
      },
    },
    limits,
  );
  return { grid, truncated };
}
