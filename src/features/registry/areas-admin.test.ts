import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { page, textOf } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';

// Every test starts from West Kazakhstan as seeded (its names and figures are put back before each
// test) and acts as its own administrator, so the audit it reads is its own.
let t: TestApp;
let admin: TestAccount;
let browser: Browser;
let staff: Browser;
let westId: string;
let seeded: { names: unknown[]; figures: unknown[] };

const westKato = '270000000';
const edit = () => `/ru/office/admin/areas/${westId}/edit`;
const population = () => `/ru/office/admin/areas/${westId}/population`;
const version = async () => String((await t.database.db.selectFrom('area').select('version').where('id', '=', westId).executeTakeFirstOrThrow()).version);
const names = () =>
  t.database.db.selectFrom('area_name').select(['name', 'valid_from', 'valid_to']).where('area_id', '=', westId).orderBy('valid_from', (ob) => ob.asc().nullsFirst()).execute();
const figures = () => t.database.db.selectFrom('area_population').select(['on_date', 'population', 'source']).where('area_id', '=', westId).orderBy('on_date', 'desc').execute();
const auditBy = (account: TestAccount) =>
  t.database.db.selectFrom('audit_event').select(['entity', 'action', 'entity_id', 'before', 'after']).where('actor_account_id', '=', account.id).where('entity', '=', 'area').orderBy('occurred_at').execute();
/** The name form's and the figure form's values, as the page shows them. */
const fieldValue = (html: string, label: string) => page(html).byLabel(label).getAttribute('value');

/** Renames West Kazakhstan to the Oral Region from 1 January 2025. */
async function renameToOralRegion() {
  const res = await browser.post(edit(), { nameKk: 'Орал облысы', nameRu: 'Уральская область', nameEn: 'Oral Region', renamedFrom: '2025-01-01', version: await version() });
  expect(res.statusCode).toBe(303);
}

async function recordFigure(year: string, people: string, source: string) {
  const res = await browser.post(population(), { year, population: people, source, version: await version() });
  expect(res.statusCode).toBe(303);
}

beforeAll(async () => {
  t = await createTestApp();
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
  seeded = {
    names: await t.database.db.selectFrom('area_name').selectAll().where('area_id', '=', westId).execute(),
    figures: await t.database.db.selectFrom('area_population').selectAll().where('area_id', '=', westId).execute(),
  };
});
afterAll(() => t.close());

