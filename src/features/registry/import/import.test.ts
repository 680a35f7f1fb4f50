import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, type TestAccount } from '../../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { systemContext } from '../../../core/audit/audit.js';
import type { Db } from '../../../core/db/connect.js';
import { newId } from '../../../core/ids.js';
import { translate, type MessageKey } from '../../../core/i18n/messages.js';
import { toKazakhLatin } from '../../../core/i18n/transliterate.js';
import { columns } from './columns.js';
import { demoDeputies, deputiesCsv, deputiesWorkbook, westKazakhstanMaslikhats, type DeputyFileRow } from './demo-file.js';
import { iinBirthInfo, iinCheckDigit, iinProblem, isValidIin, makeIin } from './iin.js';
import { createImportService } from './import.service.js';
import { detectDelimiter, sniffFormat } from '../../../core/spreadsheets/parse.js';
import { parseDeputiesFile } from './parse.js';
import { buildTemplate } from './template.js';
import { maslikhatKey, maslikhatLevelFromName, parseDate } from './validate.js';

const region = 'maslikhat-270000000'; // West Kazakhstan
let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
});
afterAll(() => t.close());

async function registryCounts() {
  const count = async (table: 'person' | 'membership' | 'organization' | 'electoral_district' | 'organization_name') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const audit = Number(
    (await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'deputies_import').executeTakeFirstOrThrow()).n,
  );
  return { person: await count('person'), membership: await count('membership'), organization: await count('organization'), district: await count('electoral_district'), names: await count('organization_name'), audit };
}

