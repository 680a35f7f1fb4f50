import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedDemoData } from '../registry/demo-seed.js';
import { approveDemoMinutes, seedDemoMeeting } from './demo-meeting.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db);
});
afterAll(() => t.close());

describe('kenes seed --demo: the meeting of 21 October 2020', () => {
  it('records the held, hybrid meeting with 17 regions by video, its agenda, speakers and decisions, once', async () => {
    const seeded = await seedDemoMeeting(t.database.db);
    expect(seeded).toEqual({ added: true, regions: 17, meetingId: expect.any(String) });
    expect(await seedDemoMeeting(t.database.db)).toEqual({ added: false, regions: 0, meetingId: seeded.meetingId });
    const meeting = await t.database.db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({ id: seeded.meetingId, status: 'held', format: 'hybrid', kind: 'regular' });
    const decisions = await t.database.db.selectFrom('decision').select(['kind', 'result']).where('meeting_id', '=', meeting.id).orderBy('kind').execute();
    expect(decisions).toEqual([
      { kind: 'admission', result: 'adopted' },
      { kind: 'plan_adoption', result: 'adopted' },
    ]);

    const page = await t.app.inject(`/en/meetings/${meeting.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Askar Shakirov');
    expect(page.body).toContain('Malik Kulshar');
    expect(page.body).toContain('West Kazakhstan Regional Maslikhat');
    expect(page.body).toContain('Nur-Sultan City Maslikhat'); // named as on the meeting's day
    expect(page.body).toContain('On admitting collective members of the Council');
    // Under the admission decision, whom it admitted, as the registry has them entered.
    const admission = page.body.slice(page.body.indexOf('On admitting collective members of the Council</'), page.body.indexOf('</article>', page.body.indexOf('On admitting collective members of the Council</')));
    expect(admission).toMatch(/<dt>Admitted<\/dt>\s*<dd>\s*<ul[^>]*>[\s\S]*Department for Coordinating the Rukhani Zhangyru Programme[\s\S]*Institute of State Local Government[\s\S]*Maslikhat and Akimat, republican journal[\s\S]*<\/ul>/);
    expect(page.body).toContain('(UTC+06:00)');
    // What was said, quoted in the language it was said in.
    expect(page.body).toContain('<blockquote lang="kk">«мәслихат депутаттары Мемлекет басшысының Жолдауын');
    const list = await t.app.inject('/ru/meetings');
    expect(list.body).toContain('Об участии депутатов маслихатов в реализации Послания');
  });

  it('approves its minutes once: the files are kept in the data directory and offered on the public page', async () => {
    const meetingId = (await seedDemoMeeting(t.database.db)).meetingId!;
    expect(await approveDemoMinutes(t.database, t.config, meetingId)).toBe(true);
    expect(await approveDemoMinutes(t.database, t.config, meetingId)).toBe(false);
    const page = await t.app.inject(`/ru/meetings/${meetingId}`);
    expect(page.body).toContain(`/ru/meetings/${meetingId}/minutes/minutes-ru.docx`);
    const pdf = await t.app.inject(`/ru/meetings/${meetingId}/minutes/minutes-kk.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xml = await t.app.inject(`/ru/meetings/${meetingId}/minutes/akoma-ntoso.xml`);
    expect(xml.body).toContain('<debate');
  });
});
