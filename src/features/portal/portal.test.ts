import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, textOf } from '../../../test/support/page.js';
import { translate } from '../../core/i18n/messages.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('GET /', () => {
  it('redirects to the language in the cookie first', async () => {
    const res = await get('/', { cookie: 'kenes_lang=ru', 'accept-language': 'en' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/ru/');
  });
  it('then by Accept-Language', async () => {
    expect((await get('/', { 'accept-language': 'en-US,en;q=0.9' })).headers.location).toBe('/en/');
    expect((await get('/', { 'accept-language': 'kk-Latn' })).headers.location).toBe('/kk-latn/');
  });
  it('else to Kazakh', async () => {
    expect((await get('/', { 'accept-language': 'de' })).headers.location).toBe('/kk/');
    expect((await get('/')).headers.location).toBe('/kk/');
  });
});

describe('GET /:lang/', () => {
  it.each([
    ['kk', 'kk', 'Мәслихаттармен өзара іс-қимыл жөніндегі кеңес'],
    ['kk-latn', 'kk-Latn', 'Mäslihattarmen özara ıs-qimyl jönındegı keñes'],
    ['ru', 'ru', 'Совет по взаимодействию с местными представительными органами'],
    ['en', 'en', 'Council for Interaction with Local Representative Bodies'],
  ])('serves the home page in %s with <html lang="%s"> and the home organisation from data', async (lang, tag, name) => {
    const res = await get(`/${lang}/`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const home = page(res.body);
    expect(home.document.documentElement.getAttribute('lang')).toBe(tag);
    // The name, short or full, is on the page: in its title or its text.
    expect(`${home.title} ${home.text()}`).toContain(name);
    // The first link skips to the main content.
    expect(home.links()[0]?.href).toBe('#main');
    expect(home.document.getElementById('main')?.tagName).toBe('MAIN');
    expect(res.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringContaining(`kenes_lang=${lang};`)]));
  });

  it('says truthfully that the council ended with the Senate and what followed', async () => {
    const en = page((await get('/en/')).body).text('main');
    expect(en).toContain('30 June 2026');
    expect(en).toContain('Kurultai of the Republic of Kazakhstan');
    expect(page((await get('/ru/')).body).text('main')).toContain('Курултай Республики Казахстан');
  });

  it('leads to every public section that exists: maslikhats, meetings, news, about, open data', async () => {
    const home = page((await t.app.inject('/ru/')).body);
    const links = home.links().map((l) => l.href);
    for (const link of ['/ru/maslikhats', '/ru/meetings', '/ru/news', '/ru/about']) expect(links).toContain(link);
    // Open data: the API's description, or the catalogue that leads to it.
    const openData = home.links(translate('ru', 'home.openDataTitle')).map((l) => l.href);
    expect(openData).not.toHaveLength(0);
    expect(openData.filter((href) => !/^\/(api\/v1\/openapi\.json|ru\/open-data)$/.test(href))).toEqual([]);
    expect(home.text('main')).toContain('Заседания Совета');
  });

  it('derives the Kazakh Latin page from Kazakh: no Cyrillic in the main content', async () => {
    const main = page((await get('/kk-latn/')).body).document.querySelector('main')!;
    // The markup too: no title or label in Cyrillic.
    expect(main.outerHTML).not.toMatch(/[\u0400-\u04FF]/);
    expect(textOf(main)).toContain('Qazaqstan');
  });

  it('follows the home organisation setting: no institution name is in the code', async () => {
    const { sql } = await import('kysely');
    await sql`update setting set value = '"kurultai"' where key = 'home_organization'`.execute(t.database.db);
    const other = await createTestApp({ database: t.database });
    try {
      const res = await other.app.inject({ url: '/en/' });
      expect(page(res.body).heading).toBe('Kurultai of the Republic of Kazakhstan');
      expect(page(res.body).text()).not.toContain('Council for Interaction');
      expect(res.body).not.toContain('Council for Interaction');
    } finally {
      await other.app.close();
      await sql`update setting set value = '"council-senate"' where key = 'home_organization'`.execute(t.database.db);
    }
  });

  it('has a language switcher that keeps the current page and query', async () => {
    const switcher = page((await get('/ru/maslikhats?date=2020-10-21')).body).byRole('navigation', { name: 'Языки' });
    const languages = [...switcher.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), hreflang: a.getAttribute('hreflang'), lang: a.getAttribute('lang'), current: a.getAttribute('aria-current') }));
    expect(languages).toEqual([
      { href: '/kk/maslikhats?date=2020-10-21', hreflang: 'kk', lang: 'kk', current: null },
      { href: '/kk-latn/maslikhats?date=2020-10-21', hreflang: 'kk-Latn', lang: 'kk-Latn', current: null },
      { href: '/ru/maslikhats?date=2020-10-21', hreflang: 'ru', lang: 'ru', current: 'true' },
      { href: '/en/maslikhats?date=2020-10-21', hreflang: 'en', lang: 'en', current: null },
    ]);
  });

  it('answers an unknown language prefix with a 404 page in the preferred language', async () => {
    const res = await get('/de/', { 'accept-language': 'ru' });
    expect(res.statusCode).toBe(404);
    expect(page(res.body).heading).toBe('Страница не найдена');
    expect(page(res.body).document.documentElement.getAttribute('lang')).toBe('ru');
  });
});

