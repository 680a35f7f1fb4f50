// The resource suite: hostile uploads (a zip bomb, a zip whose headers lie, a 50 MB cell, a million
// rows) are refused with a localised problem, the process stays alive with its memory bounded, and
// the server answers other requests while a large file is read. The files are made here, as streams.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParsePool, defaultParsePool, parsePoolDefaults } from '../src/core/spreadsheets/parse-pool.js';
import { xlsxLimits } from '../src/core/spreadsheets/parse.js';
import { deputiesReader, parseDeputiesFile } from '../src/features/registry/import/parse.js';
import { translate, type MessageKey, type MessageValues } from '../src/core/i18n/messages.js';
import { newId } from '../src/core/ids.js';
import { Browser, createAccount } from './support/factories.js';
import { chain, deputyRow, headerRow, pack, repeat, rows, sheetEnd, sheetStart, workbook, workbookParts, zip } from './support/hostile-xlsx.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const region = 'maslikhat-270000000';
const url = `/ru/office/maslikhats/${region}/import`;
const mb = 1024 * 1024;
/**
 * How much one call may grow the process (two workers read at once, each with 64 MB of heap and about
 * 100 MB resident), and how much the process may grow over the suite's start, whatever it is sent. The
 * second is larger because the memory the finished workers freed stays with the process (the C allocator
 * keeps their arenas): eight rounds of the three hostile uploads measured +280, +316, +344, +371, +363,
 * +353, +357, +358 MB on PostgreSQL — it levels off, it does not climb.
 */
const callBudgetMb = 220;
const rssBudgetMb = 450;

let t: TestApp;
let browser: Browser;
let suiteRss: number;
beforeAll(async () => {
  t = await createTestApp();
  browser = new Browser(t.app);
  await browser.signIn(await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: region }] }), 'ru');
  suiteRss = process.memoryUsage.rss();
});
afterAll(() => t.close());

