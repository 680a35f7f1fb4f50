// Outreach analytics at the country's scale (issue 13): five years (December 2021 – November 2026)
// of every region maslikhat's outreach — 2,000,000 events (each with a topic) and 500,000 citizens'
// questions in every state — generated deterministically in SQL (generate_series, in batches of
// 100,000 rows, the rollup triggers of migration 0022 firing per batch as they would for any
// insert); then a region's dashboard and the national map page are rendered in-process
// (app.inject, page cache off, anonymous) and timed, on PGlite and, when BENCH_DATABASE_URL is given
// (e.g. postgres://root@127.0.0.1:5432/postgres), on PostgreSQL in a scratch database dropped at
// the end. Prints p50/p95 against the goals (p95 < 100 ms on PostgreSQL, < 300 ms on PGlite);
// never asserts. Usage: npm run bench:outreach. The code measured is compiled afresh into a private
// temporary directory (as bench/plan.mjs does). BENCH_EVENTS (default 2000000) and BENCH_QUESTIONS
// (default a quarter of the events) scale it down on a busy machine, BENCH_PGLITE_EVENTS (and
// BENCH_PGLITE_QUESTIONS) PGlite's alone; BENCH_RUNS (default 50);
// BENCH_SKIP_PGLITE=1 measures PostgreSQL only; BENCH_KEEP=1 keeps the scratch database.
import { sql } from 'kysely';
import { integerSetting, loadAverage, measureOnEachDatabase, privateBuild, say, timePages } from './support.mjs';

const events = integerSetting('BENCH_EVENTS', 2_000_000);
const questions = integerSetting('BENCH_QUESTIONS', Math.max(1, Math.round(events / 4)));
/** PGlite's size when it differs (the embedded engine generates rows several times slower). */
const pgliteEvents = integerSetting('BENCH_PGLITE_EVENTS', events);
const pgliteQuestions = integerSetting('BENCH_PGLITE_QUESTIONS', Math.max(1, Math.round((pgliteEvents / events) * questions)));
const runs = integerSetting('BENCH_RUNS', 50);
const batch = 100_000;

const { load } = privateBuild({ name: 'outreach' });
const { buildApp } = await load('app.js');
const { loadConfig } = await load('core/config.js');
const { openDatabase } = await load('core/db/connect.js');
const { migrateToLatest } = await load('core/db/migrate.js');
const { seedReferenceData } = await load('features/registry/registry.seed.js');
const { seedCalendar } = await load('features/calendar/calendar.seed.js');
const { seedOutreachTopics } = await load('features/outreach/outreach.seed.js');

/** Five years to the end of November 2026, in seconds from the first instant. */
const firstInstant = '2021-12-01T00:00:00+05:00';
const spanSeconds = 1826 * 86_400;
const views = [
  { name: 'region dashboard, last 12 months', path: '/kk/outreach?region=270000000&from=2025-12&to=2026-11' },
  { name: 'region dashboard, five years', path: '/kk/outreach?region=270000000&from=2021-12&to=2026-11&measure=onTime' },
  { name: 'national map, last 12 months', path: '/kk/outreach?from=2025-12&to=2026-11&measure=reach' },
  { name: 'national map, five years', path: '/kk/outreach?from=2021-12&to=2026-11' },
  { name: 'open data, national, five years', path: '/api/v1/outreach-stats?from=2021-12&to=2026-11' },
];

