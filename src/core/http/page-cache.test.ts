// The public page cache: anonymous visitors share the rendered page, signed-in ones never do;
// a change forgets it (on every instance); ETags answer 304; nothing personal is ever kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createSharedTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { etagMatches, normalisedKey } from './page-cache.js';

const withCache = { KENES_PAGE_CACHE_MB: '16' };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: withCache });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** Reads the page until the cache has forgotten it (the change's notice arrives after the commit). */
async function fresh(url: string, headers: Record<string, string> = {}) {
  for (let tries = 0; tries < 50; tries++) {
    const res = await get(url, headers);
    if (res.headers['x-kenes-cache'] !== 'hit') return res;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} was still served from the cache after a second`);
}

/** Reads the page until it is served as kept (a factory's writes are announced a moment after they commit). */
async function kept(url: string, app = t.app) {
  for (let tries = 0; tries < 50; tries++) {
    const res = await app.inject({ method: 'GET', url });
    if (res.headers['x-kenes-cache'] === 'hit') return res;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} was not kept within a second`);
}

describe('GET a public page, anonymously', () => {
  it('is rendered once and then served as kept, with the same body and an ETag', async () => {
    const first = await fresh('/en/meetings?page=1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-kenes-cache']).toBeUndefined();
    const second = await get('/en/meetings?page=1');
    expect(second.headers['x-kenes-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toContain('text/html');
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('answers 304 with no body to a matching If-None-Match, kept or not', async () => {
    const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
    const page = await fresh('/en/about', browser);
    const etag = String(page.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/en/about', { ...browser, 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.headers['x-kenes-cache']).toBe('hit');
    expect(again.body).toBe('');
    // Rendered afresh after a change, the same page is still a 304 to the visitor's copy.
    t.app.pageCache.invalidate();
    const rendered = await get('/en/about', { ...browser, 'if-none-match': etag });
    expect(rendered.statusCode).toBe(304);
    expect(rendered.headers['x-kenes-cache']).toBeUndefined();
    // Either way it says, as the 200 does, that the page varies by encoding (RFC 9110).
    expect(page.headers.vary).toBe('accept-encoding');
    expect(again.headers.vary).toBe('accept-encoding');
    expect(rendered.headers.vary).toBe('accept-encoding');
    expect((await get('/en/about', { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  it('carries no one\'s CSRF token and sets no CSRF cookie', async () => {
    const res = await fresh('/en/council');
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('kenes_csrf=');
    expect(res.body).not.toMatch(/x-csrf-token&quot;:&quot;[\w-]{43}/);
  });

  it('keeps the language cookie working: a hit still remembers the path\'s language', async () => {
    await fresh('/ru/about');
    const hit = await get('/ru/about', { cookie: 'kenes_lang=en' });
    expect(hit.headers['x-kenes-cache']).toBe('hit');
    expect(String(hit.headers['set-cookie'])).toContain('kenes_lang=ru');
  });

  it('keeps one page for the same query in any order, and apart for another query or host', async () => {
    await fresh('/en/deputies?q=Ali&page=1');
    expect((await get('/en/deputies?page=1&q=Ali')).headers['x-kenes-cache']).toBe('hit');
    expect((await get('/en/deputies?page=1&q=Bek')).headers['x-kenes-cache']).toBeUndefined();
    expect((await get('/en/deputies?page=1&q=Ali', { host: 'elsewhere.example' })).headers['x-kenes-cache']).toBeUndefined();
  });

  it('is forgotten when the data it shows changes', async () => {
    const meeting = await createMeeting(t.database.db, { startsAt: '2026-12-20T11:00', status: 'announced', agenda: [{ title: { kk: 'Күн тәртібі', ru: 'Повестка', en: 'First agenda title' } }] });
    const url = `/en/meetings/${meeting.id}`;
    expect((await kept(url)).body).toContain('First agenda title');
    await t.database.db.updateTable('agenda_item').set({ title: JSON.stringify({ kk: 'Жаңа', ru: 'Новая', en: 'Second agenda title' }) }).where('id', '=', meeting.agenda[0]!.id).execute();
    const after = await fresh(url);
    expect(after.body).toContain('Second agenda title');
  });
});

describe('GET a public page, signed in', () => {
  it('is never served from the cache, and what a signed-in person saw never reaches anyone else', async () => {
    const browser = new Browser(t.app);
    await signInFully(browser, t.database.db, await createAccount(t.database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
    await kept('/en/');
    const signedIn = await browser.get('/en/');
    expect(signedIn.headers['x-kenes-cache']).toBeUndefined();
    expect(signedIn.body).toContain('Sign out');
    const anonymous = await get('/en/');
    expect(anonymous.body).not.toContain('Sign out');
  });

  it('leaves the office and the sign-in form out of the cache', async () => {
    await get('/en/sign-in');
    const again = await get('/en/sign-in');
    expect(again.headers['x-kenes-cache']).toBeUndefined();
    expect(String(again.headers['set-cookie'])).toContain('kenes_csrf=');
    expect((await get('/en/office/')).headers['x-kenes-cache']).toBeUndefined();
  });
});

describe('GET a public page over HTTP (the server answers kept pages before Fastify)', () => {
  let server: TestApp;
  let base = '';
  beforeAll(async () => {
    server = await createTestApp({ env: withCache });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening on a port');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => server.close());

  /** Fetches until the page is answered as kept. */
  async function keptOverHttp(path: string, headers: Record<string, string> = {}) {
    for (let tries = 0; tries < 50; tries++) {
      const res = await fetch(`${base}${path}`, { headers });
      if (res.headers.get('x-kenes-cache') === 'hit') return res;
      await res.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${path} was not kept within a second`);
  }

  it('answers a kept page with the same body, headers and a request id; compressed once for br and gzip', async () => {
    const first = await fetch(`${base}/en/about`, { headers: { 'accept-encoding': 'identity' } });
    const page = await first.text();
    expect(first.status).toBe(200);
    const hit = await keptOverHttp('/en/about', { 'accept-encoding': 'identity' });
    expect(await hit.text()).toBe(page);
    expect(hit.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(hit.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    expect(hit.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(hit.headers.get('x-request-id')).toMatch(/^[\w.-]+$/);
    expect(hit.headers.get('content-encoding')).toBeNull();
    for (const encoding of ['br', 'gzip']) {
      const compressed = await keptOverHttp('/en/about', { 'accept-encoding': `${encoding}, identity;q=0.5` });
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(compressed.headers.get('vary')).toBe('accept-encoding');
      expect(await compressed.text()).toBe(page); // fetch decodes it
    }
    const refused = await keptOverHttp('/en/about', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers.get('content-encoding')).toBeNull();
    await refused.arrayBuffer();
  });

  it('answers before Fastify: hits are counted by the cache, not as requests routed to the page', async () => {
    await (await fetch(`${base}/kk-latn/about`)).arrayBuffer();
    await (await keptOverHttp('/kk-latn/about')).arrayBuffer();
    const routed = async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const counted = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
      return { about: counted(/^http_requests_total\{[^}]*route="\/:lang\/about"[^}]*\} (\d+)$/gm), hits: counted(/^kenes_page_cache\{measure="hits"\} (\d+)$/gm) };
    };
    const before = await routed();
    for (let i = 0; i < 5; i++) expect((await fetch(`${base}/kk-latn/about`)).headers.get('x-kenes-cache')).toBe('hit');
    const after = await routed();
    expect(after.about).toBe(before.about);
    expect(after.hits).toBe(before.hits + 5);
  });

  it('answers 304 to a matching If-None-Match and no body to HEAD, and remembers the language in a cookie', async () => {
    const first = await fetch(`${base}/ru/about`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag')!;
    const notModified = await keptOverHttp('/ru/about', { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    // A 304 says what the 200 would: the validator, and that the body varies by encoding.
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('vary')).toBe('accept-encoding');
    const head = await fetch(`${base}/ru/about`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    expect(head.headers.get('x-kenes-cache')).toBe('hit');
    expect(await head.text()).toBe('');
    const whole = await keptOverHttp('/ru/about', { 'accept-encoding': 'identity' });
    expect(head.headers.get('content-length')).toBe(String((await whole.arrayBuffer()).byteLength));
    const hit = await keptOverHttp('/ru/about', { cookie: 'kenes_lang=kk' });
    expect(hit.headers.get('set-cookie')).toMatch(/^kenes_lang=ru; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    await hit.arrayBuffer();
    const same = await keptOverHttp('/ru/about', { cookie: 'kenes_lang=ru' });
    expect(same.headers.get('set-cookie')).toBeNull();
    await same.arrayBuffer();
  });

  it('keeps a feed\'s Last-Modified and answers If-Modified-Since with 304, unless an If-None-Match does not match', async () => {
    const first = await fetch(`${base}/en/feed.atom`);
    await first.arrayBuffer();
    const lastModified = first.headers.get('last-modified')!;
    expect(Number.isFinite(Date.parse(lastModified))).toBe(true);
    const unchanged = await keptOverHttp('/en/feed.atom', { 'if-modified-since': lastModified });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('last-modified')).toBe(lastModified);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await fetch(`${base}/en/feed.atom`, { headers: { 'if-modified-since': earlier } })).status).toBe(200);
    expect((await fetch(`${base}/en/feed.atom`, { headers: { 'if-modified-since': lastModified, 'if-none-match': '"other"' } })).status).toBe(200);
    const rendered = await server.app.inject({ method: 'GET', url: '/en/meetings.atom' });
    const again = await server.app.inject({ method: 'GET', url: '/en/meetings.atom', headers: { 'if-modified-since': rendered.headers['last-modified'] as string } });
    expect(again.statusCode).toBe(304);
  });

  it('hands a signed-in visitor, an Authorization header or a POST to the app', async () => {
    await (await fetch(`${base}/kk/about`)).arrayBuffer();
    await (await keptOverHttp('/kk/about')).arrayBuffer();
    const signedIn: Record<string, string>[] = [{ cookie: 'kenes_session=whatever' }, { authorization: 'Bearer nothing' }];
    for (const headers of signedIn) {
      const res = await fetch(`${base}/kk/about`, { headers });
      expect(res.headers.get('x-kenes-cache')).toBeNull();
      await res.arrayBuffer();
    }
    const post = await fetch(`${base}/kk/about`, { method: 'POST' });
    expect(post.headers.get('x-kenes-cache')).toBeNull();
    await post.arrayBuffer();
  });
});

describe('normalisedKey and etagMatches', () => {
  it('sorts the query and drops an empty one', () => {
    expect(normalisedKey('/en/deputies?q=b&page=2&a=1')).toBe('/en/deputies?a=1&page=2&q=b');
    expect(normalisedKey('/en/deputies?')).toBe('/en/deputies');
    expect(normalisedKey('/en/deputies')).toBe('/en/deputies');
  });
  it('matches a listed, weak or any ETag', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"c"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
});

describe.runIf(usingPostgres)('on PostgreSQL, with two instances on one database', () => {
  it('a change made through one instance is read from the other within a second', async () => {
    const shared = await createSharedTestDatabase();
    if (!shared) throw new Error('PostgreSQL expected');
    const [one, two] = shared;
    const a = await createTestApp({ database: one, env: withCache });
    const b = await createTestApp({ database: two, env: withCache });
    try {
      const meeting = await createMeeting(one.db, { startsAt: '2026-12-21T11:00', status: 'announced', agenda: [{ title: { kk: 'Бір', ru: 'Один', en: 'Before the change' } }] });
      const url = `/en/meetings/${meeting.id}`;
      expect((await kept(url, b.app)).body).toContain('Before the change');
      const clerk = new Browser(a.app);
      await signInFully(clerk, one.db, await createAccount(one.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
      const started = performance.now();
      await one.db.updateTable('agenda_item').set({ title: JSON.stringify({ kk: 'Екі', ru: 'Два', en: 'After the change' }) }).where('id', '=', meeting.agenda[0]!.id).execute();
      let body = '';
      while (performance.now() - started < 1000) {
        body = (await b.app.inject({ method: 'GET', url })).body;
        if (body.includes('After the change')) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(body).toContain('After the change');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
