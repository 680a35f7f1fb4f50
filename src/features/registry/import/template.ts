// The import template: an XLSX with the columns' names in Kazakh, Russian or English on the first
// sheet (one deputy a row) and what goes in each column on the second.
import { loadExcel } from '../../../core/lazy-modules.js';
import type { StoredLanguage } from '../../../core/i18n/localized-text.js';
import { translate } from '../../../core/i18n/messages.js';
import { columns } from './columns.js';

export async function buildTemplate(lang: StoredLanguage): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Kenes';
  workbook.created = new Date(Date.UTC(2024, 0, 1));
  const sheet = workbook.addWorksheet(translate(lang, 'import.template.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: `${c.header[lang]}${c.required ? ' *' : ''}`,
    key: c.key,
    width: c.width,
    style: c.text ? { numFmt: '@' } : c.key.endsWith('Date') ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };

  const help = workbook.addWorksheet(translate(lang, 'import.template.helpSheet'));
  help.columns = [
    { header: translate(lang, 'import.column'), key: 'column', width: 34 },
    { header: translate(lang, 'import.columnWhat'), key: 'what', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    help.addRow({ column: c.header[lang], what: translate(lang, `import.columnHint.${c.key}`) }).alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow({});
  help.addRow({ column: '*', what: translate(lang, 'import.template.requiredNote') });
  help.addRow({ column: '', what: translate(lang, 'import.template.rulesNote') }).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
