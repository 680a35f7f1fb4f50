// The working-day calendar under /api/v1 (public, in /api/v1/openapi.json): a due date N working
// days after a day, and a year's non-working and transferred days — from the same calendar the
// questions use. A year the calendar does not know is a 422 naming it, never a guess.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dayKinds, nonWorkingKinds } from '../../core/calendar/working-days.js';
import { AppError } from '../../core/errors.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { allForms } from '../../core/i18n/format.js';
import { errorSchema, localizedTextSchema } from '../registry/registry.schemas.js';
import { calendarServiceFor, UnknownCalendarYearError } from './calendar.service.js';

const cacheControl = 'public, max-age=300';

const day = (name: string) =>
  z.iso.date({ error: `${name} must be a day, YYYY-MM-DD` });

const dueDateQuery = z.object({
  from: day('from').describe('The registration day (day 0), YYYY-MM-DD'),
  working_days: z.coerce
    .number({ error: 'working_days must be a whole number from 1 to 366' })
    .int({ error: 'working_days must be a whole number from 1 to 366' })
    .min(1, { error: 'working_days must be a whole number from 1 to 366' })
    .max(366, { error: 'working_days must be a whole number from 1 to 366' })
    .describe('How many working days after it (a citizen\'s question: 15)'),
});

const dueDateSchema = z
  .object({
    from: z.iso.date(),
    working_days: z.number().int(),
    due: z.iso.date().describe('The working_days-th working day after from: the first working day after from is day 1'),
  })
  .meta({ id: 'DueDate', description: 'A term in working days on Kazakhstan\'s calendar (five-day week)' });

const yearQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, { error: 'year must be a year, e.g. 2026' })
    .transform(Number)
    .describe('The calendar year'),
});

const nonWorkingDaysSchema = z
  .object({
    year: z.number().int(),
    days: z.array(
      z.object({
        date: z.iso.date(),
        kind: z.enum(dayKinds).describe('holiday, transfer_day_off (a day off in lieu or moved), kurban_ait, or transfer_working_day (a Saturday, Sunday or would-be day off made a working day)'),
        working: z.boolean().describe('True only for transfer_working_day'),
        name: localizedTextSchema,
      }),
    ),
  })
  .meta({ id: 'NonWorkingDays', description: 'The days of a year that differ from the five-day week; every other Saturday and Sunday is a day off' });

/** The API's refusal of a year the calendar does not know. */
function unknownYear(err: UnknownCalendarYearError, field: string): AppError {
  return new AppError(422, 'validation_failed', 'calendar.yearUnknown', { year: err.year }, [{ field, messageKey: 'calendar.yearUnknown', values: { year: err.year } }]);
}

export async function calendarApiRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const calendar = await calendarServiceFor(app.database);

  api.get(
    '/api/v1/calendar/due-date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The day N working days after a day (day 0) on Kazakhstan\'s working-day calendar',
        querystring: dueDateQuery,
        response: { 200: dueDateSchema, 400: errorSchema, 422: errorSchema.describe('A day needed is in a year the calendar does not know') },
      },
    },
    async (request, reply) => {
      const { from, working_days } = request.query;
      try {
        const result = await calendar.dueDate(from, working_days);
        reply.header('cache-control', cacheControl);
        return { from: result.from, working_days: result.workingDays, due: result.due };
      } catch (err) {
        if (err instanceof UnknownCalendarYearError) throw unknownYear(err, err.year === Number(from.slice(0, 4)) ? 'from' : 'working_days');
        throw err;
      }
    },
  );

  api.get(
    '/api/v1/calendar/non-working-days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'A year\'s holidays, days off in lieu and transfers on Kazakhstan\'s working-day calendar',
        querystring: yearQuery,
        response: { 200: nonWorkingDaysSchema, 400: errorSchema, 422: errorSchema.describe('The calendar does not know this year') },
      },
    },
    async (request, reply) => {
      const { year } = request.query;
      try {
        const days = await calendar.nonWorkingDays(year);
        reply.header('cache-control', cacheControl);
        return { year, days: days.map((d) => ({ date: d.date, kind: d.kind, working: !nonWorkingKinds.has(d.kind), name: allForms(d.name) })) };
      } catch (err) {
        if (err instanceof UnknownCalendarYearError) throw unknownYear(err, 'year');
        throw err;
      }
    },
  );
}
