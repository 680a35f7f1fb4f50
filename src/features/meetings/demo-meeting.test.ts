import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedDemoData } from '../registry/demo-seed.js';
import { seedDemoMeeting } from './demo-meeting.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db);
});
afterAll(() => t.close());

describe('kenes seed --demo: the meeting of 21 October 2020', () => {
  it('records the held, hybrid meeting with 17 regions by video, its agenda, speakers and decisions, once', async () => {
    expect(await seedDemoMeeting(t.database.db)).toEqual({ added: true, regions: 17 });
    expect(await seedDemoMeeting(t.database.db)).toEqual({ added: false, regions: 0 });
    const meeting = await t.database.db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({ status: 'held', format: 'hybrid', kind: 'regular' });
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
    expect(page.body).toContain('(UTC+06:00)');
    // What was said, quoted in the language it was said in.
    expect(page.body).toContain('<blockquote lang="kk">«мәслихат депутаттары Мемлекет басшысының Жолдауын');
    const list = await t.app.inject('/ru/meetings');
    expect(list.body).toContain('Об участии депутатов маслихатов в реализации Послания');
  });
});
