// The open-data portal: the catalogue and API reference pages in every language, the bulk zip (every
// file in it parses; ETag/304; rebuilt after a change), CORS on the open paths, and the anonymous rate limit.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { page } from '../../../test/support/page.js';
import { createPlan } from '../../../test/support/plan-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { languages } from '../../core/i18n/languages.js';
import { newId } from '../../core/ids.js';
import { datasets } from './datasets.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { KENES_OPEN_DATA_ZIP_DELAY_MS: '50', KENES_OPEN_API_RATE_PER_MINUTE: '0' } });
  await createMeeting(t.database.db, { number: 3 });
  await createPlan(t.database.db, { status: 'adopted' });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** Every entry of a zip, read whole. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr) return reject(streamErr);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** A strict, namespace-aware XML read: a well-formedness error throws. Returns the root element's name. */
function parseXml(text: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let root = '';
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    root ||= tag.local;
  });
  parser.write(text).close();
  return root;
}

/** Reads one file of the zip by its extension with a parser of its format; a file that does not parse throws. */
async function parseFile(name: string, bytes: Buffer): Promise<string> {
  const text = bytes.toString('utf8');
  const extension = name.slice(name.lastIndexOf('.') + 1);
  switch (extension) {
    case 'json':
      JSON.parse(text);
      return 'json';
    case 'csv':
      return parseCsv(text, { bom: true }).length > 0 ? 'csv' : 'unreadable';
    case 'xlsx': {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Uint8Array.from(bytes).buffer);
      return workbook.worksheets.length > 0 ? 'xlsx' : 'unreadable';
    }
    case 'atom':
      return parseXml(text) === 'feed' ? 'atom' : 'unreadable';
    case 'xml':
      return parseXml(text) === 'akomaNtoso' ? 'akoma-ntoso' : 'unreadable';
    case 'ics':
      return new ICAL.Component(ICAL.parse(text)).name === 'vcalendar' ? 'ics' : 'unreadable';
    default:
      return 'unreadable';
  }
}

describe('GET /:lang/open-data', () => {
  it.each(languages)('lists every dataset with its formats, columns, licence and last update in %s', async (lang) => {
    const res = await get(`/${lang}/open-data`);
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.document.documentElement.getAttribute('lang')).toBeTruthy();
    expect(p.document.querySelectorAll('section[id^="dataset-"]').length).toBe(datasets.length);
    expect(p.document.querySelectorAll('section table').length).toBe(datasets.length);
    expect(p.document.querySelector('a[href="/open-data/kenes-open-data.zip"]')).not.toBeNull();
    expect(p.document.querySelector('a[rel="license"]')?.getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(p.document.querySelector(`a[href="/${lang}/meetings.ics"]`)).not.toBeNull();
    expect(p.document.querySelector(`footer a[href="/${lang}/open-data"]`)).not.toBeNull();
  });
});

describe('GET /:lang/open-data/api', () => {
  it.each(languages)('reads out every path of the OpenAPI document, with parameters and responses, in %s', async (lang) => {
    const res = await get(`/${lang}/open-data/api`);
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    const openapi = (await get('/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    for (const path of Object.keys(openapi.paths)) expect(res.body).toContain(`GET ${path}`);
    expect(p.document.querySelector('#get-api-v1-plan-reports')?.textContent).toContain('per_page');
    expect(p.document.querySelector('a[href="/api/v1/openapi.json"]')).not.toBeNull();
  });
});

describe('GET /open-data/kenes-open-data.zip', () => {
  it('opens, and every file in it parses (JSON, CSV, XLSX, XML, Atom, iCalendar)', async () => {
    const res = await get('/open-data/kenes-open-data.zip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = await unzip(res.rawPayload);
    const names = [...files.keys()];
    expect(names).toEqual(expect.arrayContaining(['index.json', 'registry/popolo-kk.json', 'registry/deputies-ru.csv', 'registry/deputies-en.xlsx', 'meetings/meetings-kk.ics', 'news/news-en.atom', 'plan/plans.json', 'plan/plan-reports.json']));
    expect(names.some((n) => /^plan\/plan-[\w-]+-progress-kk\.csv$/.test(n))).toBe(true);
    const read: Record<string, string> = {};
    for (const [name, bytes] of files) read[name] = await parseFile(name, bytes);
    expect(Object.entries(read).filter(([, kind]) => kind === 'unreadable')).toEqual([]);
    expect(read['registry/deputies-en.xlsx']).toBe('xlsx');
    expect(read['meetings/meetings-kk.ics']).toBe('ics');
    expect(read['news/news-en.atom']).toBe('atom');
    const index = JSON.parse(files.get('index.json')?.toString('utf8') ?? '{}');
    expect(index.licence.name).toBe('CC BY 4.0');
  });

  it('is kept: the same bytes and ETag again, 304 to If-None-Match, CORS open', async () => {
    const first = await get('/open-data/kenes-open-data.zip');
    const again = await get('/open-data/kenes-open-data.zip', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const second = await get('/open-data/kenes-open-data.zip');
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  it('is rebuilt a moment after the data changes, not per request', async () => {
    const before = String((await get('/open-data/kenes-open-data.zip')).headers.etag);
    const council = (await t.database.db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
    await t.database.db
      .insertInto('news_item')
      .values({ id: newId(), organization_id: council, meeting_id: null, title: JSON.stringify({ kk: 'Жаңа', ru: 'Новое', en: 'New' }), lead: null, body: null, status: 'published', published_at: new Date(), created_by: null })
      .execute();
    let after = before;
    for (let i = 0; i < 100 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = String((await get('/open-data/kenes-open-data.zip')).headers.etag);
    }
    expect(after).not.toBe(before);
    const files = await unzip((await get('/open-data/kenes-open-data.zip')).rawPayload);
    expect(files.get('news/news-en.atom')?.toString('utf8')).toContain('New');
  });
});

describe('CORS on the open paths', () => {
  it('lets any origin read the API and the open data, without credentials', async () => {
    const res = await get('/api/v1/areas', { origin: 'https://example.org' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await get('/open-data/popolo.json', { origin: 'https://example.org' })).headers['access-control-allow-origin']).toBe('*');
    expect((await get('/en/about', { origin: 'https://example.org' })).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight for a read, and not for a write', async () => {
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/plans', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    const write = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/plans', headers: { origin: 'https://example.org', 'access-control-request-method': 'DELETE' } });
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the anonymous rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: { KENES_OPEN_API_RATE_PER_MINUTE: '3' } });
  });
  afterAll(() => limited.close());

  it('answers a 429 with Retry-After past the limit: a JSON problem for the API, a page in the language elsewhere', async () => {
    const call = (url: string, headers: Record<string, string> = {}) => limited.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': '203.0.113.9', ...headers } });
    for (let i = 0; i < 3; i++) expect((await call('/api/v1/areas')).statusCode).toBe(200);
    const api = await call('/api/v1/areas', { 'accept-language': 'ru' });
    expect(api.statusCode).toBe(429);
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(0);
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect(api.json<{ error: { code: string; message: string } }>().error.code).toBe('rate_limited');
    const file = await call('/open-data/popolo.json', { accept: 'text/html', cookie: 'kenes_lang=ru' });
    expect(file.statusCode).toBe(429);
    expect(file.headers['content-type']).toContain('text/html');
    expect(file.headers['retry-after']).toBeDefined();
    expect(page(file.body).document.documentElement.getAttribute('lang')).toBe('ru');
    // The portal's pages are not limited.
    expect((await call('/en/about')).statusCode).toBe(200);
  });
});
