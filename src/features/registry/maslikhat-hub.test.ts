// A region's maslikhat page as its hub: its deputies, the Council meetings it was invited to with its
// part in each (from the meetings feature, through app.related), and its part of the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createOwnTestApp } from '../../../test/support/own-app.js';
import { page } from '../../../test/support/page.js';
import { createDeputy, maslikhatId } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const hub = async (slug: string, lang = 'en', on: TestApp = t) => {
  const res = await on.app.inject({ method: 'GET', url: `/${lang}/maslikhats/${slug}` });
  expect(res.statusCode).toBe(200);
  return page(res.body);
};
const meetingLines = (p: ReturnType<typeof page>) =>
  [...p.document.querySelectorAll('section[aria-labelledby="hub-meetings"] li')].map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('GET /:lang/maslikhats/:slug — the region’s hub', () => {
  it('says when the maslikhat has not been invited to any of the council’s meetings', async () => {
    // Its own app: the other tests invite maslikhats (this one too) on the shared one, in whatever order they run.
    const p = await hub('maslikhat-310000000', 'en', await createOwnTestApp());
    expect(p.byRole('heading', { name: 'The council’s meetings', level: 2 })).toBeTruthy();
    expect(p.text('section[aria-labelledby="hub-meetings"]')).toContain('The maslikhat has not been invited to the council’s meetings yet.');
  });

  it('lists the meetings it was invited to, newest first, with its part in each — the roll call first, else its answer', async () => {
    const db = t.database.db;
    const region = await maslikhatId(db, '270000000');
    await createDeputy(db, { maslikhat: '270000000', person: { name: { en: 'Hub Deputy' } }, district: { number: 1 } });
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    const called = await createMeeting(db, { startsAt: day(-60), status: 'held', number: 1, title: null, invitations: [{ kato: '270000000', status: 'confirmed', attendanceMode: 'room' }] });
    await db.insertInto('attendance').values({ id: newId(), meeting_id: called.id, organization_id: region, person_id: null, presence: 'video', absence_reason: null, recorded_at: new Date(), recorded_by: null }).execute();
    await createMeeting(db, { startsAt: day(-30), status: 'held', number: 2, title: null, invitations: [{ kato: '270000000', status: 'declined' }] });
    await createMeeting(db, { startsAt: day(20), status: 'announced', number: 3, title: null, invitations: [{ kato: '270000000', status: 'confirmed', attendanceMode: 'video' }] });
    await createMeeting(db, { startsAt: day(25), status: 'draft', number: 4, title: null, invitations: [{ kato: '270000000' }] });
    await createMeeting(db, { startsAt: day(26), status: 'announced', number: 5, title: null, invitations: [{ kato: '310000000' }] });

    const p = await hub('maslikhat-270000000');
    expect(p.text()).toContain('Hub Deputy');
    const lines = meetingLines(p);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Regular meeting No\. 3 — .*, will take part by video$/);
    expect(lines[1]).toMatch(/^Regular meeting No\. 2 — .*, did not take part$/);
    expect(lines[2]).toMatch(/^Regular meeting No\. 1 — .*, took part by video$/);
    expect(p.href('Regular meeting No. 1')).toBe(`/en/meetings/${called.id}`);
    expect(p.links('All the council’s meetings')).toEqual([]);

    const ru = meetingLines(await hub('maslikhat-270000000', 'ru'));
    expect(ru[2]).toMatch(/участвовал по видеосвязи$/);
  });

  it('lists the latest ten and links to all the meetings when there are more', async () => {
    const db = t.database.db;
    for (let i = 0; i < 11; i++) {
      await createMeeting(db, { startsAt: new Date(Date.now() - (100 + i) * 86_400_000), status: 'held', number: 100 + i, title: null, invitations: [{ kato: '470000000', status: 'confirmed' }] });
    }
    const p = await hub('maslikhat-470000000');
    const lines = meetingLines(p);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^Regular meeting No\. 100 — .*, took part$/);
    expect(p.href('All the council’s meetings')).toBe('/en/meetings');
  });
});
