import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, textOf } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { seedDemoData } from './demo-seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db);
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
/** A page read as a DOM. */
const read = async (url: string) => page((await get(url)).body);
/** The text of the main content, as it reads. */
const mainText = (body: string) => page(body).text('main');
/** The main content's markup, attributes included (a title or label in Cyrillic counts too). */
const mainHtml = (body: string) => page(body).document.querySelector('main')!.outerHTML;
/** Main content's markup with the elements explicitly marked as another language removed. */
const withoutForeign = (body: string) => {
  const main = page(body).document.querySelector('main')!;
  for (const foreign of main.querySelectorAll('[lang="kk"], [lang="ru"]')) foreign.remove();
  return main.outerHTML;
};

/** Where the links in the page's results (the sections found by name or by place) lead. */
const resultLinks = (body: string) => resultLinksWithNames(body).map((link) => link.href);
const resultLinksWithNames = (body: string) => {
  const found = page(body);
  const results = found.allByRole('region');
  return found.allByRole('link').filter((a) => results.some((section) => section.contains(a))).map((a) => ({ text: textOf(a), href: a.getAttribute('href') }));
};

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  return (await query.execute(t.database.db)).rows[0]!;
}

const wk = 'maslikhat-270000000';

describe('GET /:lang/maslikhats/:slug', () => {
  it('names Kulshar the secretary of the West Kazakhstan maslikhat on 21 October 2020', async () => {
    const kk = await get(`/kk/maslikhats/${wk}?date=2020-10-21`);
    expect(kk.statusCode).toBe(200);
    expect(page(kk.body).definition('Мәслихат хатшысы')).toMatch(/^Мәлік Құлшар /);
    const en = await read(`/en/maslikhats/${wk}?date=2020-10-21`);
    expect(en.heading).toBe('West Kazakhstan Regional Maslikhat');
    expect(en.definition('Secretary of the maslikhat')).toBe('Malik Kulshar (as recorded on 21 October 2020)');
    expect(Object.keys(en.definitions())).not.toContain('Chairman of the maslikhat');
    const ru = await read(`/ru/maslikhats/${wk}?date=2020-10-21`);
    expect(ru.definition('Секретарь маслихата')).toMatch(/^Малик Кулшар /);
  });

  it('names the head "chairman" today, a generated deputy marked demo', async () => {
    const head = await one(sql<{ id: string; en: string; kk: string }>`select p.id, p.name->>'en' as en, p.name->>'kk' as kk from membership m join person p on p.id = m.person_id
      join organization o on o.id = m.organization_id where o.slug = ${wk} and m.role = 'head' and m.end_date is null`);
    const res = await get(`/en/maslikhats/${wk}`);
    expect(res.statusCode).toBe(200);
    const en = page(res.body);
    expect(en.definition('Chairman of the maslikhat')).toMatch(new RegExp(`^${head.en} demo \\(since `));
    expect(en.links(head.en)).toContainEqual({ text: head.en, href: `/en/deputies/${head.id}` });
    expect(Object.keys(en.definitions())).not.toContain('Secretary of the maslikhat');
    expect(en.text('main')).not.toContain('Malik Kulshar');
    expect(textOf(en.byRole('note'))).toContain('were generated to demonstrate the platform');
    const kk = await read(`/kk/maslikhats/${wk}`);
    expect(kk.definition('Мәслихат төрағасы')).toMatch(new RegExp(`^${head.kk} `));
  });

  it('groups the deputies by electoral district (number, name), then lists the party-list deputies', async () => {
    const { districts, list } = await one(sql<{ districts: number; list: number }>`select
        count(*) filter (where m.electoral_district_id is not null)::int as districts, count(*) filter (where m.electoral_district_id is null)::int as list
      from membership m join organization o on o.id = m.organization_id where o.slug = ${wk} and m.role = 'deputy'`);
    expect(districts).toBeGreaterThan(0);
    expect(list).toBeGreaterThan(0);
    const res = await read(`/en/maslikhats/${wk}`);
    const districtRows = res.tableRows('Deputies elected in single-member districts');
    const numbers = districtRows.flatMap(([first]) => /^District No\. (\d+) — Oral, /.exec(first ?? '')?.slice(1).map(Number) ?? []);
    expect(numbers).toEqual(Array.from({ length: districts }, (_, i) => i + 1));
    const sections = res.allByRole('heading', { level: 2 }).map((h) => textOf(h));
    expect(sections.indexOf('Deputies elected in single-member districts')).toBeGreaterThan(-1);
    expect(sections.indexOf('Deputies elected in single-member districts')).toBeLessThan(sections.indexOf('Deputies elected from party lists'));
    const partyRows = res.tableRows('Deputies elected from party lists');
    expect(partyRows).toHaveLength(list);
    expect(res.definition('Deputies')).toBe(`${districts + list} deputies in all: ${districts} from single-member districts, ${list} from party lists.`);
    expect(partyRows.map(([, party]) => party)).toContain('AMANAT Party');
    expect(res.links().map((l) => l.href).filter((href) => /^mailto:[a-z-]+\.[a-z-]+@maslikhat-270000000\.demo\.example$/.test(href))).not.toHaveLength(0);
    const budget = res.byRole('region', { name: 'Standing Commission on the Budget and the Economy demo' });
    expect(res.allByRole('listitem').filter((li) => budget.contains(li)).map((li) => textOf(li)).filter((member) => member.endsWith(' demo — chair of the commission'))).toHaveLength(1);
  });

  it('shows the maslikhat of Abai region as not yet existing in 2020, and an unknown slug as 404', async () => {
    const abai = await get('/en/maslikhats/maslikhat-100000000?date=2020-10-21');
    expect(abai.statusCode).toBe(200);
    expect(mainText(abai.body)).toContain('did not yet exist on the chosen date');
    expect((await get('/en/maslikhats/no-such-maslikhat')).statusCode).toBe(404);
    expect((await get('/en/maslikhats/senate')).statusCode).toBe(404);
    expect((await get('/xx/maslikhats/maslikhat-270000000')).statusCode).toBe(404);
  });

  it('keeps a bad date with a GOV.UK error and shows today', async () => {
    const res = await get(`/ru/maslikhats/${wk}?date=31.02.2020`);
    expect(res.statusCode).toBe(400);
    const ru = page(res.body);
    expect(ru.title).toMatch(/^Ошибка:/);
    expect(ru.errorSummary()).toEqual([{ text: 'Введите дату в формате ГГГГ-ММ-ДД, например 2020-10-21.', href: '#field-date' }]);
    expect(ru.value('На какую дату')).toBe('31.02.2020');
    expect(Object.keys(ru.definitions())).toContain('Председатель маслихата');
  });

  it('is linked from the maslikhats table, keeping the date', async () => {
    expect((await read('/en/maslikhats')).href('West Kazakhstan Regional Maslikhat')).toBe(`/en/maslikhats/${wk}`);
    expect((await read('/en/maslikhats?date=2020-10-21')).href('West Kazakhstan Regional Maslikhat')).toBe(`/en/maslikhats/${wk}?date=2020-10-21`);
  });

  it('derives the Kazakh Latin page: no Cyrillic in the main content', async () => {
    for (const url of [`/kk-latn/maslikhats/${wk}`, `/kk-latn/maslikhats/${wk}?date=2020-10-21`, '/kk-latn/maslikhats/maslikhat-750000000']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect({ url, cyrillic: mainHtml(res.body).match(/[\u0400-\u04FF]+/g) }).toEqual({ url, cyrillic: null });
    }
    expect((await read(`/kk-latn/maslikhats/${wk}?date=2020-10-21`)).definition('Mäslihat hatşysy')).toMatch(/^Mälık Qūlşar /);
  });
});

