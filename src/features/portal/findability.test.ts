// Findability: /sitemap.xml (well-formed, every public page in four languages with its hreflang
// alternates, no drafts), /robots.txt, the head's canonical/Open Graph/Twitter/feed tags, breadcrumbs.
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { page } from '../../../test/support/page.js';
import { createPlan } from '../../../test/support/plan-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import { createDeputy } from '../../../test/support/registry-factories.js';
import { pagesPerSitemap, sitemapLayout, writeSitemapIndex } from './sitemap.routes.js';

const origin = 'https://kenes.example.kz';
let t: TestApp;
let news: string;
let draftNews: string;
let meeting: string;
let draftMeeting: string;
let plan: string;
let draftPlan: string;
let deputyId: string;

beforeAll(async () => {
  t = await createTestApp({ env: { KENES_PUBLIC_URL: `${origin}/`, KENES_PAGE_CACHE_MB: '16' } });
  const db = t.database.db;
  const council = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
  meeting = (await createMeeting(db, { number: 3 })).id;
  draftMeeting = (await createMeeting(db, { number: 4, status: 'draft' })).id;
  plan = (await createPlan(db, { status: 'adopted' })).id;
  draftPlan = (await createPlan(db)).id;
  deputyId = (await createDeputy(db, { maslikhat: '270000000' })).personId;
  news = newId();
  draftNews = newId();
  await db
    .insertInto('news_item')
    .values([
      { id: news, organization_id: council, meeting_id: meeting, title: JSON.stringify({ kk: 'Жаңалық', ru: 'Новость', en: 'News & views' }), lead: null, body: null, status: 'published', published_at: new Date('2025-05-01T06:00:00Z'), created_by: null },
      { id: draftNews, organization_id: council, meeting_id: null, title: JSON.stringify({ en: 'Draft' }), lead: null, body: null, status: 'draft', published_at: null, created_by: null },
    ])
    .execute();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

interface SitemapUrl {
  loc: string;
  lastmod?: string;
  alternates: Record<string, string>;
  /** Each xhtml:link's rel (all 'alternate'). */
  rels: string[];
}

/** Reads a sitemap with a strict, namespace-aware XML parser (a well-formedness error throws). */
function readSitemap(xml: string): { root: { uri: string; local: string }; urls: SitemapUrl[] } {
  const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
  const xhtmlNs = 'http://www.w3.org/1999/xhtml';
  const parser = new SaxesParser({ xmlns: true });
  const urls: SitemapUrl[] = [];
  let root: { uri: string; local: string } | undefined;
  let current: SitemapUrl | undefined;
  let text = '';
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    root ??= { uri: tag.uri, local: tag.local };
    text = '';
    if (tag.uri === sitemapNs && tag.local === 'url') current = { loc: '', alternates: {}, rels: [] };
    if (tag.uri === xhtmlNs && tag.local === 'link' && current) {
      const attr = (name: string) => String(tag.attributes[name]?.value ?? '');
      current.rels.push(attr('rel'));
      current.alternates[attr('hreflang')] = attr('href');
    }
  });
  parser.on('text', (value) => (text += value));
  parser.on('closetag', (tag) => {
    if (!current) return;
    if (tag.local === 'loc') current.loc = text;
    if (tag.local === 'lastmod') current.lastmod = text;
    if (tag.local === 'url') urls.push(current);
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return { root, urls };
}

describe('GET /sitemap.xml', () => {
  it('is well-formed XML: a urlset of every public page in kk, kk-Latn, ru and en, each naming all its versions and x-default', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const { root, urls } = readSitemap(res.body);
    expect(root).toEqual({ uri: 'http://www.sitemaps.org/schemas/sitemap/0.9', local: 'urlset' });
    const locs = urls.map((u) => u.loc);
    for (const path of ['/', '/about', '/maslikhats', '/council', '/deputies', '/meetings', '/news', '/plan', `/meetings/${meeting}`, `/news/${news}`, `/plan/${plan}`, '/maslikhats/maslikhat-270000000']) {
      for (const lang of ['kk', 'kk-latn', 'ru', 'en']) expect(locs).toContain(`${origin}/${lang}${path}`);
    }
    for (const url of urls) {
      const path = url.loc.replace(/^https:\/\/kenes\.example\.kz\/[a-z-]+/, '');
      expect(url.alternates).toEqual({
        kk: `${origin}/kk${path}`,
        'kk-Latn': `${origin}/kk-latn${path}`,
        ru: `${origin}/ru${path}`,
        en: `${origin}/en${path}`,
        'x-default': `${origin}/kk${path}`,
      });
      expect(url.rels).toEqual(Array(5).fill('alternate'));
    }
    expect(urls.find((u) => u.loc === `${origin}/ru/news/${news}`)?.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('lists the deputies\' public pages with their alternates, and each news category\'s list', async () => {
    const { urls } = readSitemap((await get('/sitemap.xml')).body);
    const deputy = urls.find((u) => u.loc === `${origin}/en/deputies/${deputyId}`);
    expect(deputy?.alternates).toEqual({
      kk: `${origin}/kk/deputies/${deputyId}`,
      'kk-Latn': `${origin}/kk-latn/deputies/${deputyId}`,
      ru: `${origin}/ru/deputies/${deputyId}`,
      en: `${origin}/en/deputies/${deputyId}`,
      'x-default': `${origin}/kk/deputies/${deputyId}`,
    });
    expect(deputy?.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(urls.map((u) => u.loc)).toContain(`${origin}/ru/news?category=council`);
  });

  it('leaves out drafts: meetings, news and plans not yet public', async () => {
    const body = (await get('/sitemap.xml')).body;
    for (const id of [draftMeeting, draftNews, draftPlan]) expect(body).not.toContain(id);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = String((await get('/sitemap.xml')).headers.etag);
    expect(etag).toMatch(/^"/);
    const again = await get('/sitemap.xml', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });
});

describe('the sitemap\'s layout', () => {
  it('is one sitemap while every page fits in 50,000 addresses (12,500 pages in four languages)', () => {
    expect(pagesPerSitemap * 4).toBe(50_000);
    expect(sitemapLayout(40, 12_460)).toEqual({ kind: 'single' });
  });

  it('becomes an index of the other pages and bounded parts of deputies beyond that', () => {
    expect(sitemapLayout(40, 12_461)).toEqual({ kind: 'index', parts: ['/sitemaps/pages.xml', '/sitemaps/deputies-1.xml'] });
    expect(sitemapLayout(40, 30_000)).toEqual({ kind: 'index', parts: ['/sitemaps/pages.xml', '/sitemaps/deputies-1.xml', '/sitemaps/deputies-2.xml', '/sitemaps/deputies-3.xml'] });
  });

  it('writes the index as well-formed XML naming each part', () => {
    const xml = writeSitemapIndex(origin, ['/sitemaps/pages.xml', '/sitemaps/deputies-1.xml']);
    const locs: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    let text = '';
    let root = '';
    parser.on('opentag', (tag) => {
      root ||= tag.local;
      text = '';
    });
    parser.on('text', (value) => (text += value));
    parser.on('closetag', (tag) => {
      if (tag.local === 'loc') locs.push(text);
    });
    parser.write(xml).close();
    expect(root).toBe('sitemapindex');
    expect(locs).toEqual([`${origin}/sitemaps/pages.xml`, `${origin}/sitemaps/deputies-1.xml`]);
  });
});

describe('GET /sitemaps/:name', () => {
  it('serves the parts an index names: the other pages, and a window of deputies', async () => {
    const pages = readSitemap((await get('/sitemaps/pages.xml')).body);
    expect(pages.urls.map((u) => u.loc)).toContain(`${origin}/en/news/${news}`);
    const deputies = readSitemap((await get('/sitemaps/deputies-1.xml')).body);
    expect(deputies.urls.map((u) => u.loc)).toContain(`${origin}/kk/deputies/${deputyId}`);
    expect(deputies.urls.every((u) => u.loc.includes('/deputies/'))).toBe(true);
  });

  it('is not found for a part past the end or a hostile name', async () => {
    expect((await get('/sitemaps/deputies-9.xml')).statusCode).toBe(404);
    for (const name of ['..%2Fetc%2Fpasswd', 'deputies-0.xml', 'deputies-1.xml.bak', "x'.xml"]) expect((await get(`/sitemaps/${name}`)).statusCode).toBe(404);
  });
});

describe('GET /robots.txt', () => {
  it('lets crawlers read the portal, keeps them out of the office and points to the sitemap', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body.split('\n')).toEqual(expect.arrayContaining(['User-agent: *', 'Allow: /', 'Disallow: /*/office/', `Sitemap: ${origin}/sitemap.xml`]));
  });
});

describe('the head of a public page', () => {
  it('names its canonical address, its language versions, the news feed and a link preview', async () => {
    const doc = page((await get(`/ru/news/${news}`)).body).document;
    const attr = (selector: string, name = 'content') => doc.querySelector(selector)?.getAttribute(name);
    expect(attr('link[rel="canonical"]', 'href')).toBe(`${origin}/ru/news/${news}`);
    const alternates = [...doc.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]);
    expect(alternates).toEqual([
      ['kk', `${origin}/kk/news/${news}`],
      ['kk-Latn', `${origin}/kk-latn/news/${news}`],
      ['ru', `${origin}/ru/news/${news}`],
      ['en', `${origin}/en/news/${news}`],
      ['x-default', `${origin}/kk/news/${news}`],
    ]);
    expect(attr('link[rel="alternate"][type="application/atom+xml"]', 'href')).toBe(`${origin}/ru/feed.atom`);
    expect(attr('meta[property="og:title"]')).toBe('Новость');
    // A news item is an article, with its publication time.
    expect(attr('meta[property="og:type"]')).toBe('article');
    expect(attr('meta[property="article:published_time"]')).toBe('2025-05-01T06:00:00.000Z');
    expect(attr('meta[property="og:url"]')).toBe(`${origin}/ru/news/${news}`);
    expect(attr('meta[property="og:locale"]')).toBe('ru_RU');
    expect([...doc.querySelectorAll('meta[property="og:locale:alternate"]')].map((m) => m.getAttribute('content'))).toEqual(['kk_KZ', 'en_GB']);
    expect(attr('meta[property="og:site_name"]')).toBeTruthy();
    expect(attr('meta[name="twitter:card"]')).toBe('summary');
    expect(attr('meta[name="twitter:title"]')).toBe('Новость');
  });

  it('describes the organisation in the sentences that fit a link preview (200 characters), for search engines too', async () => {
    for (const lang of ['kk', 'kk-latn', 'ru', 'en']) {
      const doc = page((await get(`/${lang}/about`)).body).document;
      const content = (selector: string) => doc.querySelector(selector)?.getAttribute('content') ?? '';
      const description = content('meta[name="description"]');
      expect({ lang, length: description.length > 20 && description.length <= 200, sentence: /[.!?…]$/.test(description) }).toEqual({ lang, length: true, sentence: true });
      expect({ lang, og: content('meta[property="og:description"]'), twitter: content('meta[name="twitter:description"]') }).toEqual({ lang, og: description, twitter: description });
    }
  });

  it('keeps a list\'s page in the canonical address but not a search or a date; the meetings pages name their feed too', async () => {
    const canonical = async (url: string) => page((await get(url)).body).document.querySelector('link[rel="canonical"]')?.getAttribute('href');
    expect(await canonical('/en/news?page=2')).toBe(`${origin}/en/news?page=2`);
    expect(await canonical('/en/news?page=1')).toBe(`${origin}/en/news`);
    expect(await canonical('/en/council?date=2020-10-21')).toBe(`${origin}/en/council`);
    expect(await canonical(`/kk/plan/${plan}?region=270000000&x=1`)).toBe(`${origin}/kk/plan/${plan}?region=270000000`);
    const feeds = [...page((await get('/en/meetings')).body).document.querySelectorAll('link[type="application/atom+xml"]')].map((l) => l.getAttribute('href'));
    expect(feeds).toEqual([`${origin}/en/feed.atom`, `${origin}/en/meetings.atom`]);
  });

  it('is a website, not an article, elsewhere (no publication time)', async () => {
    const doc = page((await get('/en/about')).body).document;
    expect(doc.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('website');
    expect(doc.querySelector('meta[property="article:published_time"]')).toBeNull();
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = String((await get('/en/about')).headers.etag);
    expect((await get('/en/about', { 'if-none-match': etag })).statusCode).toBe(304);
  });
});

describe('breadcrumbs', () => {
  const trail = async (url: string) => {
    const p = page((await get(url)).body);
    return p.allByRole('navigation', { name: 'You are here' }).flatMap((nav) => [...nav.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]));
  };

  it('lead from a news item, a meeting and a plan back to their lists and home', async () => {
    expect(await trail(`/en/news/${news}`)).toEqual([
      ['Home', '/en/'],
      ['News', '/en/news'],
    ]);
    expect(await trail(`/en/meetings/${meeting}`)).toEqual([
      ['Home', '/en/'],
      ['Meetings', '/en/meetings'],
    ]);
    expect(await trail(`/en/plan/${plan}`)).toEqual([
      ['Home', '/en/'],
      ['Perspective work plan', '/en/plan'],
    ]);
  });

  it('are named in each language', async () => {
    const p = page((await get(`/kk/news/${news}`)).body);
    expect(p.allByRole('navigation', { name: 'Сайттағы орныңыз' })).toHaveLength(1);
  });
});
