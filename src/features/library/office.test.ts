// The library's office: a partner prepares a material of their organisation (refusals kept at the
// fields), uploads files (text read off the event loop; a hostile file stored with a note), submits
// it; another partner cannot touch it and no partner can approve; the secretariat publishes and
// withdraws; a stale form is a 409 with the latest version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signedIn } from '../../../test/support/factories.js';
import { createMaterial, docx, docxBomb, lyingDocx, pptx, uploadFile } from '../../../test/support/library-factories.js';
import { page } from '../../../test/support/page.js';
import { createOrganization } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { translate } from '../../core/i18n/messages.js';
import { extractMaterialText, officeXmlText } from './extract-text.js';
import { isAdiletUrl, sniffMaterialFile } from './library.forms.js';

let t: TestApp;
let partner: Browser;
let otherPartner: Browser;
let clerk: Browser;
let staff: Browser;
const db = () => t.database.db;

const law = 'https://adilet.zan.kz/kaz/docs/Z2300000001';
const draftForm = (extra: Record<string, string> = {}) => ({
  version: '0',
  kind: 'lecture',
  titleKk: 'Жергілікті өзін-өзі басқару туралы заң',
  titleRu: 'Закон о местном самоуправлении',
  titleEn: '',
  summaryKk: '',
  summaryRu: 'Что меняет закон для маслихатов',
  summaryEn: '',
  organization: '',
  authorName: 'Серік Ақылбай',
  videoUrl: '',
  topics: 'Жергілікті басқару, бюджет',
  lawTitle1: 'О местном государственном управлении',
  lawUrl1: law,
  ...extra,
});

let unionId: string;

beforeAll(async () => {
  t = await createTestApp();
  unionId = await createOrganization(db(), { classification: 'association', slug: 'union-of-lawyers-lib', name: { kk: 'Заңгерлер одағы', ru: 'Союз юристов', en: 'Union of Lawyers' } });
  await createOrganization(db(), { classification: 'association', slug: 'bar-association-lib', name: { kk: 'Адвокаттар алқасы', ru: 'Коллегия адвокатов', en: 'Bar Association' } });
  partner = await signedIn(t.app, db(), { role: 'partner', organizationSlug: 'union-of-lawyers-lib' });
  otherPartner = await signedIn(t.app, db(), { role: 'partner', organizationSlug: 'bar-association-lib' });
  clerk = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-senate' });
  staff = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' });
});
afterAll(() => t.close());

