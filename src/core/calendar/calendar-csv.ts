// Reads the working-day calendar's CSV (reference-data/kz-nonworking-days.csv: date,kind,name_en,source).
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { dayKinds } from './working-days.js';

const calendarRow = z.object({
  date: z.iso.date(),
  kind: z.enum(dayKinds),
  name_en: z.string().min(1),
  source: z.string(),
});

export type CalendarCsvRow = z.output<typeof calendarRow>;

/** The file's rows, checked (a wrong date or kind throws, naming the row). */
export function parseCalendarCsv(text: string): CalendarCsvRow[] {
  const records: unknown = parse(text, { columns: true, skip_empty_lines: true });
  return z.array(calendarRow).parse(records);
}
