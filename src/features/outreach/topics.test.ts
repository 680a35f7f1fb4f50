// The managed list of outreach topics: the secretariat adds and changes topics (audited, a stale
// form is a 409), a topic no longer offered leaves the event form; a maslikhat's staff may not.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let secretariat: Browser;
let staff: Browser;

beforeAll(async () => {
  t = await createTestApp();
  secretariat = new Browser(t.app);
  await signInFully(secretariat, t.database.db, await createAccount(t.database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  staff = new Browser(t.app);
  await staff.signIn(await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
});
afterAll(() => t.close());

const topic = { kind: 'law', titleKk: 'Жаңа заң', titleRu: 'Новый закон', titleEn: 'A new law', position: '5', active: '1', version: '0' };

describe('POST /:lang/office/outreach/topics and /:id', () => {
  it('adds a topic, offered on the event form, then takes it off the form; a stale form is a 409', async () => {
    expect((await secretariat.post('/en/office/outreach/topics', topic)).statusCode).toBe(303);
    const row = await t.database.db.selectFrom('outreach_topic').select('id').where(sql<boolean>`title->>'en' = 'A new law'`).executeTakeFirstOrThrow();
    expect(page((await staff.get('/en/office/maslikhats/maslikhat-270000000/outreach/new')).body).byLabel('A new law (law)').type).toBe('checkbox');
    expect((await secretariat.post(`/en/office/outreach/topics/${row.id}`, { ...topic, active: '', version: '1' })).statusCode).toBe(303);
    expect(page((await staff.get('/en/office/maslikhats/maslikhat-270000000/outreach/new')).body).text('main')).not.toContain('A new law');
    const stale = await secretariat.post(`/en/office/outreach/topics/${row.id}`, { ...topic, titleEn: 'Renamed', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(page(stale.body).value('Title in English (optional)')).toBe('Renamed');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'outreach_topic').where('entity_id', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated']);
  });

  it('refuses a topic without its titles, keeping the answers', async () => {
    const res = await secretariat.post('/en/office/outreach/topics', { ...topic, titleKk: '', titleRu: '', position: 'first' });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).errorSummary().map((e) => e.href)).toEqual(['#field-titleKk', '#field-titleRu', '#field-position']);
  });

  it('is forbidden to a maslikhat\'s staff', async () => {
    expect((await staff.get('/en/office/outreach/topics')).statusCode).toBe(403);
    expect((await staff.post('/en/office/outreach/topics', topic)).statusCode).toBe(403);
  });
});
