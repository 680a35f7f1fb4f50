import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import { seedDemoMeeting } from '../meetings/demo-meeting.js';
import { loadMeetingRecord } from '../meetings/record.js';
import { seedDemoData } from '../registry/demo-seed.js';
import { createRegistryService } from '../registry/registry.service.js';
import { draftPressRelease } from './press-release.js';

let t: TestApp;
let clerk: Browser;
let staff: Browser;
let demoMeetingId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedDemoData(db);
  await seedDemoMeeting(db);
  demoMeetingId = (await db.selectFrom('meeting').select('id').where('status', '=', 'held').executeTakeFirstOrThrow()).id;
  clerk = new Browser(t.app);
  await signInFully(clerk, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  staff = new Browser(t.app);
  await staff.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
/** The text of a field of the press release's own form (not the publish form beside it) as the page shows it. */
const fieldValue = (html: string, name: string): string => {
  const fields = [...page(html).document.querySelectorAll(`form[action$="/press-release"] [name="${name}"]`)];
  expect(fields).toHaveLength(1);
  const field = fields[0]!;
  return field.tagName === 'TEXTAREA' ? (field.textContent ?? '') : (field.getAttribute('value') ?? '');
};
const newsCount = async () => Number((await t.database.db.selectFrom('news_item').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

const form = (overrides: Record<string, string> = {}) => ({
  titleKk: 'Кеңес отырысы өтті',
  titleRu: 'Состоялось заседание Совета',
  titleEn: 'The Council met',
  leadKk: 'Отырыс Астанада өтті.',
  leadRu: 'Заседание прошло в Астане.',
  leadEn: 'The meeting took place in Astana.',
  bodyKk: 'Бірінші абзац.\n\nЕкінші абзац.',
  bodyRu: 'Первый абзац.\n\nВторой абзац.',
  bodyEn: 'First paragraph.\n\nSecond paragraph.',
  version: '',
  ...overrides,
});

async function heldMeeting(number: number) {
  return createMeeting(t.database.db, {
    number,
    startsAt: '2025-04-10T11:00',
    status: 'held',
    agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане', en: 'On the plan' }, isMain: true, rapporteurs: [{ name: { kk: 'Әлиев Нұрлан', ru: 'Алиев Нурлан', en: 'Nurlan Aliyev' } }] }],
    invitations: [{ kato: '710000000', status: 'confirmed', attendanceMode: 'room' }],
    decisions: [{ title: { kk: 'Жоспарды бекіту туралы', ru: 'Об утверждении плана', en: 'On approving the plan' }, kind: 'plan_adoption', result: 'adopted', votes: { for: 12, against: 1, abstain: 2 }, agendaItem: 0 }],
  });
}

async function saved(meetingId: string) {
  return t.database.db.selectFrom('news_item').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
}

describe('draftPressRelease', () => {
  it('drafts the demo meeting of 21 October 2020 in kk, ru and en: the main item, the chair, 17 regions by video, speakers, the admission decision', async () => {
    const record = await loadMeetingRecord(t.database.db, createRegistryService(t.database.db), demoMeetingId);
    const draft = draftPressRelease(record!);

    expect(draft.title.kk).toBe('Кеңестің кезекті отырысында «Мәслихаттар депутаттарының Мемлекет басшысының Қазақстан халқына Жолдауын іске асыруға қатысуы туралы» мәселесі қаралды');
    expect(draft.title.ru).toBe('На очередном заседании Совета рассмотрен вопрос «Об участии депутатов маслихатов в реализации Послания Главы государства народу Казахстана»');
    expect(draft.title.en).toContain("The Council's regular meeting considered “On maslikhat deputies' part in implementing");

    // Opens as the Senate does: the Council's full name, the chair with the post; names in the nominative.
    expect(draft.lead.kk).toContain('2020 жылғы 21 қазан күні Сенат жанындағы Жергілікті өкілді органдармен (мәслихаттармен) өзара іс-қимыл жөніндегі кеңес кезекті отырысын өткізді.');
    expect(draft.lead.kk).toContain('Отырысқа Кеңес төрағасы Асқар Шәкіров төрағалық етті.');
    expect(draft.lead.kk).toContain('Отырысқа 17 өңірдің мәслихаттары бейнебайланыс арқылы қатысты.');
    expect(draft.lead.ru).toContain('21 октября 2020 г. состоялось очередное заседание Совета по взаимодействию с местными представительными органами (маслихатами) при Сенате Парламента Республики Казахстан.');
    expect(draft.lead.ru).toContain('Председательствующий — председатель Совета Аскар Шакиров.');
    expect(draft.lead.ru).toContain('Место проведения: Нур-Султан, Сенат Парламента.');
    expect(draft.lead.ru).toContain('По видеосвязи в заседании участвовали маслихаты 17 регионов.');
    expect(draft.lead.en).toContain('On 21 October 2020, the Council for Interaction with Local Representative Bodies (Maslikhats) under the Senate held its regular meeting.');
    expect(draft.lead.en).toContain('Askar Shakirov, Chair of the Council, chaired the meeting.');
    expect(draft.lead.en).toContain('The maslikhats of 17 regions took part by video link.');

    // Each speaker named once, with no list of names; the words said in Kazakh quoted in the Kazakh
    // text only, closed as the Senate closes them; no rapporteurs or co-speakers, as the source names none.
    for (const name of ['Асқар Шәкіров', 'Мәлік Құлшар', 'Төлеубек Мұқашев', 'Серік Ақылбай']) expect({ name, times: draft.body.kk!.split(name).length - 1 }).toEqual({ name, times: 1 });
    expect(draft.body.kk).not.toContain('сөз сөйледі');
    expect(draft.body.kk).not.toContain('баяндама');
    expect(draft.body.kk).toContain('Мәлік Құлшар «мәслихат депутаттары Мемлекет басшысының Жолдауын іске асырудың жолдары мен мән-мағынасын әрбір қазақстандыққа жеткізуі тиіс» деп атап өтті.');
    expect(draft.body.kk).toContain('олардың қызметі халық үшін барынша ашық болуы тиіс» деп атап өтті.');
    expect(draft.body.ru).not.toContain('Докладчик');
    expect(draft.body.ru).not.toContain('На заседании выступили');
    expect(draft.body.ru).not.toContain('мәслихат депутаттары Мемлекет басшысының');
    // Each speaker introduced with the post held on the meeting's day, from the registry: the
    // maslikhat's head is its secretary in 2020, the organisation named as on that day.
    expect(draft.body.kk).toContain('Батыс Қазақстан облыстық мәслихатының хатшысы Мәлік Құлшар «мәслихат депутаттары');
    expect(draft.body.kk).toContain('«Қазақстан заңгерлер одағы» республикалық қоғамдық бірлестігінің төрағасы Серік Ақылбай «');
    expect(draft.body.ru).toContain('Секретарь Западно-Казахстанского областного маслихата Малик Кулшар: ');
    expect(draft.body.en).toContain('Malik Kulshar, secretary of the West Kazakhstan Regional Maslikhat: ');
    // The words were said in Kazakh; the Russian and English texts carry the demo's summaries in their language, never the Kazakh words.
    expect(draft.body.ru).toContain('Малик Кулшар: депутаты маслихатов должны донести до каждого казахстанца пути и смысл реализации Послания Главы государства.');
    expect(draft.body.en).toContain("Serik Akylbay, chairman of the Union of Lawyers of Kazakhstan (republican public association): the Union of Lawyers of Kazakhstan has prepared a series of thematic lectures");
    expect(draft.body.ru).not.toContain('слово было предоставлено');
    expect(draft.body.en).not.toContain('spoke on');
    expect(draft.body.en).not.toContain('spoke at the meeting');

    // The admission decision with its result, in each language.
    expect(draft.body.kk).toContain('«Кеңестің ұжымдық мүшелерін қабылдау туралы» шешім қабылданды.');
    expect(draft.body.ru).toContain('Решение «О приёме коллективных членов Совета» принято.');
    expect(draft.body.en).toContain('The decision “On admitting collective members of the Council” was adopted.');
    // …naming whom it admitted, from the memberships it started (not from the decision's text).
    expect(draft.body.kk).toContain('Мемлекеттік жергілікті басқару институты және «Мәслихат және әкімдік» республикалық журналы Кеңестің ұжымдық мүшелері болып қабылданды.');
    expect(draft.body.ru).toContain('В состав Совета приняты коллективные члены: Департамент по координации программы «Рухани жаңғыру» Министерства информации и общественного развития, Институт государственного местного управления и Республиканский журнал «Маслихат и акимат».');
    expect(draft.body.en).toContain('Institute of State Local Government and Maslikhat and Akimat, republican journal were admitted to the Council as collective members.');
    // Paragraphs are separated by blank lines.
    expect(draft.body.kk!.split('\n\n').length).toBeGreaterThan(4);
  });

  it('carries what was said in ru and en (the summaries), and names a rapporteur once with the post given', async () => {
    const record = (await loadMeetingRecord(t.database.db, createRegistryService(t.database.db), demoMeetingId))!;
    const [main] = record.agenda;
    const kulshar = main!.statements.find((s) => s.personName?.en === 'Malik Kulshar')!;
    const post = { kk: 'Батыс Қазақстан облыстық мәслихатының хатшысы', ru: 'секретарь Западно-Казахстанского областного маслихата', en: 'Secretary of the West Kazakhstan Regional Maslikhat' };
    const summary = { ru: 'призвал донести смысл Послания до каждого казахстанца.', en: 'called for the meaning of the Address to reach every Kazakhstani.' };
    const changed = {
      ...record,
      agenda: [
        {
          ...main!,
          rapporteurs: [{ agendaItemId: main!.id, personId: kulshar.personId!, personName: kulshar.personName!, role: 'rapporteur' as const, label: post }],
          statements: [{ ...kulshar, summary }],
        },
      ],
    };
    const draft = draftPressRelease(changed);
    expect(draft.body.ru).toContain('— секретарь Западно-Казахстанского областного маслихата Малик Кулшар.');
    expect(draft.body.ru).toContain('Малик Кулшар: призвал донести смысл Послания до каждого казахстанца.');
    expect(draft.body.en).toContain('Malik Kulshar, Secretary of the West Kazakhstan Regional Maslikhat, reported on');
    expect(draft.body.en).toContain('Malik Kulshar: called for the meaning of the Address to reach every Kazakhstani.');
    expect(draft.body.kk).toContain('Батыс Қазақстан облыстық мәслихатының хатшысы Мәлік Құлшар баяндама жасады.');
    expect(draft.body.kk).toContain('Мәлік Құлшар «мәслихат депутаттары');
    for (const lang of ['kk', 'ru', 'en'] as const) expect({ lang, times: draft.body[lang]!.split(post[lang]).length - 1 }).toEqual({ lang, times: 1 });
  });

  it('gives the meeting\'s number, regions in the room and each decision\'s votes', async () => {
    const m = await heldMeeting(7);
    const record = await loadMeetingRecord(t.database.db, createRegistryService(t.database.db), m.id);
    const draft = draftPressRelease(record!);
    expect(draft.title.kk).toBe('Кеңестің кезекті 7-отырысында «Жоспар туралы» мәселесі қаралды');
    expect(draft.lead.ru).toContain('очередное заседание Совета по взаимодействию с местными представительными органами (маслихатами) при Сенате Парламента Республики Казахстан (№ 7).');
    expect(draft.lead.ru).toContain('В зале присутствовали представители маслихата одного региона.');
    expect(draft.body.ru).toContain('Решение «Об утверждении плана» принято (за — 12, против — 1, воздержались — 2).');
    expect(draft.body.en).toContain('Nurlan Aliyev reported on “On the plan”.');
    expect(draft.body.kk).toContain('(жақтағаны — 12, қарсы — 1, қалыс қалғаны — 2)');
  });
});

describe('GET /:lang/office/meetings/:id/press-release', () => {
  it('shows a form prefilled with the draft from the record, in every language, and creates nothing', async () => {
    const before = await newsCount();
    const res = await clerk.get(`/en/office/meetings/${demoMeetingId}/press-release`);
    expect(res.statusCode).toBe(200);
    expect(fieldValue(res.body, 'titleRu')).toContain('На очередном заседании Совета рассмотрен вопрос');
    expect(fieldValue(res.body, 'leadEn')).toContain('Askar Shakirov, Chair of the Council, chaired the meeting.');
    expect(fieldValue(res.body, 'bodyKk')).toContain('Мәлік Құлшар');
    expect(fieldValue(res.body, 'bodyRu')).toContain('Решение «О приёме коллективных членов Совета» принято.');
    expect(fieldValue(res.body, 'bodyEn')).toContain('Malik Kulshar');
    expect(res.body).toContain("This is a draft made from the meeting's record");
    // A title with its own quotation marks is quoted with the inner kind.
    expect(fieldValue(res.body, 'bodyRu')).toContain('«О продвижении государственной программы „Рухани жаңғыру“»');
    expect(await newsCount()).toBe(before);
    expect(await t.database.db.selectFrom('news_item').select('id').where('meeting_id', '=', demoMeetingId).execute()).toEqual([]);
  });

  it('offers an empty form for a meeting still in draft (no record yet), and drafts again from the record on request', async () => {
    const draftMeeting = await createMeeting(t.database.db, { status: 'draft', title: { ru: 'Черновик' } });
    const empty = await clerk.get(`/en/office/meetings/${draftMeeting.id}/press-release`);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('The meeting has not been announced yet');
    expect(fieldValue(empty.body, 'titleKk')).toBe('');

    const m = await heldMeeting(30);
    const url = `/en/office/meetings/${m.id}/press-release`;
    expect((await clerk.post(url, form())).statusCode).toBe(303);
    const redrafted = await clerk.get(`${url}?redraft=1`);
    expect(redrafted.body).toContain('The text was drafted again from the meeting');
    expect(fieldValue(redrafted.body, 'titleKk')).toBe('Кеңестің кезекті 30-отырысында «Жоспар туралы» мәселесі қаралды');
    expect(fieldValue(redrafted.body, 'version')).toBe('1');
    // Nothing changes until it is saved.
    expect((await saved(m.id)).title).toMatchObject({ kk: 'Кеңес отырысы өтті' });
  });

  it('is linked from the office meeting page', async () => {
    const res = await clerk.get(`/en/office/meetings/${demoMeetingId}`);
    expect(res.body).toContain(`href="/en/office/meetings/${demoMeetingId}/press-release"`);
  });

  it('is not found for an unknown or malformed meeting id', async () => {
    expect((await clerk.get(`/en/office/meetings/${newId()}/press-release`)).statusCode).toBe(404);
    expect((await clerk.get('/en/office/meetings/not-an-id/press-release')).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/meetings/:id/press-release', () => {
  it('refuses a form without a title in Kazakh or Russian (400), explains in the page\'s language and keeps every answer', async () => {
    const m = await heldMeeting(8);
    const res = await clerk.post(`/ru/office/meetings/${m.id}/press-release`, form({ titleKk: '', titleRu: '', bodyRu: 'Мой текст, который нельзя терять.' }));
    expect(res.statusCode).toBe(400);
    const refused = page(res.body);
    expect(refused.title).toMatch(/^Ошибка: Пресс-релиз о заседании/);
    expect(refused.errorSummary().map((p) => p.text)).toEqual(['Введите заголовок на казахском или русском языке.']);
    expect(fieldValue(res.body, 'bodyRu')).toBe('Мой текст, который нельзя терять.');
    expect(fieldValue(res.body, 'titleEn')).toBe('The Council met');
    expect(await t.database.db.selectFrom('news_item').select('id').where('meeting_id', '=', m.id).executeTakeFirst()).toBeUndefined();
  });

  it('saves, publishes (visible at /kk/news, /ru/news/:id and from the meeting\'s page), unpublishes (404 again)', async () => {
    const m = await heldMeeting(9);
    const url = `/en/office/meetings/${m.id}/press-release`;
    const created = await clerk.post(url, form({ titleKk: 'Кеңестің тоғызыншы отырысы', titleRu: 'Девятое заседание Совета' }));
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`${url}?done=saved`);
    const row = await saved(m.id);
    expect(row).toMatchObject({ status: 'draft', version: 1, title: { kk: 'Кеңестің тоғызыншы отырысы', ru: 'Девятое заседание Совета', en: 'The Council met' } });

    // A draft is not public.
    expect((await get(`/ru/news/${row.id}`)).statusCode).toBe(404);
    expect(mainOf((await get('/kk/news')).body)).not.toContain('Кеңестің тоғызыншы отырысы');
    expect((await get(`/en/meetings/${m.id}`)).body).not.toContain(`/en/news/${row.id}`);

    const editing = await clerk.get(url);
    expect(fieldValue(editing.body, 'titleKk')).toBe('Кеңестің тоғызыншы отырысы');
    expect(fieldValue(editing.body, 'version')).toBe('1');
    const published = await clerk.post(`/en/office/news/${row.id}/publish`, { version: '1' });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`${url}?done=published`);

    const list = await get('/kk/news');
    expect(list.statusCode).toBe(200);
    expect(mainOf(list.body)).toContain(`href="/kk/news/${row.id}"`);
    expect(mainOf(list.body)).toContain('Кеңестің тоғызыншы отырысы');
    const item = await get(`/ru/news/${row.id}`);
    expect(item.statusCode).toBe(200);
    expect(page(item.body).heading).toBe('Девятое заседание Совета');
    expect(item.body).toContain('<p>Первый абзац.</p><p>Второй абзац.</p>');
    expect(item.body).toContain(`href="/ru/meetings/${m.id}"`);
    const meetingPage = await get(`/en/meetings/${m.id}`);
    expect(meetingPage.body).toContain(`href="/en/news/${row.id}"`);
    expect((await get('/en/')).body).toContain('href="/en/news"');

    const office = await clerk.get('/en/office/news');
    expect(office.statusCode).toBe(200);
    expect(office.body).toContain('The Council met');
    expect(office.body).toContain('Published');

    expect((await clerk.post(`/en/office/news/${row.id}/unpublish`, { version: '2' })).statusCode).toBe(303);
    expect((await get(`/ru/news/${row.id}`)).statusCode).toBe(404);
    expect((await get(`/en/meetings/${m.id}`)).body).not.toContain(`/en/news/${row.id}`);
    const events = await sql<{ action: string }>`select action from audit_event where entity = 'news_item' and entity_id = ${row.id} order by occurred_at`.execute(t.database.db);
    expect(events.rows.map((e) => e.action)).toEqual(['created', 'published', 'unpublished']);
  });

  it('a stale version is a conflict (409): the saved text stays, the person\'s text is kept on the page beside it', async () => {
    const m = await heldMeeting(10);
    const url = `/en/office/meetings/${m.id}/press-release`;
    expect((await clerk.post(url, form())).statusCode).toBe(303);
    // Two people opened version 1; the first saves.
    expect((await clerk.post(url, form({ version: '1', bodyEn: 'Their edit.' }))).statusCode).toBe(303);
    const stale = await clerk.post(url, form({ version: '1', bodyEn: 'My own careful edit.' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved this press release while you were editing.');
    expect(fieldValue(stale.body, 'bodyEn')).toBe('My own careful edit.');
    expect(mainOf(stale.body)).toContain('Their edit.');
    expect(fieldValue(stale.body, 'version')).toBe('2');
    expect((await saved(m.id)).body).toMatchObject({ en: 'Their edit.' });
    // A second save, knowingly over theirs, goes through.
    expect((await clerk.post(url, form({ version: '2', bodyEn: 'My own careful edit.' }))).statusCode).toBe(303);
    expect((await saved(m.id)).body).toMatchObject({ en: 'My own careful edit.' });
    // Creating when someone else already created is a conflict too, and so is publishing a stale version.
    expect((await clerk.post(url, form({ version: '' }))).statusCode).toBe(409);
    expect((await clerk.post(`/en/office/news/${(await saved(m.id)).id}/publish`, { version: '1' })).statusCode).toBe(409);
    expect((await saved(m.id)).status).toBe('draft');
  });
});

describe('who may write', () => {
  it('maslikhat staff are refused (403); anonymous visitors are sent to sign in', async () => {
    const m = await heldMeeting(11);
    expect((await clerk.post(`/en/office/meetings/${m.id}/press-release`, form())).statusCode).toBe(303);
    const row = await saved(m.id);
    expect((await staff.get(`/en/office/meetings/${m.id}/press-release`)).statusCode).toBe(403);
    expect((await staff.post(`/en/office/meetings/${m.id}/press-release`, form({ version: '1', titleRu: 'Чужая правка' }))).statusCode).toBe(403);
    expect((await staff.post(`/en/office/news/${row.id}/publish`, { version: '1' })).statusCode).toBe(403);
    expect((await staff.get('/en/office/news')).statusCode).toBe(403);
    const anonymous = new Browser(t.app);
    for (const res of [await anonymous.post(`/en/office/meetings/${m.id}/press-release`, form({ version: '1' })), await anonymous.post(`/en/office/news/${row.id}/publish`, { version: '1' })]) {
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/en\/sign-in\?next=/);
    }
    expect(await saved(m.id)).toMatchObject({ status: 'draft', version: 1, title: { ru: 'Состоялось заседание Совета' } });
  });
});

describe('GET /:lang/news/:id', () => {
  let number = 100;
  async function publish(overrides: Record<string, string>) {
    const m = await heldMeeting(++number);
    expect((await clerk.post(`/en/office/meetings/${m.id}/press-release`, form(overrides))).statusCode).toBe(303);
    const row = await saved(m.id);
    expect((await clerk.post(`/en/office/news/${row.id}/publish`, { version: String(row.version) })).statusCode).toBe(303);
    return row.id;
  }

  it('shows text missing in the page\'s language in another one, with the fallback marker', async () => {
    const id = await publish({ titleKk: '', titleRu: 'Только по-русски', titleEn: '', leadKk: '', leadEn: '', bodyKk: '', bodyEn: '', leadRu: 'Вводный абзац.', bodyRu: 'Текст новости.' });
    const res = await get(`/kk/news/${id}`);
    expect(res.statusCode).toBe(200);
    const main = mainOf(res.body);
    expect(main).toContain('<span lang="ru" class="fallback-text">Только по-русски<span class="fallback-marker"');
    expect(main).toContain('<div lang="ru" class="fallback-text"><p>Текст новости.<span class="fallback-marker"');
    expect(main).toContain('[RU]');
    expect(mainOf((await get('/kk/news')).body)).toContain('Только по-русски');
  });

  it('escapes hostile text on the list and the item', async () => {
    const id = await publish({ titleRu: '<script>alert("x")</script>', bodyRu: '<img src=x onerror=alert(1)>\n\n</p><b>bold</b>' });
    for (const url of [`/ru/news/${id}`, '/ru/news']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).not.toContain('<b>bold</b>');
      expect(res.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    }
  });

  it('is not found for drafts, unknown ids and malformed ids', async () => {
    const m = await heldMeeting(2000);
    await clerk.post(`/en/office/meetings/${m.id}/press-release`, form());
    expect((await get(`/en/news/${(await saved(m.id)).id}`)).statusCode).toBe(404);
    expect((await get(`/en/news/${newId()}`)).statusCode).toBe(404);
    expect((await get('/en/news/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('GET /:lang/news', () => {
  it('lists published news newest first, a page at a time', async () => {
    const db = t.database.db;
    const organizationId = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
    // Published long ago, so the news other tests publish now stay on the first page of the list they read.
    const base = Date.parse('2001-01-01T00:00:00Z');
    await db
      .insertInto('news_item')
      .values(
        Array.from({ length: 25 }, (_, i) => ({
          id: newId(),
          organization_id: organizationId,
          meeting_id: null,
          title: JSON.stringify({ en: `Paged item ${String(i).padStart(2, '0')}` }),
          lead: null,
          body: null,
          status: 'published' as const,
          published_at: new Date(base + i * 86_400_000),
          created_by: null,
        })),
      )
      .execute();
    const first = mainOf((await get('/en/news')).body);
    expect(first.indexOf('Paged item 24')).toBeGreaterThan(-1);
    expect(first.indexOf('Paged item 24')).toBeLessThan(first.indexOf('Paged item 23'));
    expect(first).not.toContain('Paged item 04');
    expect(first).toContain('href="/en/news?page=2"');
    const second = await get('/en/news?page=2');
    expect(second.statusCode).toBe(200);
    expect(mainOf(second.body)).toContain('Paged item 04');
    expect((await get('/en/news?page=abc')).statusCode).toBe(200);
  });
});