/** Every region maslikhat with its area and zone, the topics; then the events and questions in batches. */
async function generate(db, eventCount, questionCount) {
  const maslikhats = await db
    .selectFrom('organization as o')
    .innerJoin('area as a', 'a.id', 'o.area_id')
    .select(['o.id', 'a.id as areaId', 'a.time_zone as zone'])
    .where('o.classification', '=', 'maslikhat')
    .where('o.maslikhat_level', 'in', ['region', 'city_of_republican_significance'])
    .orderBy('a.kato')
    .execute();
  const topics = (await db.selectFrom('outreach_topic').select('id').orderBy('position').orderBy('id').execute()).map((t) => t.id);
  const orgs = sql`${sql.raw(`array[${maslikhats.map((m) => `'${m.id}'`).join(',')}]::uuid[]`)}`;
  const areas = sql`${sql.raw(`array[${maslikhats.map((m) => `'${m.areaId}'`).join(',')}]::uuid[]`)}`;
  const zones = sql`${sql.raw(`array[${maslikhats.map((m) => `'${m.zone}'`).join(',')}]::text[]`)}`;
  const topicIds = sql`${sql.raw(`array[${topics.map((id) => `'${id}'`).join(',')}]::uuid[]`)}`;
  const n = maslikhats.length;
  let t = performance.now();
  for (let from = 1; from <= eventCount; from += batch) {
    const to = Math.min(eventCount, from + batch - 1);
    await sql`
      insert into outreach_event (id, organization_id, region_area_id, kind, starts_at, time_zone, settlement, tags, audience_total, summary, public, is_demo)
      select md5('event' || g)::uuid, (${orgs})[1 + g % ${n}], (${areas})[1 + g % ${n}],
        (array['meeting_with_voters', 'reception', 'visit', 'media', 'online'])[1 + (g * 7) % 5],
        ${firstInstant}::timestamptz + ((g::bigint * 7919) % ${spanSeconds}) * interval '1 second', (${zones})[1 + g % ${n}],
        'Bench', '{}', 5 + (g * 13) % 300, 'Bench', g % 5 <> 0, false
      from generate_series(${from}::int, ${to}::int) g`.execute(db);
    await sql`
      insert into outreach_event_topic (event_id, topic_id)
      select md5('event' || g)::uuid, (${topicIds})[1 + (g * 3) % ${topics.length}] from generate_series(${from}::int, ${to}::int) g`.execute(db);
  }
  const eventSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (let from = 1; from <= questionCount; from += batch) {
    const to = Math.min(questionCount, from + batch - 1);
    await sql`
      insert into citizen_question (id, reference, organization_id, channel, area_id, body, language, consent_at, state, registered_on, due_date, answered_at, closed_at, tracking_token_hash, is_demo)
      select md5('question' || g)::uuid, 'B-' || g, (${orgs})[1 + g % ${n}], (array['form', 'event'])[1 + g % 2], (${areas})[1 + g % ${n}], 'Bench', 'kk',
        r.day::timestamptz, s.state, r.day, r.day + 21,
        case when s.state in ('answered', 'closed') then r.day + (g % 30) + time '10:00' end,
        case when s.state = 'closed' then r.day + (g % 30) + 1 + time '10:00' end,
        md5('token' || g), false
      from generate_series(${from}::int, ${to}::int) g
      cross join lateral (select date '2021-12-01' + ((g * 7) % 1826) as day) r
      cross join lateral (select (array['registered', 'in_work', 'forwarded', 'answered', 'answered', 'answered', 'closed', 'closed', 'closed', 'closed'])[1 + (g * 3) % 10] as state) s`.execute(db);
  }
  return { eventSeconds, questionSeconds: (performance.now() - t) / 1000, regions: n };
}

async function measure(label, database, size) {
  const t = performance.now();
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  await seedCalendar(database.db);
  await seedOutreachTopics(database.db);
  const generated = await generate(database.db, size.events, size.questions);
  await sql`analyze`.execute(database.db);
  const counts = await sql`select (select count(*) from outreach_event)::int as events, (select count(*) from citizen_question)::int as questions,
    (select count(*) from outreach_stat_event)::int as event_rollups, (select coalesce(sum(events), 0)::int from outreach_stat_event) as counted`.execute(database.db);
  const c = counts.rows[0];
  say(
    `${label}: ${c.events.toLocaleString('en')} events (${generated.eventSeconds.toFixed(1)} s with their topics and the rollup triggers) and ${c.questions.toLocaleString('en')} questions (${generated.questionSeconds.toFixed(1)} s) over ${generated.regions} region maslikhats; ${c.event_rollups.toLocaleString('en')} event rollup rows counting ${c.counted.toLocaleString('en')} events; ${((performance.now() - t) / 1000).toFixed(1)} s in all (not timed).`,
  );
  const app = await buildApp({ config: loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', KENES_PAGE_CACHE_MB: '0' }), database, logger: false });
  const pages = views.map((view) => ({ name: view.name, url: view.path }));
  return (await timePages(app, pages, runs)).map((row) => ({ size: `${(size.events / 1e6).toFixed(2)}M`, label, ...row }));
}

const sizes = { PGlite: { events: pgliteEvents, questions: pgliteQuestions }, PostgreSQL: { events, questions } };
const results = await measureOnEachDatabase({ openDatabase, adminUrl: process.env.BENCH_DATABASE_URL, name: `kenes_bench_outreach_${process.pid}` }, (label, database) => measure(label, database, sizes[label]));

say();
const goal = { PGlite: 300, PostgreSQL: 100 };
say(`Five years; ${runs} renders each, page cache off (ms; goals: p95 < 100 on PostgreSQL, < 300 on PGlite); load average ${loadAverage()}`);
say('database    events  view                                   p50      p95      max    page  goal');
for (const r of results) {
  say(`${r.label.padEnd(10)}  ${r.size.padStart(6)}  ${r.view.padEnd(36)} ${r.p50.toFixed(1).padStart(6)}  ${r.p95.toFixed(1).padStart(7)}  ${r.max.toFixed(1).padStart(7)}  ${r.kb.toFixed(0).padStart(4)} KB  ${r.p95 < goal[r.label] ? 'met' : 'NOT met'}`);
}
