// The outreach import: a file of events for a maslikhat is stored whole, or refused with each bad
// row named and nothing stored; the templates; who may import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createDeputy } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { loadExcel } from '../../core/lazy-modules.js';

let t: TestApp;
let west: Browser;
let east: Browser;
const importPath = '/en/office/maslikhats/maslikhat-270000000/outreach/import';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  west = new Browser(t.app);
  await west.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
  east = new Browser(t.app);
  await east.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-630000000' }] }));
  await createDeputy(db, { maslikhat: '270000000', person: { name: { kk: 'Әлия Сәрсенова', ru: 'Алия Сарсенова', en: 'Aliya Sarsenova' } }, startDate: '2020-01-10' });
});
afterAll(() => t.close());

async function upload(browser: Browser, bytes: Buffer, filename: string) {
  await browser.get('/en/office/outreach');
  const boundary = 'importboundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${browser.cookie('kenes_csrf') ?? ''}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: importPath, payload: body, headers: { cookie: browser.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const header = 'Вид мероприятия;Дата;Время начала;Населённый пункт;Депутаты;Темы;Число участников;Молодёжь;Краткое содержание;Публичное';
const count = async () => Number((await t.database.db.selectFrom('outreach_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /:lang/office/maslikhats/:slug/outreach/import', () => {
  it('refuses a file with bad rows, naming each row and what is wrong, and stores nothing', async () => {
    const csv = [
      header,
      'Встреча с избирателями;15.10.2020;15:00;Аксай;Алия Сарсенова;Программа «Рухани жаңғыру»;120;30;Разъясняли Послание.;да',
      'Чаепитие;16.10.2020;15:00;Аксай;;;10;;Итоги.;да',
      'Приём граждан;17.10.2020;25:00;;Иван Неизвестный;Нет такой темы;-3;;;может быть',
      'Выезд на место;01.01.2099;10:00;Чапаев;;;;;;',
    ].join('\n');
    const before = await count();
    const res = await upload(west, Buffer.from(csv, 'utf8'), 'events.csv');
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    expect(p.text('main')).toContain('3 rows of 4 must be fixed.');
    const rows = p.tableRows('What the check found');
    expect(rows.map((r) => r[0])).toEqual(['3', '4', '5']);
    expect(rows[0]![1]).toContain('Kind: Choose the kind of event');
    expect(rows[1]![1]).toContain('“Иван Неизвестный” is not among this maslikhat’s deputies');
    expect(rows[1]![1]).toContain('There is no topic “Нет такой темы”');
    expect(rows[1]![1]).toContain('Public: Write “yes” or “no”');
    expect(rows[1]![1]).toContain('Starts at: Enter the time as HH:MM');
    expect(rows[2]![1]).toContain('only receptions and meetings with voters may be planned ahead');
    expect(await count()).toBe(before);
  });

  it('stores every event of a good XLSX file, with deputies and topics, audited', async () => {
    const workbook = new (await loadExcel()).Workbook();
    const sheet = workbook.addWorksheet('Events');
    sheet.addRow(['Kind *', 'Date *', 'Starts at *', 'Settlement', 'Deputies', 'Topics', 'People who took part', 'Summary', 'Public']);
    sheet.addRow(['Meeting with voters', new Date(Date.UTC(2020, 9, 15)), '15:00', 'Aksai', 'Aliya Sarsenova', 'address-2020-healthcare; Rukhani Zhangyru programme', 85, 'Explained the Address.', 'yes']);
    sheet.addRow(["Citizens' reception", '20.10.2020', '10:00', 'Uralsk', '', '', 12, 'Housing questions.', 'no']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await count();
    const res = await upload(west, bytes, 'events.xlsx');
    expect(res.statusCode).toBe(200);
    expect(page(res.body).text('main')).toContain('2 events stored.');
    expect(await count()).toBe(before + 2);
    const stored = await t.database.db
      .selectFrom('outreach_event')
      .select(['id', 'starts_at', 'public', 'summary_language'])
      .where('settlement', '=', 'Aksai')
      .where('audience_total', '=', 85)
      .executeTakeFirstOrThrow();
    expect(stored.starts_at.toISOString()).toBe('2020-10-15T10:00:00.000Z');
    expect(stored).toMatchObject({ public: true, summary_language: 'en' });
    const topics = await t.database.db.selectFrom('outreach_event_topic').select('topic_id').where('event_id', '=', stored.id).execute();
    expect(topics).toHaveLength(2);
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', stored.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['imported']);
  });

  it('refuses a file that is not a table, and is forbidden to another maslikhat\'s staff', async () => {
    const res = await upload(west, Buffer.from([0, 1, 2, 3, 4, 5]), 'x.bin');
    expect(res.statusCode).toBe(400);
    expect(page(res.body).text('main')).toContain('Nothing was stored.');
    expect((await upload(east, Buffer.from(header, 'utf8'), 'events.csv')).statusCode).toBe(403);
    expect((await east.get(importPath)).statusCode).toBe(403);
  });
});

describe('GET /:lang/office/outreach/import-template.xlsx', () => {
  it('is a workbook with the columns named in the language asked for', async () => {
    const res = await west.get('/en/office/outreach/import-template.xlsx?lang=kk');
    expect(res.statusCode).toBe(200);
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('Іс-шара түрі *');
  });
});
