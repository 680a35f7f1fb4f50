// The calendar's office pages under /{lang}/office/admin/calendar (administrators): the years, a
// year's days, adding a year or a day, changing a day, marking a year complete. Mounted under /:lang.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import type { FieldProblem } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { completeForm, dayForm, dayParams, newDayForm, yearForm, yearParams } from './calendar.forms.js';
import { calendarPolicies } from './calendar.policies.js';
import { calendarServiceFor, type DayRow } from './calendar.service.js';
import { DayPage, YearPage, YearsPage, type DayAnswers, type YearAnswers } from './views/office.js';

/** Office pages are never kept by a browser or proxy. */
const noStore = 'no-store';
const blankDay: DayAnswers = { date: '', kind: '', nameKk: '', nameRu: '', nameEn: '', source: '', version: '' };
const storedDay = (d: DayRow): DayAnswers => ({
  date: d.date,
  kind: d.kind,
  nameKk: d.name.kk ?? '',
  nameRu: d.name.ru ?? '',
  nameEn: d.name.en ?? '',
  source: d.source ?? '',
  version: String(d.version),
});

export async function calendarOfficeRoutes(app: FastifyInstance): Promise<void> {
  definePolicies(calendarPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const calendar = await calendarServiceFor(app.database);
  const manage = (request: FastifyRequest) => authorize(request, 'calendar.manage');

  async function yearsPage(request: FastifyRequest, answers: YearAnswers, problems: FieldProblem[]) {
    const title = titleWithErrors(request.lang, translate(request.lang, 'calendar.title'), problems);
    return { title, body: <YearsPage years={await calendar.years()} answers={answers} problems={problems} /> };
  }

  async function yearPage(request: FastifyRequest, year: number, answers: DayAnswers, problems: FieldProblem[]) {
    const view = await calendar.year(year);
    return { title: titleWithErrors(request.lang, translate(request.lang, 'calendar.yearTitle', { year }), problems), body: <YearPage year={view} answers={answers} problems={problems} /> };
  }

  route.get('/office/admin/calendar', async (request, reply) => {
    manage(request);
    const page = await yearsPage(request, { year: '', source: '' }, []);
    return reply.header('cache-control', noStore).page(page.title, page.body);
  });

  route.post('/office/admin/calendar', async (request, reply) => {
    manage(request);
    const form = parseForm(yearForm, request.body);
    if (!form.ok) {
      const page = await yearsPage(request, form.raw, form.problems);
      return reply.page(page.title, page.body, 400);
    }
    const { year, source } = form.answers;
    if ((await calendar.years()).some((y) => y.year === year)) {
      const page = await yearsPage(request, form.raw, [{ field: 'year', messageKey: 'calendar.yearExists', values: { year } }]);
      return reply.page(page.title, page.body, 400);
    }
    await calendar.addYear(year, source, request.changeContext());
    return reply.redirect(`/${request.lang}/office/admin/calendar/${year}`, 303);
  });

  route.get('/office/admin/calendar/:year', { schema: { params: yearParams } }, async (request, reply) => {
    manage(request);
    const page = await yearPage(request, request.params.year, blankDay, []);
    return reply.header('cache-control', noStore).page(page.title, page.body);
  });

  route.post('/office/admin/calendar/:year/complete', { schema: { params: yearParams } }, async (request, reply) => {
    manage(request);
    const year = await calendar.year(request.params.year);
    const form = parseForm(completeForm, request.body);
    if (!form.ok) {
      const page = await yearPage(request, year.year, blankDay, form.problems);
      return reply.page(page.title, page.body, 400);
    }
    await calendar.setComplete(year.year, form.answers.version, form.answers.complete === 'yes', form.answers.source, request.changeContext());
    return reply.redirect(`/${request.lang}/office/admin/calendar/${year.year}`, 303);
  });

  route.post('/office/admin/calendar/:year/days', { schema: { params: yearParams } }, async (request, reply) => {
    manage(request);
    const year = await calendar.year(request.params.year);
    const form = parseForm(newDayForm(year.year), request.body);
    const refused = async (problems: FieldProblem[]) => {
      const page = await yearPage(request, year.year, { ...form.raw, version: '' }, problems);
      return reply.page(page.title, page.body, 400);
    };
    if (!form.ok) return refused(form.problems);
    const a = form.answers;
    if (year.days.some((d) => d.date === a.date)) return refused([{ field: 'date', messageKey: 'calendar.dayExists' }]);
    await calendar.saveDay({ date: a.date, kind: a.kind, name: localizedText(a.nameKk, a.nameRu, a.nameEn), source: a.source }, null, request.changeContext());
    return reply.redirect(`/${request.lang}/office/admin/calendar/${year.year}`, 303);
  });

  route.get('/office/admin/calendar/days/:date', { schema: { params: dayParams } }, async (request, reply) => {
    manage(request);
    const day = await calendar.day(request.params.date);
    const title = translate(request.lang, 'calendar.dayTitle', { date: day.date });
    return reply.header('cache-control', noStore).page(title, <DayPage day={day} answers={storedDay(day)} problems={[]} />);
  });

  route.post('/office/admin/calendar/days/:date', { schema: { params: dayParams } }, async (request, reply) => {
    manage(request);
    const day = await calendar.day(request.params.date);
    const form = parseForm(dayForm, request.body);
    if (!form.ok) {
      const title = titleWithErrors(request.lang, translate(request.lang, 'calendar.dayTitle', { date: day.date }), form.problems);
      return reply.page(title, <DayPage day={day} answers={{ ...form.raw, date: day.date }} problems={form.problems} />, 400);
    }
    const a = form.answers;
    await calendar.saveDay({ date: day.date, kind: a.kind, name: localizedText(a.nameKk, a.nameRu, a.nameEn), source: a.source }, a.version, request.changeContext());
    return reply.redirect(`/${request.lang}/office/admin/calendar/${day.year}`, 303);
  });
}
