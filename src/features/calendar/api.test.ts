// The calendar API: due dates and a year's days from the seeded calendar, 400s naming the
// parameter, 422s naming the unknown year, the OpenAPI description, and a change seen at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnTestApp } from '../../../test/support/own-app.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { systemContext } from '../../core/audit/audit.js';
import { translateDayName } from './calendar-names.js';
import { readCalendarFile } from './calendar.seed.js';
import { calendarServiceFor } from './calendar.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, on: TestApp = t) => on.app.inject({ method: 'GET', url });

describe('GET /api/v1/calendar/due-date', () => {
  it('answers the 15th working day after a registration just before Nauryz', async () => {
    const res = await get('/api/v1/calendar/due-date?from=2024-03-20&working_days=15');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ from: '2024-03-20', working_days: 15, due: '2024-04-15' });
    expect(res.headers['cache-control']).toContain('public');
  });

  it('counts a weekend registration from the working Sunday that follows', async () => {
    expect((await get('/api/v1/calendar/due-date?from=2020-01-04&working_days=1')).json()).toMatchObject({ due: '2020-01-05' });
  });

  it('refuses a year it does not know with a 422 naming it', async () => {
    const before = await get('/api/v1/calendar/due-date?from=2019-12-30&working_days=15');
    expect(before.statusCode).toBe(422);
    expect(before.json().error.problems).toEqual([{ field: 'from', message: expect.stringContaining('2019') }]);
    const after = await get('/api/v1/calendar/due-date?from=2027-12-20&working_days=15');
    expect(after.statusCode).toBe(422);
    expect(after.json().error.problems[0]).toMatchObject({ field: 'working_days', message: expect.stringContaining('2028') });
  });

  it('refuses a malformed query with a 400 naming the parameter', async () => {
    const refused: [string, string][] = [
      ['from=2024-02-30&working_days=15', 'from'],
      ['from=yesterday&working_days=15', 'from'],
      ['from=2024-03-20&working_days=0', 'working_days'],
      ['from=2024-03-20&working_days=1.5', 'working_days'],
      ['from=2024-03-20', 'working_days'],
    ];
    for (const [query, name] of refused) {
      const res = await get(`/api/v1/calendar/due-date?${query}`);
      expect({ query, status: res.statusCode, names: JSON.stringify(res.json()).includes(name) }).toEqual({ query, status: 400, names: true });
    }
  });
});

describe('GET /api/v1/calendar/non-working-days', () => {
  it('lists a year\'s days with their kinds and names in every language', async () => {
    const res = await get('/api/v1/calendar/non-working-days?year=2020');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2020);
    expect(body.days.find((d: { date: string }) => d.date === '2020-01-05')).toMatchObject({ kind: 'transfer_working_day', working: true });
    expect(body.days.find((d: { date: string }) => d.date === '2020-03-21')).toMatchObject({
      kind: 'holiday',
      working: false,
      name: { kk: 'Наурыз мейрамы', 'kk-latn': 'Nauryz meiramy', ru: 'Наурыз мейрамы', en: 'Nauryz meyramy' },
    });
  });

  it('refuses an unknown year with a 422, and a non-year with a 400', async () => {
    const unknown = await get('/api/v1/calendar/non-working-days?year=2031');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('2031');
    expect((await get('/api/v1/calendar/non-working-days?year=20x1')).statusCode).toBe(400);
  });

  it('answers a year as soon as an administrator marks it complete', async () => {
    // Its own app: the shared one answers 2028 as unknown in the tests above, in whatever order they run.
    const own = await createOwnTestApp();
    const calendar = await calendarServiceFor(own.database);
    expect((await get('/api/v1/calendar/non-working-days?year=2028', own)).statusCode).toBe(422);
    await calendar.addYear(2028, 'Test decree', systemContext('test'));
    await calendar.saveDay({ date: '2028-01-01', kind: 'holiday', name: { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' }, source: null }, null, systemContext('test'));
    expect((await get('/api/v1/calendar/non-working-days?year=2028', own)).statusCode).toBe(422);
    const year = await calendar.year(2028);
    await calendar.setComplete(2028, year.version, true, year.source, systemContext('test'));
    const res = await get('/api/v1/calendar/non-working-days?year=2028', own);
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toHaveLength(1);
    expect((await get('/api/v1/calendar/due-date?from=2027-12-30&working_days=2', own)).json()).toMatchObject({ due: '2028-01-03' });
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('describes both calendar routes', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.paths['/api/v1/calendar/due-date'].get.responses).toHaveProperty('422');
    expect(doc.paths['/api/v1/calendar/non-working-days'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['year']);
  });
});

describe('the reference calendar file', () => {
  it('has a name in kk, ru and en for every day', () => {
    expect(readCalendarFile().filter((row) => !translateDayName(row.name_en))).toEqual([]);
  });
});
