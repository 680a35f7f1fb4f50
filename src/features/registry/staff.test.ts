import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { createCollectiveMembers, createDeputy, maslikhatId } from '../../../test/support/registry-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let westStaff: TestAccount;
let almatyStaff: TestAccount;
let west: Browser;
let almaty: Browser;
let secretariat: Browser;

beforeAll(async () => {
  t = await createTestApp();
  westStaff = await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  almatyStaff = await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
  const clerk = await createAccount(t.database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
  west = new Browser(t.app);
  await west.signIn(westStaff);
  almaty = new Browser(t.app);
  await almaty.signIn(almatyStaff);
  secretariat = new Browser(t.app);
  await signInFully(secretariat, t.database.db, clerk);
});
afterAll(() => t.close());

const westKato = '270000000';
const amanat = async () => (await t.database.db.selectFrom('organization').select('id').where('slug', '=', 'party-amanat').executeTakeFirstOrThrow()).id;
const base = '/ru/office/maslikhats/maslikhat-270000000/deputies';

async function addDeputy(overrides: Record<string, string> = {}) {
  return west.post(`${base}/new`, {
    familyNameKk: 'Сейітқали',
    givenNameKk: 'Айгүл',
    patronymicKk: 'Маратқызы',
    familyNameRu: 'Сейиткали',
    givenNameRu: 'Айгуль',
    patronymicRu: 'Маратовна',
    birthDate: '1980-05-17',
    gender: 'female',
    partyId: await amanat(),
    districtNumber: '7',
    districtName: 'Орал қаласы, Жұбан Молдағалиев көшесі',
    startDate: '2023-03-29',
    publicEmail: 'aigul.s@example.kz',
    publicPhone: '+7 7112 50 00 01',
    reception: 'Орал, Абай даңғылы 1, сейсенбі 10:00–12:00',
    internalPhone: '+7 701 000 00 99',
    ...overrides,
  });
}

describe('deputies of a maslikhat, kept by its staff', () => {
  it('adds a deputy with a party and a district, audited, and lists her', async () => {
    const res = await addDeputy();
    expect(res.statusCode).toBe(303);
    const list = await west.get(base);
    expect(list.body).toContain('Сейиткали Айгуль Маратовна');
    expect(list.body).toContain('AMANAT');
    const person = await t.database.db.selectFrom('person').select(['id', 'search_text']).where('search_text', 'like', '%aigul%').executeTakeFirstOrThrow();
    // Both spellings folded: Сейітқали (kk) and Сейиткали (ru) meet in one searchable form.
    expect(person.search_text).toBe('seiitkali aigul maratkyzy seiitkali aigul maratovna');
    // Public contacts are published; the internal phone is not.
    const api = await t.app.inject(`/api/v1/persons?q=${encodeURIComponent('Сейиткали')}`);
    expect(api.body).toContain('aigul.s@example.kz');
    expect(api.body).toContain('+7 7112 50 00 01');
    expect(api.body).not.toContain('+7 701 000 00 99');
    const popolo = await t.app.inject('/open-data/popolo.json');
    expect(popolo.body).not.toContain('+7 701 000 00 99');
    const events = await sql<{ action: string; entity: string }>`select action, entity from audit_event where actor_account_id = ${westStaff.id} order by occurred_at`.execute(t.database.db);
    expect(events.rows.map((e) => `${e.entity}:${e.action}`)).toEqual(expect.arrayContaining(['person:created', 'membership:created']));
  });

  it('explains every problem and keeps the answers', async () => {
    const res = await addDeputy({ familyNameKk: '', familyNameRu: '', birthDate: '17.05.1980', districtNumber: 'seven', startDate: '' });
    expect(res.statusCode).toBe(400);
    const refused = page(res.body);
    const problems = refused.errorSummary();
    expect(problems.map((p) => p.href)).toEqual(['#field-familyNameKk', '#field-birthDate', '#field-districtNumber', '#field-startDate']);
    expect(problems[0]!.text).toBe('Введите фамилию на казахском или русском.');
    expect(problems[1]!.text).toContain('Введите дату в формате ГГГГ-ММ-ДД');
    expect(problems[2]!.text).toContain('Введите номер округа числом');
    expect(problems[3]!.text).toBe('Введите дату.');
    const value = (p: ReturnType<typeof page>, id: string) => p.document.getElementById(`field-${id}`)?.getAttribute('value');
    expect(value(refused, 'givenNameKk')).toBe('Айгүл');
    expect(value(refused, 'birthDate')).toBe('17.05.1980');
    // One problem per field, each linked from the summary; a long answer is kept and refused, not cut.
    const many = page((await addDeputy({ familyNameKk: '', familyNameRu: '', givenNameKk: '', givenNameRu: '', birthDate: '1980-02-30', districtName: 'д'.repeat(501), publicEmail: 'nope', publicPhone: 'x' })).body);
    const summary = many.errorSummary();
    expect(summary.map((p) => p.href)).toEqual(['#field-familyNameKk', '#field-givenNameKk', '#field-birthDate', '#field-districtName', '#field-publicEmail', '#field-publicPhone']);
    expect(many.title).toMatch(/^Ошибка: /);
    expect(summary[3]!.text).toBe('Введите не более 500 символов.');
    expect(value(many, 'districtName')).toBe('д'.repeat(501));
    expect(value(many, 'patronymicRu')).toBe('Маратовна');
    const phone = page((await addDeputy({ publicPhone: 'call me', publicEmail: 'nope' })).body).errorSummary();
    expect(phone.map((p) => p.href)).toEqual(['#field-publicEmail', '#field-publicPhone']);
    expect(phone[0]!.text).toContain('Введите адрес электронной почты правильно');
    expect(phone[1]!.text).toContain('Введите номер телефона цифрами');
  });

  it('edits with a version check and ends a mandate with a reason, keeping the history', async () => {
    await addDeputy({ familyNameRu: 'Жумабаев', familyNameKk: 'Жұмабаев', givenNameRu: 'Ерлан', givenNameKk: 'Ерлан', gender: 'male', districtNumber: '9' });
    const m = await t.database.db
      .selectFrom('membership')
      .innerJoin('person', 'person.id', 'membership.person_id')
      .select(['membership.id', 'membership.version', 'person.version as pv'])
      .where('person.search_text', 'like', '%zhumabaev%')
      .executeTakeFirstOrThrow();
    const form = await west.get(`${base}/${m.id}/edit`);
    expect(form.body).toContain('value="Жұмабаев"');
    const edited = await west.post(`${base}/${m.id}/edit`, {
      familyNameKk: 'Жұмабаев', givenNameKk: 'Ерлан', patronymicKk: '', familyNameRu: 'Жумабаев', givenNameRu: 'Ерлан', patronymicRu: '',
      birthDate: '', gender: 'male', partyId: '', districtNumber: '10', districtName: '', startDate: '2023-03-29',
      membershipVersion: String(m.version), personVersion: String(m.pv),
    });
    expect(edited.statusCode).toBe(303);
    const stale = await west.post(`${base}/${m.id}/edit`, {
      familyNameKk: 'Жұмабаев', givenNameKk: 'Ерлан', familyNameRu: 'Жумабаев', givenNameRu: 'Ерлан', gender: 'male', startDate: '2023-03-29',
      membershipVersion: String(m.version), personVersion: String(m.pv),
    });
    expect(stale.statusCode).toBe(409);

    const noReason = await west.post(`${base}/${m.id}/end`, { endDate: '2026-11-01', reason: '', version: String(m.version + 1) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Выберите причину.');
    const ended = await west.post(`${base}/${m.id}/end`, { endDate: '2026-11-01', reason: 'resigned', version: String(m.version + 1) });
    expect(ended.statusCode).toBe(303);
    const row = await t.database.db.selectFrom('membership').select(['end_date', 'end_reason']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ end_date: '2026-11-01', end_reason: 'resigned' });
    expect((await west.get(base)).body).not.toContain('Жумабаев Ерлан');
    const audit = await t.database.db.selectFrom('audit_event').select(['before', 'after']).where('entity_id', '=', m.id).where('action', '=', 'ended').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ end_date: '2026-11-01', end_reason: 'resigned' });
  });

  it('pages a long list, 100 deputies a page, with the total on every page', async () => {
    const slug = 'maslikhat-750000000';
    for (let i = 0; i < 230; i++) await createDeputy(t.database.db, { maslikhat: slug, person: { name: { kk: `Депутат ${String(i).padStart(3, '0')}` } }, startDate: '2023-03-19' });
    const total = (await t.database.db.selectFrom('membership').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', await maslikhatId(t.database.db, slug)).where('end_date', 'is', null).where('role', 'in', ['deputy', 'head']).executeTakeFirstOrThrow()).n;
    expect(Number(total)).toBeGreaterThan(200);
    const rowsOn = (body: string) => (body.match(/<tr><th scope="row">/g) ?? []).length;
    const first = await almaty.get(`/en/office/maslikhats/${slug}/deputies`);
    expect(rowsOn(first.body)).toBe(100);
    expect(first.body).toContain(`${total} `);
    expect(first.body).toContain(`href="/en/office/maslikhats/${slug}/deputies?page=2" rel="next"`);
    const last = await almaty.get(`/en/office/maslikhats/${slug}/deputies?page=3`);
    expect(rowsOn(last.body)).toBe(Number(total) - 200);
    expect(last.body).not.toContain('rel="next"');
  });

  it('a secretary of another region can neither see nor change these deputies', async () => {
    expect((await almaty.get(base)).statusCode).toBe(403);
    expect((await almaty.post(`${base}/new`, { familyNameRu: 'X', givenNameRu: 'Y', startDate: '2023-03-29' })).statusCode).toBe(403);
    const m = { id: (await createDeputy(t.database.db, { maslikhat: westKato })).membershipId };
    expect((await almaty.post(`${base}/${m.id}/end`, { endDate: '2026-11-01', reason: 'other', version: '1' })).statusCode).toBe(403);
    // And a membership of West Kazakhstan cannot be reached through Almaty's own pages.
    expect((await almaty.get(`/ru/office/maslikhats/maslikhat-750000000/deputies/${m.id}/edit`)).statusCode).toBe(404);
  });
});

/** A multipart body as a browser sends it. */
function multipartBody(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----kenes-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('POST /:lang/office/maslikhats/:slug/deputies/:id/photo', () => {
  it('re-encodes an uploaded photo, strips its metadata, serves it publicly, and refuses what is not a picture', async () => {
    const sharp = (await import('sharp')).default;
    const m = { id: (await createDeputy(t.database.db, { maslikhat: westKato })).membershipId };
    const jpeg = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#3a6ea5' } }).withMetadata({ exif: { IFD0: { Copyright: 'secret-gps-place' } } }).jpeg().toBuffer();
    const url = `/en/office/maslikhats/maslikhat-270000000/deputies/${m.id}/photo`;
    const csrf = west.cookie('kenes_csrf')!;
    const send = (body: ReturnType<typeof multipartBody>, browser = west) =>
      t.app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType, cookie: browser.cookieHeader } });

    const ok = await send(multipartBody({ _csrf: csrf }, { name: 'portrait.jpg', type: 'image/jpeg', bytes: jpeg }));
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toContain('photo=1');
    const edit = await west.get(ok.headers.location as string);
    const src = /<img class="portrait" src="(\/files\/photos\/[0-9a-f]{64}\.webp)"/.exec(edit.body)![1]!;
    const served = await t.app.inject(src);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeLessThanOrEqual(600);
    expect(meta.height).toBeLessThanOrEqual(800);
    expect(served.rawPayload.includes(Buffer.from('secret-gps-place'))).toBe(false);

    const fake = await send(multipartBody({ _csrf: csrf }, { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('<script>alert(1)</script>') }));
    expect(fake.headers.location).toContain('photoProblem=not_an_image');
    const refusedPhoto = await west.get(fake.headers.location as string);
    expect(refusedPhoto.statusCode).toBe(400);
    expect(page(refusedPhoto.body).errorSummary().map((p) => p.text)).toEqual(['This is not a JPEG, PNG or WebP picture.']);

    const noCsrf = await send(multipartBody({}, { name: 'portrait.jpg', type: 'image/jpeg', bytes: jpeg }));
    expect(noCsrf.statusCode).toBe(403);
    const otherRegion = await send(multipartBody({ _csrf: almaty.cookie('kenes_csrf') ?? '' }, { name: 'portrait.jpg', type: 'image/jpeg', bytes: jpeg }), almaty);
    expect(otherRegion.statusCode).toBe(403);
    expect((await t.app.inject(`/files/photos/${'0'.repeat(64)}.webp`)).statusCode).toBe(404);
  });

  it('says the true limits: a 12 MB file is over 5 MB, a 49-megapixel picture has too many pixels', async () => {
    const sharp = (await import('sharp')).default;
    const m = { id: (await createDeputy(t.database.db, { maslikhat: westKato })).membershipId };
    const url = `/en/office/maslikhats/maslikhat-270000000/deputies/${m.id}/photo`;
    const send = (bytes: Buffer, name: string) => {
      const body = multipartBody({ _csrf: west.cookie('kenes_csrf')! }, { name, type: 'image/png', bytes });
      return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType, cookie: west.cookieHeader } });
    };
    const big = await send(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(12 * 1024 * 1024, 1)]), 'big.jpg');
    expect(big.headers.location).toContain('photoProblem=too_large');
    expect((await west.get(big.headers.location as string)).body).toContain('The file is larger than 5 MB.');

    // 7000 × 7000 of one colour compresses to a few kilobytes, but would decode to ~200 MB.
    const huge = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(huge.length).toBeLessThan(5 * 1024 * 1024);
    const many = await send(huge, 'huge.png');
    expect(many.headers.location).toContain('photoProblem=too_many_pixels');
    expect((await west.get(many.headers.location as string)).body).toContain('at most 40 megapixels');
  });
});

