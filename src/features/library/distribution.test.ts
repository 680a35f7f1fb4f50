// Distribution of a published material: the secretariat sends it to chosen maslikhats with a note;
// their staff see it as new on the office home, open it (counted), download (counted) and
// acknowledge — for their own maslikhat only; coverage by region as a table and a CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signedIn } from '../../../test/support/factories.js';
import { createMaterial, createMaterialFile, distribute, organizationIdOf } from '../../../test/support/library-factories.js';
import { page } from '../../../test/support/page.js';
import { createOrganization } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { translate } from '../../core/i18n/messages.js';

let t: TestApp;
let clerk: Browser;
let west: Browser;
let westDeputy: Browser;
let almaty: Browser;
const db = () => t.database.db;
const westSlug = 'maslikhat-270000000';
const almatySlug = 'maslikhat-750000000';

beforeAll(async () => {
  t = await createTestApp();
  clerk = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-senate' });
  west = new Browser(t.app);
  await west.signIn(await createAccount(db(), { grants: [{ role: 'maslikhat_staff', organizationSlug: westSlug }] }));
  westDeputy = new Browser(t.app);
  await westDeputy.signIn(await createAccount(db(), { grants: [{ role: 'deputy', organizationSlug: westSlug }] }));
  almaty = new Browser(t.app);
  await almaty.signIn(await createAccount(db(), { grants: [{ role: 'maslikhat_staff', organizationSlug: almatySlug }] }));
});
afterAll(() => t.close());

const deliveriesOf = (materialId: string) =>
  db()
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .innerJoin('organization as o', 'o.id', 'v.organization_id')
    .select(['o.slug', 'v.acknowledged_at', 'd.note', 'd.remind_after_days'])
    .where('d.material_id', '=', materialId)
    .orderBy('o.slug')
    .execute();
const useOf = (materialId: string) => db().selectFrom('library_use as u').innerJoin('organization as o', 'o.id', 'u.organization_id').select(['o.slug', 'u.action', 'u.count']).where('u.material_id', '=', materialId).orderBy('o.slug').orderBy('u.action').execute();

describe('POST /:lang/office/library/:id/distribute', () => {
  it('sends a published material to the maslikhats chosen, with the note and the reminder’s days, audited', async () => {
    const id = await createMaterial(db(), { state: 'published' });
    const [westId, almatyId] = [await organizationIdOf(db(), westSlug), await organizationIdOf(db(), almatySlug)];
    const res = await clerk.post(`/en/office/library/${id}/distribute`, { audience: 'chosen', organizations: [westId, almatyId], noteKk: '', noteRu: 'Просим провести лекцию', noteEn: '', remindAfterDays: '5' });
    expect(res.statusCode).toBe(303);
    expect(await deliveriesOf(id)).toEqual([
      { slug: westSlug, acknowledged_at: null, note: { ru: 'Просим провести лекцию' }, remind_after_days: 5 },
      { slug: almatySlug, acknowledged_at: null, note: { ru: 'Просим провести лекцию' }, remind_after_days: 5 },
    ]);
    const audit = await db().selectFrom('audit_event').select('action').where('entity', '=', 'library_distribution').execute();
    expect(audit.map((a) => a.action)).toContain('created');
  });

  it('to all: every region’s maslikhat of today', async () => {
    const id = await createMaterial(db(), { state: 'published' });
    expect((await clerk.post(`/en/office/library/${id}/distribute`, { audience: 'all', noteKk: '', noteRu: '', noteEn: '', remindAfterDays: '7' })).statusCode).toBe(303);
    expect((await deliveriesOf(id)).length).toBeGreaterThanOrEqual(17);
  });

  it('refuses no maslikhat chosen, a bad number of days, and a material not published (409)', async () => {
    const id = await createMaterial(db(), { state: 'published' });
    const refused = await clerk.post(`/en/office/library/${id}/distribute`, { audience: 'chosen', noteKk: '', noteRu: '', noteEn: '', remindAfterDays: '0' });
    expect(refused.statusCode).toBe(400);
    expect(page(refused.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'library.remindInvalid', { min: 1, max: 365 })]);
    const none = await clerk.post(`/en/office/library/${id}/distribute`, { audience: 'chosen', noteKk: '', noteRu: '', noteEn: '', remindAfterDays: '7' });
    expect(page(none.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'library.organizationsMissing')]);
    const draft = await createMaterial(db(), { state: 'draft' });
    expect((await clerk.post(`/en/office/library/${draft}/distribute`, { audience: 'all', noteKk: '', noteRu: '', noteEn: '', remindAfterDays: '7' })).statusCode).toBe(409);
    expect(await deliveriesOf(draft)).toEqual([]);
  });

  it('maslikhat staff cannot send', async () => {
    const id = await createMaterial(db(), { state: 'published' });
    expect((await west.post(`/en/office/library/${id}/distribute`, { audience: 'all', remindAfterDays: '7' })).statusCode).toBe(403);
  });
});