describe('IIN', () => {
  it('accepts numbers whose check digit the first pass gives', () => {
    for (const iin of ['780305300009', '901225400000', '050101600007', '650715300001']) expect([iin, iinProblem(iin)]).toEqual([iin, null]);
  });

  it('accepts numbers whose check digit needs the second pass (weights 3…11, 1, 2)', () => {
    expect(iinCheckDigit('78030530180')).toBe(3);
    for (const iin of ['780305301803', '901225400103', '050101600808', '650715300202']) expect([iin, isValidIin(iin)]).toEqual([iin, true]);
  });

  it('refuses a wrong check digit, and any digit where both passes give 10', () => {
    expect(iinProblem('780305300008')).toBe('checksum');
    expect(iinProblem('780305301804')).toBe('checksum');
    expect(iinCheckDigit('78030530189')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(iinProblem(`78030530189${d}`)).toBe('checksum');
  });

  it('refuses a wrong length, letters, an impossible date or a 7th digit outside 1–6', () => {
    expect(iinProblem('78030530000')).toBe('format');
    expect(iinProblem('7803053000091')).toBe('format');
    expect(iinProblem('78030530000A')).toBe('format');
    expect(iinProblem('781305300009')).toBe('date'); // month 13
    expect(iinProblem('780230300009')).toBe('date'); // 30 February
    expect(iinProblem('780305000009')).toBe('date'); // 7th digit 0
    expect(iinProblem('780305700009')).toBe('date'); // 7th digit 7
  });

  it('reads the birth date and gender, and makes valid numbers', () => {
    expect(iinBirthInfo('780305300009')).toEqual({ birthDate: '1978-03-05', gender: 'male' });
    expect(iinBirthInfo('050101600007')).toEqual({ birthDate: '2005-01-01', gender: 'female' });
    expect(iinBirthInfo('990101100003')?.birthDate).toBe('1899-01-01');
    const made = makeIin('1984-11-30', 'female', 17)!;
    expect(isValidIin(made)).toBe(true);
    expect(iinBirthInfo(made)).toEqual({ birthDate: '1984-11-30', gender: 'female' });
  });
});

describe('reading files', () => {
  it('tells formats by content, not by name', () => {
    expect(sniffFormat(Buffer.from('PK\x03\x04rest'))).toBe('xlsx');
    expect(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('xls');
    expect(sniffFormat(Buffer.from('Фамилия;Имя\r\n'))).toBe('csv');
    expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('binary');
    expect(detectDelimiter('"a;b",c,d\n1;2;3;4')).toBe(',');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
  });

  it('says what is wrong with files it cannot use', async () => {
    expect((await parseDeputiesFile(Buffer.from('%PDF-1.4\n\x00\x01binary'))).problems[0]!.messageKey).toBe('import.file.unsupported');
    expect((await parseDeputiesFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).problems[0]!.messageKey).toBe('import.file.oldExcel');
    expect((await parseDeputiesFile(Buffer.from('PK\x03\x04not really a zip'))).problems[0]!.messageKey).toBe('import.file.unreadable');
    expect((await parseDeputiesFile(Buffer.alloc(0))).problems[0]!.messageKey).toBe('import.file.empty');
    expect((await parseDeputiesFile(Buffer.from('just,some\ntext,here\n'))).problems[0]!.messageKey).toBe('import.file.noHeader');
    const noGiven = await parseDeputiesFile(Buffer.from('Фамилия;Дата рождения\nИванов;01.01.1970\n'));
    expect(noGiven.problems).toEqual([{ messageKey: 'import.file.columnMissing', column: 'givenName' }]);
    expect((await parseDeputiesFile(Buffer.from('Фамилия;Имя;ИИН\n'))).problems[0]!.messageKey).toBe('import.file.noRows');
  });

  it('reads CSV with a BOM and semicolons, with commas, and Windows-1251, keeping the spreadsheet row numbers', async () => {
    const rows: DeputyFileRow[] = [{ familyName: 'Мұқашев', givenName: 'Асқар', birthDate: '05.03.1978', iin: '780305300009', party: 'Ақ жол; "демократтар"' }];
    const semicolons = await parseDeputiesFile(deputiesCsv(rows, 'kk'));
    expect(semicolons.problems).toEqual([]);
    expect(semicolons.language).toBe('kk');
    expect(semicolons.rows).toEqual([{ row: 2, values: { familyName: 'Мұқашев', givenName: 'Асқар', birthDate: '05.03.1978', iin: '780305300009', party: 'Ақ жол; "демократтар"' } }]);
    const commas = await parseDeputiesFile(deputiesCsv(rows, 'ru', { delimiter: ',', bom: false }));
    expect(commas.language).toBe('ru');
    expect(commas.rows[0]!.values.party).toBe('Ақ жол; "демократтар"');

    const text = 'Фамилия;Имя;Дата рождения\r\n\r\nИванов;Иван;01.02.1970\r\n;;\r\nПетрова;Анна;1971-03-04\r\n';
    const cp1251 = Buffer.from([...text].map((c) => (c.charCodeAt(0) >= 0x410 && c.charCodeAt(0) <= 0x44f ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))));
    const parsed = await parseDeputiesFile(cp1251);
    expect(parsed.rows).toEqual([
      { row: 3, values: { familyName: 'Иванов', givenName: 'Иван', birthDate: '01.02.1970' } },
      { row: 5, values: { familyName: 'Петрова', givenName: 'Анна', birthDate: '1971-03-04' } },
    ]);
  });

  it('reads XLSX date cells, numeric IINs (leading zero restored) and a header row below a title', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист1');
    sheet.addRow(['Депутаттар тізімі']);
    sheet.addRow([]);
    sheet.addRow(['ЖСН', 'Тегі', 'Аты', 'Туған күні', 'Сайлау округінің нөмірі']);
    sheet.addRow([50101600007, 'Сәрсенова', 'Әсем', new Date(Date.UTC(2005, 0, 1)), 7]);
    const parsed = await parseDeputiesFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(parsed.problems).toEqual([]);
    expect(parsed.language).toBe('kk');
    expect(parsed.rows).toEqual([{ row: 4, values: { iin: '050101600007', familyName: 'Сәрсенова', givenName: 'Әсем', birthDate: '01.01.2005', district: '7' } }]);
  });

  it('round-trips the template in Kazakh and in Russian', async () => {
    for (const lang of ['kk', 'ru'] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await buildTemplate(lang)) as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe(`${columns[0]!.header[lang]} *`);
      expect(workbook.worksheets[1]!.getCell('A2').value).toBe(columns[0]!.header[lang]);
      sheet.getRow(2).values = ['Мұқашев', 'Асқар', 'Серікұлы', new Date(Date.UTC(1978, 2, 5)), '780305300009', 'Бөрлі аудандық мәслихаты', 3, 'AMANAT', '19.03.2023'];
      sheet.getRow(3).values = ['Омарова', 'Динара'];
      const parsed = await parseDeputiesFile(Buffer.from(await workbook.xlsx.writeBuffer()));
      expect(parsed.problems).toEqual([]);
      expect(parsed.language).toBe(lang);
      expect(parsed.columns).toEqual(columns.map((c) => c.key));
      expect(parsed.rows).toEqual([
        {
          row: 2,
          values: { familyName: 'Мұқашев', givenName: 'Асқар', patronymic: 'Серікұлы', birthDate: '05.03.1978', iin: '780305300009', maslikhat: 'Бөрлі аудандық мәслихаты', district: '3', party: 'AMANAT', startDate: '19.03.2023' },
        },
        { row: 3, values: { familyName: 'Омарова', givenName: 'Динара' } },
      ]);
    }
  });
});

