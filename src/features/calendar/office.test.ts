// The calendar's office pages: the years, adding a year and its days, marking it complete (the API
// answers it at once), changing a day (audited, version-checked), and the forms' refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createOwnTestApp } from '../../../test/support/own-app.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let admin: Browser;
/** An administrator signed in to the app. */
async function administrator(on: TestApp): Promise<Browser> {
  const account = await createAccount(on.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  const browser = new Browser(on.app);
  await signInFully(browser, on.database.db, account);
  return browser;
}
beforeAll(async () => {
  t = await createTestApp();
  admin = await administrator(t);
});
afterAll(() => t.close());

const audit = (entity: string, entityId: string, on: TestApp = t) =>
  on.database.db.selectFrom('audit_event').select(['action', 'before', 'after']).where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('occurred_at').execute();

describe('GET /:lang/office/admin/calendar', () => {
  it('lists the seeded years, each complete, with its days', async () => {
    const p = page((await admin.get('/en/office/admin/calendar')).body);
    expect(p.heading).toBe('Working-day calendar');
    const rows = p.tableRows("The calendar's years");
    expect(rows.map((r) => r[0])).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027']);
    expect(rows[0]).toEqual(['2020', 'Complete', '26']);
  });

  it('is in Kazakh by default', async () => {
    expect(page((await admin.get('/kk/office/admin/calendar')).body).heading).toBe('Жұмыс күндерінің күнтізбесі');
  });
});

describe('POST /:lang/office/admin/calendar and a new year', () => {
  it('adds a year, its days, and marks it complete: the API answers it from then on', async () => {
    // Its own app: the shared one lists only the seeded years, in whatever order the tests run.
    const own = await createOwnTestApp();
    const ownAdmin = await administrator(own);
    expect((await ownAdmin.post('/en/office/admin/calendar', { year: '2030', source: 'Decree No. 1' })).headers.location).toBe('/en/office/admin/calendar/2030');
    expect((await own.app.inject({ method: 'GET', url: '/api/v1/calendar/due-date?from=2030-01-02&working_days=1' })).statusCode).toBe(422);

    const added = await ownAdmin.post('/en/office/admin/calendar/2030/days', { date: '2030-01-03', kind: 'transfer_day_off', nameKk: 'Демалыс', nameRu: 'Выходной', nameEn: 'Day off', source: '' });
    expect(added.statusCode).toBe(303);
    let p = page((await ownAdmin.get('/en/office/admin/calendar/2030')).body);
    expect(p.heading).toBe('2030');
    expect(p.tableRows()).toEqual([['3 January 2030', 'Day off moved or in lieu', 'Day off', 'Change 3 January 2030']]);

    expect((await ownAdmin.post('/en/office/admin/calendar/2030/complete', { complete: 'yes', source: 'Decree No. 1', version: '1' })).statusCode).toBe(303);
    const due = await own.app.inject({ method: 'GET', url: '/api/v1/calendar/due-date?from=2030-01-02&working_days=1' });
    expect(due.json()).toMatchObject({ due: '2030-01-04' });
    p = page((await ownAdmin.get('/en/office/admin/calendar/2030')).body);
    expect(p.text('main')).toContain('The year is complete');
    expect((await audit('calendar_year', '2030', own)).map((e) => e.action)).toEqual(['created', 'completed']);

    // The form read before the year was marked complete is stale now.
    expect((await ownAdmin.post('/en/office/admin/calendar/2030/complete', { complete: 'no', source: '', version: '1' })).statusCode).toBe(409);
  });

  it('refuses a year that exists, and one that is no year', async () => {
    const exists = page((await admin.post('/en/office/admin/calendar', { year: '2024', source: '' })).body);
    expect(exists.errorSummary()).toEqual([{ text: '2024 is already in the calendar', href: '#field-year' }]);
    const invalid = page((await admin.post('/en/office/admin/calendar', { year: 'next', source: '' })).body);
    expect(invalid.fieldError('Year')).toBe('Enter a year from 1991 to 2200');
  });

  it('refuses a day outside the year, a day already there, and a day without its names', async () => {
    const outside = page((await admin.post('/en/office/admin/calendar/2024/days', { date: '2025-01-01', kind: 'holiday', nameKk: 'А', nameRu: 'Б', nameEn: '', source: '' })).body);
    expect(outside.fieldError('Date')).toBe('The date must be in 2024');
    const twice = page((await admin.post('/en/office/admin/calendar/2024/days', { date: '2024-03-21', kind: 'holiday', nameKk: 'А', nameRu: 'Б', nameEn: '', source: '' })).body);
    expect(twice.fieldError('Date')).toContain('already in the calendar');
    const bare = page((await admin.post('/en/office/admin/calendar/2024/days', { date: '2024-11-11', kind: '', nameKk: '', nameRu: '', nameEn: '', source: '' })).body);
    expect(bare.errorSummary().map((e) => e.href)).toEqual(['#field-kind', '#field-nameKk', '#field-nameRu']);
  });
});

describe('POST /:lang/office/admin/calendar/days/:date', () => {
  it('changes a day, audited, and refuses a stale version', async () => {
    const form = page((await admin.get('/en/office/admin/calendar/days/2021-07-20')).body);
    expect(form.value('Name in Kazakh')).toBe('Құрбан айт, бірінші күні');
    expect(form.value('Kind')).toBe('kurban_ait');
    const answers = { kind: 'kurban_ait', nameKk: 'Құрбан айт', nameRu: 'Курбан айт', nameEn: 'Kurban Ait', source: 'Test', version: '1' };
    expect((await admin.post('/en/office/admin/calendar/days/2021-07-20', answers)).statusCode).toBe(303);
    expect((await admin.post('/en/office/admin/calendar/days/2021-07-20', answers)).statusCode).toBe(409);
    const events = await audit('non_working_day', '2021-07-20');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'updated', after: { name: { kk: 'Құрбан айт' } } });
  });

  it('answers 404 for a day not in the calendar and a path that is no date', async () => {
    expect((await admin.get('/en/office/admin/calendar/days/2021-07-21')).statusCode).toBe(404);
    expect((await admin.get('/en/office/admin/calendar/days/2021-13-01')).statusCode).toBe(404);
    expect((await admin.get('/en/office/admin/calendar/1990')).statusCode).toBe(404);
  });
});
