// The search index at size: 200,000 documents in Kazakh, Russian and English (news, meetings,
// decisions, deputies' names), generated deterministically and written through the index's own
// path (core/search/search-index.ts: our analysis, fingerprints, chunks); then typical queries are
// timed through search() — the same call the page and the API make — on PGlite and on PostgreSQL,
// each beside a floor: a bare primary-key read of one document on the same connection.
// Prints p50/p95 and their ratio to the floor; never asserts.
// Usage: npm run bench:search, or node bench/search.mjs. The code measured is compiled afresh into a
// private temporary directory (dist/ is shared and left alone). BENCH_DOCUMENTS (default 200000),
// BENCH_RUNS (default 40), BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres; a
// scratch database is created and dropped), BENCH_SKIP_PGLITE=1, BENCH_SKIP_POSTGRES=1, BENCH_KEEP=1 keeps the scratch database.
import { sql } from 'kysely';
import { integerSetting, loadAverage, measureOnEachDatabase, privateBuild, random, say, timed } from './support.mjs';

// The index, the database connection and the migrations (and what they import), compiled privately.
const { load } = privateBuild({ name: 'search', files: ['src/core/search/search-index.ts', 'src/core/db/connect.ts', 'src/core/db/migrate.ts'] });
const { createSearchIndex } = await load('core/search/search-index.js');
const { openDatabase } = await load('core/db/connect.js');
const { migrateToLatest } = await load('core/db/migrate.js');

const total = Number(process.env.BENCH_DOCUMENTS ?? 200_000);
const runs = integerSetting('BENCH_RUNS', 40, 5);

const words = {
  kk: 'мәслихат мәслихаттың мәслихаттары мәслихаттардың депутат депутаттар депутаттармен сессия сессиясы отырыс отырысы отырыста шешім шешімі шешімдер заң заңы заңдарды заңгер бюджет бюджеті облыс облысының аудан ауданы қала қаласы тұрғындар тұрғындармен сайлаушы сайлаушылар сайлаушылармен жоспар жоспары комиссия комиссиясы мәселе мәселелері жол жолдары мектеп мектептер аурухана ауыл ауылдары су суы жұмыс жұмысы кеңес кеңесі Қазақстан Қазақстанның азамат азаматтар бағдарлама бағдарламасы даму дамыту туралы бойынша жөнінде жыл жылғы есеп есебі'.split(' '),
  ru: 'маслихат маслихата маслихатов депутат депутаты депутатами депутатов сессия сессии заседание заседания решение решения закон закона законов бюджет бюджета области района город города жители жителями избиратели избирателями план плана комиссия комиссии вопрос вопросы дороги дорог школа школы больница села вода работа работы совет совета Казахстан Казахстана граждане программа программы развитие развития о по году отчёт отчёта'.split(' '),
  en: 'maslikhat maslikhats deputy deputies session sessions meeting meetings decision decisions law laws budget budgets region regions district city residents voters plan plans committee question questions roads school schools hospital villages water work council Kazakhstan citizens programme development on the of year report reports'.split(' '),
};
/** Each language's vocabulary: its real words first, then 3,000 made-up ones from its syllables; picked Zipf-like (the first words most often). */
const syllables = { kk: 'қа ба ша ды мы лі ғы ңа өр ұл үс жа те ке бі сы ор ат ен ім'.split(' '), ru: 'ка ба ша ды мо ли го на ор ул ус жа те ке би сы ор ат ен им'.split(' '), en: 'ka ba sho di mo li go na or ul us ja te ke bi sy or at en im'.split(' ') };
for (const [language, list] of Object.entries(words)) {
  const next = random(language.charCodeAt(0) * 7919);
  const made = new Set();
  while (made.size < 3000) made.add(Array.from({ length: 2 + Math.floor(next() * 3) }, () => syllables[language][Math.floor(next() * 20)]).join(''));
  list.push(...[...made].filter((w) => !list.includes(w)));
}
const zipf = (next, list) => list[Math.floor(list.length * next() ** 2.5)];

const families = 'Мұқашев Сейітов Әбенов Құрманов Ғалымов Жұмабаев Тоқаев Омаров Нұрланов Серікбаев Ахметов Бекова Исаева Қасымова'.split(' ');
const given = 'Асқар Ерлан Айгүл Жанар Нұрлан Бақыт Гүлнар Дәурен Мәди Сәуле Арман Әсел'.split(' ');
const types = ['news', 'meeting', 'decision', 'deputy'];