const materialOf = (id: string) => db().selectFrom('library_material').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const filesOf = (id: string) => db().selectFrom('library_file').selectAll().where('material_id', '=', id).orderBy('language').orderBy('edition').execute();
const idFrom = (location: string | undefined) => /office\/library\/([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';

async function partnerDraft(): Promise<string> {
  const res = await partner.post('/en/office/library', draftForm({ organization: unionId }));
  expect(res.statusCode).toBe(303);
  return idFrom(res.headers.location);
}

describe('POST /:lang/office/library', () => {
  it('a partner saves a draft of their organisation, with its topics and laws, audited', async () => {
    const id = await partnerDraft();
    const row = await materialOf(id);
    expect(row).toMatchObject({ state: 'draft', kind: 'lecture', organization_id: unionId, title: { kk: 'Жергілікті өзін-өзі басқару туралы заң', ru: 'Закон о местном самоуправлении' }, version: 1 });
    expect((await db().selectFrom('library_material_topic').select('topic').where('material_id', '=', id).orderBy('topic').execute()).map((r) => r.topic)).toEqual(['бюджет', 'жергілікті басқару']);
    expect(await db().selectFrom('library_material_law').select(['title', 'url']).where('material_id', '=', id).execute()).toEqual([{ title: 'О местном государственном управлении', url: law }]);
    const audit = await db().selectFrom('audit_event').select(['action']).where('entity', '=', 'library_material').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['created']);
    const p = page((await partner.get(`/en/office/library/${id}`)).body);
    expect(p.heading).toContain('Закон о местном самоуправлении');
    expect(p.definition('State')).toBe('Draft');
  });

  it('refuses a form without a title, with a law outside adilet.zan.kz or not over https, keeping what was typed', async () => {
    const res = await partner.post('/en/office/library', draftForm({ organization: unionId, titleKk: '', titleRu: '', lawUrl1: 'http://adilet.zan.kz/kaz/docs/Z1', lawTitle2: 'Fake', lawUrl2: 'https://adilet.zan.kz.evil.example/x' }));
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    expect(p.errorSummary().map((e) => e.text)).toEqual([translate('en', 'library.titleMissing'), translate('en', 'library.lawUrlInvalid'), translate('en', 'library.lawUrlInvalid')]);
    expect(p.value('Summary (Russian)')).toBe('Что меняет закон для маслихатов');
    expect(p.value('Address of law 2')).toBe('https://adilet.zan.kz.evil.example/x');
  });

  it('a partner may not name another organisation as the author', async () => {
    const other = (await db().selectFrom('organization').select('id').where('slug', '=', 'bar-association-lib').executeTakeFirstOrThrow()).id;
    const res = await partner.post('/en/office/library', draftForm({ organization: other }));
    expect(res.statusCode).toBe(400);
    expect(page(res.body).fieldError('Author: organisation')).toBe(translate('en', 'library.organizationInvalid'));
  });

  it('maslikhat staff may not prepare materials', async () => {
    expect((await staff.get('/en/office/library')).statusCode).toBe(403);
    expect((await staff.post('/en/office/library', draftForm())).statusCode).toBe(403);
  });
});

describe('GET /:lang/office/library', () => {
  it('a partner lists their organisation’s materials only; the secretariat lists all', async () => {
    const own = await partnerDraft();
    const others = await createMaterial(db(), { organization: 'bar-association-lib', title: { en: 'The bar’s memo' } });
    const mine = page((await partner.get('/en/office/library')).body).links().map((l) => l.href);
    expect(mine).toContain(`/en/office/library/${own}`);
    expect(mine).not.toContain(`/en/office/library/${others}`);
    const all = page((await clerk.get('/en/office/library?page=1')).body).links().map((l) => l.href);
    expect(all).toEqual(expect.arrayContaining([`/en/office/library/${own}`, `/en/office/library/${others}`]));
  });

  it('a partner of two organisations lists the materials of both, and of no third', async () => {
    const union = await createMaterial(db(), { organization: 'union-of-lawyers-lib', title: { en: 'The union’s lecture' } });
    const bar = await createMaterial(db(), { organization: 'bar-association-lib', title: { en: 'The bar’s lecture' } });
    const unowned = await createMaterial(db(), { title: { en: 'An author’s own lecture' } });
    const both = new Browser(t.app);
    await both.signIn(
      await createAccount(db(), {
        grants: [
          { role: 'partner', organizationSlug: 'union-of-lawyers-lib' },
          { role: 'partner', organizationSlug: 'bar-association-lib' },
        ],
      }),
    );
    const listed = page((await both.get('/en/office/library')).body).links().map((l) => l.href);
    expect(listed).toEqual(expect.arrayContaining([`/en/office/library/${union}`, `/en/office/library/${bar}`]));
    expect(listed).not.toContain(`/en/office/library/${unowned}`);
  });
});

describe('POST /:lang/office/library/:id (another partner, a stale form)', () => {
  it('another organisation’s partner can neither see nor change the material', async () => {
    const id = await partnerDraft();
    expect((await otherPartner.get(`/en/office/library/${id}`)).statusCode).toBe(403);
    expect((await otherPartner.post(`/en/office/library/${id}`, draftForm({ version: '1', titleRu: 'Чужое' }))).statusCode).toBe(403);
    expect((await otherPartner.post(`/en/office/library/${id}/submit`, { version: '1' })).statusCode).toBe(403);
    expect((await materialOf(id)).title).toMatchObject({ ru: 'Закон о местном самоуправлении' });
  });

  it('a form read before someone else’s change is a 409 showing the latest version, with what was typed kept', async () => {
    const id = await partnerDraft();
    expect((await partner.post(`/en/office/library/${id}`, draftForm({ organization: unionId, version: '1', titleRu: 'Первая правка' }))).statusCode).toBe(303);
    const stale = await partner.post(`/en/office/library/${id}`, draftForm({ organization: unionId, version: '1', titleRu: 'Вторая правка' }));
    expect(stale.statusCode).toBe(409);
    const p = page(stale.body);
    expect(p.text()).toContain(translate('en', 'library.conflict'));
    expect(p.value('Title (Russian)')).toBe('Вторая правка');
    expect((await materialOf(id)).title).toMatchObject({ ru: 'Первая правка' });
  });
});

describe('POST /:lang/office/library/:id/submit, /publish, /withdraw', () => {
  it('a partner submits, cannot approve; the secretariat publishes and withdraws; a submitted material is no longer the partner’s to change', async () => {
    const id = await partnerDraft();
    expect((await partner.post(`/en/office/library/${id}/submit`, { version: '1' })).statusCode).toBe(303);
    expect((await materialOf(id)).state).toBe('submitted');
    expect((await partner.post(`/en/office/library/${id}/publish`, { version: '2' })).statusCode).toBe(403);
    expect((await partner.post(`/en/office/library/${id}`, draftForm({ organization: unionId, version: '2' }))).statusCode).toBe(403);
    const stale = await clerk.post(`/en/office/library/${id}/publish`, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await clerk.post(`/en/office/library/${id}/publish`, { version: '2' })).statusCode).toBe(303);
    expect(await materialOf(id)).toMatchObject({ state: 'published', published_at: expect.any(Date) });
    expect((await clerk.post(`/en/office/library/${id}/withdraw`, { version: '3' })).statusCode).toBe(303);
    expect(await materialOf(id)).toMatchObject({ state: 'withdrawn', withdrawn_at: expect.any(Date) });
    const audit = await db().selectFrom('audit_event').select('action').where('entity', '=', 'library_material').where('entity_id', '=', id).orderBy('occurred_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'submitted', 'published', 'withdrawn']);
  });
});

describe('POST /:lang/office/library/:id/files', () => {
  it('stores a DOCX with the text read from it; a corrected edition becomes current and keeps the old one in the history', async () => {
    const id = await partnerDraft();
    const first = await uploadFile(t.app, partner, `/en/office/library/${id}/files`, { version: '1', language: 'kk', note: '' }, { name: 'дәріс.docx', data: await docx(['Сайлаушылармен кездесу', 'Маслихат & заң']) });
    expect(first.statusCode).toBe(303);
    const second = await uploadFile(t.app, partner, `/en/office/library/${id}/files`, { version: '2', language: 'kk', note: 'Қате түзетілді' }, { name: 'дәріс-2.docx', data: await docx(['Түзетілген мәтін']) });
    expect(second.statusCode).toBe(303);
    const files = await filesOf(id);
    expect(files.map((f) => [f.language, f.edition, f.original_name, f.text_content, f.text_problem])).toEqual([
      ['kk', 1, 'дәріс.docx', 'Сайлаушылармен кездесу\nМаслихат & заң', null],
      ['kk', 2, 'дәріс-2.docx', 'Түзетілген мәтін', null],
    ]);
    const p = page((await partner.get(`/en/office/library/${id}`)).body);
    expect(p.links('дәріс-2.docx')).toHaveLength(1);
    expect(p.text('details')).toContain('дәріс.docx');
    const download = await partner.get(p.href('дәріс-2.docx'));
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses what is not a PDF, DOCX or PPTX, told by the bytes and not the name', async () => {
    const id = await partnerDraft();
    const res = await uploadFile(t.app, partner, `/en/office/library/${id}/files`, { version: '1', language: 'ru', note: '' }, { name: 'lecture.pdf', data: Buffer.from('MZ\x90\x00 not a pdf') });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'library.fileType')]);
    expect(await filesOf(id)).toEqual([]);
  });

  it('stores a zip bomb and a lying DOCX with a note, their text unread, and the server answers', async () => {
    const id = await partnerDraft();
    const bomb = await uploadFile(t.app, partner, `/en/office/library/${id}/files`, { version: '1', language: 'ru', note: '' }, { name: 'bomb.docx', data: await docxBomb(300 * 1024 * 1024) });
    expect(bomb.statusCode).toBe(303);
    const lying = await uploadFile(t.app, partner, `/en/office/library/${id}/files`, { version: '2', language: 'en', note: '' }, { name: 'lying.docx', data: await lyingDocx() });
    expect(lying.statusCode).toBe(303);
    const files = await filesOf(id);
    expect(files.map((f) => [f.language, f.text_content, f.text_problem])).toEqual([
      ['en', null, 'library.text.unreadable'],
      ['ru', null, 'library.text.tooBigUnpacked'],
    ]);
    const p = page((await partner.get(`/en/office/library/${id}`)).body);
    expect(p.text()).toContain(translate('en', 'library.textNotRead', { reason: translate('en', 'library.text.tooBigUnpacked') }));
  });

  it('a stale version is a 409 and nothing is stored', async () => {
    const id = await partnerDraft();
    const res = await uploadFile(t.app, partner, `/en/office/library/${id}/files`, { version: '7', language: 'ru', note: '' }, { name: 'a.docx', data: await docx(['x']) });
    expect(res.statusCode).toBe(409);
    expect(await filesOf(id)).toEqual([]);
  });
});

