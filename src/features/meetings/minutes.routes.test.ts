import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let clerk: Browser;
let west: Browser;

beforeAll(async () => {
  t = await createTestApp();
  clerk = new Browser(t.app);
  await signInFully(clerk, t.database.db, await createAccount(t.database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  west = new Browser(t.app);
  await west.signIn(await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
});
afterAll(() => t.close());

const heldMeeting = (status: 'held' | 'in_progress' | 'announced' = 'held') =>
  createMeeting(t.database.db, {
    startsAt: '2026-11-20T11:00',
    status,
    number: 22,
    title: { kk: 'Қаңтардағы отырыс', ru: 'Январское заседание' },
    agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане' }, isMain: true, rapporteurs: [{ name: { kk: 'Әлиев Нұрлан', ru: 'Алиев Нурлан' } }] }],
    invitations: [{ kato: '270000000', status: 'confirmed', attendanceMode: 'video' }],
    decisions: [{ title: { kk: 'Жоспарды бекіту туралы', ru: 'Об утверждении плана' }, kind: 'plan_adoption', result: 'adopted', votes: { for: 12, against: 0, abstain: 1 }, agendaItem: 0 }],
  });

describe('GET /:lang/office/meetings/:id/minutes/:file', () => {
  it('gives the secretariat draft minutes of a held meeting in Kazakh and Russian, as PDF and DOCX, and the Akoma Ntoso XML', async () => {
    const m = await heldMeeting();
    const pdf = await clerk.get(`/en/office/meetings/${m.id}/minutes/minutes-kk.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="draft-minutes-kk.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await clerk.get(`/en/office/meetings/${m.id}/minutes/minutes-ru.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xml = await clerk.get(`/en/office/meetings/${m.id}/minutes/akoma-ntoso.xml`);
    expect(xml.body).toContain('<debate');
    expect((await clerk.get(`/en/office/meetings/${m.id}/minutes/minutes-de.pdf`)).statusCode).toBe(404);
    // Nothing is public before approval, and a maslikhat's staff cannot fetch the office drafts.
    expect((await t.app.inject({ method: 'GET', url: `/en/meetings/${m.id}/minutes/minutes-kk.pdf` })).statusCode).toBe(404);
    expect((await west.get(`/en/office/meetings/${m.id}/minutes/minutes-kk.pdf`)).statusCode).toBe(403);
  });

  it('has no minutes for a meeting that has not begun', async () => {
    const m = await heldMeeting('announced');
    expect((await clerk.get(`/en/office/meetings/${m.id}/minutes/minutes-kk.pdf`)).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/meetings/:id/minutes/approve', () => {
  it('keeps the approved files, publishes them on the meeting page and locks the record', async () => {
    const m = await heldMeeting();
    expect((await west.post(`/en/office/meetings/${m.id}/minutes/approve`)).statusCode).toBe(403);
    const res = await clerk.post(`/en/office/meetings/${m.id}/minutes/approve`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/office/meetings/${m.id}?minutes=approved`);
    expect((await clerk.get(res.headers.location as string)).body).toContain('The minutes are approved and published.');

    const kept = await t.database.db.selectFrom('meeting_minutes').select(['language', 'format']).where('meeting_id', '=', m.id).orderBy('language').orderBy('format').execute();
    expect(kept).toEqual([
      { language: 'kk', format: 'akn' },
      { language: 'kk', format: 'docx' },
      { language: 'kk', format: 'pdf' },
      { language: 'ru', format: 'docx' },
      { language: 'ru', format: 'pdf' },
    ]);
    const office = await clerk.get(`/en/office/meetings/${m.id}/minutes/minutes-ru.pdf`);
    expect(office.headers['content-disposition']).toBe('attachment; filename="minutes-ru.pdf"');
    const published = await t.app.inject({ method: 'GET', url: `/ru/meetings/${m.id}/minutes/minutes-ru.pdf` });
    expect(published.statusCode).toBe(200);
    expect(published.rawPayload.equals(office.rawPayload)).toBe(true);

    const page = await t.app.inject({ method: 'GET', url: `/kk/meetings/${m.id}` });
    expect(page.body).toContain(`/kk/meetings/${m.id}/minutes/minutes-kk.pdf`);
    expect(page.body).toContain(`/kk/meetings/${m.id}/minutes/akoma-ntoso.xml`);

    const locked = await clerk.post(`/en/office/meetings/${m.id}/live/statements`, { itemId: m.agenda[0]!.id, speakerName: 'Someone', language: 'en', quotation: 'Too late.' });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain('the record cannot be changed');

    const again = await clerk.post(`/en/office/meetings/${m.id}/minutes/approve`);
    expect(again.headers.location).toBe(`/en/office/meetings/${m.id}?minutes=not-held`);
  });
});
