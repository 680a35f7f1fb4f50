import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const mainOf = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>'));
/** The text of the main content without tags (entities left as they are). */
const textOf = (body: string) => mainOf(body).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** Main content with elements explicitly marked as another language removed. */
const withoutForeign = (body: string) => mainOf(body).replace(/<(\w+)[^>]* lang="(?:kk|ru)"[^>]*>.*?<\/\1>/gs, '');

async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  return (await query.execute(t.database.db)).rows[0]!;
}

const wk = 'maslikhat-270000000';

describe('GET /:lang/maslikhats/:slug', () => {
  it('names Kulshar the secretary of the West Kazakhstan maslikhat on 21 October 2020', async () => {
    const kk = await get(`/kk/maslikhats/${wk}?date=2020-10-21`);
    expect(kk.statusCode).toBe(200);
    expect(textOf(kk.body)).toContain('Мәслихат хатшысы');
    expect(textOf(kk.body)).toContain('Мәлік Құлшар');
    const en = await get(`/en/maslikhats/${wk}?date=2020-10-21`);
    expect(textOf(en.body)).toContain('Secretary of the maslikhat');
    expect(textOf(en.body)).toContain('Malik Kulshar');
    expect(textOf(en.body)).toContain('West Kazakhstan Regional Maslikhat');
    expect(textOf(en.body)).not.toContain('Chairman of the maslikhat');
    const ru = await get(`/ru/maslikhats/${wk}?date=2020-10-21`);
    expect(textOf(ru.body)).toContain('Секретарь маслихата');
    expect(textOf(ru.body)).toContain('Малик Кулшар');
  });

  it('names the head "chairman" today, a generated deputy marked demo', async () => {
    const head = await one(sql<{ id: string; en: string; kk: string }>`select p.id, p.name->>'en' as en, p.name->>'kk' as kk from membership m join person p on p.id = m.person_id
      join organization o on o.id = m.organization_id where o.slug = ${wk} and m.role = 'head' and m.end_date is null`);
    const en = await get(`/en/maslikhats/${wk}`);
    expect(en.statusCode).toBe(200);
    const text = textOf(en.body);
    expect(text).toContain('Chairman of the maslikhat');
    expect(text).not.toContain('Secretary of the maslikhat');
    expect(text).not.toContain('Malik Kulshar');
    expect(en.body).toMatch(new RegExp(`href="/en/deputies/${head.id}">${head.en}</a> <span class="tag"[^>]*>demo</span>`));
    expect(text).toContain('were generated to demonstrate the platform');
    const kk = await get(`/kk/maslikhats/${wk}`);
    expect(textOf(kk.body)).toContain('Мәслихат төрағасы');
    expect(textOf(kk.body)).toContain(head.kk);
  });

  it('groups the deputies by electoral district (number, name), then lists the party-list deputies', async () => {
    const { districts, list } = await one(sql<{ districts: number; list: number }>`select
        count(*) filter (where m.electoral_district_id is not null)::int as districts, count(*) filter (where m.electoral_district_id is null)::int as list
      from membership m join organization o on o.id = m.organization_id where o.slug = ${wk} and m.role = 'deputy'`);
    const res = await get(`/en/maslikhats/${wk}`);
    const main = mainOf(res.body);
    const numbers = [...main.matchAll(/<th scope="row"[^>]*>District No\. (\d+) — Oral, ([^<]+)<\/th>/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: districts }, (_, i) => i + 1));
    expect(main.indexOf('Deputies elected in single-member districts')).toBeLessThan(main.indexOf('Deputies elected from party lists'));
    const partyTable = main.slice(main.indexOf('Deputies elected from party lists'), main.indexOf('Standing commissions'));
    expect((partyTable.match(/<tr>/g) ?? []).length - 1).toBe(list);
    expect(textOf(res.body)).toContain(`${districts + list} deputies in all: ${districts} from single-member districts, ${list} from party lists.`);
    expect(main).toContain('AMANAT Party');
    expect(main).toMatch(/href="mailto:[a-z-]+\.[a-z-]+@maslikhat-270000000\.demo\.example"/);
    expect(main).toContain('Standing Commission on the Budget and the Economy');
    expect(main).toContain('chair of the commission');
  });

  it('shows the maslikhat of Abai region as not yet existing in 2020, and an unknown slug as 404', async () => {
    const abai = await get('/en/maslikhats/maslikhat-100000000?date=2020-10-21');
    expect(abai.statusCode).toBe(200);
    expect(textOf(abai.body)).toContain('did not yet exist on the chosen date');
    expect((await get('/en/maslikhats/no-such-maslikhat')).statusCode).toBe(404);
    expect((await get('/en/maslikhats/senate')).statusCode).toBe(404);
    expect((await get('/xx/maslikhats/maslikhat-270000000')).statusCode).toBe(404);
  });

  it('keeps a bad date with a GOV.UK error and shows today', async () => {
    const res = await get(`/ru/maslikhats/${wk}?date=31.02.2020`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Ошибка:/);
    expect(res.body).toContain('href="#field-date"');
    expect(res.body).toContain('value="31.02.2020"');
    expect(textOf(res.body)).toContain('Председатель маслихата');
  });

  it('is linked from the maslikhats table, keeping the date', async () => {
    expect((await get('/en/maslikhats')).body).toContain(`href="/en/maslikhats/${wk}"`);
    expect((await get('/en/maslikhats?date=2020-10-21')).body).toContain(`href="/en/maslikhats/${wk}?date=2020-10-21"`);
  });

  it('derives the Kazakh Latin page: no Cyrillic in the main content', async () => {
    for (const url of [`/kk-latn/maslikhats/${wk}`, `/kk-latn/maslikhats/${wk}?date=2020-10-21`, '/kk-latn/maslikhats/maslikhat-750000000']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect({ url, cyrillic: mainOf(res.body).match(/[\u0400-\u04FF]+/g) }).toEqual({ url, cyrillic: null });
    }
    expect(textOf((await get(`/kk-latn/maslikhats/${wk}?date=2020-10-21`)).body)).toContain('Mälık Qūlşar');
  });
});

