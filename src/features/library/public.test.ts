// The public library: published materials only, filtered by topic, law and language, paginated;
// a material's page with its files (current editions), laws and how many regions received it; a
// withdrawn one is a 410 page; files are attachments; a change empties the page cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMaterial, createMaterialFile, distribute } from '../../../test/support/library-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { translate } from '../../core/i18n/messages.js';

let t: TestApp;
const db = () => t.database.db;
const get = (url: string) => t.app.inject({ method: 'GET', url });
const law = 'https://adilet.zan.kz/rus/docs/Z2600000077';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /:lang/library', () => {
  it('lists published materials only, filtered by topic, law and language', async () => {
    const budget = await createMaterial(db(), { state: 'published', title: { ru: 'Бюджет маслихата', en: 'The maslikhat’s budget' }, topics: ['бюджет-тест'], laws: [{ title: 'Бюджетный кодекс', url: law }] });
    await createMaterialFile(t.app, budget, 'kk');
    const other = await createMaterial(db(), { state: 'published', title: { en: 'Elections' }, topics: ['сайлау-тест'] });
    const draft = await createMaterial(db(), { state: 'draft', title: { en: 'A draft' }, topics: ['бюджет-тест'] });
    const withdrawn = await createMaterial(db(), { state: 'withdrawn', title: { en: 'Withdrawn' }, topics: ['бюджет-тест'] });
    const links = async (url: string) => page((await get(url)).body).links().map((l) => l.href);
    const byTopic = await links(`/en/library?topic=${encodeURIComponent('бюджет-тест')}`);
    expect(byTopic).toContain(`/en/library/${budget}`);
    expect(byTopic).not.toContain(`/en/library/${other}`);
    for (const hidden of [draft, withdrawn]) expect(byTopic).not.toContain(`/en/library/${hidden}`);
    expect(await links(`/en/library?law=${encodeURIComponent(law)}`)).toContain(`/en/library/${budget}`);
    const kazakh = await links('/en/library?language=kk');
    expect(kazakh).toContain(`/en/library/${budget}`);
    expect(kazakh).not.toContain(`/en/library/${other}`);
    const p = page((await get('/en/library')).body);
    expect(p.heading).toBe(translate('en', 'library.publicTitle'));
    expect(p.options('Topic').map((o) => o.text)).toEqual(expect.arrayContaining(['бюджет-тест', 'сайлау-тест']));
  });

  it('pages twelve at a time; nonsense in the query is ignored, never a 500', async () => {
    for (let i = 0; i < 13; i++) await createMaterial(db(), { state: 'published', title: { en: `Paged ${i}` }, topics: ['paged-test'] });
    const first = page((await get('/en/library?topic=paged-test')).body);
    expect(first.links().filter((l) => /\/en\/library\/[0-9a-f-]{36}$/.test(l.href))).toHaveLength(12);
    const second = page((await get('/en/library?topic=paged-test&page=2')).body);
    expect(second.links().filter((l) => /\/en\/library\/[0-9a-f-]{36}$/.test(l.href))).toHaveLength(1);
    for (const q of ['page=-1', 'page=abc', 'language=xx', `topic=${'x'.repeat(500)}`, 'law=%00']) expect((await get(`/en/library?${q}`)).statusCode).toBeLessThan(500);
  });
});

describe('GET /:lang/library/:id', () => {
  it('shows the summary, each language’s current file, the laws and how many regions received it', async () => {
    const id = await createMaterial(db(), { state: 'published', title: { ru: 'Лекция', en: 'A lecture' }, summary: { en: 'What the law changes.' }, laws: [{ title: 'The Budget Code', url: law }] });
    await createMaterialFile(t.app, id, 'ru', 1);
    await createMaterialFile(t.app, id, 'ru', 2);
    await createMaterialFile(t.app, id, 'en', 1);
    await distribute(db(), id, ['maslikhat-270000000', 'maslikhat-750000000', 'maslikhat-710000000']);
    const p = page((await get(`/en/library/${id}`)).body);
    expect(p.heading).toBe('A lecture');
    expect(p.text()).toContain('What the law changes.');
    expect(p.definition('Regions')).toBe('Received by 3 regions');
    expect(p.links('lecture-ru-2.pdf')).toHaveLength(1);
    expect(p.links('lecture-ru-1.pdf')).toEqual([]);
    expect(p.href('The Budget Code')).toBe(law);
    const file = await get(p.href('lecture-en-1.pdf'));
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(page((await get(`/ru/library/${id}`)).body).definition('Регионы')).toBe('Получен в 3 регионах');
  });

  it('a withdrawn material is a 410 page saying so, and its files are gone; a draft is not found', async () => {
    const withdrawn = await createMaterial(db(), { state: 'withdrawn' });
    const file = await createMaterialFile(t.app, withdrawn, 'ru');
    const res = await get(`/en/library/${withdrawn}`);
    expect(res.statusCode).toBe(410);
    expect(page(res.body).heading).toBe(translate('en', 'library.withdrawnTitle'));
    expect((await get(`/en/library/${withdrawn}/files/${file}`)).statusCode).toBe(404);
    const draft = await createMaterial(db(), { state: 'draft' });
    expect((await get(`/en/library/${draft}`)).statusCode).toBe(404);
    expect((await get('/en/library/not-an-id')).statusCode).toBe(404);
  });

  it('is kept by the page cache until the material changes', async () => {
    const id = await createMaterial(db(), { state: 'published', title: { en: 'Cached' } });
    expect((await get(`/en/library/${id}`)).statusCode).toBe(200);
    await db().updateTable('library_material').set({ state: 'withdrawn' }).where('id', '=', id).execute();
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await get(`/en/library/${id}`)).statusCode;
    }
    expect(status).toBe(410);
  });
});

describe('the library in the search index', () => {
  it('a word found only inside a published material’s file finds it, in its word forms; a draft’s text is not public', async () => {
    const published = await createMaterial(db(), { state: 'published', title: { kk: 'Жаңа дәріс' }, summary: null });
    await createMaterialFile(t.app, published, 'kk', 1, 'Депутаттың сайлаушылар алдындағы есебі туралы мысалдар');
    const draft = await createMaterial(db(), { state: 'draft', title: { kk: 'Жоба' }, summary: null });
    await createMaterialFile(t.app, draft, 'kk', 1, 'Құпиятөбешік сөзі тек жобада');
    await t.app.searchIndex.reindex('library');
    const found = await t.app.searchIndex.search({ q: 'сайлаушылармен', types: ['library'], page: 1, pageSize: 10, prefer: 'kk' });
    expect(found.hits.map((h) => [h.subjectId, h.path, h.audience])).toEqual([[published, `/library/${published}`, 'public']]);
    const hidden = await t.app.searchIndex.search({ q: 'Құпиятөбешік', types: ['library'], page: 1, pageSize: 10, prefer: 'kk' });
    expect(hidden.hits).toEqual([]);
  });
});
