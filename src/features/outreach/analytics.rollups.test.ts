// The outreach rollups (migration 0022) equal a direct count of the source rows after random
// inserts, updates and deletes of events, their topics and citizens' questions.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../core/db/connect.js';
import { outreachEventKinds } from '../../core/db/database.js';
import { newId } from '../../core/ids.js';
import { maslikhatId } from '../../../test/support/registry-factories.js';
import { createTestDatabase } from '../../../test/support/test-db.js';

let database: DatabaseHandle;
let db: Db;
const orgs: { id: string; areaId: string; zone: string }[] = [];
let topics: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  for (const kato of ['270000000', '710000000', '750000000']) {
    const id = await maslikhatId(db, kato);
    const area = await db.selectFrom('organization as o').innerJoin('area as a', 'a.id', 'o.area_id').select(['a.id', 'a.time_zone']).where('o.id', '=', id).executeTakeFirstOrThrow();
    orgs.push({ id, areaId: area.id, zone: area.time_zone });
  }
  topics = (await db.selectFrom('outreach_topic').select('id').orderBy('position').limit(4).execute()).map((t) => t.id);
});
afterAll(() => database.close());

const instant = fc.integer({ min: Date.UTC(2021, 10, 1), max: Date.UTC(2022, 2, 1) }).map((ms) => new Date(ms));
const day = fc.integer({ min: Date.UTC(2021, 10, 1), max: Date.UTC(2022, 2, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const operation = fc.oneof(
  fc.record({ op: fc.constant('event' as const), org: fc.nat(2), at: instant, kind: fc.constantFrom(...outreachEventKinds), audience: fc.option(fc.nat(500)), public: fc.boolean(), topics: fc.subarray([0, 1, 2, 3]) }),
  fc.record({ op: fc.constant('moveEvent' as const), pick: fc.nat(), org: fc.nat(2), at: instant, public: fc.boolean(), audience: fc.option(fc.nat(500)) }),
  fc.record({ op: fc.constant('retopic' as const), pick: fc.nat(), topics: fc.subarray([0, 1, 2, 3]) }),
  fc.record({ op: fc.constant('deleteEvent' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('question' as const), org: fc.nat(2), on: day, due: fc.option(day) }),
  fc.record({ op: fc.constant('answer' as const), pick: fc.nat(), at: instant }),
  fc.record({ op: fc.constant('extend' as const), pick: fc.nat(), to: day, state: fc.constantFrom('in_work' as const, 'forwarded' as const, 'closed' as const) }),
  fc.record({ op: fc.constant('deleteQuestion' as const), pick: fc.nat() }),
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function pick(table: 'outreach_event' | 'citizen_question', n: number): Promise<string | undefined> {
  const rows = await db.selectFrom(table).select('id').orderBy('id').execute();
  return rows.length ? rows[n % rows.length]!.id : undefined;
}

async function run(o: Operation): Promise<void> {
  switch (o.op) {
    case 'event': {
      const org = orgs[o.org]!;
      const id = newId();
      await db
        .insertInto('outreach_event')
        .values({ id, organization_id: org.id, region_area_id: o.org === 2 ? null : org.areaId, district_area_id: null, kind: o.kind, starts_at: o.at, ends_at: null, time_zone: org.zone, settlement: 'X', address: null, tags: [], audience_total: o.audience, audience_youth: null, audience_elderly: null, audience_entrepreneurs: null, audience_women: null, audience_other: null, summary: null, summary_language: null, public: o.public, created_by: null })
        .execute();
      if (o.topics.length) await db.insertInto('outreach_event_topic').values(o.topics.map((i) => ({ event_id: id, topic_id: topics[i]! }))).execute();
      return;
    }
    case 'moveEvent': {
      const id = await pick('outreach_event', o.pick);
      const org = orgs[o.org]!;
      if (id) await db.updateTable('outreach_event').set({ organization_id: org.id, region_area_id: org.areaId, time_zone: org.zone, starts_at: o.at, public: o.public, audience_total: o.audience }).where('id', '=', id).execute();
      return;
    }
    case 'retopic': {
      const id = await pick('outreach_event', o.pick);
      if (!id) return;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('outreach_event_topic').where('event_id', '=', id).execute();
        if (o.topics.length) await trx.insertInto('outreach_event_topic').values(o.topics.map((i) => ({ event_id: id, topic_id: topics[i]! }))).execute();
      });
      return;
    }
    case 'deleteEvent': {
      const id = await pick('outreach_event', o.pick);
      if (id) await db.deleteFrom('outreach_event').where('id', '=', id).execute();
      return;
    }
    case 'question': {
      const org = orgs[o.org]!;
      const id = newId();
      await db
        .insertInto('citizen_question')
        .values({ id, reference: `Q-${id}`, organization_id: org.id, channel: 'form', applicant_name: null, contact_email: null, contact_phone: null, area_id: org.areaId, settlement: null, body: 'q', language: 'ru', consent_at: new Date(), registered_on: o.on, due_date: o.due, tracking_token_hash: id, created_at: new Date(), updated_at: new Date() })
        .execute();
      return;
    }
    case 'answer': {
      const id = await pick('citizen_question', o.pick);
      if (id) await db.updateTable('citizen_question').set({ state: 'answered', answered_at: o.at, answer: 'a' }).where('id', '=', id).execute();
      return;
    }
    case 'extend': {
      const id = await pick('citizen_question', o.pick);
      if (id) await db.updateTable('citizen_question').set({ extended_due_date: o.to, state: o.state }).where('id', '=', id).execute();
      return;
    }
    case 'deleteQuestion': {
      const id = await pick('citizen_question', o.pick);
      if (id) await db.deleteFrom('citizen_question').where('id', '=', id).execute();
      return;
    }
  }
}

/** The rollups' non-zero rows, and the same figures counted directly (the test maslikhats' areas are regions). */
async function compare() {
  const q = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  const rollup = {
    events: await q(sql`select region_area_id, month::text, public, kind, events::int, audience::int from outreach_stat_event where events <> 0 or audience <> 0 order by 1, 2, 3, 4`),
    topics: await q(sql`select region_area_id, month::text, public, topic_id, events::int from outreach_stat_topic where events <> 0 order by 1, 2, 3, 4`),
    questions: await q(sql`select region_area_id, month::text, registered::int, answered::int, answered_on_time::int from outreach_stat_question where registered <> 0 or answered <> 0 or answered_on_time <> 0 order by 1, 2`),
    open: await q(sql`select region_area_id, month::text, due_on::text, open::int from outreach_stat_question_open where open <> 0 order by 1, 2, 3`),
  };
  const direct = {
    events: await q(sql`
      select coalesce(e.region_area_id, o.area_id) as region_area_id, to_char(e.starts_at at time zone e.time_zone, 'YYYY-MM-01') as month, e.public, e.kind, count(*)::int as events, coalesce(sum(e.audience_total), 0)::int as audience
      from outreach_event e join organization o on o.id = e.organization_id group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
    topics: await q(sql`
      select coalesce(e.region_area_id, o.area_id) as region_area_id, to_char(e.starts_at at time zone e.time_zone, 'YYYY-MM-01') as month, e.public, t.topic_id, count(*)::int as events
      from outreach_event_topic t join outreach_event e on e.id = t.event_id join organization o on o.id = e.organization_id group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
    questions: await q(sql`
      select o.area_id as region_area_id, to_char(q.registered_on, 'YYYY-MM-01') as month, count(*)::int as registered, count(q.answered_at)::int as answered,
        count(*) filter (where (q.answered_at at time zone 'Asia/Almaty')::date <= coalesce(q.extended_due_date, q.due_date))::int as answered_on_time
      from citizen_question q join organization o on o.id = q.organization_id group by 1, 2 order by 1, 2`),
    open: await q(sql`
      select o.area_id as region_area_id, to_char(q.registered_on, 'YYYY-MM-01') as month, coalesce(q.extended_due_date, q.due_date)::text as due_on, count(*)::int as open
      from citizen_question q join organization o on o.id = q.organization_id
      where q.state in ('registered', 'in_work') and coalesce(q.extended_due_date, q.due_date) is not null group by 1, 2, 3 order by 1, 2, 3`),
  };
  return { rollup, direct };
}

describe('outreach rollups (migration 0022)', () => {
  it('equal a direct count after random inserts, updates and deletes of events, topics and questions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        for (const o of operations) await run(o);
        const { rollup, direct } = await compare();
        expect(rollup).toEqual(direct);
      }),
      { numRuns: 12, seed: 1302 },
    );
    const { direct } = await compare();
    expect(direct.events.length).toBeGreaterThan(0);
  });

  it('are rebuilt from the source rows by outreach_stats_rebuild()', async () => {
    await sql`select outreach_stats_rebuild()`.execute(db);
    const { rollup, direct } = await compare();
    expect(rollup).toEqual(direct);
  });
});