describe('values', () => {
  it('reads dates as people type them', () => {
    expect(parseDate('05.03.1978')).toBe('1978-03-05');
    expect(parseDate('5.3.1978')).toBe('1978-03-05');
    expect(parseDate('05/03/1978')).toBe('1978-03-05');
    expect(parseDate('1978-03-05')).toBe('1978-03-05');
    expect(parseDate('1978-03-05 00:00:00')).toBe('1978-03-05');
    expect(parseDate('31.02.1978')).toBeNull();
    expect(parseDate('05.03.78')).toBeNull();
    expect(parseDate('вчера')).toBeNull();
  });

  it('tells district from city maslikhats by their names, and keys names across spellings', () => {
    expect(maslikhatLevelFromName('Жаңақала аудандық мәслихаты')).toBe('district');
    expect(maslikhatLevelFromName('Уральский городской маслихат')).toBe('city');
    expect(maslikhatLevelFromName('Орал қалалық мәслихаты')).toBe('city');
    expect(maslikhatLevelFromName('Бурлинский')).toBeNull();
    expect(maslikhatKey('Бөрлі аудандық мәслихаты')).toBe(maslikhatKey('Борли аудандык маслихат'));
  });
});

/** A Russian file for West Kazakhstan with one row per kind of problem; rows 2 and 3 are good. */
function badFile(): { rows: DeputyFileRow[]; expected: [number, MessageKey][] } {
  const good = demoDeputies(2, { lang: 'ru', offset: 9000 });
  const base = demoDeputies(20, { lang: 'ru', offset: 9100 });
  const row = (i: number, patch: DeputyFileRow): DeputyFileRow => ({ ...base[i]!, maslikhat: '', district: '', ...patch });
  const rows: DeputyFileRow[] = [
    { ...good[0]!, maslikhat: '', district: 1 }, // row 2
    { ...good[1]!, maslikhat: '', district: 2 }, // row 3
    row(0, { familyName: '' }), // 4
    row(1, { birthDate: '31.02.1980', iin: '' }), // 5
    row(2, { maslikhat: 'Бурлинский маслихат' }), // 6: neither district nor city
    row(3, { iin: '780305300008' }), // 7: check digit
    row(4, { iin: good[0]!.iin, birthDate: good[0]!.birthDate }), // 8: IIN of row 2
    row(5, { familyName: good[1]!.familyName, givenName: good[1]!.givenName, patronymic: good[1]!.patronymic, birthDate: good[1]!.birthDate, iin: '' }), // 9: person of row 3
    row(6, { district: 'пятый' }), // 10
    row(7, { party: 'Партия любителей пива' }), // 11
    row(8, { maslikhat: 'маслихат города Алматы' }), // 12: another region
    row(9, { birthDate: '', iin: '' }), // 13
    row(10, { district: 1 }), // 14: seat of row 2
    row(11, { iin: '781305300009' }), // 15: IIN with a 13th month
    row(12, { iin: '12345' }), // 16
    row(13, { birthDate: '01.01.1950' }), // 17: the IIN says otherwise
    row(14, { birthDate: '01.01.2020', iin: '' }), // 18: too young
    row(15, { startDate: '01.01.2099' }), // 19
  ];
  const expected: [number, MessageKey][] = [
    [4, 'import.problem.required'],
    [5, 'import.problem.dateInvalid'],
    [6, 'import.problem.maslikhatUnknown'],
    [7, 'import.problem.iin.checksum'],
    [8, 'import.problem.duplicateIinInFile'],
    [9, 'import.problem.duplicatePersonInFile'],
    [10, 'import.problem.districtInvalid'],
    [11, 'import.problem.partyUnknown'],
    [12, 'import.problem.maslikhatOtherRegion'],
    [13, 'import.problem.birthDateMissing'],
    [14, 'import.problem.districtTakenInFile'],
    [15, 'import.problem.iin.date'],
    [16, 'import.problem.iin.format'],
    [17, 'import.problem.iinBirthDateMismatch'],
    [18, 'import.problem.birthDateOutOfRange'],
    [19, 'import.problem.startDateFuture'],
  ];
  return { rows, expected };
}