beforeEach(async () => {
  const db = t.database.db;
  await db.deleteFrom('area_name').where('area_id', '=', westId).execute();
  await db.insertInto('area_name').values(seeded.names as never).execute();
  await db.deleteFrom('area_population').where('area_id', '=', westId).execute();
  await db.insertInto('area_population').values(seeded.figures as never).execute();
  admin = await createAccount(db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  browser = new Browser(t.app);
  await signInFully(browser, db, admin);
});

describe('GET /:lang/office/admin/areas', () => {
  it('lists regions and cities with today’s name, KATO and the latest population figure with its year', async () => {
    const res = await browser.get('/ru/office/admin/areas');
    expect(res.statusCode).toBe(200);
    const list = page(res.body);
    expect(list.heading).toBe('Регионы и города: названия и население');
    const rows = list.tableRows('Регионы и города: названия и население');
    expect(rows.length).toBeGreaterThan(0);
    const west = rows.find((r) => r[1] === westKato);
    expect(west?.[0]).toMatch(/^Западно-Казахстанская область/);
    expect(west?.[2]).toMatch(/^688\s129 \(2023\)$/);
    // The units under a region, folded under it.
    expect(west?.[0]).toContain('1 район или город в составе');
    expect(west?.[0]).toContain('город Уральск');
    // Astana: today’s name (not Nur-Sultan), the 2026 figure.
    const astana = rows.find((r) => r[0]!.startsWith('город Астана'));
    expect(astana?.[2]).toMatch(/^1\s638\s233 \(2026\)$/);
    expect(list.text()).not.toContain('Нур-Султан');
    expect(list.byRole('link', { name: 'Изменить Западно-Казахстанская область' }).getAttribute('href')).toBe(edit());
  });

  it('is linked from the reference data page', async () => {
    const res = await browser.get('/en/office/admin/reference');
    const links = page(res.body).allByRole('link').filter((a) => a.getAttribute('href') === '/en/office/admin/areas');
    expect(links).toHaveLength(1);
  });

  it('is for administrators: maslikhat staff are refused', async () => {
    expect((await staff.get('/ru/office/admin/areas')).statusCode).toBe(403);
  });
});

describe('GET /:lang/office/admin/areas/:id/edit', () => {
  it('shows the current name in the form, the figures, and the units under the area', async () => {
    const res = await browser.get(edit());
    expect(res.statusCode).toBe(200);
    const form = page(res.body);
    expect(form.title).toMatch(/^Западно-Казахстанская область: название и население/);
    expect(fieldValue(res.body, 'Название на казахском')).toBe('Батыс Қазақстан облысы');
    expect(fieldValue(res.body, 'Название на русском')).toBe('Западно-Казахстанская область');
    const figuresShown = form.tableRows('Численность населения');
    expect(figuresShown.length).toBeGreaterThan(0);
    expect(figuresShown.map((r) => r[1])).toContainEqual(expect.stringMatching(/^661\s316$/));
    const under = form.byRole('heading', { name: 'Районы и города в составе' }).nextElementSibling;
    expect(page(under?.outerHTML ?? '').allByRole('link', { name: 'город Уральск' })).toHaveLength(1);
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

    const before = page((await t.app.inject('/ru/maslikhats/maslikhat-270000000?date=2024-12-31')).body).text();
    expect(before).toContain('Западно-Казахстанская область');
    expect(before).not.toContain('Уральская область');
    const today = page((await t.app.inject('/ru/maslikhats/maslikhat-270000000')).body).text();
    expect(today).toContain('Уральская область');
    expect(today).not.toContain('Западно-Казахстанская область');
    expect(page((await t.app.inject('/en/maslikhats')).body).text()).toContain('Oral Region');
    expect(page((await t.app.inject('/en/maslikhats?date=2020-10-21')).body).text()).toContain('West Kazakhstan Region');

    const saved = page((await browser.get(`${edit()}?saved=1`)).body);
    expect(textOf(saved.byRole('status'))).toBe('Сохранено. Публичные страницы уже показывают изменение.');
    expect(saved.allByRole('heading', { name: 'История названий' })).toHaveLength(1);

    const events = await auditBy(admin);
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('renamed');
    expect(events[0]!.before).toMatchObject({ kato: westKato, name: { ru: 'Западно-Казахстанская область' } });
    expect(events[0]!.after).toMatchObject({ kato: westKato, name: { ru: 'Уральская область' }, renamed_from: '2025-01-01' });
  });

  it('corrects the spelling of the current name in place, keeping the old name’s period', async () => {
    await renameToOralRegion();
    const res = await browser.post(edit(), { nameKk: 'Орал облысы', nameRu: 'Уральская область', nameEn: 'Oral Oblast', renamedFrom: '', version: await version() });
    expect(res.statusCode).toBe(303);
    const rows = await names();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ name: { kk: 'Орал облысы', ru: 'Уральская область', en: 'Oral Oblast' }, valid_from: '2025-01-01', valid_to: null });
    expect(page((await t.app.inject('/en/maslikhats/maslikhat-270000000')).body).text()).toContain('Oral Oblast');
    const events = await auditBy(admin);
    expect(events.map((e) => e.action)).toEqual(['renamed', 'updated']);
    expect(events[1]!.before).toMatchObject({ name: { en: 'Oral Region' }, valid_from: '2025-01-01' });
    expect(events[1]!.after).toMatchObject({ name: { en: 'Oral Oblast' }, renamed_from: null });
  });

  it('refuses a new name starting on or before the current name’s first day, keeping the answers', async () => {
    await renameToOralRegion();
    for (const renamedFrom of ['2024-06-01', '2025-01-01']) {
      const res = await browser.post(edit(), { nameKk: 'Жаңа атау', nameRu: 'Новое название', nameEn: '', renamedFrom, version: await version() });
      expect(res.statusCode).toBe(400);
      const form = page(res.body);
      expect(form.title).toMatch(/^Ошибка: /);
      const problem = 'Новое название должно начинаться позже первого дня текущего названия (1 января 2025 г.).';
      expect(form.errorSummary()).toEqual([{ text: problem, href: '#field-renamedFrom' }]);
      expect(form.fieldError('Новое название с даты (необязательно)')).toBe(problem);
      expect(fieldValue(res.body, 'Название на русском')).toBe('Новое название');
      expect(fieldValue(res.body, 'Новое название с даты (необязательно)')).toBe(renamedFrom);
    }
    expect(await names()).toHaveLength(2);
  });

  it('explains a missing name and a badly written date, in the page’s language', async () => {
    const res = await browser.post('/kk' + edit().slice(3), { nameKk: '', nameRu: 'Уральская область', renamedFrom: '01.01.2027', version: await version() });
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Қате: /);
    const summary = form.errorSummary();
    expect(summary.map((p) => p.href)).toEqual(['#field-nameKk', '#field-renamedFrom']);
    expect(summary[0]!.text).toBe('Атауын қазақша енгізіңіз.');
    expect(summary[1]!.text).toContain('Күнді ЖЖЖЖ-АА-КК түрінде енгізіңіз');
    const dateField = form.document.getElementById('field-renamedFrom');
    expect(dateField?.getAttribute('value')).toBe('01.01.2027');
    expect(dateField?.getAttribute('aria-invalid')).toBe('true');
    expect(form.document.getElementById('field-nameKk')?.getAttribute('aria-invalid')).toBe('true');
    expect(await names()).toHaveLength(1);
  });

  it('refuses a change made on a stale page (409)', async () => {
    const stale = await version();
    await renameToOralRegion();
    const res = await browser.post(edit(), { nameKk: 'Орал облысы', nameRu: 'Уральская область', nameEn: 'Lost', renamedFrom: '', version: stale });
    expect(res.statusCode).toBe(409);
    expect((await names())[1]!.name).toMatchObject({ en: 'Oral Region' });
  });

  it('is for administrators: maslikhat staff are refused', async () => {
    const before = await names();
    const res = await staff.post(edit(), { nameKk: 'X', nameRu: 'Y', renamedFrom: '', version: await version() });
    expect(res.statusCode).toBe(403);
    expect(await names()).toEqual(before);
  });
});

