// The secretariat's matrix at full size: a plan of 40 quarterly items for every region maslikhat
// over five years (2021–2025: 17 regions, then 20 from June 2022), about 15,000 reports in every
// state with a revision and a value each, generated deterministically; then the matrix page
// (/kk/office/plan/{id}/matrix, signed in as the secretariat) is rendered in-process (app.inject)
// and timed, on PGlite and, when BENCH_DATABASE_URL is given (e.g.
// postgres://root@127.0.0.1:5432/postgres), on PostgreSQL in a scratch database dropped at the end.
// Prints p50/p95; never asserts. Usage: npm run bench:plan, or node bench/plan.mjs: either way the
// code measured is compiled afresh into a private temporary directory (dist/ is shared and left
// alone). Also timed: the whole plan's matrix, its XLSX export and the public plan page (rendered,
// not from the page cache). BENCH_RUNS (default 50); BENCH_SKIP_PGLITE=1 measures PostgreSQL only;
// BENCH_KEEP=1 keeps the scratch database to study; BENCH_URLS (comma-separated paths after
// /kk/office/plan/{id}) measures those instead (e.g. "/matrix?period=2023-Q2,/matrix.csv").
import { sql } from 'kysely';
import { integerSetting, loadAverage, measureOnEachDatabase, privateBuild, random, say, timePages } from './support.mjs';

// With BENCH_FROM=<commit>, that commit's sources overlaid with the working tree's copies of the
// paths in BENCH_WITH (comma-separated, e.g. src/features/plan): a shared working tree may hold
// someone's half-made change that does not compile.
const { load } = privateBuild({ name: 'plan', from: process.env.BENCH_FROM, overlay: process.env.BENCH_WITH });
const { buildApp } = await load('app.js');
const { loadConfig } = await load('core/config.js');
const { openDatabase } = await load('core/db/connect.js');
const { migrateToLatest } = await load('core/db/migrate.js');
const { hashToken } = await load('core/auth/token-hash.js');
const { newId } = await load('core/ids.js');
const { recordDecision } = await load('features/registry/decisions.js');
const { seedReferenceData } = await load('features/registry/registry.seed.js');

const runs = integerSetting('BENCH_RUNS', 50, 5);
/** What is timed, signed in as the secretariat (so the public page is rendered, never served from the page cache). */
const views = process.env.BENCH_URLS
  ? process.env.BENCH_URLS.split(',').map((tail) => ({ name: tail.slice(0, 36), path: `/office/plan/{plan}${tail}` }))
  : [
      { name: 'matrix (the latest quarter, default)', path: '/office/plan/{plan}/matrix' },
      { name: 'matrix, the whole plan', path: '/office/plan/{plan}/matrix?period=all' },
      { name: 'matrix.xlsx (default)', path: '/office/plan/{plan}/matrix.xlsx' },
      { name: 'public plan page', path: '/plan/{plan}' },
    ];
const items = 40;
const years = [2021, 2022, 2023, 2024, 2025];

async function insertMany(db, table, rows) {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto(table).values(rows.slice(i, i + 500)).execute();
}

