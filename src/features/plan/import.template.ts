// The plan import's template: an XLSX with the columns' names in Kazakh or Russian on the first sheet
// (one item a row; "*" marks a column a file must have) and how to fill it in on the second.
import { loadExcel } from '../../core/lazy-modules.js';
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { planColumns } from './import.columns.js';

export async function buildPlanTemplate(lang: StoredLanguage): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Kenes';
  workbook.created = new Date(Date.UTC(2024, 0, 1));
  const sheet = workbook.addWorksheet(translate(lang, 'planImport.title').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = planColumns.map((c) => ({
    header: `${c.header[lang]}${c.required ? ' *' : ''}`,
    key: c.key,
    width: c.width,
    style: c.key === 'startsOn' ? { numFmt: 'dd.mm.yyyy' } : { numFmt: '@' },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };

  const help = workbook.addWorksheet(translate(lang, 'planImport.stepsTitle').slice(0, 31));
  help.columns = [{ header: translate(lang, 'planImport.stepsTitle'), key: 'what', width: 120 }];
  help.getRow(1).font = { bold: true };
  for (const step of ['planImport.step1', 'planImport.step2', 'planImport.step3', 'planImport.step4'] as const) help.addRow({ what: translate(lang, step) }).alignment = { wrapText: true, vertical: 'top' };
  help.addRow({ what: `* ${translate(lang, 'planImport.required')}` });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