describe('reading a file’s text', () => {
  it('reads a PPTX’s slides and an Office part’s runs and paragraphs', async () => {
    expect(await extractMaterialText(await pptx(['Бірінші слайд', 'Second slide']))).toEqual({ text: 'Бірінші слайд\n\nSecond slide' });
    expect(officeXmlText('<w:p><w:r><w:t>a&amp;b</w:t></w:r><w:tab/><w:r><w:t xml:space="preserve">c </w:t></w:r></w:p><w:p><w:r><w:t>&#1179;</w:t></w:r></w:p>', 'w')).toBe('a&b c\nқ');
    expect(await extractMaterialText(Buffer.from('not a document'))).toEqual({ problem: 'library.text.unreadable' });
  });

  it('tells a PPTX and a DOCX by their parts, and a law’s address by its host and scheme', async () => {
    expect(sniffMaterialFile(await pptx(['x']))?.extension).toBe('pptx');
    expect(sniffMaterialFile(await docx(['x']))?.extension).toBe('docx');
    expect([law, 'http://adilet.zan.kz/x', 'https://adilet.zan.kz@evil.example/x', 'https://evil.example/adilet.zan.kz', 'https://adilet.zan.kz:8443/x'].map(isAdiletUrl)).toEqual([true, false, false, false, false]);
  });
});

