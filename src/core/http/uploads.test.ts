// Single-file uploads: nothing is read before sign-in and the CSRF token, broken bodies are 400s,
// limits say the true size, and control characters in fields are refused.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Browser, createAccount } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { isUploadedFile, singleFileUploads, uploadSlots } from './uploads.js';

let t: TestApp;
let browser: Browser;
const boundary = '----kenes-test-boundary';

beforeAll(async () => {
  t = await createTestApp({
    extend: async (app) => {
      await app.register(async (scope) => {
        await singleFileUploads(scope, { maxBytes: 1024, fields: 3 });
        scope.post('/:lang/probe-upload', async (request) => {
          const { file, title } = (request.body ?? {}) as Record<string, unknown>;
          return { title, size: isUploadedFile(file) ? file.data.length : null, truncated: isUploadedFile(file) ? file.truncated : null };
        });
      });
    },
  });
  browser = new Browser(t.app);
  await browser.signIn(await createAccount(t.database.db));
});
afterAll(() => t.close());

function part(name: string, value: string | Buffer, filename?: string): Buffer {
  const head = filename
    ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`
    : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(value), Buffer.from('\r\n')]);
}
const end = Buffer.from(`--${boundary}--\r\n`);
const contentType = `multipart/form-data; boundary=${boundary}`;

function upload(payload: Buffer, headers: Record<string, string> = {}, cookie = browser.cookieHeader) {
  return t.app.inject({ method: 'POST', url: '/en/probe-upload', payload, headers: { cookie, 'content-type': contentType, accept: 'application/json', ...headers } });
}
const csrf = () => browser.cookie('kenes_csrf')!;
/** The app's address on a real socket, listening from the first test that asks, whichever it is. */
let listening: Promise<string> | undefined;
const address = () => (listening ??= t.app.listen({ port: 0, host: '127.0.0.1' }));

describe('POST with a single-file upload', () => {
  it('reads the token, the fields and the file of a good form', async () => {
    const res = await upload(Buffer.concat([part('_csrf', csrf()), part('title', 'Шешім'), part('file', Buffer.alloc(100, 7), 'a.bin'), end]));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ title: 'Шешім', size: 100, truncated: false });
  });

  it('marks a file over the limit truncated, keeping one byte more than the limit', async () => {
    const res = await upload(Buffer.concat([part('_csrf', csrf()), part('file', Buffer.alloc(5000, 7), 'big.bin'), end]));
    expect(res.json()).toEqual({ size: 1025, truncated: true });
  });

  it.each([
    ['no boundary', Buffer.from('just some bytes'), 'multipart/form-data'],
    ['a body cut off in the middle of a part', Buffer.concat([part('_csrf', 'x'.repeat(43)).subarray(0, 60)]), contentType],
    ['malformed part headers', Buffer.from(`--${boundary}\r\nthis is not a header\r\n\r\nvalue\r\n--${boundary}--\r\n`), contentType],
  ])('answers a broken body (%s) with a localised 400 or 403, never a 500', async (_name, payload, type) => {
    const res = await upload(payload, { 'content-type': type });
    expect([400, 403]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/\S/);
  });

  it('says in Kazakh that a cut-off upload could not be read', async () => {
    const payload = Buffer.concat([part('_csrf', csrf()), Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\nabc`)]);
    const res = await t.app.inject({ method: 'POST', url: '/kk/probe-upload', payload, headers: { cookie: browser.cookieHeader, 'content-type': contentType } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Жүктелген деректерді оқу мүмкін болмады');
  });

  /**
   * Streams up to 19 MB to a real socket (inject would buffer the whole payload first) and counts
   * what the server let through before answering: a refusal must come long before the end.
   */
  async function streamedUpload(first: Buffer, cookie: string): Promise<{ status: number; sentBytes: number }> {
    const url = new URL('/en/probe-upload', await address());
    return new Promise((resolve, reject) => {
      let sentBytes = 0;
      const request = http.request(url, { method: 'POST', headers: { cookie, 'content-type': contentType, accept: 'application/json' } });
      request.on('response', (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, sentBytes });
        request.destroy();
      });
      request.on('error', (error) => (sentBytes > 0 ? undefined : reject(error)));
      request.write(first);
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (sentBytes < 19 * 1024 * 1024 && !request.destroyed) {
          sentBytes += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        if (!request.destroyed) request.end();
      };
      pump();
    });
  }

  it('refuses a visitor who is not signed in before reading the body', async () => {
    const result = await streamedUpload(Buffer.concat([part('_csrf', csrf())]), `kenes_csrf=${csrf()}`);
    expect(result.status).toBe(401);
    expect(result.sentBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('stops at the first part when it is not the CSRF token (a 19 MB body is not buffered)', async () => {
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.bin"\r\n\r\n`);
    const result = await streamedUpload(head, browser.cookieHeader);
    expect(result.status).toBe(403);
    expect(result.sentBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a wrong token, and a declared length far over the limit, unread', async () => {
    expect((await upload(Buffer.concat([part('_csrf', 'x'.repeat(43)), part('file', 'abc', 'a.bin'), end]))).statusCode).toBe(403);
    const tooLong = await upload(Buffer.concat([part('_csrf', csrf()), end]), { 'content-length': String(50 * 1024 * 1024) });
    expect(tooLong.statusCode).toBe(413);
  });

  it('refuses a field with a zero byte, naming the field', async () => {
    const res = await upload(Buffer.concat([part('_csrf', csrf()), part('title', 'a\u0000b'), end]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([{ field: 'title', message: '“title” contains control characters (such as a zero byte) that cannot be stored.' }]);
  });
});

describe('upload bodies held at once', () => {
  it('lets four read at a time, queues the next sixteen and tells the rest to retry, giving every slot back', async () => {
    // Twenty-four clients start sending at once and pause after the token; none finishes until released.
    const form = Buffer.concat([part('_csrf', csrf()), part('file', Buffer.alloc(10, 7), 'a.bin'), end]);
    expect(uploadSlots.active).toBe(0);
    const url = new URL('/en/probe-upload', await address());
    const held: http.ClientRequest[] = [];
    const answers: Promise<number>[] = [];
    const answeredEarly: number[] = [];
    for (let i = 0; i < 24; i++) {
      const request = http.request(url, { method: 'POST', headers: { cookie: browser.cookieHeader, 'content-type': contentType, 'content-length': String(form.length), accept: 'application/json' } });
      answers.push(new Promise((resolve) => request.on('response', (response) => (response.resume(), answeredEarly.push(response.statusCode ?? 0), resolve(response.statusCode ?? 0)))));
      request.write(form.subarray(0, 20));
      held.push(request);
    }
    // However slow the machine is to connect the 24 clients: four reading and sixteen queued, then it holds.
    await vi.waitFor(() => expect(uploadSlots.active + uploadSlots.waiting.length).toBe(20), { timeout: 10_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uploadSlots.active).toBe(4);
    expect(uploadSlots.waiting.length).toBe(16);
    // The last four are told to retry while the twenty are held (however long their sign-in check took to reach the queue).
    await vi.waitFor(() => expect(answeredEarly).toEqual([429, 429, 429, 429]), { timeout: 10_000, interval: 50 });
    for (const request of held) request.end(form.subarray(20));
    const statuses = await Promise.all(answers);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(uploadSlots).toMatchObject({ active: 0, waiting: [] });
  });

  it('gives the slot back when a client goes away, whether it was reading or still waiting its turn', async () => {
    const form = Buffer.concat([part('_csrf', csrf()), part('file', Buffer.alloc(10, 7), 'a.bin'), end]);
    const url = new URL('/en/probe-upload', await address());
    const clients = Array.from({ length: 6 }, () => {
      const request = http.request(url, { method: 'POST', headers: { cookie: browser.cookieHeader, 'content-type': contentType, 'content-length': String(form.length), accept: 'application/json' } });
      const answer = new Promise<number>((resolve) => {
        request.on('response', (response) => (response.resume(), resolve(response.statusCode ?? 0)));
        request.on('error', () => resolve(0));
      });
      request.write(form.subarray(0, 20));
      return { request, answer };
    });
    await vi.waitFor(() => expect({ active: uploadSlots.active, waiting: uploadSlots.waiting.length }).toEqual({ active: 4, waiting: 2 }), { timeout: 10_000, interval: 50 });
    // One reading and one waiting give up; the others finish.
    clients[0]!.request.destroy();
    clients[5]!.request.destroy();
    for (const c of clients.slice(1, 5)) c.request.end(form.subarray(20));
    const statuses = await Promise.all(clients.map((c) => c.answer));
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    await vi.waitFor(() => expect(uploadSlots).toMatchObject({ active: 0, waiting: [] }), { timeout: 5_000, interval: 50 });
  });
});