/** The maslikhats table's rows, each as its cells' text. */
const rows = (body: string) => page(body).tableRows();
/** The maslikhats' names in the table (its second column, after the region). */
const names = (body: string) => rows(body).map(([, name]) => name);
/** The codes in the table (ISO 3166-2 and KATO). */
const codes = (body: string) => [...page(body).table().querySelectorAll('.code')].map((code) => textOf(code));

describe('GET /:lang/maslikhats', () => {

  it('lists the 20 region-level maslikhats today', async () => {
    const res = await get('/en/maslikhats');
    expect(res.statusCode).toBe(200);
    expect(rows(res.body)).toHaveLength(20);
    expect(names(res.body)).toContain('Abai Regional Maslikhat');
    expect(names(res.body)).toContain('Astana City Maslikhat');
    expect(codes(res.body)).toContain('KZ-71');
  });

  it('lists the 17 of 21 October 2020, with the names of that day', async () => {
    const res = await get('/ru/maslikhats?date=2020-10-21');
    expect(rows(res.body)).toHaveLength(17);
    expect(names(res.body)).toContain('маслихат города Нур-Султан');
    expect(names(res.body)).not.toContain('маслихат области Абай');
    expect(page(res.body).text()).not.toContain('маслихат области Абай');
    expect(codes(res.body)).toContain('KZ-AST');
    expect(page(res.body).text('main')).toContain('На 21 октября 2020 г. было 17 маслихатов.');
  });

  it('keeps a bad date, shows the error summary and the field error, in the language of the page', async () => {
    const res = await get('/kk/maslikhats?date=21.10.2020');
    expect(res.statusCode).toBe(400);
    const kk = page(res.body);
    expect(kk.title).toMatch(/^Қате:/);
    expect(kk.errorSummary()).toEqual([{ text: expect.stringContaining('ЖЖЖЖ-АА-КК'), href: '#field-date' }]);
    const field = kk.document.getElementById('field-date')!;
    expect(field.getAttribute('value')).toBe('21.10.2020');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(kk.fieldError('Қай күнгі жағдай')).toContain('ЖЖЖЖ-АА-КК');
    expect(rows(res.body)).toHaveLength(20);
  });

  it('escapes what the user typed', async () => {
    const res = await get(`/en/maslikhats?date=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script>');
    expect(page(res.body).document.getElementById('field-date')?.getAttribute('value')).toBe('"><script>alert(1)</script>');
  });
});

describe('GET /:lang/about', () => {
  it('credits the data sources with their licences', async () => {
    const res = await get('/en/about');
    expect(res.statusCode).toBe(200);
    const sources = page(res.body).document.getElementById('sources');
    expect(sources).not.toBeNull();
    // The sources are the section the heading with id "sources" opens, up to the next heading of its level.
    const section = sources!.closest('section') ?? sources!.parentElement!;
    const credited = textOf(section);
    expect(credited).toContain('geokz, Alexander Rodionov');
    expect(credited).toContain('CC BY 4.0');
    expect(credited).toContain('Bureau of National Statistics');
  });
});