describe('hostile input to the library’s office forms', () => {
  it('repeated fields, over-long text, unknown ids and odd choices are refused at the fields, never a 5xx', async () => {
    const id = await partnerDraft();
    const attempts: [string, Record<string, string | string[]>][] = [
      ['/en/office/library', { ...draftForm({ organization: unionId }), kind: ['lecture', 'memo'], titleRu: ['a', 'b'] }],
      ['/en/office/library', draftForm({ organization: 'not-an-id', kind: 'exe', topics: 'x,'.repeat(400) })],
      ['/en/office/library', draftForm({ organization: unionId, titleRu: 'я'.repeat(301), videoUrl: 'javascript:alert(1)' })],
      [`/en/office/library/${id}`, draftForm({ organization: unionId, version: '99999999999999999999' })],
      [`/en/office/library/${id}/files`, { version: '1', language: 'de' }],
      [`/en/office/library/${id}/submit`, { version: ['1', '2'] }],
    ];
    for (const [url, form] of attempts) {
      const res = await partner.post(url, form);
      expect({ url, status: res.statusCode < 500 }).toEqual({ url, status: true });
    }
    const refused = await partner.post('/en/office/library', draftForm({ organization: unionId, titleRu: 'я'.repeat(301), videoUrl: 'javascript:alert(1)' }));
    expect(page(refused.body).errorSummary().map((e) => e.href)).toEqual(['#field-titleRu', '#field-videoUrl']);
  });
});
