// Heavy libraries loaded on first use, not at start-up: the process must stay small (under
// 250 MB resident) and start fast, and most requests never build a spreadsheet or resize a photo.
import type ExcelJS from 'exceljs';
import type Sharp from 'sharp';

let excel: Promise<typeof ExcelJS> | undefined;
let sharp: Promise<typeof Sharp> | undefined;

export const loadExcel = (): Promise<typeof ExcelJS> => (excel ??= import('exceljs').then((m) => m.default));
export const loadSharp = (): Promise<typeof Sharp> => (sharp ??= import('sharp').then((m) => m.default));