describe('GET /:lang/deputies/:id', () => {
  it('shows a generated deputy: every form of the name, post, party, district, public contact, demo marker', async () => {
    const d = await one(sql<{ id: string; kk: string; ru: string; en: string; number: number }>`select p.id, p.name->>'kk' as kk, p.name->>'ru' as ru, p.name->>'en' as en, d.number
      from membership m join person p on p.id = m.person_id join electoral_district d on d.id = m.electoral_district_id
      join organization o on o.id = m.organization_id where o.slug = ${wk} and m.role = 'deputy' order by d.number limit 1`);
    const res = await get(`/en/deputies/${d.id}`);
    expect(res.statusCode).toBe(200);
    const deputy = page(res.body);
    expect(deputy.definitions()).toMatchObject({ 'Kazakh (Cyrillic)': d.kk, Russian: d.ru, English: d.en });
    expect(deputy.heading).toBe(`${d.en} demo`);
    expect(textOf(deputy.byRole('heading', { level: 1 }).querySelector('.tag'))).toBe('demo');
    const [post, ...others] = deputy.tableRows('Posts on the chosen date');
    expect(others).toEqual([]);
    expect(post).toEqual(['West Kazakhstan Regional Maslikhat', 'deputy demo', expect.stringContaining(`District No. ${d.number} — Oral,`), 'since 19 March 2023']);
    expect(post![2]).toMatch(/Early elections of 19 March 2023$/);
    expect(deputy.links().map((l) => l.href).filter((href) => href.startsWith('mailto:') && href.endsWith('@maslikhat-270000000.demo.example'))).toHaveLength(1);
    expect(res.body).not.toMatch(/19[6-9]\d-\d\d-\d\d/); // the birth date is personal data: never on a page
  });

  it('shows Kulshar as secretary on 21 October 2020 and among earlier posts today', async () => {
    const { id } = await one(sql<{ id: string }>`select id from person where name->>'en' = 'Malik Kulshar'`);
    const then = await read(`/en/deputies/${id}?date=2020-10-21`);
    expect(then.tableRows('Posts on the chosen date')).toEqual([['West Kazakhstan Regional Maslikhat', 'Secretary of the maslikhat', '', 'as recorded on 21 October 2020']]);
    expect(then.document.querySelectorAll('.tag')).toHaveLength(0); // a real person: no demo marker
    const now = await read(`/ru/deputies/${id}`);
    expect(now.tableRows('Прежние должности').map(([, post]) => post)).toEqual(['Секретарь маслихата']);
  });

  it('shows the published photo when there is one', async () => {
    const { id } = await one(sql<{ id: string }>`select id from person where name->>'en' = 'Serik Akylbay'`);
    const name = `${'a'.repeat(64)}.webp`;
    await sql`update person set photo_file = ${name} where id = ${id}`.execute(t.database.db);
    try {
      const photo = (await read(`/en/deputies/${id}`)).document.querySelectorAll('img.portrait');
      expect([...photo].map((img) => ({ src: img.getAttribute('src'), alt: img.getAttribute('alt'), width: img.getAttribute('width') }))).toEqual([
        { src: `/files/photos/${name}`, alt: 'Photo of Serik Akylbay', width: '150' },
      ]);
    } finally {
      await sql`update person set photo_file = null where id = ${id}`.execute(t.database.db);
    }
    expect((await read(`/en/deputies/${id}`)).document.querySelectorAll('.portrait')).toHaveLength(0);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await get('/en/deputies/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/en/deputies/not-an-id')).statusCode).toBe(404);
    expect((await get("/en/deputies/1' or '1'='1")).statusCode).toBe(404);
  });
});