describe('GET /:lang/office/maslikhats/:slug/library and /:id', () => {
  it('a maslikhat’s staff see the material as new on the office home and in the list; opening and downloading are counted per maslikhat', async () => {
    const id = await createMaterial(db(), { state: 'published', title: { ru: 'Лекция о бюджете', en: 'A lecture on the budget' } });
    const file = await createMaterialFile(t.app, id, 'ru');
    await distribute(db(), id, [westSlug]);
    const home = page((await west.get('/en/office')).body);
    expect(home.links().map((l) => l.href)).toContain(`/en/office/maslikhats/${westSlug}/library`);
    expect(home.text('.attention-list')).toMatch(/new library material/);
    const list = page((await west.get(`/en/office/maslikhats/${westSlug}/library`)).body);
    expect(list.tableRows()[0]?.[0]).toContain('A lecture on the budget');
    expect(list.tableRows()[0]?.[0]).toContain('New');
    const opened = page((await west.get(`/en/office/maslikhats/${westSlug}/library/${id}`)).body);
    expect(opened.heading).toBe('A lecture on the budget');
    expect(opened.text()).toContain('Просим ознакомиться');
    await west.get(`/en/office/maslikhats/${westSlug}/library/${id}`);
    const download = await westDeputy.get(opened.href('lecture-ru-1.pdf'));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(await useOf(id)).toEqual([
      { slug: westSlug, action: 'download', count: 1 },
      { slug: westSlug, action: 'open', count: 2 },
    ]);
    expect(file).toBeTruthy();
  });

  it('another region’s staff cannot read it; a material not sent to a maslikhat is not found there', async () => {
    const id = await createMaterial(db(), { state: 'published' });
    await distribute(db(), id, [westSlug]);
    expect((await almaty.get(`/en/office/maslikhats/${westSlug}/library/${id}`)).statusCode).toBe(403);
    expect((await almaty.get(`/en/office/maslikhats/${almatySlug}/library/${id}`)).statusCode).toBe(404);
    expect(await useOf(id)).toEqual([]);
  });
});

describe('POST /:lang/office/maslikhats/:slug/library/:id/acknowledge', () => {
  it('its staff or deputies acknowledge receipt for their maslikhat once; another maslikhat cannot acknowledge for it', async () => {
    const id = await createMaterial(db(), { state: 'published' });
    await distribute(db(), id, [westSlug, almatySlug]);
    expect((await almaty.post(`/en/office/maslikhats/${westSlug}/library/${id}/acknowledge`)).statusCode).toBe(403);
    expect((await clerk.post(`/en/office/maslikhats/${westSlug}/library/${id}/acknowledge`)).statusCode).toBe(403);
    const res = await westDeputy.post(`/en/office/maslikhats/${westSlug}/library/${id}/acknowledge`);
    expect(res.statusCode).toBe(303);
    expect((await west.post(`/en/office/maslikhats/${westSlug}/library/${id}/acknowledge`)).statusCode).toBe(303);
    const rows = await deliveriesOf(id);
    expect(rows.map((r) => [r.slug, r.acknowledged_at !== null])).toEqual([
      [westSlug, true],
      [almatySlug, false],
    ]);
    const after = page((await west.get(`/en/office/maslikhats/${westSlug}/library/${id}?acknowledged=1`)).body);
    expect(after.text()).toContain(translate('en', 'library.notice.acknowledged'));
    expect(after.allByRole('button', { name: translate('en', 'library.acknowledge') })).toEqual([]);
    const audit = await db().selectFrom('audit_event').select('action').where('entity', '=', 'library_delivery').where('entity_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'acknowledged' }]);
  });
});

describe('GET /:lang/office/library/:id/coverage.csv and /office/library/coverage', () => {
  it('shows per region sent, acknowledged and opened: 1 of 3 acknowledged', async () => {
    const id = await createMaterial(db(), { state: 'published' });
    await distribute(db(), id, [westSlug, almatySlug, 'maslikhat-710000000'], { acknowledged: [westSlug] });
    await west.get(`/en/office/maslikhats/${westSlug}/library/${id}`);
    const p = page((await clerk.get(`/en/office/library/${id}`)).body);
    expect(p.text()).toContain(translate('en', 'library.coverageTotals', { sent: 3, acknowledged: 1, opened: 1, regions: p.tableRows(translate('en', 'library.coverageTitle')).length }));
    // The chart drawn on the server: one bar a stage, the number of regions each reached.
    const bars = [...p.document.querySelectorAll('svg.chart--bars [data-key]')].map((g) => [g.getAttribute('data-key'), g.getAttribute('data-value')]);
    expect(bars).toEqual([
      ['sent', '3'],
      ['acknowledged', '1'],
      ['opened', '1'],
    ]);
    const csv = await clerk.get(`/en/office/library/${id}/coverage.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Region,Sent,Acknowledged,First opened,Openings,Downloads');
    expect(lines.filter((l) => /,\d{4}-\d\d-\d\dT/.test(l))).toHaveLength(3);
    const overall = page((await clerk.get('/en/office/library/coverage')).body);
    expect(overall.heading).toBe(translate('en', 'library.coverageOverallTitle'));
  });
});

describe('GET /:lang/office/library/:id (a partner’s coverage)', () => {
  it('the partner whose organisation prepared the material sees its coverage too', async () => {
    await createOrganization(db(), { classification: 'association', slug: 'union-coverage-lib', name: { en: 'Union of Lawyers' } });
    const partner = await signedIn(t.app, db(), { role: 'partner', organizationSlug: 'union-coverage-lib' });
    const id = await createMaterial(db(), { state: 'published', organization: 'union-coverage-lib' });
    await distribute(db(), id, [westSlug, almatySlug], { acknowledged: [almatySlug] });
    const p = page((await partner.get(`/en/office/library/${id}`)).body);
    expect(p.text()).toContain(translate('en', 'library.coverageTotals', { sent: 2, acknowledged: 1, opened: 0, regions: p.tableRows(translate('en', 'library.coverageTitle')).length }));
    expect((await partner.get(`/en/office/library/${id}/coverage.csv`)).statusCode).toBe(200);
    expect((await partner.get('/en/office/library/coverage')).statusCode).toBe(403);
  });
});
