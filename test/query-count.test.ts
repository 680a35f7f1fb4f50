// The first (uncached) render of a public page makes a fixed number of queries, not one per row:
// the meeting page (regions, agenda, decisions), the Council's page (members, collective members)
// and a region's maslikhat page (deputies, districts, contacts, its meetings) are counted with few
// rows and with many, and the counts are equal. What other features add to a region's maslikhat
// page (its plans, the question form, subscriptions) is read in one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from './support/meeting-factories.js';
import { createCollectiveMembers, createCouncilMember, createDeputy, createOrganization, maslikhatId } from './support/registry-factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { createPublicOutreachService } from '../src/features/outreach/outreach.service.js';

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

describe('what other features add to a region’s maslikhat page', () => {
  /** The links, and how many queries reading them took. */
  async function linksOf(organizationId: string) {
    queries = 0;
    const links = await t.app.related.linksFor('maslikhat', organizationId, 'en');
    return { hrefs: links.map((l) => l.href), queries };
  }

  it('a region’s: its question form and its news by mail, with the plans, in one statement', async () => {
    const west = await maslikhatId(t.database.db, '270000000');
    const { hrefs, queries: counted } = await linksOf(west);
    expect(hrefs).toContain(`/subscribe?topic=news&scope=${west}`);
    expect(hrefs).toContain(`/subscribe?topic=receptions&scope=${west}`);
    expect(hrefs.filter((h) => h.startsWith('/questions/new?region='))).toHaveLength(1);
    expect(counted).toBe(1);
  });

  it('a district maslikhat’s, and a dissolved region maslikhat’s: neither the form nor subscriptions', async () => {
    const db = t.database.db;
    const district = await createOrganization(db, { name: { en: 'A district maslikhat' }, classification: 'maslikhat', parent: 'maslikhat-270000000', areaKato: '270000000' });
    await db.updateTable('organization').set({ maslikhat_level: 'district' }).where('id', '=', district).execute();
    const dissolved = await createOrganization(db, { name: { en: 'A former region maslikhat' }, classification: 'maslikhat', areaKato: '270000000', foundingDate: '1994-01-01', dissolutionDate: '2001-01-01' });
    await db.updateTable('organization').set({ maslikhat_level: 'region' }).where('id', '=', dissolved).execute();
    expect((await linksOf(district)).hrefs).toEqual([]);
    expect((await linksOf(dissolved)).hrefs).toEqual([]);
    // The same organisation while it exists is offered both (the test can tell them apart).
    await db.updateTable('organization').set({ dissolution_date: null }).where('id', '=', dissolved).execute();
    expect((await linksOf(dissolved)).hrefs).toEqual([`/subscribe?topic=news&scope=${dissolved}`, `/subscribe?topic=receptions&scope=${dissolved}`, `/questions/new?region=${await areaIdOf(dissolved)}`]);
  });
});

describe('what outreach adds to the home page', () => {
  it('the first receptions ahead: one query, without counting the rest', async () => {
    const outreach = createPublicOutreachService(t.database.db);
    queries = 0;
    await outreach.soonest(new Date(), 3);
    expect(queries).toBe(1);
  });
});

async function areaIdOf(organizationId: string): Promise<string> {
  return (await t.database.db.selectFrom('organization').select('area_id').where('id', '=', organizationId).executeTakeFirstOrThrow()).area_id ?? '';
}