describe('GET /:lang/council', () => {
  const collective = ['Rukhani Zhangyru Programme, Ministry of Information and Social Development', 'Institute of State Local Government', 'Maslikhat and Akimat, republican journal'];

  it('lists the three collective members admitted on 21 October 2020 from that day', async () => {
    const res = await get('/en/council?date=2020-10-21');
    expect(res.statusCode).toBe(200);
    const council = page(res.body);
    const members = council.tableRows('Collective members');
    expect(members).toHaveLength(3);
    collective.forEach((name, i) => expect(members[i]![0]).toContain(name));
    expect(members.map(([, , since]) => since)).toEqual(Array(3).fill('since 21 October 2020 (decision of 21 October 2020)'));
    const decision = council.byRole('region', { name: 'On admitting collective members of the Council' });
    expect(new Set(council.links('decision of 21 October 2020').map((l) => l.href))).toEqual(new Set([`#${decision.id}`]));
    expect(council.tableRows('Individual members')).toEqual([['Askar Shakirov', 'Chair of the Council', 'as recorded on 21 October 2020']]);
    expect(council.text('main')).not.toContain('Mukashev'); // the press release does not make the associations or their chairmen members
    const ru = (await read('/ru/council?date=2020-10-21')).tableRows('Коллективные члены');
    expect(ru.map(([name]) => name)).toContain('Институт государственного местного управления');
    expect(ru.map(([, , since]) => since).filter((since) => since?.startsWith('с 21 октября 2020 г.'))).toHaveLength(3);
  });

  it('does not list them before 21 October 2020', async () => {
    const council = await read('/en/council?date=2020-10-20');
    const text = council.text('main');
    for (const name of collective) expect(text).not.toContain(name);
    expect(() => council.table('Collective members')).toThrow(/found 0/);
    expect(text).toContain('No collective members are recorded for this date.');
  });

  it('shows the composition on the last day once the Council has ended (30 June 2026)', async () => {
    expect(todayInKazakhstan() > '2026-06-30').toBe(true);
    const council = await read('/en/council');
    expect(council.text('main .notice')).toBe('The Council worked until 30 June 2026. Its composition on its last day is shown.');
    const members = council.tableRows('Collective members').map(([name]) => name);
    expect(members).toHaveLength(3);
    collective.forEach((name, i) => expect(members[i]).toContain(name));
    expect(council.title).toMatch(/^Council for Interaction with Maslikhats: composition/);
  });

  it('follows the home organisation setting: no institution name is in the code', async () => {
    await sql`update setting set value = '"kurultai"' where key = 'home_organization'`.execute(t.database.db);
    const other = await createTestApp({ database: t.database });
    try {
      const res = await other.app.inject({ url: '/en/council?date=2026-07-02' });
      expect(res.statusCode).toBe(200);
      expect(page(res.body).heading).toBe('Kurultai of the Republic of Kazakhstan');
      expect(mainText(res.body)).toContain('No collective members are recorded for this date.');
    } finally {
      await other.app.close();
      await sql`update setting set value = '"council-senate"' where key = 'home_organization'`.execute(t.database.db);
    }
  });

  it('keeps a bad date with a GOV.UK error; the Kazakh Latin page has no Cyrillic', async () => {
    const bad = await get('/kk/council?date=2020-13-01');
    expect(bad.statusCode).toBe(400);
    expect(page(bad.body).errorSummary()).toEqual([{ text: expect.any(String), href: '#field-date' }]);
    expect(page(bad.body).byRole('textbox', { name: 'Қай күнгі жағдай' }).getAttribute('value')).toBe('2020-13-01');
    const latin = await get('/kk-latn/council?date=2020-10-21');
    expect(mainHtml(latin.body)).not.toMatch(/[\u0400-\u04FF]/);
    expect(page(latin.body).tableRows('Ūjymdyq müşelerı').map(([name]) => name)).toContain('Memlekettık jergılıktı basqaru instituty');
  });
});

