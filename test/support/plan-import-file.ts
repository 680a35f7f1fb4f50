// Work plan files for the plan import's tests (and the browser tests): an XLSX made with exceljs, its
// header row in Kazakh, Russian or English as the template names the columns, one item a row.
import ExcelJS from 'exceljs';
import { planColumns, type PlanColumnKey } from '../../src/features/plan/import.columns.js';

/** One row of a plan file: a cell per column (a Date for a date cell as Excel keeps it); empty cells left out. */
export type PlanImportRow = Partial<Record<PlanColumnKey, string | number | Date>>;

export interface PlanImportFileOptions {
  /** The language of the header row (default Russian). */
  language?: 'kk' | 'ru' | 'en';
  /** The columns, in order (default every column of the template). */
  columns?: PlanColumnKey[];
  /** Header cells written as given instead, e.g. wrong names. */
  headers?: Partial<Record<PlanColumnKey, string>>;
}

/** An XLSX of a work plan: a header row, then the rows. */
export async function planImportWorkbook(rows: PlanImportRow[], options: PlanImportFileOptions = {}): Promise<Buffer> {
  const language = options.language ?? 'ru';
  const keys = options.columns ?? planColumns.map((c) => c.key);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('План');
  sheet.addRow(keys.map((key) => options.headers?.[key] ?? planColumns.find((c) => c.key === key)!.header[language]));
  for (const row of rows) sheet.addRow(keys.map((key) => row[key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A small plan for 2025–2027 in two sections: an item of every region maslikhat reported quarterly
 * with an indicator, an item of one maslikhat (by its address on Kenes) due on a date, and a yearly
 * one of a maslikhat named by its KATO code with the Council as co-executor (by its address).
 */
export function samplePlanRows(): PlanImportRow[] {
  return [
    {
      sectionKk: 'Заңнаманы жетілдіру',
      sectionRu: 'Совершенствование законодательства',
      number: '1',
      actionKk: 'Мәслихаттардың тұрақты комиссиялары жұмысының тәжірибесін жинақтау',
      actionRu: 'Обобщение практики работы постоянных комиссий маслихатов',
      resultKk: 'Талдамалық анықтама',
      resultRu: 'Аналитическая справка',
      responsible: 'Все областные маслихаты',
      deadlineKind: 'Ежеквартально',
      deadline: '31.12.2026',
      indicatorNameKk: 'Өткізілген отырыстар',
      indicatorNameRu: 'Проведённые заседания',
      indicatorUnitKk: 'бірлік',
      indicatorUnitRu: 'единиц',
      indicatorTarget: 12,
    },
    {
      number: '2',
      actionKk: 'Депутаттарға арналған семинар өткізу',
      actionRu: 'Проведение семинара для депутатов',
      responsible: 'maslikhat-270000000',
      deadline: new Date(Date.UTC(2025, 5, 30)),
      startsOn: '01.03.2025',
    },
    {
      sectionKk: 'Ақпараттық жұмыс',
      sectionRu: 'Информационная работа',
      number: '3',
      actionKk: 'Мәслихаттың жыл қорытындысы туралы есеп жариялау',
      actionRu: 'Публикация отчёта маслихата об итогах года',
      responsible: '590000000',
      coExecutors: 'council-senate',
      deadline: 'ежегодно до 31.12.2027',
    },
  ];
}
