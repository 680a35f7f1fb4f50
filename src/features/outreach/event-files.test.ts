// An outreach event's papers, by endpoint: kept by its maslikhat's staff (told by their bytes, up to
// 20 MB, ten at most), listed and downloaded in the office with the name given, refused to another
// maslikhat and never on the public page; removed with the event's version; audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type Browser } from '../../../test/support/factories.js';
import { docx } from '../../../test/support/library-factories.js';
import { createOutreachEvent } from '../../../test/support/outreach-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { translate } from '../../core/i18n/messages.js';

let t: TestApp;
let west: Browser;
let almaty: Browser;
const db = () => t.database.db;
const en = translate.bind(null, 'en');

beforeAll(async () => {
  t = await createTestApp();
  west = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' });
  almaty = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' });
});
afterAll(() => t.close());

/** Posts the file form as the browser would (multipart, with the CSRF token and the version). */
async function upload(browser: Browser, eventId: string, file: { name: string; data: Buffer }, version: string) {
  await browser.get('/en/office/outreach');
  const boundary = 'paperboundary';
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(part('_csrf', browser.cookie('kenes_csrf') ?? '') + part('version', version)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/en/office/outreach/${eventId}/files`, payload, headers: { cookie: browser.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const versionOf = async (id: string) => String((await db().selectFrom('outreach_event').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
const pdf = Buffer.from('%PDF-1.4\n% the list of those who came\n%%EOF\n');

describe('POST /:lang/office/outreach/:id/files', () => {
  it('keeps a paper told by its bytes, lists it with its name and size, and serves it to the office with that name', async () => {
    const id = await createOutreachEvent(db(), { maslikhat: '270000000', startsAt: new Date('2020-10-20T05:00:00Z') });
    const res = await upload(west, id, { name: 'Қатысушылар тізімі.pdf', data: pdf }, await versionOf(id));
    expect(res.statusCode).toBe(303);
    const shown = page((await west.get(`/en/office/outreach/${id}`)).body);
    const files = shown.byRole('region', { name: en('outreach.filesTitle') });
    const link = [...files.querySelectorAll('a[download]')].map((a) => ({ text: a.textContent, href: a.getAttribute('href') ?? '' }));
    expect(link).toHaveLength(1);
    expect(link[0]!.text).toBe('Қатысушылар тізімі.pdf');
    expect(files.textContent).toContain(en('outreach.fileSize', { size: 1 }));
    const served = await west.get(link[0]!.href);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['cache-control']).toBe('private, no-store');
    expect(String(served.headers['content-disposition'])).toContain("filename*=UTF-8''%D2%9A%D0%B0%D1%82%D1%8B%D1%81%D1%83%D1%88%D1%8B%D0%BB%D0%B0%D1%80");
    expect(served.rawPayload.equals(pdf)).toBe(true);
    // Another maslikhat's staff and the public get nothing; the public page does not list it.
    expect((await almaty.get(link[0]!.href)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: link[0]!.href });
    expect({ status: anonymous.statusCode, signIn: String(anonymous.headers.location).includes('/sign-in') }).toEqual({ status: 303, signIn: true });
    const publicPage = await t.app.inject({ method: 'GET', url: `/en/receptions/${id}` });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).not.toContain('Қатысушылар тізімі');
    const audit = await db().selectFrom('audit_event').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('file_added');
  });

  it('refuses a file that is not a paper, none at all, one over 20 MB, a stale version, and another maslikhat’s staff; nothing is kept', async () => {
    const id = await createOutreachEvent(db(), { maslikhat: '270000000', startsAt: new Date('2020-10-21T05:00:00Z') });
    const version = await versionOf(id);
    const renamed = await upload(west, id, { name: 'list.pdf', data: Buffer.from('MZ\x90\x00 an executable') }, version);
    expect(renamed.statusCode).toBe(400);
    expect(page(renamed.body).fieldError(en('outreach.fileLabel'))).toBe(en('outreach.fileType'));
    const empty = await upload(west, id, { name: 'empty.pdf', data: Buffer.alloc(0) }, version);
    expect(page(empty.body).errorSummary().map((e) => e.text)).toEqual([en('outreach.fileMissing')]);
    const huge = await upload(west, id, { name: 'huge.pdf', data: Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]) }, version);
    expect(huge.statusCode).toBe(400);
    expect(page(huge.body).errorSummary().map((e) => e.text)).toEqual([en('outreach.fileTooLarge', { limit: 20 })]);
    const stale = await upload(west, id, { name: 'minutes.docx', data: await docx(['Хаттама']) }, String(Number(version) + 5));
    expect(stale.statusCode).toBe(409);
    expect((await upload(almaty, id, { name: 'list.pdf', data: pdf }, version)).statusCode).toBe(403);
    expect(await db().selectFrom('outreach_event_file').select('id').where('event_id', '=', id).execute()).toEqual([]);
  });
});

describe('POST /:lang/office/outreach/:id/files/:fileId/delete', () => {
  it('removes a paper at the event’s version; a stale form is a conflict and keeps it', async () => {
    const id = await createOutreachEvent(db(), { maslikhat: '270000000', startsAt: new Date('2020-10-22T05:00:00Z') });
    expect((await upload(west, id, { name: 'minutes.docx', data: await docx(['Хаттама']) }, await versionOf(id))).statusCode).toBe(303);
    const [kept] = await db().selectFrom('outreach_event_file').select(['id', 'content_type']).where('event_id', '=', id).execute();
    expect(kept?.content_type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const stale = await west.post(`/en/office/outreach/${id}/files/${kept!.id}/delete`, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await almaty.post(`/en/office/outreach/${id}/files/${kept!.id}/delete`, { version: await versionOf(id) })).statusCode).toBe(403);
    const removed = await west.post(`/en/office/outreach/${id}/files/${kept!.id}/delete`, { version: await versionOf(id) });
    expect(removed.statusCode).toBe(303);
    expect(await db().selectFrom('outreach_event_file').select('id').where('event_id', '=', id).execute()).toEqual([]);
    expect((await west.get(`/en/office/outreach/${id}/files/${kept!.id}`)).statusCode).toBe(404);
  });
});
