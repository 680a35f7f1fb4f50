// Heavy libraries loaded on first use, not at start-up: the process must stay small (under
// 250 MB resident) and start fast, and most requests never build a spreadsheet, resize a photo
// or print the minutes of a meeting.
import type * as Docx from 'docx';
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type Sharp from 'sharp';

let excel: Promise<typeof ExcelJS> | undefined;
let sharp: Promise<typeof Sharp> | undefined;
let docx: Promise<typeof Docx> | undefined;
let pdfKit: Promise<typeof PDFDocument> | undefined;

export const loadExcel = (): Promise<typeof ExcelJS> => (excel ??= import('exceljs').then((m) => m.default));
export const loadSharp = (): Promise<typeof Sharp> => (sharp ??= import('sharp').then((m) => m.default));
export const loadDocx = (): Promise<typeof Docx> => (docx ??= import('docx'));
export const loadPdfKit = (): Promise<typeof PDFDocument> => (pdfKit ??= import('pdfkit').then((m) => m.default));
