// `kenes seed --demo`: an autumn 2020 of outreach about the Address in every region, marked demo,
// with the deputies of the day present, seeded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { page } from '../../../test/support/page.js';
import { createDeputy } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedDemoOutreach, type DemoOutreachResult } from './demo-outreach.js';

let t: TestApp;
let first: DemoOutreachResult;
let deputy: { personId: string };

beforeAll(async () => {
  t = await createTestApp();
  deputy = await createDeputy(t.database.db, { maslikhat: '270000000', person: { name: { kk: 'Әлия Депутат', ru: 'Алия Депутат', en: 'Aliya Deputy' } }, startDate: '2016-03-20' });
  first = await seedDemoOutreach(t.database.db);
});
afterAll(() => t.close());

describe('seedDemoOutreach', () => {
  it('adds eight demo events in autumn 2020 and two planned in the weeks ahead for every region\'s maslikhat, once', async () => {
    expect(first.outcome).toBe('added');
    expect(first.regions).toBeGreaterThanOrEqual(17);
    expect(first).toMatchObject({ events: first.regions * 10, planned: first.regions * 2 });
    const { rows } = await sql<{ regions: number; demo: number; n: number; first: string; last: string; ahead: number }>`
      select count(distinct organization_id)::int as regions, count(*) filter (where is_demo)::int as demo, count(*)::int as n,
        min((starts_at at time zone time_zone)::date)::text as first,
        max((starts_at at time zone time_zone)::date) filter (where starts_at < now())::text as last,
        count(*) filter (where starts_at > now())::int as ahead
      from outreach_event`.execute(t.database.db);
    expect(rows[0]).toMatchObject({ regions: first.regions, demo: first.events, n: first.events, ahead: first.planned });
    expect(rows[0]!.first >= '2020-09-01' && rows[0]!.last <= '2020-12-31').toBe(true);
    expect(await seedDemoOutreach(t.database.db)).toEqual({ outcome: 'present', events: 0, planned: 0, regions: 0 });
  });

  it('lists the planned receptions on the public page of receptions ahead', async () => {
    const p = page((await t.app.inject({ method: 'GET', url: '/en/receptions?region=270000000' })).body);
    expect(p.text()).toContain("Citizens' reception");
  });

  it('names the deputies of the day, and the topics of the Address', async () => {
    const present = await t.database.db.selectFrom('outreach_event_deputy').select('event_id').where('person_id', '=', deputy.personId).execute();
    expect(present.length).toBeGreaterThan(0);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/outreach-events?region=270000000&topic=address-2020-social-policy' });
    const body = res.json<{ total: number; data: { is_demo: boolean; deputies: { name: { en: string } }[] }[] }>();
    expect(body.total).toBe(1);
    expect(body.data[0]).toMatchObject({ is_demo: true, deputies: [{ name: { en: 'Aliya Deputy' } }] });
  });

  it('shows a held demo event on the public pages', async () => {
    const id = (await t.database.db.selectFrom('outreach_event').select('id').where('public', '=', true).orderBy('starts_at').executeTakeFirstOrThrow()).id;
    const p = page((await t.app.inject({ method: 'GET', url: `/kk/receptions/${id}` })).body);
    expect(p.heading).toContain('Сайлаушылармен кездесу');
  });
});