describe('checking and applying', () => {
  const service = () => createImportService(db);
  const context = systemContext('test');

  it('reports every kind of problem with its spreadsheet row, and writes nothing', async () => {
    const { rows, expected } = badFile();
    const s = service();
    const target = await s.target(region);
    const before = await registryCounts();
    const result = await s.importFile(target, await deputiesWorkbook(rows, 'ru'), { fileName: 'bad.xlsx', context });
    expect(result.counts).toBeNull();
    expect(result.validation.problems.map((p) => [p.row, p.messageKey])).toEqual(expected);
    expect(result.validation.badRows).toBe(expected.length);
    expect(result.validation.totalRows).toBe(rows.length);
    expect(await registryCounts()).toEqual(before);
  });

  it('reports problems against the registry: an IIN that is someone else’s, a namesake with another IIN', async () => {
    const s = service();
    const target = await s.target(region);
    const [a, b] = demoDeputies(2, { lang: 'kk', offset: 9500 });
    await s.importFile(target, await deputiesWorkbook([a!, b!], 'kk'), { fileName: null, context });
    const [d, m, y] = String(b!.birthDate).split('.');
    let otherIin: string | null = null;
    for (let serial = 9999; !otherIin || otherIin === b!.iin; serial--) otherIin = makeIin(`${y}-${m}-${d}`, 'female', serial);
    const rows: DeputyFileRow[] = [
      { familyName: 'Басқа', givenName: 'Адам', birthDate: a!.birthDate, iin: a!.iin }, // a's IIN, another person
      { ...b!, iin: otherIin }, // b by name and birth date, another IIN
    ];
    const result = await s.importFile(target, await deputiesWorkbook(rows, 'kk'), { fileName: null, context });
    const keys = result.validation.problems.map((p) => [p.row, p.messageKey]);
    expect(keys).toEqual([
      [2, 'import.problem.iinBelongsToOther'],
      [3, 'import.problem.personHasOtherIin'],
    ]);
  });

  it('applies all rows, creating the district and city maslikhats under the region; a second import changes nothing', async () => {
    const s = service();
    const target = await s.target(region);
    const rows = demoDeputies(140, { lang: 'kk', maslikhats: westKazakhstanMaslikhats.kk.slice(0, 6) });
    const file = await deputiesWorkbook(rows, 'kk');
    const before = await registryCounts();
    // Other tests may put maslikhats under the region too: only the ones this import makes count here.
    const childrenBefore = new Set((await db.selectFrom('organization').select('id').where('parent_id', '=', target.id).execute()).map((o) => o.id));
    const first = await s.importFile(target, file, { fileName: 'wko.xlsx', context });
    expect(first.validation.problems).toEqual([]);
    expect(first.counts).toMatchObject({ rows: 140, maslikhatsCreated: 6, personsCreated: 140, membershipsCreated: 140 });
    const after = await registryCounts();
    expect(after.person - before.person).toBe(140);
    expect(after.membership - before.membership).toBe(140);
    expect(after.organization - before.organization).toBe(6);
    expect(after.audit - before.audit).toBe(1);

    const children = await db
      .selectFrom('organization as o')
      .innerJoin('organization_name as n', 'n.organization_id', 'o.id')
      .select(['o.id', 'o.slug', 'o.maslikhat_level', 'n.name'])
      .where('o.parent_id', '=', target.id)
      .orderBy('o.slug')
      .execute()
      .then((all) => all.filter((o) => !childrenBefore.has(o.id)));
    expect(children).toHaveLength(6);
    const borli = children.find((c) => (c.name as { kk?: string }).kk === 'Бөрлі аудандық мәслихаты')!;
    expect(borli).toMatchObject({ slug: 'maslikhat-270000000-borli-audandyk', maslikhat_level: 'district' });

    const deputy = await db
      .selectFrom('membership as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .leftJoin('electoral_district as d', 'd.id', 'm.electoral_district_id')
      .leftJoin('organization as party', 'party.id', 'm.on_behalf_of_id')
      .select(['p.name', 'p.iin', 'p.birth_date', 'p.gender', 'p.search_text', 'm.role', 'm.start_date', 'd.number', 'party.slug as party', 'm.convocation_id'])
      .where('p.iin', '=', String(rows[0]!.iin))
      .executeTakeFirstOrThrow();
    expect(deputy).toMatchObject({ name: { kk: `${rows[0]!.familyName} ${rows[0]!.givenName} ${rows[0]!.patronymic}` }, role: 'deputy', start_date: '2023-03-19', number: 1, gender: 'male' });
    expect(deputy.convocation_id).not.toBeNull();

    // The same file again, then the same people in a Russian CSV: nothing new.
    const again = await s.importFile(target, file, { fileName: 'wko.xlsx', context });
    expect(again.counts).toMatchObject({ maslikhatsCreated: 0, personsCreated: 0, personsMatched: 140, membershipsCreated: 0, membershipsUpdated: 0, membershipsUnchanged: 140 });
    expect(await registryCounts()).toEqual(after);
  });

  it('matches a person entered without IIN by name and birth date, adding the IIN, and a hand-entered membership', async () => {
    const s = service();
    const target = await s.target(region);
    const [row] = demoDeputies(1, { lang: 'ru', offset: 9700 });
    const personId = newId();
    const [d, m, y] = String(row!.birthDate).split('.');
    await db
      .insertInto('person')
      .values({ id: personId, name: JSON.stringify({ ru: `${row!.familyName} ${row!.givenName}` }), birth_date: `${y}-${m}-${d}`, search_text: '', iin: null })
      .execute();
    await db.insertInto('membership').values({ id: newId(), organization_id: target.id, person_id: personId, role: 'deputy', start_date: '2023-03-19' }).execute();
    const before = await registryCounts();
    const result = await s.importFile(target, deputiesCsv([{ ...row!, maslikhat: '', district: '' }], 'ru'), { fileName: null, context });
    expect(result.counts).toMatchObject({ personsCreated: 0, personsMatched: 1, personsUpdated: 1, membershipsCreated: 0, membershipsUnchanged: 0, membershipsUpdated: 1 });
    const after = await registryCounts();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect((await db.selectFrom('person').select('iin').where('id', '=', personId).executeTakeFirstOrThrow()).iin).toBe(row!.iin);
  });

  it('checks the stored rows again when applying: a registry changed since the check writes nothing', async () => {
    const s = service();
    const target = await s.target(region);
    const rows = demoDeputies(3, { lang: 'ru', offset: 9800 });
    const data = deputiesCsv(rows, 'ru');
    const { parsed, validation } = await s.check(target, data);
    expect(validation.problems).toEqual([]);
    const uploadId = await s.storeUpload(target, null, 'late.csv', data, parsed);
    // Meanwhile someone enters another person under the second row's IIN.
    await db.insertInto('person').values({ id: newId(), name: JSON.stringify({ ru: 'Кто-то Другой' }), birth_date: '1990-01-01', search_text: '', iin: String(rows[1]!.iin) }).execute();
    const before = await registryCounts();
    const outcome = await s.applyUpload(uploadId, target, null, context);
    expect(outcome.outcome).toBe('problems');
    expect(outcome.outcome === 'problems' && outcome.validation.problems.map((p) => [p.row, p.messageKey])).toEqual([[3, 'import.problem.iinBelongsToOther']]);
    expect(await registryCounts()).toEqual(before);
    expect(await s.applyUpload(uploadId, await s.target('maslikhat-750000000'), null, context)).toEqual({ outcome: 'gone' });
  });
});

// ── Routes ──

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----kenes${newId().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(browser: Browser, url: string, file?: { name: string; data: Buffer; type?: string }) {
  if (!browser.cookie('kenes_csrf')) await browser.get('/kk/');
  const body = multipart({ _csrf: browser.cookie('kenes_csrf')! }, file);
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { cookie: browser.cookieHeader, 'content-type': body.contentType } });
}