/** The plan, its items, indicators and reports; and a secretariat session. Returns the plan id and the cookie. */
async function generate(db) {
  const next = random(20210101); // so every run builds the same plan
  const council = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
  const decisionId = await recordDecision(db, { organizationId: council, number: '1', date: '2020-12-25', kind: 'plan_adoption', title: { kk: 'Жоспар туралы', ru: 'О плане', en: 'On the plan' }, body: null });
  const planId = newId();
  await db.insertInto('plan').values({ id: planId, organization_id: council, title: { kk: 'Бенчмарк жоспары', ru: 'План для замера', en: 'Benchmark plan' }, period_start: '2021-01-01', period_end: '2025-12-31', status: 'adopted', adoption_decision_id: decisionId }).execute();
  const sections = [1, 2, 3, 4].map((position) => ({ id: newId(), plan_id: planId, position, title: { kk: `Бөлім ${position}`, ru: `Раздел ${position}`, en: `Section ${position}` } }));
  await insertMany(db, 'plan_section', sections);
  const itemRows = [];
  const responsible = [];
  const indicators = [];
  for (let i = 1; i <= items; i += 1) {
    const id = newId();
    itemRows.push({ id, plan_id: planId, section_id: sections[(i - 1) % 4].id, position: i, number: String(i), action: { kk: `Іс-шара ${i}`, ru: `Мероприятие ${i}`, en: `Action ${i}` }, starts_on: '2021-01-01', deadline_kind: 'quarterly', deadline: '2025-12-31', due_offset_days: 10 });
    responsible.push({ id: newId(), item_id: id, organization_id: null, body_group: 'region_maslikhats', role: 'lead' });
    indicators.push({ id: newId(), item_id: id, position: 1, name: { kk: 'Көрсеткіш', ru: 'Показатель', en: 'Indicator' }, unit: { kk: 'бірлік', ru: 'ед.', en: 'units' }, target: 1000 });
  }
  await insertMany(db, 'plan_item', itemRows);
  await insertMany(db, 'plan_item_responsible', responsible);
  await insertMany(db, 'plan_indicator', indicators);

  const regions = await db
    .selectFrom('organization as o')
    .innerJoin('area as a', 'a.id', 'o.area_id')
    .select(['o.id', 'o.founding_date', 'o.dissolution_date', 'a.valid_from', 'a.valid_to'])
    .where('o.classification', '=', 'maslikhat')
    .where('o.maslikhat_level', 'in', ['region', 'city_of_republican_significance'])
    .execute();
  const on = (from, to, day) => (!from || String(from) <= day) && (!to || String(to) >= day);
  const reports = [];
  const revisions = [];
  const values = [];
  for (const [i, item] of itemRows.entries()) {
    for (const year of years) {
      for (let q = 0; q < 4; q += 1) {
        const start = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
        const end = new Date(Date.UTC(year, q * 3 + 3, 0)).toISOString().slice(0, 10);
        const due = new Date(Date.UTC(year, q * 3 + 3, 10)).toISOString().slice(0, 10);
        for (const r of regions.filter((x) => on(x.founding_date, x.dissolution_date, end) && on(x.valid_from, x.valid_to, end))) {
          const roll = next();
          if (roll < 0.1) continue; // nothing filed
          const state = roll < 0.75 ? 'accepted' : roll < 0.85 ? 'submitted' : roll < 0.92 ? 'returned' : 'draft';
          const id = newId();
          const filed = state !== 'draft';
          const at = new Date(`${due}T06:00:00Z`);
          at.setUTCDate(at.getUTCDate() + Math.floor(next() * 10) - 7);
          reports.push({ id, item_id: item.id, organization_id: r.id, period_start: start, period_end: end, due_on: due, state, revision: filed ? 1 : 0, first_submitted_at: filed ? at : null, accepted_at: state === 'accepted' ? at : null });
          if (!filed) continue;
          const revisionId = newId();
          revisions.push({ id: revisionId, report_id: id, revision: 1, body: { ru: `Отчёт по пункту ${i + 1} за ${year}-Q${q + 1}` }, submitted_at: at, review: state === 'accepted' ? 'accepted' : state === 'returned' ? 'returned' : null, reviewed_at: state === 'accepted' || state === 'returned' ? at : null });
          values.push({ revision_id: revisionId, indicator_id: indicators[i].id, value: Math.floor(next() * 100) });
        }
      }
    }
  }
  await insertMany(db, 'plan_report', reports);
  await insertMany(db, 'plan_report_revision', revisions);
  await insertMany(db, 'plan_report_value', values);

  const accountId = newId();
  await db.insertInto('account').values({ id: accountId, email: 'bench-secretariat@example.kz', display_name: 'Bench', password_hash: 'x' }).execute();
  await db.insertInto('role_grant').values({ id: newId(), account_id: accountId, role: 'secretariat', organization_id: council, valid_from: null, valid_to: null, created_by: null, revoked_at: null, revoked_by: null }).execute();
  const token = `bench-${newId()}`;
  await db.insertInto('session').values({ id: newId(), token_hash: hashToken(token), account_id: accountId, expires_at: new Date(Date.now() + 86_400_000), ip: null, user_agent: 'bench', second_factor_at: new Date() }).execute();
  return { planId, cookie: `kenes_session=${token}`, reports: reports.length };
}

async function measure(label, database) {
  const t = performance.now();
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  const { planId, cookie, reports } = await generate(database.db);
  // Fresh statistics, as autovacuum would have them on a database that grew over five years.
  await sql`analyze`.execute(database.db);
  say(`${label}: migrated, seeded and generated ${items} items × 20 regions × ${years.length * 4} quarters (${reports} reports) in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted).`);
  const app = await buildApp({ config: loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' }), database, logger: false });
  const pages = views.map((view) => ({ name: view.name, url: `/kk${view.path.replace('{plan}', planId)}`, headers: { cookie } }));
  return (await timePages(app, pages, runs)).map((row) => ({ label, ...row }));
}

const results = await measureOnEachDatabase({ openDatabase, adminUrl: process.env.BENCH_DATABASE_URL, name: `kenes_bench_plan_${process.pid}` }, measure);

say();
say(`${items} items × 20 regions × 5 years quarterly, ${runs} renders each (ms; goal: the matrix's p95 under 100); load average ${loadAverage()}`);
say('database    view                                   p50      p95      max    page');
for (const r of results) say(`${r.label.padEnd(10)}  ${r.view.padEnd(36)} ${r.p50.toFixed(1).padStart(6)}  ${r.p95.toFixed(1).padStart(7)}  ${r.max.toFixed(1).padStart(7)}  ${r.kb.toFixed(0).padStart(4)} KB`);
