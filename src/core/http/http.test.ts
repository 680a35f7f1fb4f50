import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page as read } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ConflictError } from '../errors.js';
import { parseQueryString } from '../../app.js';

let t: TestApp;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  t = await createTestApp({
    env: { KENES_BODY_LIMIT_BYTES: '2048' },
    logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) } },
    // Probe routes exercising the shared machinery: body parsing, validation, errors, CSRF.
    extend: async (app) => {
      const api = app.withTypeProvider<ZodTypeProvider>();
      api.post('/api/v1/probe', { schema: { hide: true, body: z.object({ name: z.string().max(10), count: z.number().int() }) } }, async (request) => ({ ok: request.body.name }));
      app.get('/kk/probe-crash', async () => {
        throw new Error('secret internal detail: password=hunter2');
      });
      app.get('/en/probe-conflict', async () => {
        throw ConflictError();
      });
      app.post('/en/probe-form', async (request) => ({ received: (request.body as Record<string, string>).name }));
    },
  });
});
afterAll(() => t.close());

describe('GET /healthz and /readyz', () => {
  // In this order: the migration check is made until it first passes, then only the database is reached.
  it('/readyz is 503 while a migration is pending', async () => {
    const [row] = (await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(t.database.db)).rows;
    await sql`delete from kysely_migration where name = ${row!.name}`.execute(t.database.db);
    try {
      const res = await t.app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not_ready', reason: 'migrations_pending', pending: [row!.name] });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${row!.name}, ${row!.timestamp})`.execute(t.database.db);
    }
  });

  it('are alive and ready on a migrated database', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('/readyz, once ready, asks the database one query a probe (not the migrations again)', async () => {
    let queries = 0;
    const stop = t.database.observeQueries(() => queries++);
    try {
      for (let i = 0; i < 3; i++) expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    } finally {
      stop();
    }
    expect(queries).toBe(3);
  });
});

describe('GET /metrics', () => {
  it('counts requests by route pattern and exposes latency, event-loop lag and database figures', async () => {
    await t.app.inject('/en/about');
    await t.app.inject('/ru/about');
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/:lang\/about",status_code="200"\} [2-9]/);
    expect(res.body).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/:lang/about"}');
    expect(res.body).toContain('nodejs_eventloop_lag_seconds');
    expect(res.body).toMatch(/kenes_db_queries_in_flight \d/);
    expect(res.body).toContain('kenes_db_query_duration_seconds_count{outcome="ok"}');
  });
});

describe('the request log', () => {
  it('writes one line per request when it is answered: method, URL with one-time tokens removed, status, time and the request id', async () => {
    logs.length = 0;
    const res = await t.app.inject({ method: 'GET', url: '/en/password-reset/a-secret-token?x=1', headers: { 'x-request-id': 'probe-request-1' } });
    const lines = logs.filter((l) => l.reqId === 'probe-request-1');
    expect(lines.map((l) => l.msg)).toEqual(['request completed']);
    const [line] = lines as { req: { method: string; url: string }; res: { statusCode: number }; responseTime: number }[];
    expect(line?.req).toMatchObject({ method: 'GET', url: '/en/password-reset/[redacted]?x=1' });
    expect(line?.res.statusCode).toBe(res.statusCode);
    expect(line?.responseTime).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).not.toContain('a-secret-token');
  });
});

