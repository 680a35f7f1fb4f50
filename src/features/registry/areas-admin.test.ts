import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';

let t: TestApp;
let admin: TestAccount;
let browser: Browser;
let staff: Browser;
let westId: string;

const westKato = '270000000';
const edit = () => `/ru/office/admin/areas/${westId}/edit`;
const population = () => `/ru/office/admin/areas/${westId}/population`;
const version = async () => String((await t.database.db.selectFrom('area').select('version').where('id', '=', westId).executeTakeFirstOrThrow()).version);
const names = () =>
  t.database.db.selectFrom('area_name').select(['name', 'valid_from', 'valid_to']).where('area_id', '=', westId).orderBy('valid_from', (ob) => ob.asc().nullsFirst()).execute();
const figures = () => t.database.db.selectFrom('area_population').select(['on_date', 'population', 'source']).where('area_id', '=', westId).orderBy('on_date', 'desc').execute();

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  browser = new Browser(t.app);
  await signInFully(browser, t.database.db, admin);
  const westStaff = await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  staff = new Browser(t.app);
  await staff.signIn(westStaff);
  westId = (await t.database.db.selectFrom('area').select('id').where('kato', '=', westKato).executeTakeFirstOrThrow()).id;
  // A city of regional significance under West Kazakhstan, as a district-level unit would be kept.
  const oralId = newId();
  await t.database.db
    .insertInto('area')
    .values({ id: oralId, kato: '271010000', classification: 'city', parent_id: westId, valid_from: null, valid_to: null, time_zone: 'Asia/Oral', centre: null, source: 'test' })
    .execute();
  await t.database.db.insertInto('area_name').values({ id: newId(), area_id: oralId, name: JSON.stringify({ kk: 'Орал қаласы', ru: 'город Уральск', en: 'Oral' }), valid_from: null, valid_to: null, source: 'test' }).execute();
  await t.database.db.insertInto('area_population').values({ area_id: oralId, on_date: '2025-01-01', population: 372_000, source: 'test' }).execute();
});
afterAll(() => t.close());

describe('GET /:lang/office/admin/areas', () => {
  it('lists regions and cities with today’s name, KATO and the latest population figure with its year', async () => {
    const res = await browser.get('/ru/office/admin/areas');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Западно-Казахстанская область');
    expect(res.body).toContain(westKato);
    expect(res.body).toMatch(/688\s129/);
    expect(res.body).toContain('(2023)');
    // Astana: today’s name (not Nur-Sultan), the 2026 figure.
    expect(res.body).toContain('город Астана');
    expect(res.body).not.toContain('Нур-Султан');
    expect(res.body).toMatch(/1\s638\s233/);
    expect(res.body).toContain(`href="/ru/office/admin/areas/${westId}/edit"`);
    // The units under a region, folded under it.
    expect(res.body).toMatch(/<details><summary>1 район или город в составе<\/summary>/);
    expect(res.body).toContain('город Уральск');
  });

  it('is linked from the reference data page', async () => {
    const res = await browser.get('/en/office/admin/reference');
    expect(res.body).toContain('href="/en/office/admin/areas"');
  });

  it('is for administrators: maslikhat staff are refused', async () => {
    expect((await staff.get('/ru/office/admin/areas')).statusCode).toBe(403);
  });
});

