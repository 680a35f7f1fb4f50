// News items of their own (issue 15): categories (the office's choice, the public list filtered and
// paginated, each item linking to its category), scheduled publication (refused in the past; absent
// from the list, the item, the feeds, the sitemap and the home page until its time — the clock is
// moved with fake timers, never slept), the lead photo (re-encoded, alt text required in each
// language the item has, the existing photo problems), and a category's Atom feed with ETag and
// Last-Modified.
import { parseAtomFeed } from 'feedsmith';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';

const origin = 'https://kenes.example.kz';
let t: TestApp;
let clerk: Browser;
let staff: Browser;
let councilId: string;

beforeAll(async () => {
  t = await createTestApp({ env: { KENES_PUBLIC_URL: `${origin}/` } });
  const db = t.database.db;
  councilId = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
  clerk = new Browser(t.app);
  await signInFully(clerk, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  staff = new Browser(t.app);
  await staff.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const mainText = async (url: string) => page((await get(url)).body).text('main');

const text = (overrides: Record<string, string> = {}) => ({
  category: 'maslikhats',
  titleKk: 'Мәслихат жаңалығы',
  titleRu: 'Новость маслихата',
  titleEn: 'Maslikhat news',
  leadKk: '',
  leadRu: '',
  leadEn: '',
  bodyKk: 'Мәтін.',
  bodyRu: 'Текст.',
  bodyEn: 'Text.',
  version: '',
  ...overrides,
});

/** Creates an item through the office; returns its id. */
async function write(overrides: Record<string, string> = {}): Promise<string> {
  const res = await clerk.post('/en/office/news/new', text(overrides));
  expect(res.statusCode).toBe(303);
  const id = /\/office\/news\/([0-9a-f-]{36})\?done=saved$/.exec(String(res.headers.location))?.[1];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

const row = (id: string) => t.database.db.selectFrom('news_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Publishes an item at a past time directly (older items for lists), in a category. */
async function publishedAt(title: string, category: string, at: Date): Promise<string> {
  const id = newId();
  await t.database.db
    .insertInto('news_item')
    .values({ id, organization_id: councilId, meeting_id: null, title: JSON.stringify({ en: title, ru: title }), lead: null, body: null, status: 'published', published_at: at, created_by: null, category })
    .execute();
  return id;
}

/** Kazakhstan's day and time (UTC+5) of an instant, as the schedule form takes them. */
function almatyParts(at: Date): { date: string; time: string } {
  const local = new Date(at.getTime() + 5 * 3_600_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

describe('POST /:lang/office/news/new', () => {
  it('saves a draft of its own in the chosen category, audited, and lists it in the office', async () => {
    const id = await write({ titleEn: 'A plan item done' , category: 'plan' });
    expect(await row(id)).toMatchObject({ status: 'draft', category: 'plan', meeting_id: null, version: 1 });
    const office = page((await clerk.get('/en/office/news')).body);
    expect(office.links('A plan item done')).toEqual([{ text: 'A plan item done', href: `/en/office/news/${id}` }]);
    expect(office.links('Write a news item')).toHaveLength(1);
    const events = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', id).execute();
    expect(events.map((e) => e.action)).toEqual(['created']);
  });

  it('refuses an unknown or hostile category and a missing title (400), in the page\'s language, keeping the answers', async () => {
    const res = await clerk.post('/ru/office/news/new', text({ category: '<script>', titleKk: '', titleRu: '', bodyRu: 'Мой текст' }));
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    expect(p.errorSummary().map((e) => e.text)).toEqual(['Выберите рубрику', 'Введите заголовок на казахском или русском языке.']);
    expect(p.byLabel('Текст (на русском)').textContent).toBe('Мой текст');
  });

  it('is for the secretariat: maslikhat staff are refused (403)', async () => {
    expect((await staff.post('/en/office/news/new', text())).statusCode).toBe(403);
    expect((await staff.get('/en/office/news/new')).statusCode).toBe(403);
  });
});

describe('GET /:lang/news?category=', () => {
  it('lists one category\'s published news, a page at a time, each item linking to its category', async () => {
    const base = Date.parse('2002-01-01T00:00:00Z');
    for (let i = 0; i < 22; i++) await publishedAt(`Library item ${String(i).padStart(2, '0')}`, 'library', new Date(base + i * 86_400_000));
    await publishedAt('An outreach item', 'outreach', new Date(base));
    const first = page((await get('/en/news?category=library')).body);
    expect(first.heading).toBe('News: Library');
    expect(first.text('main')).toContain('Library item 21');
    expect(first.text('main')).not.toContain('Library item 01');
    expect(first.text('main')).not.toContain('An outreach item');
    expect(first.links('Next page')).toEqual([{ text: 'Next page', href: '/en/news?category=library&page=2' }]);
    const second = page((await get('/en/news?category=library&page=2')).body);
    expect(second.text('main')).toContain('Library item 01');
    // Each item says its category, linking to the filtered list.
    expect(first.links('Library').map((l) => l.href)).toContain('/en/news?category=library');
    // The filtered list names its own feed in the head, and links to it.
    const feeds = [...first.document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')].map((l) => l.getAttribute('href'));
    expect(feeds).toContain(`${origin}/en/news/category/library/feed.atom`);
    expect(first.document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${origin}/en/news?category=library`);
  });

  it('shows the category on the full list and on the item', async () => {
    const id = await publishedAt('An announcement', 'announcements', new Date('2003-03-03T03:00:00Z'));
    const item = page((await get(`/ru/news/${id}`)).body);
    expect(item.links('Объявления')).toEqual([{ text: 'Объявления', href: '/ru/news?category=announcements' }]);
  });

  it('is not found for an unknown or hostile category', async () => {
    for (const slug of ['sports', '<script>alert(1)</script>', '../../etc', "council'--", 'COUNCIL', 'x'.repeat(500)]) {
      const res = await get(`/en/news?category=${encodeURIComponent(slug)}`);
      expect({ slug, status: res.statusCode }).toEqual({ slug, status: 404 });
    }
  });
});

describe('POST /:lang/office/news/:id/schedule', () => {
  it('refuses a time in the past (400) with a clear message, keeping the answers, and changes nothing', async () => {
    const id = await write();
    const past = almatyParts(new Date(Date.now() - 3_600_000));
    const res = await clerk.post(`/ru/office/news/${id}/schedule`, { ...past, version: '1' });
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    expect(p.errorSummary().map((e) => e.text)).toEqual(['Это время уже прошло: выберите более позднее время или опубликуйте новость сейчас']);
    expect(p.fieldError('День')).toBe('Это время уже прошло: выберите более позднее время или опубликуйте новость сейчас');
    expect(p.errorSummary()[0]?.href).toBe('#schedule-date');
    expect(p.byLabel('День').value).toBe(past.date);
    expect(p.byLabel('Время').value).toBe(past.time);
    expect((await row(id)).status).toBe('draft');
  });

  it('refuses to schedule an item the public already sees (409, said at its status), by a post the page does not offer; it stays published', async () => {
    const id = await write();
    expect((await clerk.post(`/en/office/news/${id}/publish`, { version: '1', from: 'item' })).statusCode).toBe(303);
    const published = await row(id);
    const res = await clerk.post(`/en/office/news/${id}/schedule`, { ...almatyParts(new Date(Date.now() + 86_400_000)), version: String(published.version) });
    expect(res.statusCode).toBe(409);
    const p = page(res.body);
    expect(p.errorSummary()).toEqual([{ text: 'The item is already published: to schedule it, unpublish it first', href: '#news-status' }]);
    expect(p.document.getElementById('news-status')).not.toBeNull();
    expect(await row(id)).toMatchObject({ status: 'published', published_at: published.published_at, version: published.version });
  });

  it('refuses a malformed day or time (400)', async () => {
    const id = await write();
    const res = await clerk.post(`/en/office/news/${id}/schedule`, { date: '2099-13-45', time: '25:99', version: '1' });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).errorSummary().map((e) => e.text)).toEqual(['Enter a real day, for example 2026-12-31', 'Enter the time as hours and minutes, for example 09:30']);
  });

  it('keeps a scheduled item off the list, the item page, the feeds, the sitemap and the home page until its time (Almaty time stored as UTC)', async () => {
    const title = 'Scheduled for later';
    const id = await write({ titleEn: title, titleRu: title, titleKk: title, category: 'council' });
    const at = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 60_000) * 60_000);
    const res = await clerk.post(`/en/office/news/${id}/schedule`, { ...almatyParts(at), version: '1' });
    expect(res.statusCode).toBe(303);
    expect((await row(id)).published_at).toEqual(at);
    // The office says it is scheduled, and when (in Kazakhstan's time).
    const office = page((await clerk.get(`/en/office/news/${id}`)).body);
    expect(office.text('main')).toContain('Scheduled');

    const absent = async () => {
      expect((await get(`/en/news/${id}`)).statusCode).toBe(404);
      expect(await mainText('/en/news')).not.toContain(title);
      expect(await mainText('/en/news?category=council')).not.toContain(title);
      expect((await get('/en/feed.atom')).body).not.toContain(id);
      expect((await get('/en/news/category/council/feed.atom')).body).not.toContain(id);
      expect((await get('/sitemap.xml')).body).not.toContain(id);
      expect((await get('/en/')).body).not.toContain(id);
    };
    await absent();
    // A minute before its time: still absent.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at.getTime() - 60_000);
    await absent();
    // At its time it is everywhere.
    vi.setSystemTime(at.getTime() + 1000);
    expect((await get(`/en/news/${id}`)).statusCode).toBe(200);
    expect(await mainText('/en/news')).toContain(title);
    expect((await get('/en/feed.atom')).body).toContain(id);
    expect((await get('/en/news/category/council/feed.atom')).body).toContain(id);
    expect((await get('/sitemap.xml')).body).toContain(`/en/news/${id}`);
    expect((await get('/en/')).body).toContain(`/en/news/${id}`);
  });

  it('"publish now" brings a scheduled item forward, and "cancel" makes it a draft again', async () => {
    const id = await write();
    const at = new Date(Date.now() + 24 * 3_600_000);
    expect((await clerk.post(`/en/office/news/${id}/schedule`, { ...almatyParts(at), version: '1' })).statusCode).toBe(303);
    const cancelled = await clerk.post(`/en/office/news/${id}/unpublish`, { version: '2', from: 'item' });
    expect(cancelled.headers.location).toBe(`/en/office/news/${id}?done=unpublished`);
    expect((await row(id)).status).toBe('draft');
    const now = await clerk.post(`/en/office/news/${id}/publish`, { version: '3', from: 'item' });
    expect(now.statusCode).toBe(303);
    const published = await row(id);
    expect(published.status).toBe('published');
    expect(published.published_at!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await get(`/en/news/${id}`)).statusCode).toBe(200);
  });

  it('is for the secretariat, and not found for an unknown id', async () => {
    const id = await write();
    expect((await staff.post(`/en/office/news/${id}/schedule`, { ...almatyParts(new Date(Date.now() + 3_600_000)), version: '1' })).statusCode).toBe(403);
    expect((await clerk.post(`/en/office/news/${newId()}/schedule`, { date: '2099-01-01', time: '10:00', version: '1' })).statusCode).toBe(404);
    expect((await clerk.post('/en/office/news/not-an-id/schedule', { date: '2099-01-01', time: '10:00', version: '1' })).statusCode).toBe(404);
  });
});

/** A multipart body as a browser sends it: the CSRF token first, then the fields, then the file. */
function multipartBody(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----kenes-news-test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('POST /:lang/office/news/:id/photo', () => {
  const upload = (lang: string, id: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }, browser = clerk) => {
    const body = multipartBody({ _csrf: browser.cookie('kenes_csrf') ?? '', ...fields }, file);
    return t.app.inject({ method: 'POST', url: `/${lang}/office/news/${id}/photo`, payload: body.payload, headers: { 'content-type': body.contentType, cookie: browser.cookieHeader } });
  };
  const jpeg = async () => {
    const sharp = (await import('sharp')).default;
    return sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3a6ea5' } }).withMetadata({ exif: { IFD0: { Copyright: 'secret-gps-place' } } }).jpeg().toBuffer();
  };

  it('re-encodes the photo, strips its metadata, and shows it on the item with its size, alt text and as og:image', async () => {
    const id = await write({ titleEn: '' });
    await clerk.get(`/en/office/news/${id}`);
    const res = await upload('en', id, { version: '1', altKk: 'Сессия залы', altRu: 'Зал сессии', altEn: '' }, { name: 'hall.jpg', type: 'image/jpeg', bytes: await jpeg() });
    expect(res.statusCode).toBe(303);
    const saved = await row(id);
    expect(saved).toMatchObject({ photo_width: 600, photo_height: 450, photo_alt: { kk: 'Сессия залы', ru: 'Зал сессии' } });
    // A draft's photo is the office's: not served to anyone else.
    const src = `/files/news/${saved.photo_file}`;
    expect((await get(src)).statusCode).toBe(404);
    expect((await clerk.get(src)).statusCode).toBe(200);

    expect((await clerk.post(`/en/office/news/${id}/publish`, { version: '2', from: 'item' })).statusCode).toBe(303);
    const item = page((await get(`/ru/news/${id}`)).body);
    const img = item.document.querySelector('main img');
    expect([img?.getAttribute('src'), img?.getAttribute('width'), img?.getAttribute('height'), img?.getAttribute('alt')]).toEqual([src, '600', '450', 'Зал сессии']);
    const meta = (property: string) => item.document.querySelector(`meta[property="${property}"]`)?.getAttribute('content');
    expect(meta('og:image')).toBe(`${origin}${src}`);
    expect(meta('og:image:alt')).toBe('Зал сессии');
    expect(meta('og:type')).toBe('article');
    const served = await get(src);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.rawPayload.includes(Buffer.from('secret-gps-place'))).toBe(false);
  });

  it('requires alt text in each language the item is written in (400, localised), keeping what was typed', async () => {
    const id = await write();
    await clerk.get(`/ru/office/news/${id}`);
    const res = await upload('ru', id, { version: '1', altKk: 'Сурет', altRu: '', altEn: '' }, { name: 'hall.jpg', type: 'image/jpeg', bytes: await jpeg() });
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    expect(p.errorSummary().map((e) => e.text)).toEqual(['Опишите, что на фотографии, на русском языке', 'Опишите, что на фотографии, на английском языке']);
    expect(p.fieldError('Что на фотографии — на русском')).toBe('Опишите, что на фотографии, на русском языке');
    expect(p.byLabel('Что на фотографии — на казахском').value).toBe('Сурет');
    expect((await row(id)).photo_file).toBeNull();
  });

  it('gives the existing photo problems: a 12 MB file is over 5 MB, a non-image is not a picture', async () => {
    const id = await write();
    await clerk.get(`/en/office/news/${id}`);
    const alt = { version: '1', altKk: 'а', altRu: 'б', altEn: 'c' };
    const big = await upload('en', id, alt, { name: 'big.jpg', type: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(12 * 1024 * 1024, 1)]) });
    expect(big.statusCode).toBe(400);
    expect(page(big.body).errorSummary().map((e) => e.text)).toEqual(['The file is larger than 5 MB. Choose a smaller picture.']);
    const fake = await upload('kk', id, alt, { name: 'x.jpg', type: 'image/jpeg', bytes: Buffer.from('<script>alert(1)</script>') });
    expect(fake.statusCode).toBe(400);
    expect(page(fake.body).errorSummary().map((e) => e.text)).toEqual(['Бұл JPEG, PNG немесе WebP суреті емес.']);
    const none = await upload('en', id, alt);
    expect(page(none.body).errorSummary().map((e) => e.text)).toEqual(['Choose a photo file.']);
    expect((await row(id)).photo_file).toBeNull();
  });

  it('is for the secretariat; the photo can be removed', async () => {
    const id = await write();
    await staff.get('/en/sign-in');
    expect((await upload('en', id, { version: '1', altKk: 'а', altRu: 'б', altEn: 'c' }, { name: 'hall.jpg', type: 'image/jpeg', bytes: await jpeg() }, staff)).statusCode).toBe(403);
    await clerk.get(`/en/office/news/${id}`);
    expect((await upload('en', id, { version: '1', altKk: 'а', altRu: 'б', altEn: 'c' }, { name: 'hall.jpg', type: 'image/jpeg', bytes: await jpeg() })).statusCode).toBe(303);
    expect((await clerk.post(`/en/office/news/${id}/photo/remove`, { version: '2' })).statusCode).toBe(303);
    expect((await row(id)).photo_file).toBeNull();
  });
});

describe('GET /:lang/news/category/:slug/feed.atom', () => {
  it('is an Atom feed of the category\'s published news, read by a feed library', async () => {
    const id = await publishedAt('Outreach feed item', 'outreach', new Date('2010-05-05T05:05:05Z'));
    const other = await publishedAt('Not outreach', 'plan', new Date('2010-05-06T05:05:05Z'));
    const res = await get('/ru/news/category/outreach/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseAtomFeed(res.body);
    expect(feed.title?.value ?? feed.title).toContain('Работа с населением');
    expect(feed.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `${origin}/ru/news/category/outreach/feed.atom` }));
    const hrefs = (feed.entries ?? []).map((e) => e.links?.[0]?.href);
    expect(hrefs).toContain(`${origin}/ru/news/${id}`);
    expect(hrefs).not.toContain(`${origin}/ru/news/${other}`);
  });

  it('is not found for an unknown or hostile category', async () => {
    for (const slug of ['sports', '%3Cscript%3E', '..%2F..%2Fetc', 'COUNCIL']) expect((await get(`/en/news/category/${slug}/feed.atom`)).statusCode).toBe(404);
  });
});

describe('/:lang/office/news/categories', () => {
  it('lists the categories; renaming one (audited) shows the new name on the public list, its address unchanged', async () => {
    const list = page((await clerk.get('/en/office/news/categories')).body);
    expect(list.tableRows().map((r) => r[3])).toEqual(['council', 'maslikhats', 'plan', 'outreach', 'library', 'announcements']);
    // (The plan's category: the other tests read the names of the others.)
    const form = page((await clerk.get('/en/office/news/categories/plan')).body);
    expect(form.byLabel('Name (Russian)').value).toBe('План работы');
    const res = await clerk.post('/en/office/news/categories/plan', { nameKk: 'Жоспар', nameRu: 'План', nameEn: 'The plan', version: '1' });
    expect(res.statusCode).toBe(303);
    expect(page((await get('/ru/news?category=plan')).body).heading).toBe('Новости: План');
    const events = await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'news_category').where('entity_id', '=', 'plan').execute();
    expect(events.map((e) => e.action)).toEqual(['updated']);
    // A second save from the same (now stale) version is a conflict that keeps the answers.
    const stale = await clerk.post('/en/office/news/categories/plan', { nameKk: 'Х', nameRu: 'Мой вариант', nameEn: '', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(page(stale.body).byLabel('Name (Russian)').value).toBe('Мой вариант');
  });

  it('refuses a name missing in Kazakh or Russian (400, localised) and a too long one', async () => {
    const res = await clerk.post('/ru/office/news/categories/library', { nameKk: ' ', nameRu: '', nameEn: 'x'.repeat(101), version: '1' });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).errorSummary()).toHaveLength(3);
    expect(page(res.body).errorSummary()[0]?.text).toBe('Введите название рубрики на казахском языке');
  });

  it('is for the secretariat, and not found for an unknown or hostile slug', async () => {
    expect((await staff.get('/en/office/news/categories')).statusCode).toBe(403);
    expect((await staff.post('/en/office/news/categories/council', { nameKk: 'а', nameRu: 'б', nameEn: '', version: '1' })).statusCode).toBe(403);
    expect((await clerk.get('/en/office/news/categories/sports')).statusCode).toBe(404);
    expect((await clerk.get('/en/office/news/categories/%3Cscript%3E')).statusCode).toBe(404);
  });
});
