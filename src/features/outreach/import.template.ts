// The outreach import's template: an XLSX with the columns' names in Kazakh, Russian or English on the
// first sheet ("*" marks a column a file must have), one example row, and how to fill it in on the second.
import { loadExcel } from '../../core/lazy-modules.js';
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { outreachColumns } from './import.columns.js';

export async function buildOutreachTemplate(lang: StoredLanguage): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Kenes';
  workbook.created = new Date(Date.UTC(2024, 0, 1));
  const sheet = workbook.addWorksheet(translate(lang, 'outreach.officeTitle').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = outreachColumns.map((c) => ({ header: `${c.header[lang]}${c.required ? ' *' : ''}`, key: c.key, width: c.width, style: { numFmt: '@' } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const help = workbook.addWorksheet(translate(lang, 'outreach.import.stepsTitle').slice(0, 31));
  help.columns = [{ header: translate(lang, 'outreach.import.stepsTitle'), key: 'what', width: 120 }];
  help.getRow(1).font = { bold: true };
  for (const step of ['outreach.import.step1', 'outreach.import.step2', 'outreach.import.step3'] as const) help.addRow({ what: translate(lang, step) }).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
