// The Atom feeds: news and meetings per language, read by a feed library; escaped text, stable ids,
// RFC 3339 dates, hreflang links; drafts never in them; an unchanged feed answers 304 to its ETag.
import { parseAtomFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import { languages } from '../../core/i18n/languages.js';

let t: TestApp;
let published: string;
let draft: string;
let meeting: string;
let draftMeeting: string;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

beforeAll(async () => {
  t = await createTestApp({ env: { KENES_PUBLIC_URL: 'https://kenes.example.kz/', KENES_PAGE_CACHE_MB: '16' } });
  const db = t.database.db;
  const council = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
  meeting = (await createMeeting(db, { number: 7, title: null, place: { kk: 'Астана, Сенат', ru: 'Астана, Сенат', en: 'Astana, the Senate' } })).id;
  draftMeeting = (await createMeeting(db, { number: 8, status: 'draft' })).id;
  published = newId();
  draft = newId();
  await db
    .insertInto('news_item')
    .values([
      {
        id: published,
        organization_id: council,
        meeting_id: null,
        title: JSON.stringify({ kk: 'Кеңес & өңірлер <жаңа>', ru: 'Совет & регионы <новое>', en: 'Council & regions <new>' }),
        lead: JSON.stringify({ kk: 'Қысқаша.', ru: 'Кратко.', en: 'In short.' }),
        body: JSON.stringify({ kk: 'Бірінші абзац.\n\nЕкінші <абзац>.', ru: 'Первый абзац.\n\nВторой <абзац>.' }),
        status: 'published',
        published_at: new Date('2025-04-11T09:30:00Z'),
        created_by: null,
      },
      { id: draft, organization_id: council, meeting_id: null, title: JSON.stringify({ en: 'Not yet' }), lead: null, body: null, status: 'draft', published_at: null, created_by: null },
    ])
    .execute();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('GET /:lang/feed.atom', () => {
  it.each(languages)('is an Atom feed of the published news in %s, read by a feed library', async (lang) => {
    const res = await get(`/${lang}/feed.atom`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseAtomFeed(res.body);
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(feed.updated).toMatch(rfc3339);
    expect(feed.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `https://kenes.example.kz/${lang}/feed.atom` }));
    expect(feed.links).toContainEqual(expect.objectContaining({ rel: 'alternate', type: 'text/html', href: `https://kenes.example.kz/${lang}/news` }));
    const entries = feed.entries ?? [];
    expect(entries.map((e) => e.links?.[0]?.href)).toEqual([`https://kenes.example.kz/${lang}/news/${published}`]);
    const [entry] = entries;
    expect(entry?.id).toMatch(/^urn:uuid:/);
    expect(entry?.updated).toMatch(rfc3339);
    expect(entry?.published).toBe('2025-04-11T09:30:00Z');
    expect(entry?.links?.map((l) => l.hreflang)).toEqual(expect.arrayContaining(['kk', 'kk-Latn', 'ru', 'en']));
    expect(res.body).not.toContain(draft);
  });

  it('escapes the text: a title with & and < reads back as written', async () => {
    const feed = parseAtomFeed((await get('/en/feed.atom')).body);
    const entry = feed.entries?.[0];
    expect(entry?.title?.value).toBe('Council & regions <new>');
    expect(entry?.summary?.value).toBe('In short.');
    // The body is in Russian here (no English): HTML paragraphs, marked with the language they are in.
    expect(entry?.content?.value).toBe('<p>Первый абзац.</p><p>Второй &lt;абзац&gt;.</p>');
    expect((await get('/en/feed.atom')).body).toMatch(/<content type="html" xml:lang="ru">/);
  });

  it('writes Kazakh Latin for kk-latn, and gives each language version its own stable id', async () => {
    const latin = parseAtomFeed((await get('/kk-latn/feed.atom')).body);
    expect(latin.entries?.[0]?.title?.value).toBe('Keñes & öñırler <jaña>');
    const ids = await Promise.all(languages.map(async (l) => parseAtomFeed((await get(`/${l}/feed.atom`)).body).entries?.[0]?.id));
    expect(new Set(ids).size).toBe(4);
    const again = parseAtomFeed((await get('/ru/feed.atom')).body).entries?.[0]?.id;
    expect(again).toBe(ids[languages.indexOf('ru')]);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/ru/feed.atom');
    const etag = first.headers.etag;
    expect(typeof etag).toBe('string');
    const again = await get('/ru/feed.atom', { 'if-none-match': String(etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('is not found under an unknown language', async () => {
    expect((await get('/de/feed.atom')).statusCode).toBe(404);
  });
});

describe('GET /:lang/meetings.atom', () => {
  it.each(languages)('is an Atom feed of the public meetings in %s, beside the calendar', async (lang) => {
    const res = await get(`/${lang}/meetings.atom`);
    expect(res.statusCode).toBe(200);
    const feed = parseAtomFeed(res.body);
    expect(feed.id).toMatch(/^urn:uuid:/);
    expect(feed.links).toContainEqual(expect.objectContaining({ rel: 'related', type: 'text/calendar', href: `https://kenes.example.kz/${lang}/meetings.ics` }));
    const hrefs = (feed.entries ?? []).map((e) => e.links?.[0]?.href);
    expect(hrefs).toContain(`https://kenes.example.kz/${lang}/meetings/${meeting}`);
    expect(res.body).not.toContain(draftMeeting);
  });

  it('names the meeting and says when, where and its status', async () => {
    const feed = parseAtomFeed((await get('/en/meetings.atom')).body);
    const entry = feed.entries?.find((e) => e.links?.[0]?.href?.endsWith(meeting));
    expect(entry?.title?.value).toBe('Regular meeting No. 7');
    expect(entry?.summary?.value).toContain('Astana, the Senate');
    expect(entry?.summary?.value).toContain('Announced');
    expect(entry?.updated).toMatch(rfc3339);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = String((await get('/kk/meetings.atom')).headers.etag);
    expect((await get('/kk/meetings.atom', { 'if-none-match': etag })).statusCode).toBe(304);
  });
});

describe('GET /:lang/news/category/:slug/feed.atom', () => {
  it('is kept like the other feeds: an ETag and a Last-Modified (the newest item\'s time), and 304 to either', async () => {
    const { category } = await t.database.db.selectFrom('news_item').select('category').where('id', '=', published).executeTakeFirstOrThrow();
    const url = `/en/news/category/${category}/feed.atom`;
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(etag).toMatch(/^"/);
    expect(new Date(lastModified).getTime()).toBeGreaterThanOrEqual(Date.parse('2025-04-11T09:30:00Z'));
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get(url, { 'if-modified-since': older })).statusCode).toBe(200);
    expect((await get(url, { 'if-none-match': '"other"', 'if-modified-since': lastModified })).statusCode).toBe(200);
  });
});
