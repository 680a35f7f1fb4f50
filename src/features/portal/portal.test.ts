import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(res.body).toContain(`<html lang="${tag}">`);
    expect(res.body).toContain(name);
    expect(res.body).toMatch(/<a class="skip-link" href="#main">/);
    expect(res.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringContaining(`kenes_lang=${lang};`)]));
  });

  it('says truthfully that the council ended with the Senate and what followed', async () => {
    const res = await get('/en/');
    expect(res.body).toContain('30 June 2026');
    expect(res.body).toContain('Kurultai of the Republic of Kazakhstan');
    const ru = await get('/ru/');
    expect(ru.body).toContain('Курултай Республики Казахстан');
  });

  it('leads to every public section that exists: maslikhats, meetings, news, about, open data', async () => {
    const res = await t.app.inject('/ru/');
    for (const link of ['/ru/maslikhats', '/ru/meetings', '/ru/news', '/ru/about', '/api/v1/openapi.json']) expect(res.body).toContain(`href="${link}"`);
    expect(res.body).toContain('Заседания Совета');
  });

  it('derives the Kazakh Latin page from Kazakh: no Cyrillic in the main content', async () => {
    const res = await get('/kk-latn/');
    const main = res.body.slice(res.body.indexOf('<main'), res.body.indexOf('</main>'));
    expect(main).not.toMatch(/[\u0400-\u04FF]/);
    expect(main).toContain('Qazaqstan');
  });

  it('follows the home organisation setting: no institution name is in the code', async () => {
    const { sql } = await import('kysely');
    await sql`update setting set value = '"kurultai"' where key = 'home_organization'`.execute(t.database.db);
    const other = await createTestApp({ database: t.database });
    try {
      const res = await other.app.inject({ url: '/en/' });
      expect(res.body).toContain('<h1>Kurultai of the Republic of Kazakhstan</h1>');
      expect(res.body).not.toContain('Council for Interaction');
    } finally {
      await other.app.close();
      await sql`update setting set value = '"council-senate"' where key = 'home_organization'`.execute(t.database.db);
    }
  });

  it('has a language switcher that keeps the current page and query', async () => {
    const res = await get('/ru/maslikhats?date=2020-10-21');
    expect(res.body).toContain('href="/kk/maslikhats?date=2020-10-21"');
    expect(res.body).toContain('href="/en/maslikhats?date=2020-10-21"');
    expect(res.body).toContain('href="/kk-latn/maslikhats?date=2020-10-21"');
    expect(res.body).toMatch(/href="\/ru\/maslikhats\?date=2020-10-21" hreflang="ru" lang="ru" aria-current="true"/);
  });

  it('answers an unknown language prefix with a 404 page in the preferred language', async () => {
    const res = await get('/de/', { 'accept-language': 'ru' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Страница не найдена');
    expect(res.body).toContain('<html lang="ru">');
  });
});

const rows = (body: string) => (body.match(/<tr>/g) ?? []).length - 1; // minus the header row

describe('GET /:lang/maslikhats', () => {

  it('lists the 20 region-level maslikhats today', async () => {
    const res = await get('/en/maslikhats');
    expect(res.statusCode).toBe(200);
    expect(rows(res.body)).toBe(20);
    expect(res.body).toContain('Abai Regional Maslikhat');
    expect(res.body).toContain('Astana City Maslikhat');
    expect(res.body).toContain('KZ-71');
  });

  it('lists the 17 of 21 October 2020, with the names of that day', async () => {
    const res = await get('/ru/maslikhats?date=2020-10-21');
    expect(rows(res.body)).toBe(17);
    expect(res.body).toContain('маслихат города Нур-Султан');
    expect(res.body).not.toContain('маслихат области Абай');
    expect(res.body).toContain('KZ-AST');
    expect(res.body).toContain('На 21 октября 2020 г. было 17 маслихатов.');
  });

  it('keeps a bad date, shows the error summary and the field error, in the language of the page', async () => {
    const res = await get('/kk/maslikhats?date=21.10.2020');
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Қате:/);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#field-date"');
    expect(res.body).toContain('value="21.10.2020"');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('ЖЖЖЖ-АА-КК');
    expect(rows(res.body)).toBe(20);
  });

  it('escapes what the user typed', async () => {
    const res = await get(`/en/maslikhats?date=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script>');
  });
});

describe('GET /:lang/about', () => {
  it('credits the data sources with their licences', async () => {
    const res = await get('/en/about');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="sources"');
    expect(res.body).toContain('geokz, Alexander Rodionov');
    expect(res.body).toContain('CC BY 4.0');
    expect(res.body).toContain('Bureau of National Statistics');
  });
});