/** Document i, the same every time it is asked for (so a source can give any subject again). */
function documentOf(i) {
  const next = random(1_000_003 + i);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const roll = next();
  const type = roll < 0.4 ? 'news' : roll < 0.7 ? 'meeting' : roll < 0.9 ? 'decision' : 'deputy';
  const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 4000) * 86_400_000).toISOString().slice(0, 10);
  const region = `${10 + Math.floor(next() * 20)}0000000`;
  if (type === 'deputy') {
    const language = next() < 0.5 ? 'kk' : 'ru';
    return { type, subjectId: `d-${i}`, language, title: `${pick(families)} ${pick(given)}`, body: '', path: `/deputies/${i}`, regionKato: region, date: null, audience: 'public' };
  }
  const language = next() < 0.45 ? 'kk' : next() < 0.8 ? 'ru' : 'en';
  const list = words[language];
  const title = Array.from({ length: 6 }, () => zipf(next, list)).join(' ');
  const body = Array.from({ length: 40 }, () => zipf(next, list)).join(' ') + '.';
  return { type, subjectId: `${type[0]}-${i}`, language, title, body, path: `/${type}/${i}`, regionKato: region, date: day, audience: next() < 0.95 ? 'public' : 'office' };
}

const all = Array.from({ length: total }, (_, i) => documentOf(i));
const byType = Map.groupBy(all, (d) => d.type);
const bySubject = new Map(all.map((d) => [`${d.type}|${d.subjectId}`, d]));
const sources = types.map((type) => ({
  type,
  labelKey: 'search.title',
  names: type === 'deputy',
  tables: [],
  documents: async (_db, ids) => (ids ? ids.map((id) => bySubject.get(`${type}|${id}`)).filter(Boolean) : byType.get(type) ?? []).map(({ type: _type, ...d }) => d),
}));

const queries = [
  ['kk: мәслихаттардың', { q: 'мәслихаттардың' }],
  ['kk: заңдарды бюджет', { q: 'заңдарды бюджет' }],
  ['kk Latin: mäslihat', { q: 'mäslihat' }],
  ['kk: сайлаушылармен (rarer)', { q: 'сайлаушылармен' }],
  ['ru: депутатами', { q: 'депутатами' }],
  ['ru: бюджет района', { q: 'бюджет района' }],
  ['en: council meetings', { q: 'council meetings' }],
  ['name: Мукашев', { q: 'Мукашев', types: ['deputy'] }],
  ['kk + filters (news, region, dates)', { q: 'мәслихат', types: ['news'], region: '100000000', from: '2018-01-01', to: '2020-12-31' }],
  ['nothing found', { q: 'zzzqqxxyy' }],
];

async function measure(label, database) {
  let t = performance.now();
  await migrateToLatest(database.db);
  const index = createSearchIndex(database);
  for (const source of sources) index.register(source);
  const written = await index.reindexAll({ rebuild: true });
  await sql`analyze search_document`.execute(database.db);
  say(`${label}: indexed ${written} documents in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted).`);
  // Three warm-up calls each (not counted), then the runs timed.
  const floor = await timed(() => sql`select type from search_document where type = 'news' and subject_id = 'n-1' and language = 'kk'`.execute(database.db), runs, 3);
  const rows = [{ label, query: 'floor: one document by its key', ...floor, hits: 1 }];
  for (const [name, request] of queries) {
    const ask = () => index.search({ page: 1, pageSize: 20, prefer: 'kk', ...request });
    const first = await ask();
    const times = await timed(ask, runs, 3);
    rows.push({ label, query: name, ...times, hits: first.total, floor });
  }
  await index.close();
  return rows;
}

const results = await measureOnEachDatabase(
  {
    openDatabase,
    adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
    name: `kenes_bench_search_${process.pid}`,
    postgres: process.env.BENCH_SKIP_POSTGRES !== '1',
    skipUnreachable: true,
  },
  measure,
);

say();
say(`${total} documents (kk/ru/en), page of 20, ${runs} runs each (ms; goal: p95 under 50 on PostgreSQL); load average ${loadAverage()}`);
say('database    query                                  p50      p95   ×floor p50  ×floor p95     hits');
for (const r of results) {
  const ratio = (a, b) => (b ? (a / b).toFixed(0) : '1').padStart(10);
  say(`${r.label.padEnd(10)}  ${r.query.padEnd(36)} ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}  ${ratio(r.p50, r.floor?.p50)}  ${ratio(r.p95, r.floor?.p95)}  ${String(r.hits).padStart(7)}`);
}
