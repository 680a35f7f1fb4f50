import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, textOf } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedDemoData } from '../registry/demo-seed.js';
import { approveDemoMinutes, seedDemoMeeting } from './demo-meeting.js';

// Seeding the demo meeting happens once per database: each test seeds a fresh one.
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db);
});
afterEach(() => t.close());

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

    const res = await t.app.inject(`/en/meetings/${meeting.id}`);
    expect(res.statusCode).toBe(200);
    const shown = page(res.body);
    const text = shown.text();
    expect(text).toContain('Askar Shakirov');
    expect(text).toContain('Malik Kulshar');
    expect(text).toContain('West Kazakhstan Regional Maslikhat');
    expect(text).toContain('Nur-Sultan City Maslikhat'); // named as on the meeting's day
    expect(text).toContain('(UTC+06:00)');
    // Under the admission decision, whom it admitted, as the registry has them entered.
    const decision = [...shown.document.querySelectorAll('article')].filter((a) => textOf(a).includes('On admitting collective members of the Council'));
    expect(decision).toHaveLength(1);
    const admittedTerm = [...decision[0]!.querySelectorAll('dt')].filter((dt) => textOf(dt) === 'Admitted');
    expect(admittedTerm).toHaveLength(1);
    const admitted = [...(admittedTerm[0]!.nextElementSibling?.querySelectorAll('li') ?? [])].map((li) => textOf(li));
    expect(admitted).toHaveLength(3);
    expect(admitted[0]).toContain('Department for Coordinating the Rukhani Zhangyru Programme');
    expect(admitted[1]).toContain('Institute of State Local Government');
    expect(admitted[2]).toContain('Maslikhat and Akimat, republican journal');
    // What was said, quoted in the language it was said in.
    const quotes = [...shown.document.querySelectorAll('blockquote[lang="kk"]')].map((q) => textOf(q));
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.some((q) => q.startsWith('«мәслихат депутаттары Мемлекет басшысының Жолдауын'))).toBe(true);
    const list = page((await t.app.inject('/ru/meetings')).body);
    expect(list.text()).toContain('Об участии депутатов маслихатов в реализации Послания');
  });

  it('approves its minutes once: the files are kept in the data directory and offered on the public page', async () => {
    const meetingId = (await seedDemoMeeting(t.database.db)).meetingId!;
    expect(await approveDemoMinutes(t.database, t.config, meetingId)).toBe(true);
    expect(await approveDemoMinutes(t.database, t.config, meetingId)).toBe(false);
    const links = page((await t.app.inject(`/ru/meetings/${meetingId}`)).body).allByRole('link').map((a) => a.getAttribute('href'));
    expect(links).toContain(`/ru/meetings/${meetingId}/minutes/minutes-ru.docx`);
    const pdf = await t.app.inject(`/ru/meetings/${meetingId}/minutes/minutes-kk.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xml = await t.app.inject(`/ru/meetings/${meetingId}/minutes/akoma-ntoso.xml`);
    expect(xml.body).toContain('<debate');
  });
});