describe('GET /:lang/deputies/:id', () => {
  it('shows a generated deputy: every form of the name, post, party, district, public contact, demo marker', async () => {
    const d = await one(sql<{ id: string; kk: string; ru: string; en: string; number: number }>`select p.id, p.name->>'kk' as kk, p.name->>'ru' as ru, p.name->>'en' as en, d.number
      from membership m join person p on p.id = m.person_id join electoral_district d on d.id = m.electoral_district_id
      join organization o on o.id = m.organization_id where o.slug = ${wk} and m.role = 'deputy' order by d.number limit 1`);
    const res = await get(`/en/deputies/${d.id}`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    for (const form of [d.kk, d.ru, d.en]) expect(text).toContain(form);
    expect(res.body).toMatch(/<h1>[^<]+ <span class="tag"[^>]*>demo<\/span><\/h1>/);
    expect(text).toContain('West Kazakhstan Regional Maslikhat');
    expect(text).toContain(`District No. ${d.number} — Oral,`);
    expect(text).toContain('since 19 March 2023');
    expect(text).toContain('Early elections of 19 March 2023');
    expect(res.body).toContain('@maslikhat-270000000.demo.example');
    expect(text).not.toMatch(/19[6-9]\d-\d\d-\d\d/); // the birth date is personal data: never on a page
  });

  it('shows Kulshar as secretary on 21 October 2020 and among earlier posts today', async () => {
    const { id } = await one(sql<{ id: string }>`select id from person where name->>'en' = 'Malik Kulshar'`);
    const then = await get(`/en/deputies/${id}?date=2020-10-21`);
    const thenText = textOf(then.body);
    expect(thenText).toContain('Posts on the chosen date');
    expect(thenText).toContain('Secretary of the maslikhat');
    expect(thenText).toContain('as recorded on 21 October 2020');
    expect(then.body).not.toContain('class="tag"');
    const now = textOf((await get(`/ru/deputies/${id}`)).body);
    expect(now).toContain('Прежние должности');
    expect(now).toContain('Секретарь маслихата');
  });

  it('shows the published photo when there is one', async () => {
    const { id } = await one(sql<{ id: string }>`select id from person where name->>'en' = 'Serik Akylbay'`);
    const name = `${'a'.repeat(64)}.webp`;
    await sql`update person set photo_file = ${name} where id = ${id}`.execute(t.database.db);
    try {
      expect((await get(`/en/deputies/${id}`)).body).toContain(`<img class="portrait" src="/files/photos/${name}" alt="Photo of Serik Akylbay" width="150"/>`);
    } finally {
      await sql`update person set photo_file = null where id = ${id}`.execute(t.database.db);
    }
    expect((await get(`/en/deputies/${id}`)).body).not.toContain('class="portrait"');
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
    const text = textOf(res.body);
    for (const name of collective) expect(text).toContain(name);
    expect(text.match(/since 21 October 2020 \( decision of 21 October 2020 \)/g)).toHaveLength(3);
    expect(res.body).toMatch(/<a href="#decision-[0-9a-f-]+">decision of 21 October 2020<\/a>/);
    expect(text).toContain('On admitting collective members of the Council');
    expect(text).toContain('Askar Shakirov');
    expect(text).toContain('Chair of the Council');
    expect(text).not.toContain('Mukashev'); // the press release does not make the associations or their chairmen members
    const ru = textOf((await get('/ru/council?date=2020-10-21')).body);
    expect(ru).toContain('с 21 октября 2020 г.');
    expect(ru).toContain('Институт государственного местного управления');
  });

  it('does not list them before 21 October 2020', async () => {
    const text = textOf((await get('/en/council?date=2020-10-20')).body);
    for (const name of collective) expect(text).not.toContain(name);
    expect(text).toContain('No collective members are recorded for this date.');
  });

  it('shows the composition on the last day once the Council has ended (30 June 2026)', async () => {
    expect(todayInKazakhstan() > '2026-06-30').toBe(true);
    const res = await get('/en/council');
    const text = textOf(res.body);
    expect(text).toContain('The Council worked until 30 June 2026');
    for (const name of collective) expect(text).toContain(name);
    expect(res.body).toContain('<title>Council for Interaction with Maslikhats: composition');
  });

  it('follows the home organisation setting: no institution name is in the code', async () => {
    await sql`update setting set value = '"kurultai"' where key = 'home_organization'`.execute(t.database.db);
    const other = await createTestApp({ database: t.database });
    try {
      const res = await other.app.inject({ url: '/en/council?date=2026-07-02' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Kurultai of the Republic of Kazakhstan</h1>');
      expect(textOf(res.body)).toContain('No collective members are recorded for this date.');
    } finally {
      await other.app.close();
      await sql`update setting set value = '"council-senate"' where key = 'home_organization'`.execute(t.database.db);
    }
  });

  it('keeps a bad date with a GOV.UK error; the Kazakh Latin page has no Cyrillic', async () => {
    const bad = await get('/kk/council?date=2020-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain('value="2020-13-01"');
    const latin = await get('/kk-latn/council?date=2020-10-21');
    expect(mainOf(latin.body)).not.toMatch(/[\u0400-\u04FF]/);
    expect(textOf(latin.body)).toContain('Memlekettık jergılıktı basqaru instituty');
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
    expect(res.body).toContain(`href="/en/deputies/${d.id}"`);
    // A small misspelling still finds the person; so does the Kazakh Cyrillic spelling.
    const misspelt = d.en.slice(0, -1) + (d.en.endsWith('v') ? 'f' : 'v');
    expect((await get(`/en/deputies?q=${encodeURIComponent(misspelt)}`)).body).toContain(`href="/en/deputies/${d.id}"`);
    expect((await get(`/kk/deputies?q=${encodeURIComponent(d.kk)}`)).body).toContain(`href="/kk/deputies/${d.id}"`);
  });

  it('finds the people of the 2020 record in any script', async () => {
    for (const q of ['Құлшар', 'Kulshar', 'Qulşar', 'kulshar malik', 'Мукашев', 'Shakirov']) {
      const res = await get(`/en/deputies?q=${encodeURIComponent(q)}`);
      expect({ q, status: res.statusCode, found: /Malik Kulshar|Tuleubek Mukashev|Askar Shakirov/.test(textOf(res.body)) }).toEqual({ q, status: 200, found: true });
    }
  });

  it('fills the maslikhat list on the server after a region is chosen, then finds a district by number', async () => {
    const start = await get('/en/deputies');
    expect(start.body).toContain('id="field-region"');
    expect(start.body).not.toContain('id="field-maslikhat"');
    const step = await get('/en/deputies?region=270000000');
    expect(step.statusCode).toBe(200);
    expect(step.body).toMatch(/<select[^>]*id="field-maslikhat"[^>]*>.*<option value="maslikhat-270000000" selected>West Kazakhstan Regional Maslikhat<\/option>/s);

    const d = await one(sql<{ id: string; name: string }>`select p.id, d.name->>'en' as name from membership m join person p on p.id = m.person_id
      join electoral_district d on d.id = m.electoral_district_id join organization o on o.id = m.organization_id where o.slug = ${wk} and d.number = 7`);
    const res = await get(`/en/deputies?region=270000000&maslikhat=${wk}&district=7`);
    expect(res.statusCode).toBe(200);
    const results = res.body.slice(res.body.indexOf('id="place-results"'));
    expect(results).toContain(`href="/en/deputies/${d.id}"`);
    expect((results.match(/<th scope="row">District No\./g) ?? []).length).toBe(1);
    expect(results).toContain(`District No. 7 — ${d.name}`);
    expect(results).toContain('deputies elected from party lists represent the voters of the whole region');

    const byStreet = await get(`/en/deputies?region=270000000&district=${encodeURIComponent(d.name.split(', ')[1]!.split(' ')[0]!.toLowerCase())}`);
    expect(byStreet.body.slice(byStreet.body.indexOf('id="place-results"'))).toContain(`href="/en/deputies/${d.id}"`);
  });

  it('reports what cannot be searched, keeping what was typed', async () => {
    const badRegion = await get('/en/deputies?region=999');
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.body).toContain('href="#field-region"');
    const short = await get('/ru/deputies?q=%D0%B0');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Введите хотя бы две буквы имени.');
    expect(short.body).toContain('value="а"');
    const noRegion = await get('/en/deputies?district=5');
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.body).toContain('Choose a region first to find a district.');
    const badDate = await get('/en/deputies?q=kulshar&date=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('value="yesterday"');
    const nothing = await get('/en/deputies?region=270000000&district=999');
    expect(nothing.statusCode).toBe(200);
    expect(textOf(nothing.body)).toContain('No district matches “999”.');
  });

  it('has no Cyrillic in the Kazakh Latin page', async () => {
    const res = await get('/kk-latn/deputies?region=270000000&district=3&q=kulshar');
    expect(res.statusCode).toBe(200);
    expect(mainOf(res.body)).not.toMatch(/[\u0400-\u04FF]/);
    const person = await get(`/kk-latn/deputies/${(await one(sql<{ id: string }>`select id from person where name->>'en' = 'Malik Kulshar'`)).id}`);
    // The person page shows each spelling of the name in its own language; everything else is Latin.
    expect(withoutForeign(person.body)).not.toMatch(/[\u0400-\u04FF]/);
  });
});