describe('the Council, kept by the secretariat', () => {
  it('records an admission decision and admits a collective member with its representative from the decision\'s date', async () => {
    const decision = await secretariat.post('/en/office/council/decisions/new', {
      number: '12', date: '2020-10-21', kind: 'admission', admits: '1',
      titleKk: 'Кеңестің ұжымдық мүшелерін қабылдау туралы', titleRu: 'О приёме коллективных членов Совета', titleEn: 'On admitting collective members',
    });
    expect(decision.statusCode).toBe(303);
    const { id: decisionId } = await t.database.db.selectFrom('decision').select('id').where('number', '=', '12').executeTakeFirstOrThrow();
    const admitted = await secretariat.post('/en/office/council/admit', {
      decisionId, memberType: 'organization', orgNameKk: 'Мемлекеттік жергілікті басқару институты', orgNameRu: 'Институт государственного местного управления', orgNameEn: 'Institute of State Local Government',
      orgClassification: 'institute', repFamilyNameRu: 'Иванов', repGivenNameRu: 'Пётр',
    });
    expect(admitted.statusCode).toBe(303);
    const council = page((await secretariat.get('/en/office/council')).body).text();
    expect(council).toContain('Institute of State Local Government');
    expect(council).toContain('represented by');
    expect(council).toContain('21 October 2020');
    const m = await t.database.db.selectFrom('membership').select(['start_date', 'start_decision_id', 'role']).where('start_decision_id', '=', decisionId).where('role', '=', 'collective_member').executeTakeFirstOrThrow();
    expect(m.start_date).toBe('2020-10-21');
  });

  it('requires a decision and the organisation\'s names, keeping the answers', async () => {
    const res = await secretariat.post('/kk/office/council/admit', { decisionId: '', memberType: 'organization', orgNameKk: '', orgNameRu: 'Только по-русски', orgClassification: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Қабылдау туралы шешімді таңдаңыз.');
    expect(res.body).toContain('Ұйымның атауын қазақша енгізіңіз.');
    expect(res.body).toContain('value="Только по-русски"');
  });

  it('withdraws a member by a withdrawal decision: the decision\'s day is the last', async () => {
    const recorded = await secretariat.post('/en/office/council/decisions/new', { number: '30', date: '2024-02-01', kind: 'withdrawal', titleKk: 'Шығару туралы', titleRu: 'О выходе' });
    expect(recorded.statusCode).toBe(303);
    const { id: decisionId } = await t.database.db.selectFrom('decision').select('id').where('number', '=', '30').executeTakeFirstOrThrow();
    const admitted = await createCollectiveMembers(t.database.db, { admittedOn: '2021-03-01', members: [{ name: { kk: 'Шығатын қауымдастық', ru: 'Выходящая ассоциация', en: 'Leaving Association' } }] });
    const member = await t.database.db.selectFrom('membership').select(['id', 'version']).where('id', '=', admitted.members[0]!.membershipId).executeTakeFirstOrThrow();
    const res = await secretariat.post(`/en/office/council/members/${member.id}/withdraw`, { decisionId, version: String(member.version) });
    expect(res.statusCode).toBe(303);
    const row = await t.database.db.selectFrom('membership').select(['end_date', 'end_decision_id']).where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ end_date: '2024-02-01', end_decision_id: decisionId });
  });

  it('is the secretariat\'s: maslikhat staff are refused', async () => {
    expect((await west.get('/en/office/council')).statusCode).toBe(403);
    expect((await west.post('/en/office/council/decisions/new', { date: '2024-01-01', kind: 'other', titleKk: 'x', titleRu: 'x' })).statusCode).toBe(403);
  });
});