describe('POST /:lang/office/admin/areas/:id/population', () => {
  it('records a year’s figure on 1 January, shown on the public list and the edit page, audited', async () => {
    const res = await browser.post(population(), { year: '2026', population: '701 234', source: 'БНС, 2 февраля 2026', version: await version() });
    expect(res.statusCode).toBe(303);
    expect((await figures())[0]).toEqual({ on_date: '2026-01-01', population: 701_234, source: 'БНС, 2 февраля 2026' });
    expect(page((await t.app.inject('/ru/maslikhats')).body).text()).toMatch(/701\s234/);
    // As of a day in 2024, the public list still shows the figure of that time.
    const then = page((await t.app.inject('/ru/maslikhats?date=2024-06-01')).body).text();
    expect(then).toMatch(/688\s129/);
    expect(then).not.toMatch(/701\s234/);
    const shown = page((await browser.get(edit())).body).tableRows('Численность населения');
    expect(shown[0]).toEqual(['2026', expect.stringMatching(/^701\s234$/), 'БНС, 2 февраля 2026']);
    const list = page((await browser.get('/ru/office/admin/areas')).body).tableRows('Регионы и города: названия и население');
    expect(list.find((r) => r[1] === westKato)?.[2]).toMatch(/^701\s234 \(2026\)$/);
    const events = await auditBy(admin);
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('population_recorded');
    expect(events[0]!.before).toBeNull();
    expect(events[0]!.after).toEqual({ kato: westKato, on_date: '2026-01-01', population: 701_234, source: 'БНС, 2 февраля 2026' });
  });

  it('replaces the figure of the same year, keeping the other years', async () => {
    await recordFigure('2026', '701 234', 'БНС, 2 февраля 2026');
    const count = (await figures()).length;
    const res = await browser.post(population(), { year: '2026', population: '702000', source: 'БНС, уточнённые данные', version: await version() });
    expect(res.statusCode).toBe(303);
    const rows = await figures();
    expect(rows).toHaveLength(count);
    expect(rows.filter((r) => r.on_date.startsWith('2026'))).toEqual([{ on_date: '2026-01-01', population: 702_000, source: 'БНС, уточнённые данные' }]);
    expect(rows.find((r) => r.on_date === '2023-01-01')?.population).toBe(688_129);
    const events = await auditBy(admin);
    expect(events.map((e) => e.action)).toEqual(['population_recorded', 'population_recorded']);
    expect(events[1]!.before).toMatchObject({ population: 701_234, source: 'БНС, 2 февраля 2026' });
    expect(events[1]!.after).toMatchObject({ population: 702_000 });
  });

  it('explains every problem and keeps the answers, leaving the figures alone', async () => {
    const before = await figures();
    expect(before.length).toBeGreaterThan(0);
    const res = await browser.post(population(), { year: '20x6', population: '-5', source: '', version: await version() });
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Ошибка: /);
    expect(form.errorSummary().map((p) => p.href)).toEqual(['#field-year', '#field-population', '#field-source']);
    expect(form.fieldError('Год')).toMatch(/^Введите год четырьмя цифрами: от 1900 до 2/);
    expect(form.fieldError('Численность населения')).toMatch(/^Введите численность населения целым числом не меньше 0/);
    expect(form.fieldError('Источник')).toBe('Укажите источник данных.');
    expect(fieldValue(res.body, 'Год')).toBe('20x6');
    expect(fieldValue(res.body, 'Численность населения')).toBe('-5');
    // The name form beside it still shows the stored name.
    expect(fieldValue(res.body, 'Название на русском')).toBe('Западно-Казахстанская область');
    const future = await browser.post(population(), { year: '2999', population: '1', source: 'x', version: await version() });
    expect(future.statusCode).toBe(400);
    expect(page(future.body).fieldError('Год')).toMatch(/^Введите год четырьмя цифрами/);
    const empty = page((await browser.post(population(), { year: '', population: '', source: 'x', version: await version() })).body);
    expect(empty.fieldError('Год')).toBe('Введите год.');
    expect(empty.fieldError('Численность населения')).toBe('Введите численность населения.');
    expect(await figures()).toEqual(before);
  });

  it('refuses a figure recorded on a stale page (409)', async () => {
    const stale = await version();
    await recordFigure('2026', '701 234', 'БНС, 2 февраля 2026');
    const res = await browser.post(population(), { year: '2026', population: '1', source: 'x', version: stale });
    expect(res.statusCode).toBe(409);
    expect((await figures())[0]!.population).toBe(701_234);
  });

  it('is for administrators: maslikhat staff are refused', async () => {
    const before = await figures();
    const res = await staff.post(population(), { year: '2026', population: '1', source: 'x', version: await version() });
    expect(res.statusCode).toBe(403);
    expect(await figures()).toEqual(before);
  });
});

describe('audit of areas', () => {
  it('records every change by the administrator, and none of the refused ones', async () => {
    await renameToOralRegion();
    const correction = await browser.post(edit(), { nameKk: 'Орал облысы', nameRu: 'Уральская область', nameEn: 'Oral Oblast', renamedFrom: '', version: await version() });
    expect(correction.statusCode).toBe(303);
    const stale = await version();
    await recordFigure('2026', '701 234', 'БНС, 2 февраля 2026');
    await recordFigure('2026', '702000', 'БНС, уточнённые данные');
    expect((await browser.post(population(), { year: '2026', population: '1', source: 'x', version: stale })).statusCode).toBe(409);
    expect((await browser.post(population(), { year: '20x6', population: '-5', source: '', version: await version() })).statusCode).toBe(400);
    const events = await auditBy(admin);
    expect(events.map((e) => `${e.entity}:${e.action}`)).toEqual(['area:renamed', 'area:updated', 'area:population_recorded', 'area:population_recorded']);
    expect(new Set(events.map((e) => e.entity_id))).toEqual(new Set([westId]));
  });
});

