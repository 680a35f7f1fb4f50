// The matrix of items × responsible bodies: each cell the expected reports of one item and body
// summed up — the standing that needs attention first, how many are accepted, whether one is late,
// the report to open — built from a (filtered) progress model (the public CSV) or from parts the
// secretariat's matrix reads summed up (matrix.service.ts); and the same matrix as CSV and XLSX.
import { loadExcel } from '../../core/lazy-modules.js';
import { localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { csvBom, csvLine } from '../../core/text/csv.js';
import type { ReportStanding } from './progress.js';
import type { Body, ItemProgress, PlanProgress } from './progress.service.js';
import { standingIcons, standingKey, statusKey } from './views/public/status.js';

export interface MatrixCell {
  /** Null when the body owes nothing for this item (in the filtered periods). */
  standing: ReportStanding | null;
  count: number;
  accepted: number;
  late: boolean;
  /** The report to open: the latest one in the standing shown, else the latest one filed. */
  reportId: string | null;
}

/** What a row shows of its item (an ItemProgress is one). */
export type MatrixItem = Pick<ItemProgress, 'id' | 'sectionId' | 'position' | 'number' | 'action' | 'status'>;

export interface MatrixRow {
  item: MatrixItem;
  cells: MatrixCell[];
}

export interface Matrix {
  columns: Body[];
  rows: MatrixRow[];
}

/** Expected reports of one item and body alike in standing and lateness: `count` of them, the latest filed one of its period `periodStart`. */
export interface CellPart {
  standing: ReportStanding;
  late: boolean;
  count: number;
  reportId: string | null;
  periodStart: string;
}

/** The standings and "late" the matrix filters by. */
export const matrixStatuses: (ReportStanding | 'late')[] = ['missing', 'returned', 'submitted', 'draft', 'accepted', 'not_due', 'late'];
export type MatrixStatus = (typeof matrixStatuses)[number];

export const partMatches = (part: { standing: ReportStanding; late: boolean }, status: MatrixStatus | undefined): boolean =>
  !status || (status === 'late' ? part.late : part.standing === status);

/** Which standing a cell shows when it holds several reports: the one that needs attention first. */
const attention: ReportStanding[] = ['missing', 'returned', 'draft', 'submitted', 'accepted', 'not_due'];
const emptyCell: MatrixCell = { standing: null, count: 0, accepted: 0, late: false, reportId: null };

export function cellOf(parts: CellPart[]): MatrixCell {
  if (parts.length === 0) return emptyCell;
  const standing = attention.find((s) => parts.some((p) => p.standing === s)) ?? 'not_due';
  let count = 0;
  let accepted = 0;
  let late = false;
  let open: CellPart | undefined;
  const rank = (p: CellPart) => (p.standing === standing ? 1 : 0);
  for (const p of parts) {
    count += p.count;
    if (p.standing === 'accepted') accepted += p.count;
    late ||= p.late;
    // The latest report in the standing shown wins over any other; else the latest one.
    if (p.reportId !== null && (!open || rank(p) > rank(open) || (rank(p) === rank(open) && p.periodStart > open.periodStart))) open = p;
  }
  return { standing, count, accepted, late, reportId: open?.reportId ?? null };
}

export function buildMatrix(progress: PlanProgress): Matrix {
  const owing = new Set(progress.items.flatMap((i) => i.expected.map((e) => e.bodyId)));
  const columns = progress.bodies.filter((b) => owing.has(b.id));
  const rows = progress.items.map((item) => {
    const byBody = Map.groupBy(item.expected, (e) => e.bodyId);
    const partsOf = (bodyId: string): CellPart[] =>
      (byBody.get(bodyId) ?? []).map((e) => ({ standing: e.standing, late: e.late, count: 1, reportId: e.reportId, periodStart: e.period.start }));
    return { item, cells: columns.map((b) => cellOf(partsOf(b.id))) };
  });
  return { columns, rows };
}

/** The sections a matrix's rows name (a plan's progress is one). */
export interface MatrixSections {
  sections: { id: string; title: LocalizedText }[];
}

/** A cell as text: the standing, the count when it holds several reports, and "late". */
export function cellText(lang: Language, cell: MatrixCell): string {
  if (!cell.standing) return '';
  let text = translate(lang, standingKey(cell.standing));
  if (cell.count > 1) text += ` (${translate(lang, 'planMatrix.cellCount', { accepted: cell.accepted, count: cell.count })})`;
  if (cell.late && cell.standing !== 'missing') text += `, ${translate(lang, 'planMatrix.late')}`;
  return text;
}

/** cellText for many cells: cells alike share their words, made once. */
export function cellTexts(lang: Language): (cell: MatrixCell) => string {
  const known = new Map<string, string>();
  return (cell) => {
    const key = `${cell.standing} ${cell.count} ${cell.accepted} ${cell.late}`;
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = cellText(lang, cell)));
    return text;
  };
}

function header(lang: Language, matrix: Matrix): string[] {
  return [
    translate(lang, 'planMatrix.number'),
    translate(lang, 'planMatrix.section'),
    translate(lang, 'planMatrix.item'),
    translate(lang, 'planMatrix.itemStatus'),
    ...matrix.columns.map((b) => localize(lang, b.shortName ?? b.name).text),
  ];
}

function lines(lang: Language, progress: MatrixSections, matrix: Matrix): string[][] {
  const sections = new Map(progress.sections.map((s) => [s.id, localize(lang, s.title).text]));
  const text = cellTexts(lang);
  return matrix.rows.map(({ item, cells }) => [
    item.number ?? String(item.position),
    item.sectionId ? sections.get(item.sectionId) ?? '' : '',
    localize(lang, item.action).text,
    translate(lang, statusKey(item.status)),
    ...cells.map(text),
  ]);
}

/** The matrix as CSV (UTF-8 with a BOM, CRLF, formula triggers neutralised). */
export function matrixCsv(lang: Language, progress: MatrixSections, matrix: Matrix): Buffer {
  const out = [`${csvBom}${csvLine(header(lang, matrix))}`, ...lines(lang, progress, matrix).map(csvLine)];
  return Buffer.from(out.join(''), 'utf8');
}

/** The matrix as an Excel workbook: a frozen header row and item columns, filters, the key on a second sheet. */
export async function matrixXlsx(lang: Language, progress: MatrixSections, matrix: Matrix): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Kenes';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(translate(lang, 'planMatrix.sheet').slice(0, 31), { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  const head = header(lang, matrix);
  sheet.columns = head.map((h, i) => ({ header: h, key: `c${i}`, width: i === 2 ? 60 : i < 2 ? 14 : 18 }));
  const first = sheet.getRow(1);
  first.font = { bold: true };
  first.alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };
  // Plain values only: exceljs writes a formula only when asked to, so a text starting with "=" stays text.
  for (const line of lines(lang, progress, matrix)) sheet.addRow(line).alignment = { wrapText: true, vertical: 'top' };
  const key = workbook.addWorksheet(translate(lang, 'planMatrix.keySheet').slice(0, 31));
  key.columns = [
    { header: '', key: 'icon', width: 6 },
    { header: translate(lang, 'planMatrix.standingLabel'), key: 'label', width: 40 },
  ];
  for (const [standing, icon] of Object.entries(standingIcons)) {
    const found = attention.find((s) => s === standing);
    if (found) key.addRow({ icon, label: translate(lang, standingKey(found)) });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