describe('GET /:lang/deputies (find my deputy)', () => {
  it('finds a generated deputy by a Latin spelling without Kazakh letters', async () => {
    // A deputy whose Kazakh family name has letters such as Қ, Ұ, Ә: searched as plain ASCII.
    const d = await one(sql<{ id: string; kk: string; en: string }>`select id, family_name->>'kk' as kk, family_name->>'en' as en from person
      where is_demo and family_name->>'kk' ~ '[ӘәҒғҚқҢңӨөҰұҮүІі]' and family_name->>'en' ~ '^[A-Za-z]+$' order by id limit 1`);
    expect(d.en).toMatch(/^[A-Za-z]+$/);
    const res = await get(`/en/deputies?q=${encodeURIComponent(d.en.toLowerCase())}`);
    expect(res.statusCode).toBe(200);
    expect(resultLinks(res.body)).toContain(`/en/deputies/${d.id}`);
    // A small misspelling still finds the person; so does the Kazakh Cyrillic spelling.
    const misspelt = d.en.slice(0, -1) + (d.en.endsWith('v') ? 'f' : 'v');
    expect(resultLinks((await get(`/en/deputies?q=${encodeURIComponent(misspelt)}`)).body)).toContain(`/en/deputies/${d.id}`);
    expect(resultLinks((await get(`/kk/deputies?q=${encodeURIComponent(d.kk)}`)).body)).toContain(`/kk/deputies/${d.id}`);
  });

  it('finds the people of the 2020 record in any script', async () => {
    for (const q of ['Құлшар', 'Kulshar', 'Qulşar', 'kulshar malik', 'Мукашев', 'Shakirov']) {
      const res = await get(`/en/deputies?q=${encodeURIComponent(q)}`);
      const found = resultLinksWithNames(res.body).map((link) => link.text);
      expect({ q, status: res.statusCode, found: found.some((name) => /Malik Kulshar|Tuleubek Mukashev|Askar Shakirov/.test(name)) }).toEqual({ q, status: 200, found: true });
    }
  });

  it('fills the maslikhat list on the server after a region is chosen, then finds a district by number', async () => {
    const start = await read('/en/deputies');
    expect(start.byLabel('Region or city of republican significance').tagName).toBe('SELECT');
    expect(start.allByRole('combobox', { name: 'Maslikhat' })).toHaveLength(0);
    const step = await get('/en/deputies?region=270000000');
    expect(step.statusCode).toBe(200);
    expect(page(step.body).options('Maslikhat')).toContainEqual({ text: 'West Kazakhstan Regional Maslikhat', value: 'maslikhat-270000000', selected: true });

    const d = await one(sql<{ id: string; name: string }>`select p.id, d.name->>'en' as name from membership m join person p on p.id = m.person_id
      join electoral_district d on d.id = m.electoral_district_id join organization o on o.id = m.organization_id where o.slug = ${wk} and d.number = 7`);
    const res = await get(`/en/deputies?region=270000000&maslikhat=${wk}&district=7`);
    expect(res.statusCode).toBe(200);
    const results = page(res.body);
    expect(resultLinks(res.body)).toContain(`/en/deputies/${d.id}`);
    const rows = results.tableRows('Electoral districts and their deputies');
    expect(rows.map(([district]) => district)).toEqual([`District No. 7 — ${d.name}`]);
    expect(textOf(results.byRole('region', { name: 'West Kazakhstan Regional Maslikhat: districts and deputies' }))).toContain('deputies elected from party lists represent the voters of the whole region');

    const byStreet = await get(`/en/deputies?region=270000000&district=${encodeURIComponent(d.name.split(', ')[1]!.split(' ')[0]!.toLowerCase())}`);
    expect(resultLinks(byStreet.body)).toContain(`/en/deputies/${d.id}`);
  });

  it('reports what cannot be searched, keeping what was typed', async () => {
    const badRegion = await get('/en/deputies?region=999');
    expect(badRegion.statusCode).toBe(400);
    expect(page(badRegion.body).errorSummary().map((e) => e.href)).toEqual(['#field-region']);
    const short = await get('/ru/deputies?q=%D0%B0');
    expect(short.statusCode).toBe(400);
    expect(page(short.body).errorSummary()).toEqual([{ text: 'Введите хотя бы две буквы имени.', href: '#field-q' }]);
    expect(page(short.body).document.getElementById('field-q')?.getAttribute('value')).toBe('а');
    const noRegion = await get('/en/deputies?district=5');
    expect(noRegion.statusCode).toBe(400);
    expect(page(noRegion.body).fieldError('Region or city of republican significance')).toBe('Choose a region first to find a district.');
    const badDate = await get('/en/deputies?q=kulshar&date=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(page(badDate.body).errorSummary().map((e) => e.href)).toContain('#field-date');
    expect([...page(badDate.body).document.querySelectorAll('input[name="date"]')].map((input) => input.getAttribute('value'))).toContain('yesterday');
    const nothing = await get('/en/deputies?region=270000000&district=999');
    expect(nothing.statusCode).toBe(200);
    expect(mainText(nothing.body)).toContain('No district matches “999”.');
  });

  it('has no Cyrillic in the Kazakh Latin page', async () => {
    const res = await get('/kk-latn/deputies?region=270000000&district=3&q=kulshar');
    expect(res.statusCode).toBe(200);
    expect(mainHtml(res.body)).not.toMatch(/[\u0400-\u04FF]/);
    const person = await get(`/kk-latn/deputies/${(await one(sql<{ id: string }>`select id from person where name->>'en' = 'Malik Kulshar'`)).id}`);
    // The person page shows each spelling of the name in its own language; everything else is Latin.
    expect(withoutForeign(person.body)).not.toMatch(/[\u0400-\u04FF]/);
  });
});