const decode = (html: string) => html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');

describe('import screens', () => {
  let secretary: TestAccount;
  let otherSecretary: TestAccount;
  let browser: Browser;
  let otherBrowser: Browser;
  beforeAll(async () => {
    secretary = await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: region }] });
    otherSecretary = await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-590000000' }] });
    browser = new Browser(t.app);
    await browser.signIn(secretary, 'ru');
    otherBrowser = new Browser(t.app);
    await otherBrowser.signIn(otherSecretary, 'ru');
  });

  it('keeps another region’s staff and visitors out', async () => {
    expect((await otherBrowser.get(`/ru/office/maslikhats/${region}/import`)).statusCode).toBe(403);
    expect((await otherBrowser.get(`/ru/office/maslikhats/${region}/import/template.xlsx?lang=ru`)).statusCode).toBe(403);
    expect((await upload(otherBrowser, `/ru/office/maslikhats/${region}/import`, { name: 'a.csv', data: deputiesCsv(demoDeputies(1), 'kk') })).statusCode).toBe(403);
    expect((await otherBrowser.post(`/ru/office/maslikhats/${region}/import/${newId()}/apply`)).statusCode).toBe(403);
    // The right person without the form's CSRF token is refused too.
    const noToken = multipart({}, { name: 'a.csv', data: deputiesCsv(demoDeputies(1), 'kk') });
    const forged = await t.app.inject({ method: 'POST', url: `/ru/office/maslikhats/${region}/import`, payload: noToken.payload, headers: { cookie: browser.cookieHeader, 'content-type': noToken.contentType } });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain(translate('ru', 'errorTitle.csrf_failed'));
    const anonymous = await t.app.inject(`/ru/office/maslikhats/${region}/import`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/ru\/sign-in\?next=/);
    expect((await browser.get('/ru/office/maslikhats/no-such-maslikhat/import')).statusCode).toBe(404);
    expect((await browser.get('/ru/office/maslikhats/council-senate/import')).statusCode).toBe(404);
  });

  it('shows the upload screen and serves the templates', async () => {
    const page = await browser.get(`/kk/office/maslikhats/${region}/import`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Депутаттарды файлдан жүктеу');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`/kk/office/maslikhats/${region}/import/template.xlsx?lang=ru`);
    const template = await browser.get(`/kk/office/maslikhats/${region}/import/template.xlsx?lang=ru`);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    expect(template.headers['content-disposition']).toContain('kenes-deputies-ru.xlsx');
    const parsed = await parseDeputiesFile(template.rawPayload);
    expect(parsed.language).toBe('ru');
    expect(parsed.problems).toEqual([{ messageKey: 'import.file.noRows' }]);
  });

  it('refuses a missing, a non-spreadsheet and a too large file on the form', async () => {
    const url = `/ru/office/maslikhats/${region}/import`;
    const missing = await upload(browser, url);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(translate('ru', 'import.file.missing'));
    const image = await upload(browser, url, { name: 'deputies.xlsx', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
    expect(image.statusCode).toBe(400);
    expect(decode(image.body)).toContain(translate('ru', 'import.file.unsupported'));
    const big = await upload(browser, url, { name: 'big.csv', data: Buffer.alloc(10 * 1024 * 1024 + 10, 0x41) });
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain(translate('ru', 'import.file.tooLarge', { limit: 10 }));
    // Larger than the site's 1 MB body limit but within the import's 10 MB: accepted.
    const padded = Buffer.concat([deputiesCsv(demoDeputies(2, { lang: 'ru', offset: 9990 }), 'ru'), Buffer.from(`;;;;;;;;;;${'x'.repeat(3 * 1024 * 1024)}\r\n`)]);
    const accepted = await upload(browser, url, { name: 'padded.csv', data: padded });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain(translate('ru', 'import.confirmTitle'));
  });

  it('reports each problem with its row in Kazakh and in Russian, and writes nothing', async () => {
    const { rows, expected } = badFile();
    const data = await deputiesWorkbook(rows, 'ru');
    const before = await registryCounts();
    for (const lang of ['kk', 'ru'] as const) {
      const res = await upload(browser, `/${lang}/office/maslikhats/${region}/import`, { name: 'депутаты.xlsx', data });
      expect(res.statusCode).toBe(400);
      const html = decode(res.body);
      expect(html).toContain(translate(lang, 'import.reportTitle'));
      expect(html).toContain(translate(lang, 'import.reportLead', { bad: expected.length, total: rows.length }));
      for (const [row, key] of expected) {
        const rowHtml = new RegExp(`<th scope="row" class="numeric">${row}</th><td>[^<]*</td><td>([^<]*)</td>`).exec(html);
        expect(rowHtml, `row ${row}`).not.toBeNull();
        // The message's fixed words, in the page's language.
        const words = translate(lang, key, { value: '§', row: 0, district: 0, column: '§', iinDate: '§', birthDate: '§' }).split(/§|0/).filter((w) => w.trim().length > 3);
        for (const w of words) expect(rowHtml![1], `row ${row} (${key}) in ${lang}`).toContain(w.trim());
      }
    }
    // On a Kazakh Latin page the column names are in Latin letters too.
    const latin = decode((await upload(browser, `/kk-latn/office/maslikhats/${region}/import`, { name: 'd.xlsx', data })).body);
    expect(latin).toContain(`<td>${toKazakhLatin('Тегі')}</td>`);
    expect(latin).toContain(toKazakhLatin('толтырылмаған'));
    expect(latin).not.toContain('<td>Тегі</td>');
    expect(await registryCounts()).toEqual(before);
  });

  it('checks, shows what will change, applies on the stored upload and redirects to the public page', async () => {
    const rows = demoDeputies(30, { lang: 'ru', offset: 9900, maslikhats: ['Бурлинский районный маслихат'] });
    const before = await registryCounts();
    const res = await upload(browser, `/ru/office/maslikhats/${region}/import`, { name: 'депутаты.csv', data: deputiesCsv(rows, 'ru') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = decode(res.body);
    expect(html).toContain(translate('ru', 'import.confirmTitle'));
    expect(html).toContain('Бурлинский районный маслихат');
    const action = /action="(\/ru\/office\/maslikhats\/maslikhat-270000000\/import\/([0-9a-f-]{36})\/apply)"/.exec(html);
    expect(action).not.toBeNull();
    expect(await registryCounts()).toEqual(before);

    // Another person cannot apply this upload, even with the right role for the region.
    const colleague = new Browser(t.app);
    await colleague.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: region }] }), 'ru');
    expect((await colleague.post(action![1]!)).statusCode).toBe(410);

    const applied = await browser.post(action![1]!);
    expect(applied.statusCode).toBe(303);
    expect(applied.headers.location).toBe(`/ru/maslikhats/${region}`);
    const after = await registryCounts();
    expect(after.membership - before.membership).toBe(30);
    expect(after.organization - before.organization).toBe(1);
    const event = await db.selectFrom('audit_event').select(['actor_account_id', 'after']).where('entity', '=', 'deputies_import').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    expect(event.actor_account_id).toBe(secretary.id);
    expect(event.after).toMatchObject({ file: 'депутаты.csv', membershipsCreated: 30, maslikhatsCreated: 1 });

    // The upload is used up.
    const again = await browser.post(action![1]!);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain(translate('ru', 'import.goneTitle'));
  });
});
