import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createPlan, createPlanItem } from '../../../test/support/plan-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { json } from '../../core/db/query.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { analyseQuery } from '../../core/search/analyse.js';
import { translate } from '../../core/i18n/messages.js';

let t: TestApp;
let home: string;
const ids: Record<string, string> = {};

async function addNews(title: LocalizedText, body: LocalizedText, status: 'draft' | 'published' = 'published'): Promise<string> {
  const id = newId();
  await t.database.db
    .insertInto('news_item')
    .values({ id, organization_id: home, meeting_id: null, title: json(title), lead: null, body: json(body), status, published_at: status === 'published' ? new Date('2025-05-06T10:00:00Z') : null, created_by: null, created_at: new Date(), updated_at: new Date() })
    .execute();
  return id;
}

beforeAll(async () => {
  // Many API calls within a minute: the anonymous rate limit is not what these tests are about.
  t = await createTestApp({ env: { KENES_OPEN_API_RATE_PER_MINUTE: '0' } });
  home = (await t.database.db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
  ids.maslikhat = await addNews({ kk: 'Кеңес мәслихат хатшыларымен кездесті' }, { kk: 'Отырыста жергілікті өкілді органдардың жұмысы талқыланды.' });
  ids.law = await addNews({ kk: 'Жаңа заң қабылданды' }, { kk: 'Парламент Қазақстан азаматтарына арналған заң қабылдады. Сайлаушылар онымен танысты.' });
  ids.lawyer = await addNews({ kk: 'Заңгер кеңес берді' }, { kk: 'Білікті заңгер тұрғындарға түсіндірді.' });
  ids.russian = await addNews({ ru: 'Депутаты обсудили бюджет' }, { ru: 'Депутаты маслихатов обсудили новый закон о бюджете <b>&amp;</b>.' });
  ids.english = await addNews({ en: 'Council meetings resume' }, { en: 'The meetings of the Council resumed in Astana.' });
  ids.draft = await addNews({ kk: 'Жасырын жобаның баяндамасы', ru: 'Секретный проект доклада' }, { kk: 'Әлі жарияланбаған.' }, 'draft');
  ids.draftMeeting = (await createMeeting(t.database.db, { status: 'draft', title: { kk: 'Құпия жоспарланған отырыс', ru: 'Тайное запланированное заседание' } })).id;
  ids.publicMeeting = (
    await createMeeting(t.database.db, {
      status: 'announced',
      title: { kk: 'Кеңестің кезекті отырысы', ru: 'Очередное заседание Совета' },
      agenda: [{ title: { kk: 'Ауыл шаруашылығын дамыту туралы', ru: 'О развитии сельского хозяйства' } }],
    })
  ).id;
  await t.app.searchIndex.reindexAll();
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const newsFound = async (q: string, lang = 'kk') => {
  const response = await get(`/api/v1/search?q=${encodeURIComponent(q)}&type=news${lang ? '' : ''}`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { results: { id: string }[] }).results.map((r) => r.id);
};

describe('search analysis', () => {
  it('gives Kazakh word forms, Latin spelling and Russian-style spelling one key, and keeps derived words apart', () => {
    const key = (q: string) => analyseQuery(q).kazakhKeys;
    expect(key('мәслихаттардың')).toEqual(key('мәслихат'));
    expect(key('mäslihat')).toEqual(key('мәслихат'));
    expect(key('маслихат')).toEqual(key('мәслихат'));
    expect(key('Qazaqstan')).toEqual(key('Қазақстан'));
    expect(key('заңгер')).not.toEqual(key('заң'));
    expect(key('заңдарды')).toEqual(key('заң'));
  });

  it('reads no words from punctuation and cuts a long query', () => {
    expect(analyseQuery('!!! :* & | \'" <>').empty).toBe(true);
    expect(analyseQuery('а'.repeat(5000)).text.length).toBe(200);
  });
});

describe('GET /api/v1/search', () => {
  it('finds Kazakh word forms of a word, in Cyrillic, Latin and Russian-style spelling', async () => {
    for (const q of ['мәслихаттардың', 'mäslihat', 'маслихат', 'мәслихат']) expect(await newsFound(q)).toContain(ids.maslikhat);
  });

  it('finds заң by заңдарды, Қазақстан by Qazaqstan, сайлаушылар by сайлаушылармен, but not заң by заңгер', async () => {
    expect(await newsFound('заңдарды')).toContain(ids.law);
    expect(await newsFound('Qazaqstan')).toContain(ids.law);
    expect(await newsFound('сайлаушылармен')).toContain(ids.law);
    const lawyer = await newsFound('заңгер');
    expect(lawyer).toContain(ids.lawyer);
    expect(lawyer).not.toContain(ids.law);
  });

  it('stems Russian and English by their configurations', async () => {
    expect(await newsFound('депутатами')).toContain(ids.russian);
    expect(await newsFound('закона')).toContain(ids.russian);
    expect(await newsFound('meeting')).toContain(ids.english);
  });

  it('answers the found language, the page address and the hit marked and escaped', async () => {
    const body = (await get(`/api/v1/search?q=${encodeURIComponent('депутатами')}&lang=ru`)).json() as {
      results: { id: string; language: string; url: string; title: string; highlighted: { title: string; snippet: string } }[];
    };
    const hit = body.results.find((r) => r.id === ids.russian)!;
    expect(hit.language).toBe('ru');
    expect(hit.url).toBe(`/ru/news/${ids.russian}`);
    expect(hit.highlighted.title).toBe('<mark>Депутаты</mark> обсудили бюджет');
    expect(hit.highlighted.snippet).toMatch(/^<mark>Депутаты<\/mark> маслихатов/);
    expect(hit.highlighted.snippet).not.toContain('<b>');
    expect(body.results.every((r) => r.language === 'ru')).toBe(true);
  });

  it('never finds a draft news item or a draft meeting', async () => {
    const all = (await get(`/api/v1/search?q=${encodeURIComponent('жасырын жоба')}`)).json() as { results: { id: string }[] };
    expect(all.results).toEqual([]);
    const meetings = (await get(`/api/v1/search?q=${encodeURIComponent('құпия отырыс')}`)).json() as { results: { id: string }[] };
    expect(meetings.results).toEqual([]);
    const announced = (await get(`/api/v1/search?q=${encodeURIComponent('ауыл шаруашылығы')}&type=meeting`)).json() as { results: { id: string }[] };
    expect(announced.results.map((r) => r.id)).toEqual([ids.publicMeeting]);
  });

  it('drops an item unpublished a moment ago at once and re-indexes it; a deleted one leaves the index', async () => {
    const id = await addNews({ kk: 'Уақытша хабарландыру жарияланды' }, { kk: 'Көп ұзамай алынып тасталады.' });
    await t.app.searchIndex.reindex('news', [id]);
    expect(await newsFound('хабарландыру')).toContain(id);
    await t.database.db.updateTable('news_item').set({ status: 'draft' }).where('id', '=', id).execute();
    expect(await newsFound('хабарландыру')).not.toContain(id);
    await t.app.searchIndex.settled();
    const row = await t.database.db.selectFrom('search_document').select('audience').where('subject_id', '=', id).executeTakeFirstOrThrow();
    expect(row.audience).toBe('office');
    await t.database.db.deleteFrom('news_item').where('id', '=', id).execute();
    expect(await t.app.searchIndex.reindex('news', [id])).toBe(1);
    const left = await t.database.db.selectFrom('search_document').select('subject_id').where('subject_id', '=', id).execute();
    expect(left).toEqual([]);
  });

  it('follows content changes by itself once it follows them', async () => {
    await t.app.searchIndex.follow();
    const id = await addNews({ kk: 'Бірегей ақпараттық бюллетень шықты' }, { kk: 'Бюллетень.' });
    let found: string[] = [];
    for (let i = 0; i < 50 && !found.includes(id); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await t.app.searchIndex.settled();
      found = await newsFound('бюллетеньдер');
    }
    expect(found).toContain(id);
  });

  it('takes hostile queries without an error', async () => {
    for (const q of ['<script>alert(1)</script>', "'", '&', ':*', '!', '!!! ,,, ...', 'a:* & !b | (c', 'ж'.repeat(5000), "' or 1=1 --", '\\', '%', '*']) {
      const response = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
    }
  });

  it('refuses an unknown type, a bad day and a missing q, naming the parameter', async () => {
    for (const url of ['/api/v1/search?q=a&type=nothing', '/api/v1/search?q=a&from=2025-13-01', '/api/v1/search', '/api/v1/search?q=a&page=0']) {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
    }
  });

  it('filters by date and paginates', async () => {
    const inside = (await get(`/api/v1/search?q=${encodeURIComponent('мәслихат')}&type=news&from=2025-05-01&to=2025-05-31`)).json() as { results: { id: string }[] };
    expect(inside.results.map((r) => r.id)).toContain(ids.maslikhat);
    const outside = (await get(`/api/v1/search?q=${encodeURIComponent('мәслихат')}&type=news&from=2026-01-01`)).json() as { results: { id: string }[] };
    expect(outside.results).toEqual([]);
    const organisations = (await get(`/api/v1/search?q=${encodeURIComponent('мәслихат')}&type=organization`)).json() as { total: number; pages: number; results: unknown[] };
    expect(organisations.total).toBeGreaterThan(20);
    expect(organisations.results).toHaveLength(20);
    expect(organisations.pages).toBe(Math.ceil(organisations.total / 20));
  });
});

describe('search sources', () => {
  const found = async (q: string, type: string) => ((await get(`/api/v1/search?q=${encodeURIComponent(q)}&type=${type}`)).json() as { results: { id: string; url: string }[] }).results;

  it('finds a meeting by its statements and agenda, a decision of a public meeting, and not those of a draft', async () => {
    const held = await createMeeting(t.database.db, {
      status: 'held',
      startsAt: '2024-03-14T11:00',
      title: { kk: 'Есепті отырыс', ru: 'Отчётное заседание' },
      agenda: [{ title: { kk: 'Су құбырларын жөндеу туралы', ru: 'О ремонте водопроводов' } }],
      decisions: [{ title: { kk: 'Су құбырларын жөндеу туралы шешім', ru: 'Решение о ремонте водопроводов' }, number: '7', agendaItem: 0 }],
    });
    const draft = await createMeeting(t.database.db, { status: 'draft', decisions: [{ title: { kk: 'Жасырын бағдарлама туралы шешім', ru: 'Решение о скрытой программе' } }] });
    await t.database.db
      .insertInto('statement')
      .values({ id: newId(), agenda_item_id: held.agenda[0]!.id, person_id: null, speaker_label: null, summary: json({ kk: 'Баяндамашы көпірлердің жай-күйін сипаттады.' }), quotation: 'Көпірлер тез арада жөнделуі тиіс.', language: 'kk', position: 1, created_at: new Date() })
      .execute();
    await t.app.searchIndex.reindexAll();
    expect((await found('көпірлерді', 'meeting')).map((r) => r.id)).toEqual([held.id]);
    expect((await found('водопроводов', 'meeting')).map((r) => r.url)).toEqual([`/ru/meetings/${held.id}`]);
    expect((await found('водопровод', 'decision')).map((r) => r.url)).toEqual([`/ru/meetings/${held.id}#decision-${held.decisions[0]}`]);
    expect(await found('жасырын бағдарлама', 'decision')).toEqual([]);
    expect(draft.decisions).toHaveLength(1);
  });

  it('finds the items of an adopted plan, not those of a draft plan', async () => {
    const adopted = await createPlan(t.database.db, { status: 'adopted', title: { kk: 'Жоспар', ru: 'План' } });
    const item = await createPlanItem(t.database.db, { planId: adopted.id, action: { kk: 'Жайылымдарды суландыру', ru: 'Обводнение пастбищ' } });
    const draft = await createPlan(t.database.db, { status: 'draft' });
    await createPlanItem(t.database.db, { planId: draft.id, action: { kk: 'Жайылымдарды жасыру', ru: 'Сокрытие пастбищ' } });
    await t.app.searchIndex.reindexAll();
    expect((await found('пастбищами', 'plan-item')).map((r) => r.url)).toEqual([`/ru/plan/${adopted.id}#item-${item.id}`]);
  });

  it('finds maslikhats by any spelling of their name, and people by a similar spelling', async () => {
    const person = newId();
    await t.database.db.insertInto('person').values({ id: person, name: JSON.stringify({ kk: 'Мұқашев Асқар', ru: 'Мукашев Аскар' }), family_name: null, given_name: null, patronymic: null, birth_date: null, gender: null, iin: null, photo_file: null, source: null, created_at: new Date(), updated_at: new Date() }).execute();
    await t.app.searchIndex.reindex('deputy', [person]);
    for (const q of ['Мұқашев', 'Мукашев', 'Muqashev', 'Mukashev', 'Мукашов']) expect((await found(q, 'deputy')).map((r) => r.id)).toContain(person);
    const west = await found('Батыс Қазақстан облыстық мәслихаты', 'organization');
    expect(west.map((r) => r.url)).toContain('/kk/maslikhats/maslikhat-270000000');
  });

  it('is described in the OpenAPI document with its parameters', async () => {
    const response = await get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { paths: Record<string, { get: { parameters: { name: string }[] } }> };
    expect(doc.paths['/api/v1/search']!.get.parameters.map((p) => p.name).toSorted()).toEqual(['from', 'lang', 'page', 'q', 'region', 'to', 'type']);
  });
});

describe('GET /:lang/search', () => {
  it('shows the results with the words found marked, in the found language', async () => {
    const html = (await get(`/kk/search?q=${encodeURIComponent('заңдарды')}&type=news`)).body;
    const doc = page(html).document;
    const results = [...doc.querySelectorAll('ol.search-results > li')];
    const law = results.find((li) => li.querySelector('a')?.getAttribute('href') === `/kk/news/${ids.law}`)!;
    expect([...law.querySelectorAll('mark')].map((m) => m.textContent)).toContain('заң');
    const ru = page((await get(`/kk/search?q=${encodeURIComponent('депутатами')}&type=news`)).body).document;
    const link = ru.querySelector(`a[href="/kk/news/${ids.russian}"]`)!;
    expect(link.getAttribute('lang')).toBe('ru');
  });

  it('shows Kazakh hits in Latin letters on the Kazakh Latin page', async () => {
    const doc = page((await get(`/kk-latn/search?q=${encodeURIComponent('zañdardy')}&type=news`)).body).document;
    const link = doc.querySelector(`a[href="/kk-latn/news/${ids.law}"]`)!;
    expect(link.textContent).toMatch(/^[^\u0400-\u04ff]+$/);
    expect(link.querySelector('mark')?.textContent).toBe('zañ');
  });

  it('says clearly when nothing is found, with suggestions', async () => {
    const doc = page((await get(`/en/search?q=${encodeURIComponent('zzzqqxxyy')}&type=news`)).body).document;
    expect(doc.querySelector('.search-none')?.textContent).toContain('Nothing was found for “zzzqqxxyy”');
    expect(doc.querySelector('.search-none a[href="/en/search?q=zzzqqxxyy"]')).not.toBeNull();
  });

  it('keeps hostile queries as text, never as markup or an error', async () => {
    for (const q of ['<script>alert(1)</script>', "'", '&', ':*', '!', '...', 'ж'.repeat(5000)]) {
      const response = await get(`/en/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('<script>alert(1)</script>');
    }
    const input = page((await get(`/en/search?q=${encodeURIComponent('<script>x</script>')}`)).body).document.querySelector('main input[name="q"]')!;
    expect(input.getAttribute('value')).toBe('<script>x</script>');
  });

  it('reports a bad date at its field and still searches', async () => {
    const response = await get(`/en/search?q=${encodeURIComponent('маслихат')}&from=not-a-day`);
    expect(response.statusCode).toBe(400);
    const doc = page(response.body).document;
    expect(doc.querySelector('.error-summary')).not.toBeNull();
    expect(doc.querySelector('input[name="from"]')?.getAttribute('aria-invalid')).toBe('true');
    expect(doc.querySelectorAll('ol.search-results > li').length).toBeGreaterThan(0);
  });

  it('shows the secretariat the drafts too, marked as office only', async () => {
    const clerk = new Browser(t.app);
    await signInFully(clerk, t.database.db, await createAccount(t.database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
    const doc = page((await clerk.get(`/kk/search?q=${encodeURIComponent('жасырын жоба')}`)).body).document;
    const hit = [...doc.querySelectorAll('ol.search-results > li')].find((li) => li.textContent?.includes('Жасырын'));
    expect(hit?.querySelector('.tag')?.textContent).toBe(translate('kk', 'search.officeOnly'));
    const staff = new Browser(t.app);
    await staff.signIn(await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
    const notStaff = page((await staff.get(`/kk/search?q=${encodeURIComponent('жасырын жоба')}`)).body).document;
    expect(notStaff.querySelectorAll('ol.search-results > li')).toHaveLength(0);
  });
});

describe('the search box in the header of every page', () => {
  it('is a labelled search landmark that sends its words to /{lang}/search, on a public page, an error page and the office sign-in', async () => {
    for (const [url, lang] of [
      ['/kk/', 'kk'],
      ['/ru/maslikhats', 'ru'],
      ['/en/no-such-page', 'en'],
      ['/kk-latn/sign-in', 'kk-latn'],
    ] as const) {
      const p = page((await t.app.inject({ method: 'GET', url })).body);
      const box = p.byRole('search', { name: translate(lang, 'search.headerLabel') });
      expect({ url, action: box.getAttribute('action'), method: box.getAttribute('method'), input: box.querySelector('input[type=search]')?.getAttribute('name') }).toEqual({ url, action: `/${lang}/search`, method: 'get', input: 'q' });
      expect(p.byLabel(translate(lang, 'search.headerLabel')).getAttribute('id')).toBe('site-search-q');
    }
  });
});