describe('reference data kept by administrators', () => {
  it('changes the organisation the platform serves, audited, without code', async () => {
    const admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
    const browser = new Browser(t.app);
    await signInFully(browser, t.database.db, admin);
    expect(page((await browser.get('/en/office/admin/reference')).body).text()).toContain('Kurultai of the Republic of Kazakhstan');
    expect((await browser.post('/en/office/admin/reference/home', { organization: 'party-amanat' })).statusCode).toBe(400);
    const res = await browser.post('/en/office/admin/reference/home', { organization: 'kurultai' });
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject('/en/')).body).toContain('<h1>Kurultai of the Republic of Kazakhstan</h1>');
    const event = await t.database.db.selectFrom('audit_event').select(['before', 'after']).where('entity', '=', 'setting').executeTakeFirstOrThrow();
    expect(event).toEqual({ before: { value: 'council-senate' }, after: { value: 'kurultai' } });
    await browser.post('/en/office/admin/reference/home', { organization: 'council-senate' });
  });

  it('renames an organisation from a date: pages about the past keep the old name', async () => {
    const admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
    const browser = new Browser(t.app);
    await signInFully(browser, t.database.db, admin);
    const kurultai = await t.database.db.selectFrom('organization').select(['id', 'version']).where('slug', '=', 'kurultai').executeTakeFirstOrThrow();
    const form = await browser.get(`/en/office/admin/organizations/${kurultai.id}/edit`);
    expect(form.body).toContain('value="Курултай Республики Казахстан"');
    const bad = await browser.post(`/en/office/admin/organizations/${kurultai.id}/edit`, { nameKk: '', nameRu: 'X', renamedFrom: '2027-13-01', version: String(kurultai.version) });
    expect(bad.statusCode).toBe(400);
    // The Kurultai's name starts on its founding day: a new name cannot start on or before it.
    const early = await browser.post(`/en/office/admin/organizations/${kurultai.id}/edit`, { nameKk: 'Құрылтай', nameRu: 'Курултай', renamedFrom: '2020-01-01', version: String(kurultai.version) });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('The new name must start after the first day of the current name');
    expect(early.body).toContain('value="2020-01-01"');
    const saved = await browser.post(`/en/office/admin/organizations/${kurultai.id}/edit`, {
      nameKk: 'Қазақстан Республикасының Құрылтайы (жаңа)', nameRu: 'Курултай (новый)', nameEn: 'Kurultai (renamed)', renamedFrom: '2027-01-01', foundingDate: '2026-07-01', version: String(kurultai.version),
    });
    expect(saved.statusCode).toBe(303);
    const { findOrganizationBySlug } = await import('./registry.repository.js');
    expect((await findOrganizationBySlug(t.database.db, 'kurultai', '2026-12-31'))?.name.en).toBe('Kurultai of the Republic of Kazakhstan');
    expect((await findOrganizationBySlug(t.database.db, 'kurultai', '2027-01-02'))?.name.en).toBe('Kurultai (renamed)');
    const stale = await browser.post(`/en/office/admin/organizations/${kurultai.id}/edit`, { nameKk: 'a', nameRu: 'b', version: String(kurultai.version) });
    expect(stale.statusCode).toBe(409);
  });
});
