// What comes in to the calendar's office pages: a year added, a year marked complete or reopened,
// a day added or changed (kind, names in kk/ru/en, source), and the year or day in the path.
import { z } from 'zod';
import { dayKinds } from '../../core/calendar/working-days.js';
import { choice, fieldProblem, optionalText, requiredDate, requiredText, text, version, wholeNumber } from '../../core/http/forms.js';
import { pathParams } from '../../core/http/params.js';

export const firstYear = 1991;
export const lastYear = 2200;

export const yearParams = pathParams({ year: z.string().regex(/^\d{4}$/).transform(Number) });
export const dayParams = pathParams({ date: z.iso.date() });

export const yearForm = z.object({
  year: wholeNumber('calendar.yearMissing', 'calendar.yearInvalid', { min: firstYear, max: lastYear, values: { min: firstYear, max: lastYear } }),
  source: optionalText(1000),
});

export const completeForm = z.object({
  complete: choice(['yes', 'no'], 'calendar.completeMissing'),
  source: optionalText(1000),
  version: version(),
});

const dayFields = {
  kind: choice(dayKinds, 'calendar.kindMissing'),
  nameKk: requiredText('calendar.nameKkMissing'),
  nameRu: requiredText('calendar.nameRuMissing'),
  nameEn: text(),
  source: optionalText(1000),
};

/** A new day of the year: its date must fall in that year. */
export const newDayForm = (year: number) =>
  z.object({ date: requiredDate('calendar.dateMissing', 'calendar.dateInvalid'), ...dayFields }).superRefine((a, ctx) => {
    if (/^\d{4}-/.test(a.date) && Number(a.date.slice(0, 4)) !== year) ctx.addIssue(fieldProblem('date', 'calendar.dateOutsideYear', { year }));
  });

export const dayForm = z.object({ ...dayFields, version: version() });