/** Runs something, sampling the process's resident memory meanwhile: its peak over the suite's start and over the call's. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; peakGrowthMb: number; callGrowthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, ms: Math.round(performance.now() - started), peakGrowthMb: Math.round((peak - suiteRss) / mb), callGrowthMb: Math.round((peak - before) / mb) };
  } finally {
    clearInterval(sampler);
  }
}

/** For the notes a run prints (vitest --reporter=verbose). */
const figures = (run: { ms: number; peakGrowthMb: number; callGrowthMb: number }) => `${run.ms} ms, peak RSS +${run.peakGrowthMb} MB over the suite's start (+${run.callGrowthMb} MB over the call's)`;

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = `----kenes${newId().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(data: Buffer) {
  if (!browser.cookie('kenes_csrf')) await browser.get('/kk/');
  const body = multipart({ _csrf: browser.cookie('kenes_csrf')! }, { name: 'депутаты.xlsx', data });
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { cookie: browser.cookieHeader, 'content-type': body.contentType } });
}

const decode = (html: string) => html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');

/** The file is refused with this problem, both read directly and uploaded, with the process's memory bounded. */
async function expectRefused(data: Buffer, messageKey: MessageKey, values?: MessageValues) {
  const direct = await measured(() => parseDeputiesFile(data));
  expect(direct.result.problems).toEqual([{ messageKey, ...(values ? { values } : {}) }]);
  const uploaded = await measured(() => upload(data));
  expect(uploaded.result.statusCode).toBe(400);
  expect(decode(uploaded.result.body)).toContain(translate('ru', messageKey, values));
  for (const run of [direct, uploaded]) expect(run.peakGrowthMb).toBeLessThan(rssBudgetMb);
  for (const run of [direct, uploaded]) expect(run.callGrowthMb).toBeLessThan(callBudgetMb);
  return { direct, uploaded };
}

// ── The files ──

/** Each file is made once (the largest packs to 7 MB) and shared by the tests that send it. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** A sheet of 1 GB of rows, packed into 7 MB (quickly: a slower packing gives 4 MB). */
const bombSheet = once(() => pack('xl/worksheets/sheet1.xml', chain([sheetStart, headerRow], repeat(deputyRow(2), 1024 * mb), [sheetEnd]), 2));
const zipBomb = once(async () => zip([...(await workbookParts(false)), await bombSheet()]));
/** The same, with headers that say the sheet unpacks to 100 KB. */
const lyingZip = once(async () => zip([...(await workbookParts(false)), { ...(await bombSheet()), declaredSize: 100 * 1024 }]));

/**
 * 50 MB of text in one shared string: random letters (one in sixteen a "b"), so it packs to about
 * 4 MB, within the upload limit and every check on the packing.
 */
const bigCell = once(async () => {
  function* letters() {
    for (let given = 0; given < 50 * mb; given += mb) {
      const text = randomBytes(mb);
      for (let i = 0; i < mb; i++) text[i] = text[i]! < 16 ? 0x62 : 0x61;
      yield text;
    }
  }
  const sst = chain(['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'], letters(), ['</t></si></sst>']);
  return workbook([headerRow, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'], { sharedStrings: sst, level: 4 });
});

/** A header and a million short rows (about 40 MB unpacked, 5 MB packed). */
const millionRows = once(() => workbook(chain([headerRow], rows(2, 1_000_001, (r) => `<row r="${r}"><c r="C${r}"><v>${r}</v></c></row>`))));

/** 250,000 formatted but empty rows: about 55 MB of XML, every limit kept, a few seconds' reading. */
const largeEmptySheet = once(() => {
  const cells = (r: number) => [...'ABCDEFGHI'].map((c) => `<c r="${c}${r}" s="1"/>`).join('');
  return workbook(chain([headerRow], rows(2, 250_000, (r) => `<row r="${r}">${cells(r)}</row>`)));
});

describe('hostile XLSX files', () => {
  it('reads a hand-made workbook of the same make (so the refusals below are about size)', async () => {
    const parsed = await parseDeputiesFile(await workbook([headerRow, deputyRow(2), deputyRow(3)]));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([2, 3].map((row) => ({ row, values: { familyName: 'Мұқашев', givenName: 'Асқар', iin: '780305300009' } })));
  });

  it('refuses a zip bomb (1 GB from 7 MB) from what it declares, unpacking nothing', async ({ annotate }) => {
    const data = await zipBomb();
    expect(data.length).toBeLessThan(10 * mb);
    const { direct, uploaded } = await expectRefused(data, 'import.file.tooBigUnpacked', { limit: 100 });
    await annotate(`zip bomb (${(data.length / mb).toFixed(1)} MB): read ${figures(direct)}; uploaded ${figures(uploaded)}`);
  });

  it('refuses a zip whose headers say 100 KB for a sheet that unpacks to 1 GB, once it unpacks more', async ({ annotate }) => {
    const data = await lyingZip();
    expect(data.length).toBeLessThan(10 * mb);
    const { direct, uploaded } = await expectRefused(data, 'import.file.unreadable');
    await annotate(`lying headers (${(data.length / mb).toFixed(1)} MB): read ${figures(direct)}; uploaded ${figures(uploaded)}`);
  });

  it('refuses a part packed far tighter than any spreadsheet, though within the size limit', async () => {
    const data = await workbook(chain([headerRow], repeat(deputyRow(2), 60 * mb)));
    expect(data.length).toBeLessThan(mb);
    await expectRefused(data, 'import.file.tooBigRatio', { ratio: 100 });
  });

  it('refuses a workbook with one 50 MB cell, reading no more than half a megabyte of it', async ({ annotate }) => {
    const data = await bigCell();
    expect(data.length).toBeLessThan(10 * mb);
    const { direct, uploaded } = await expectRefused(data, 'import.file.tooBigCell', { limit: 32_767 });
    await annotate(`50 MB cell (${(data.length / mb).toFixed(1)} MB): read ${figures(direct)}; uploaded ${figures(uploaded)}`);
  });

  it('stops reading a million-row sheet after the row limit', async ({ annotate }) => {
    const data = await millionRows();
    const { direct, uploaded } = await expectRefused(data, 'import.file.tooManyRows', { limit: 20_000 });
    expect(direct.ms).toBeLessThan(5000);
    await annotate(`1,000,000 rows (${(data.length / mb).toFixed(1)} MB): read ${figures(direct)}; uploaded ${figures(uploaded)}`);
  });

  it('stops reading a 9 MB CSV of 350,000 rows after the row limit', async ({ annotate }) => {
    const data = Buffer.concat([Buffer.from('Фамилия;Имя;ИИН\r\n'), Buffer.from('Ким;Ли;780305300009\r\n'.repeat(350_000))]);
    expect(data.length).toBeLessThan(10 * mb);
    const { direct, uploaded } = await expectRefused(data, 'import.file.tooManyRows', { limit: 20_000 });
    await annotate(`CSV of 350,000 rows (${(data.length / mb).toFixed(1)} MB): read ${figures(direct)}; uploaded ${figures(uploaded)}`);
  });

  it('refuses values beyond column 100', async () => {
    const data = await workbook([headerRow, '<row r="2"><c r="CW2"><v>1</v></c></row>']);
    expect((await parseDeputiesFile(data)).problems).toEqual([{ messageKey: 'import.file.tooManyColumns', values: { limit: 100 } }]);
  });

  it('answers /healthz within a second while a large file is being read', async ({ annotate }) => {
    const data = await largeEmptySheet();
    const reading = measured(() => upload(data));
    while (defaultParsePool.load.running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    const health = await t.app.inject('/healthz');
    const healthMs = performance.now() - started;
    expect(health.statusCode).toBe(200);
    expect(healthMs).toBeLessThan(1000);
    // Still reading: the answer did not wait for it.
    expect(defaultParsePool.load.running).toBeGreaterThan(0);
    const run = await reading;
    const { result, peakGrowthMb } = run;
    expect(result.statusCode).toBe(400);
    expect(decode(result.body)).toContain(translate('ru', 'import.file.noRows'));
    expect(peakGrowthMb).toBeLessThan(rssBudgetMb);
    await annotate(`/healthz in ${healthMs.toFixed(1)} ms while reading ${(data.length / mb).toFixed(1)} MB (${figures(run)})`);
  });

  it('takes three hostile uploads at once, two read at a time, and stays within its memory', async ({ annotate }) => {
    const files = [await lyingZip(), await bigCell(), await millionRows()];
    let mostRunning = 0;
    const watcher = setInterval(() => (mostRunning = Math.max(mostRunning, defaultParsePool.load.running)), 1);
    const run = await measured(() => Promise.all(files.map((data) => upload(data))));
    const { result, peakGrowthMb, callGrowthMb } = run;
    clearInterval(watcher);
    expect(result.map((r) => r.statusCode)).toEqual([400, 400, 400]);
    expect(decode(result[0]!.body)).toContain(translate('ru', 'import.file.unreadable'));
    expect(decode(result[1]!.body)).toContain(translate('ru', 'import.file.tooBigCell', { limit: 32_767 }));
    expect(decode(result[2]!.body)).toContain(translate('ru', 'import.file.tooManyRows', { limit: 20_000 }));
    expect(mostRunning).toBeLessThanOrEqual(parsePoolDefaults.parallel);
    expect(peakGrowthMb).toBeLessThan(rssBudgetMb);
    expect(callGrowthMb).toBeLessThan(callBudgetMb);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
    await annotate(`three at once: ${figures(run)}, at most ${mostRunning} read at a time`);
  });
});

describe('the reading worker', () => {
  it('is ended after its time limit, with a localised problem', async () => {
    const pool = createParsePool({ ...parsePoolDefaults, timeoutMs: 300 });
    const outcome = await pool.read(await largeEmptySheet(), deputiesReader);
    expect(outcome).toEqual({ problem: { messageKey: 'import.file.tooSlow', values: { seconds: 1 } } });
    expect(translate('kk', 'import.file.tooSlow', { seconds: 20 })).toContain('20');
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  });

  it('dies of memory without taking the process, with a localised problem', async () => {
    // As many different texts as the limits allow, in a worker with too small a heap for them (20 MB: the
    // worker's own code — the reader and the message keys it checks — takes a few of them).
    const texts = rows(0, xlsxLimits.sharedStrings - 10, (i) => `<si><t>Текст ${i}</t></si>`);
    const strings = chain(['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'], texts, ['</sst>']);
    const data = await workbook([headerRow, deputyRow(2)], { sharedStrings: strings });
    const smallHeap = createParsePool({ ...parsePoolDefaults, heapMb: 20 });
    expect(await smallHeap.read(data, deputiesReader)).toEqual({ problem: { messageKey: 'import.file.tooBigMemory' } });
    expect(process.memoryUsage.rss()).toBeGreaterThan(0);
    // A small file reads in the same small heap: it was this file's size.
    expect('file' in (await smallHeap.read(await workbook([headerRow, deputyRow(2)]), deputiesReader))).toBe(true);
    // The same file is fine with the usual heap.
    expect((await parseDeputiesFile(data)).problems).toEqual([]);
  });

  it('lets a file wait for its turn, and tells one that finds the queue full to try again later', async () => {
    const pool = createParsePool({ ...parsePoolDefaults, parallel: 1, waiting: 1 });
    const data = await workbook([headerRow, deputyRow(2)]);
    const first = pool.read(data, deputiesReader);
    const second = pool.read(data, deputiesReader);
    expect(await pool.read(data, deputiesReader)).toEqual({ problem: { messageKey: 'import.file.busy' } });
    expect(translate('ru', 'import.file.busy')).toContain('минуту');
    expect(pool.load).toEqual({ running: 1, waiting: 1 });
    for (const outcome of await Promise.all([first, second])) expect('file' in outcome && outcome.file.rows.length).toBe(1);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  });
});