describe('GET /:lang/office/admin/areas/:id/edit', () => {
  it('shows the current name in the form, the figures, and the units under the area', async () => {
    const res = await browser.get(edit());
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Западно-Казахстанская область: название и население');
    expect(res.body).toContain('value="Батыс Қазақстан облысы"');
    expect(res.body).toContain('value="Западно-Казахстанская область"');
    expect(res.body).toMatch(/661\s316/);
    expect(res.body).toContain('город Уральск');
  });

  it('answers 404 for an unknown area', async () => {
    expect((await browser.get(`/ru/office/admin/areas/${newId()}/edit`)).statusCode).toBe(404);
    expect((await browser.get('/ru/office/admin/areas/not-an-id/edit')).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/admin/areas/:id/edit', () => {
  it('renames from a date: the old name ends the day before, public pages show each name on its days, audited', async () => {
    const res = await browser.post(edit(), { nameKk: 'Орал облысы', nameRu: 'Уральская область', nameEn: 'Oral Region', renamedFrom: '2025-01-01', version: await version() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${edit()}?saved=1`);
    expect(await names()).toEqual([
      { name: { kk: 'Батыс Қазақстан облысы', ru: 'Западно-Казахстанская область', en: 'West Kazakhstan Region' }, valid_from: null, valid_to: '2024-12-31' },
      { name: { kk: 'Орал облысы', ru: 'Уральская область', en: 'Oral Region' }, valid_from: '2025-01-01', valid_to: null },
    ]);

    const before = await t.app.inject('/ru/maslikhats/maslikhat-270000000?date=2024-12-31');
    expect(before.body).toContain('Западно-Казахстанская область');
    expect(before.body).not.toContain('Уральская область');
    const today = await t.app.inject('/ru/maslikhats/maslikhat-270000000');
    expect(today.body).toContain('Уральская область');
    expect(today.body).not.toContain('Западно-Казахстанская область');
    expect((await t.app.inject('/en/maslikhats')).body).toContain('Oral Region');
    expect((await t.app.inject('/en/maslikhats?date=2020-10-21')).body).toContain('West Kazakhstan Region');

    const saved = await browser.get(`${edit()}?saved=1`);
    expect(saved.body).toContain('Сохранено.');
    expect(saved.body).toContain('История названий');

    const event = await t.database.db.selectFrom('audit_event').select(['actor_account_id', 'before', 'after']).where('entity', '=', 'area').where('action', '=', 'renamed').executeTakeFirstOrThrow();
    expect(event.actor_account_id).toBe(admin.id);
    expect(event.before).toMatchObject({ kato: westKato, name: { ru: 'Западно-Казахстанская область' } });
    expect(event.after).toMatchObject({ kato: westKato, name: { ru: 'Уральская область' }, renamed_from: '2025-01-01' });
  });

  it('corrects the spelling of the current name in place, keeping the old name’s period', async () => {
    const res = await browser.post(edit(), { nameKk: 'Орал облысы', nameRu: 'Уральская область', nameEn: 'Oral Oblast', renamedFrom: '', version: await version() });
    expect(res.statusCode).toBe(303);
    const rows = await names();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ name: { kk: 'Орал облысы', ru: 'Уральская область', en: 'Oral Oblast' }, valid_from: '2025-01-01', valid_to: null });
    expect((await t.app.inject('/en/maslikhats/maslikhat-270000000')).body).toContain('Oral Oblast');
    const event = await t.database.db.selectFrom('audit_event').select(['before', 'after']).where('entity', '=', 'area').where('action', '=', 'updated').executeTakeFirstOrThrow();
    expect(event.before).toMatchObject({ name: { en: 'Oral Region' }, valid_from: '2025-01-01' });
    expect(event.after).toMatchObject({ name: { en: 'Oral Oblast' }, renamed_from: null });
  });

  it('refuses a new name starting on or before the current name’s first day, keeping the answers', async () => {
    for (const renamedFrom of ['2024-06-01', '2025-01-01']) {
      const res = await browser.post(edit(), { nameKk: 'Жаңа атау', nameRu: 'Новое название', nameEn: '', renamedFrom, version: await version() });
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/<title>Ошибка: /);
      expect(res.body).toContain('class="error-summary"');
      expect(res.body).toContain('href="#field-renamedFrom"');
      expect(res.body).toContain('Новое название должно начинаться позже первого дня текущего названия (1 января 2025 г.).');
      expect(res.body).toContain('value="Новое название"');
      expect(res.body).toContain(`value="${renamedFrom}"`);
    }
    expect(await names()).toHaveLength(2);
  });

  it('explains a missing name and a badly written date, in the page’s language', async () => {
    const res = await browser.post('/kk' + edit().slice(3), { nameKk: '', nameRu: 'Уральская область', renamedFrom: '01.01.2027', version: await version() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Қате: /);
    expect(res.body).toContain('Атауын қазақша енгізіңіз.');
    expect(res.body).toContain('Күнді ЖЖЖЖ-АА-КК түрінде енгізіңіз');
    expect(res.body).toContain('value="01.01.2027"');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('refuses a change made on a stale page (409)', async () => {
    const stale = String(Number(await version()) - 1);
    const res = await browser.post(edit(), { nameKk: 'Орал облысы', nameRu: 'Уральская область', nameEn: 'Lost', renamedFrom: '', version: stale });
    expect(res.statusCode).toBe(409);
    expect((await names())[1]!.name).toMatchObject({ en: 'Oral Oblast' });
  });

  it('is for administrators: maslikhat staff are refused', async () => {
    const res = await staff.post(edit(), { nameKk: 'X', nameRu: 'Y', renamedFrom: '', version: await version() });
    expect(res.statusCode).toBe(403);
    expect((await names())[1]!.name).toMatchObject({ en: 'Oral Oblast' });
  });
});

describe('POST /:lang/office/admin/areas/:id/population', () => {
  it('records a year’s figure on 1 January, shown on the public list and the edit page, audited', async () => {
    const res = await browser.post(population(), { year: '2026', population: '701 234', source: 'БНС, 2 февраля 2026', version: await version() });
    expect(res.statusCode).toBe(303);
    expect((await figures())[0]).toEqual({ on_date: '2026-01-01', population: 701_234, source: 'БНС, 2 февраля 2026' });
    expect((await t.app.inject('/ru/maslikhats')).body).toMatch(/701\s234/);
    // As of a day in 2024, the public list still shows the figure of that time.
    expect((await t.app.inject('/ru/maslikhats?date=2024-06-01')).body).toMatch(/688\s129/);
    const page = await browser.get(edit());
    expect(page.body).toMatch(/701\s234/);
    expect(page.body).toContain('БНС, 2 февраля 2026');
    const list = await browser.get('/ru/office/admin/areas');
    expect(list.body).toContain('(2026)');
    const event = await t.database.db.selectFrom('audit_event').select(['before', 'after']).where('entity', '=', 'area').where('action', '=', 'population_recorded').executeTakeFirstOrThrow();
    expect(event.before).toBeNull();
    expect(event.after).toEqual({ kato: westKato, on_date: '2026-01-01', population: 701_234, source: 'БНС, 2 февраля 2026' });
  });

  it('replaces the figure of the same year, keeping the other years', async () => {
    const count = (await figures()).length;
    const res = await browser.post(population(), { year: '2026', population: '702000', source: 'БНС, уточнённые данные', version: await version() });
    expect(res.statusCode).toBe(303);
    const rows = await figures();
    expect(rows).toHaveLength(count);
    expect(rows.filter((r) => r.on_date.startsWith('2026'))).toEqual([{ on_date: '2026-01-01', population: 702_000, source: 'БНС, уточнённые данные' }]);
    expect(rows.find((r) => r.on_date === '2023-01-01')?.population).toBe(688_129);
    const events = await t.database.db.selectFrom('audit_event').select(['before', 'after']).where('entity', '=', 'area').where('action', '=', 'population_recorded').orderBy('occurred_at').execute();
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toMatchObject({ population: 701_234, source: 'БНС, 2 февраля 2026' });
    expect(events[1]!.after).toMatchObject({ population: 702_000 });
  });

  it('explains every problem and keeps the answers, leaving the figures alone', async () => {
    const before = await figures();
    const res = await browser.post(population(), { year: '20x6', population: '-5', source: '', version: await version() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Ошибка: /);
    expect(res.body).toContain('href="#field-year"');
    expect(res.body).toContain('Введите год четырьмя цифрами: от 1900 до 2');
    expect(res.body).toContain('Введите численность населения целым числом не меньше 0');
    expect(res.body).toContain('Укажите источник данных.');
    expect(res.body).toContain('value="20x6"');
    expect(res.body).toContain('value="-5"');
    // The name form beside it still shows the stored name.
    expect(res.body).toContain('value="Уральская область"');
    const future = await browser.post(population(), { year: '2999', population: '1', source: 'x', version: await version() });
    expect(future.statusCode).toBe(400);
    const empty = await browser.post(population(), { year: '', population: '', source: 'x', version: await version() });
    expect(empty.body).toContain('Введите год.');
    expect(empty.body).toContain('Введите численность населения.');
    expect(await figures()).toEqual(before);
  });

  it('refuses a figure recorded on a stale page (409)', async () => {
    const res = await browser.post(population(), { year: '2026', population: '1', source: 'x', version: '1' });
    expect(res.statusCode).toBe(409);
  });

  it('is for administrators: maslikhat staff are refused', async () => {
    const res = await staff.post(population(), { year: '2026', population: '1', source: 'x', version: await version() });
    expect(res.statusCode).toBe(403);
    expect((await figures())[0]!.population).toBe(702_000);
  });
});

describe('audit of areas', () => {
  it('records every change by the administrator, and none of the refused ones', async () => {
    const events = await t.database.db.selectFrom('audit_event').select(['entity', 'action', 'entity_id']).where('actor_account_id', '=', admin.id).where('entity', '=', 'area').orderBy('occurred_at').execute();
    expect(events.map((e) => `${e.entity}:${e.action}`)).toEqual(['area:renamed', 'area:updated', 'area:population_recorded', 'area:population_recorded']);
    expect(new Set(events.map((e) => e.entity_id))).toEqual(new Set([westId]));
  });
});