describe('security headers and assets', () => {
  it('sends a strict Content-Security-Policy without inline script or style', async () => {
    const res = await t.app.inject('/kk/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.body).not.toMatch(/<script>(?!<\/script>)|<style|\sstyle=|\son[a-z]+=/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets under content-hashed names with a year of caching, and 404s unknown ones', async () => {
    const page = await t.app.inject('/kk/');
    const css = page.body.match(/href="(\/assets\/kenes\.[0-9a-f]{10}\.css)"/)?.[1];
    const htmx = page.body.match(/src="(\/assets\/htmx\.[0-9a-f]{10}\.js)"/)?.[1];
    expect(css).toBeDefined();
    expect(htmx).toBeDefined();
    const res = await t.app.inject({ url: css!, headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('br');
    const fonts = await t.app.inject(css!);
    expect(fonts.body).toMatch(/url\("\/assets\/noto-sans-cyrillic-ext-400-normal\.[0-9a-f]{10}\.woff2"\)/);
    expect((await t.app.inject('/assets/kenes.0000000000.css')).statusCode).toBe(404);
  });

  it('compresses pages and echoes a request id', async () => {
    const res = await t.app.inject({ url: '/en/maslikhats', headers: { 'accept-encoding': 'gzip', 'x-request-id': 'abc-123' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});

describe('bad input never crashes the process and gets a clear localised 4xx', () => {
  it('bad JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/probe', headers: { 'content-type': 'application/json', 'accept-language': 'ru' }, payload: '{"name": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_json', message: 'Тело запроса не является корректным JSON.' } });
  });

  it('wrong types', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/probe', headers: { 'accept-language': 'en' }, payload: { name: 42, count: 'many' } });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; problems: { field: string; message: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.problems.map((p) => p.field).toSorted()).toEqual(['body.count', 'body.name']);
    expect(body.error.problems[0]!.message).toContain('wrong type');
  });

  it('an oversized body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/probe', headers: { 'accept-language': 'kk' }, payload: { name: 'x'.repeat(5000), count: 1 } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'payload_too_large', message: 'Жіберілген деректер тым үлкен (ең көбі 2 КБ).' } });
  });

  it('a form field that breaks a handler\'s schema (too long) is a 400, not a 500', async () => {
    const res = await new (await import('../../../test/support/factories.js')).Browser(t.app).post('/en/sign-in', { email: 'x'.repeat(400) + '@example.kz', password: 'p' });
    expect(res.statusCode).toBe(400);
    // The sign-in form comes back with the field's own message, the answer kept.
    const form = read(res.body);
    expect(form.errorSummary()).toEqual([{ text: expect.stringContaining('characters or fewer'), href: expect.any(String) }]);
    expect(form.document.querySelector('input[name="email"]')?.getAttribute('value')).toBe(`${'x'.repeat(400)}@example.kz`);
  });

  it('an unsupported content type', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/probe', headers: { 'content-type': 'application/x-evil' }, payload: 'x' });
    expect(res.statusCode).toBe(415);
  });

  it.each([
    '/kk/..%2f..%2fetc%2fpasswd',
    '/kk/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e%2fsrc%2fapp.ts',
    '/kk/%00',
    '/kk//about',
  ])('a path with encoded tricks: %s', async (url) => {
    const res = await t.app.inject(url);
    expect([400, 404]).toContain(res.statusCode);
    expect(res.body).not.toContain('"name": "kenes"');
    expect(res.body).not.toContain('buildApp');
  });

  it('a malformed percent-encoding', async () => {
    const res = await t.app.inject({ url: '/kk/%E0%A4%A', headers: { 'accept-language': 'en' } });
    expect([400, 404]).toContain(res.statusCode);
    expect(read(res.body).document.documentElement.getAttribute('lang')).toBe('kk');
  });

  // Each of these once stopped the process: Fastify answers them before routing, with a bare request.
  const long = 'a'.repeat(201);
  const answeredAndAlive = async (url: string) => {
    logs.length = 0;
    const res = await t.app.inject(url);
    expect([400, 404]).toContain(res.statusCode);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(logs.some((l) => (l.level as number) >= 50)).toBe(false);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    return res;
  };
  it.each(['/api/v1/areas/%zz', '/api/v1/areas/%E0%A4%A', `/api/v1/areas/${long}`])(
    'refused before routing: %s answers JSON 400 and the server goes on',
    async (url) => {
      const res = await answeredAndAlive(url);
      expect(res.json()).toMatchObject({ error: { code: 'bad_request', message: 'Сұрау дұрыс емес. Мекенжай мен енгізілген деректерді тексеріңіз.' } });
    },
  );
  it.each([
    ['/files/photos/%zz', 'kk', 'Сұрау дұрыс емес'],
    [`/files/photos/${long}`, 'kk', 'Сұрау дұрыс емес'],
    ['/%zz/about', 'kk', 'Сұрау дұрыс емес'],
    [`/${long}/about`, 'kk', 'Сұрау дұрыс емес'],
    ['/en/maslikhats/%zz', 'en', 'Bad request'],
    [`/ru/maslikhats/${long}`, 'ru', 'Неверный запрос'],
  ])('refused before routing: %s answers a page in its language (%s), and the server goes on', async (url, lang, title) => {
    const res = await answeredAndAlive(url);
    expect(read(res.body).document.documentElement.getAttribute('lang')).toBe(lang);
    expect(read(res.body).title).toBe(title);
  });

  it.each([
    ['a path parameter', { method: 'GET' as const, url: '/en/maslikhats/maslikhat-270000000%00', headers: {} }],
    ['a query parameter', { method: 'GET' as const, url: '/en/maslikhats?date=2020-10-21%00', headers: {} }],
    ['a sign-in form field', { method: 'POST' as const, url: '/en/sign-in', payload: 'email=a%00b%40x.kz&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['a JSON field', { method: 'POST' as const, url: '/api/v1/probe', payload: { name: 'a\u0000b', count: 1 }, headers: {} }],
    ['a JSON key', { method: 'POST' as const, url: '/api/v1/probe', payload: '{"name":"a","count":1,"x\\u0001":2}', headers: { 'content-type': 'application/json' } }],
  ])('a control character in %s is a localised 400 (the path\'s language, else Accept-Language), before anything reaches the database', async (_where, request) => {
    logs.length = 0;
    const res = await t.app.inject({ ...request, headers: { accept: 'application/json', 'accept-language': 'ru', ...request.headers } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems[0].message).toMatch(request.url.startsWith('/en/') ? /contains control characters/ : /есть управляющие символы/);
    expect(logs.some((l) => (l.level as number) >= 50)).toBe(false);
  });

  it('a repeated query name keeps its first value: a handler that reads text never gets a list', async () => {
    const res = await t.app.inject('/en/sign-in/code?next=2&next=2020-13-45&__proto__=x');
    expect(res.statusCode).toBe(303);
    expect(parseQueryString('a=1&a=2&__proto__=x&b=%zz&c=+x+')).toEqual({ a: '1', b: '%zz', c: ' x ' });
  });

  it('an unknown error is logged and shown only as a generic page in the page\'s language', async () => {
    logs.length = 0;
    const res = await t.app.inject('/kk/probe-crash');
    expect(res.statusCode).toBe(500);
    expect(read(res.body).text('main')).toContain('Жүйеде ішкі қате орын алды');
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('secret internal detail');
    expect(logs.some((l) => l.level === 50 && JSON.stringify(l).includes('secret internal detail'))).toBe(true);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });

  it('picks JSON or HTML by Accept for the same error', async () => {
    const html = await t.app.inject({ url: '/en/probe-conflict', headers: { accept: 'text/html' } });
    expect(html.statusCode).toBe(409);
    expect(html.headers['content-type']).toContain('text/html');
    expect(read(html.body).heading).toBe('The record has changed');
    const json = await t.app.inject({ url: '/en/probe-conflict', headers: { accept: 'application/json' } });
    expect(json.json()).toMatchObject({ error: { code: 'conflict' } });
  });

  it('a 404 page in each language with the right <html lang>', async () => {
    for (const [lang, tag, title] of [
      ['kk', 'kk', 'Бет табылмады'],
      ['kk-latn', 'kk-Latn', 'Bet tabylmady'],
      ['ru', 'ru', 'Страница не найдена'],
      ['en', 'en', 'Page not found'],
    ] as const) {
      const res = await t.app.inject(`/${lang}/no-such-page`);
      expect(res.statusCode).toBe(404);
      expect(read(res.body).document.documentElement.getAttribute('lang')).toBe(tag);
      expect(read(res.body).heading).toBe(title);
    }
  });
});

describe('CSRF', () => {
  async function tokenAndCookie() {
    const page = await t.app.inject('/en/');
    const cookie = (page.cookies as { name: string; value: string }[]).find((c) => c.name === 'kenes_csrf')!;
    const token = page.body.match(/x-csrf-token&quot;:&quot;([\w-]+)&quot;/)?.[1];
    return { cookie: `kenes_csrf=${cookie.value}`, token: token! };
  }

  it('refuses a form post without the token, in the page\'s language', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/en/probe-form', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(403);
    expect(read(res.body).text('main')).toContain('The form has expired');
  });

  it('refuses a token that does not match the cookie', async () => {
    const { cookie } = await tokenAndCookie();
    const res = await t.app.inject({ method: 'POST', url: '/en/probe-form', payload: `name=x&_csrf=${'a'.repeat(43)}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(403);
  });

  it('accepts the form field and the htmx header', async () => {
    const { cookie, token } = await tokenAndCookie();
    expect(token).toMatch(/^[\w-]{43}$/);
    const form = await t.app.inject({ method: 'POST', url: '/en/probe-form', payload: `name=Ainur&_csrf=${token}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toEqual({ received: 'Ainur' });
    const htmx = await t.app.inject({ method: 'POST', url: '/en/probe-form', payload: 'name=Ainur', headers: { cookie, 'x-csrf-token': token, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(htmx.statusCode).toBe(200);
  });
});
