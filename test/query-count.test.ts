// The first (uncached) render of a public page makes a fixed number of queries, not one per row:
// the meeting page (regions, agenda, decisions), the Council's page (members, collective members)
// and a region's maslikhat page (deputies, districts, contacts, its meetings) are counted with few
// rows and with many, and the counts are equal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from './support/meeting-factories.js';
import { createCollectiveMembers, createCouncilMember, createDeputy } from './support/registry-factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let queries = 0;
beforeAll(async () => {
  t = await createTestApp();
  t.database.observeQueries(() => queries++);
});
afterAll(() => t.close());

/** The queries one GET makes (after a first request has warmed what the app keeps for a while). */
async function queriesOf(url: string): Promise<number> {
  expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
  queries = 0;
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  expect(queries).toBeGreaterThan(0);
  return queries;
}

let regionSlugs: string[] = [];
beforeAll(async () => {
  const rows = await t.database.db.selectFrom('organization').select('slug').where('slug', 'like', 'maslikhat-__0000000').orderBy('slug').limit(20).execute();
  regionSlugs = rows.map((r) => r.slug);
});

describe('queries per public page', () => {
  it('the meeting page: the same for 2 and for 20 regions, agenda items and decisions', async () => {
    expect(regionSlugs).toHaveLength(20);
    const meetingWith = (n: number) =>
      createMeeting(t.database.db, {
        startsAt: new Date(Date.now() - 86_400_000),
        status: 'held',
        agenda: Array.from({ length: n }, (_, i) => ({ title: { en: `Item ${i}` }, rapporteurs: [{ name: `Speaker ${n}-${i}` }] })),
        invitations: regionSlugs.slice(0, n).map((kato, i) => ({ kato, status: i % 2 ? 'confirmed' : 'declined' })),
        decisions: Array.from({ length: n }, (_, i) => ({ title: { en: `Decision ${i}` }, number: String(i + 1), agendaItem: i })),
      });
    const few = await meetingWith(2);
    const many = await meetingWith(20);
    const counted = [await queriesOf(`/en/meetings/${few.id}`), await queriesOf(`/en/meetings/${many.id}`)];
    expect(counted[1]).toBe(counted[0]);
  });

  it('the council page: the same for 2 and for 20 members and collective members', async () => {
    const add = async (n: number, from: number) => {
      for (let i = from; i < from + n; i++) await createCouncilMember(t.database.db, { en: `Member ${i}` }, { from: '2021-01-01' });
      await createCollectiveMembers(t.database.db, {
        admittedOn: '2021-02-01',
        members: Array.from({ length: n }, (_, i) => ({ name: { en: `Association ${from + i}` }, representative: { name: { en: `Representative ${from + i}` } } })),
      });
    };
    await add(2, 0);
    const few = await queriesOf('/en/council');
    await add(18, 2);
    expect(await queriesOf('/en/council')).toBe(few);
  });

  it('the maslikhat page: the same for 2 and for 20 deputies (districts, contacts) and meetings', async () => {
    const [small, large] = [regionSlugs[0] ?? '', regionSlugs[1] ?? ''];
    const fill = async (slug: string, n: number) => {
      for (let i = 0; i < n; i++) {
        await createDeputy(t.database.db, {
          maslikhat: slug,
          person: { name: { en: `Deputy ${slug} ${i}` }, contacts: [{ type: 'email', value: `d${i}@example.kz` }] },
          ...(i % 2 ? { district: { number: i } } : {}),
        });
        await createMeeting(t.database.db, { startsAt: new Date(Date.now() - (i + 2) * 86_400_000), status: 'held', invitations: [{ kato: slug, status: 'confirmed', attendanceMode: 'video' }] });
      }
    };
    await fill(small, 2);
    await fill(large, 20);
    expect(await queriesOf(`/en/maslikhats/${large}`)).toBe(await queriesOf(`/en/maslikhats/${small}`));
  });
});
