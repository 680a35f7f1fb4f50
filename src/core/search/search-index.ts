// The search index: one table (search_document) that every feature feeds through a search source.
//
// A feature adds itself with one small file (`<feature>/search-source.ts`) and one line in its route
// plugin, `app.searchIndex.register(source)`. A source names its type, the message key of its label, the
// content tables whose changes affect it, the policy that shows its office documents, and one
// function: documents(db, ids?) — every document of the given subjects (all when ids is undefined),
// each public or office, in each language it has text in. The source decides what is public: it
// must be exactly what the public pages show.
//
// Kept current three ways:
// 1. Live (once the app listens): content tables announce changes on 'kenes_content' (migration 0013); the affected sources
//    are re-indexed after a short pause, on every instance (an advisory lock per type makes them take
//    turns; unchanged documents are skipped by their hash, so a second instance writes nothing).
// 2. At query time: the results on the page are checked against their sources before they are shown;
//    a thing unpublished, withdrawn or deleted a moment ago is left out at once (and re-indexed).
// 3. At start (an empty index is rebuilt before the app serves; a filled one is brought up to date in
//    the background) and by `kenes search reindex`.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { can } from '../auth/authorize.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Executor } from '../db/query.js';
import type { MessageKey } from '../i18n/messages.js';
import {
  analyseQuery,
  cleanText,
  documentVector,
  kazakhHighlight,
  markEnd,
  markStart,
  searchLanguages,
  snippetParts,
  type SearchLanguage,
  type SnippetPart,
} from './analyse.js';
import { foldForSearch } from '../text/fold.js';
import { releaseStartUpMemory } from '../start-up-memory.js';
import type { LocalizedText } from '../i18n/localized-text.js';

/** What a source gives the index for one subject in one language. */
export interface SearchDocument {
  subjectId: string;
  language: SearchLanguage;
  title: string;
  /** Plain text (cut to maxBodyLength). */
  body: string;
  /** The page inside the language ('/news/{id}'); office documents link to the office page. */
  path: string;
  /** The KATO code of the thing's region, if it has one (the region filter). */
  regionKato?: string | null;
  /** YYYY-MM-DD: the day the thing is dated by (the date filters). */
  date?: string | null;
  /** 'public': shown on public pages now; 'office': only signed-in staff allowed officeAction see it. */
  audience: 'public' | 'office';
}

export interface SearchSource {
  /** The kind of thing, lower case ('meeting', 'news', 'deputy'): the type filter's value. */
  type: string;
  /** The type's name as the filter and results show it. */
  labelKey: MessageKey;
  /** The policy (core/auth) whose holders also see this type's office documents. */
  officeAction?: string;
  /** Titles are names (people, organisations): a similar spelling finds them too (trigrams). */
  names?: boolean;
  /** The content tables whose changes may change this source's documents. */
  tables: readonly string[];
  /** Every document of the given subjects (all subjects when ids is undefined). */
  documents(db: Executor, ids?: readonly string[]): Promise<SearchDocument[]>;
}

/** What sources of the home organisation's things ask of the registry (its service has it). */
export interface HomeOrganization {
  homeOrganization(): Promise<{ id: string }>;
}

export interface SearchRequest {
  q: string;
  types?: readonly string[];
  language?: SearchLanguage;
  region?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  /** The page's language: of a subject found in several languages, this one is shown. */
  prefer: SearchLanguage;
  /** Who asks: office documents of the types whose officeAction they hold are included. Undefined: the public. */
  actor?: Actor | undefined;
}

export interface SearchHit {
  type: string;
  subjectId: string;
  language: SearchLanguage;
  title: SnippetPart[];
  snippet: SnippetPart[];
  path: string;
  date: string | null;
  regionKato: string | null;
  audience: 'public' | 'office';
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
  page: number;
  pages: number;
  /** The query had no word (only punctuation, or nothing): nothing was searched. */
  empty: boolean;
  /** More documents matched than are ranked (searchCandidates): the total is a lower bound. */
  capped: boolean;
}

/**
 * At most this many matching documents are ranked, the newest first: ranking every match of a common
 * word (75,000 of 200,000 documents) took about 1 s on PostgreSQL and 30 s on the embedded database,
 * whose one connection waits meanwhile. The newest thousand are chosen in the same order on both.
 */
export const searchCandidates = 1000;

export interface SearchIndex {
  register(source: SearchSource): void;
  sources(): SearchSource[];
  /** The types the actor may see office documents of. */
  officeTypes(actor: Actor | undefined): string[];
  search(request: SearchRequest): Promise<SearchResults>;
  /** Brings a type's documents (or some subjects') up to date; returns how many rows were written or removed. */
  reindex(type: string, ids?: readonly string[]): Promise<number>;
  /** Every source, in turn. */
  reindexAll(options?: { rebuild?: boolean }): Promise<number>;
  /** Starts re-indexing on content changes (done at start outside tests). */
  follow(): Promise<void>;
  /** Resolves when no re-indexing is pending or running. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The search index every feature feeds (core/search/search-index.ts). */
    searchIndex: SearchIndex;
  }
}

/** How long after a content change its sources are re-indexed (changes in between are gathered). */
/**
 * Changes are indexed once they pause this long (at most maxWaitMs after the first): a live sitting
 * changes its tables every few seconds, and on the embedded database a re-index's queries wait in
 * line with the screens following the sitting, which must see each change within a second.
 */
const debounceMs = 3000;
const maxWaitMs = 30_000;
const writeChunk = 100;

const hashOf = (d: SearchDocument) =>
  createHash('sha256')
    .update(JSON.stringify([d.title, d.body, d.path, d.regionKato ?? null, d.date ?? null, d.audience]))
    .digest('base64url');

/** Splits a highlighted string from ts_headline or our highlighter into parts (markers as in analyse.ts). */
const parts = (marked: string | null, fallback: string) => snippetParts(marked ?? fallback);

const headlineOptions = (whole: boolean) =>
  whole ? `StartSel=${markStart}, StopSel=${markEnd}, HighlightAll=true` : `StartSel=${markStart}, StopSel=${markEnd}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

interface Logger {
  error(obj: unknown, msg: string): void;
  info(obj: unknown, msg: string): void;
}

export function createSearchIndex(database: Pick<DatabaseHandle, 'db' | 'listen'>, log?: Logger): SearchIndex {
  const db = database.db;
  const registered = new Map<string, SearchSource>();
  let chain: Promise<unknown> = Promise.resolve();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstPendingAt: number | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let closed = false;

  /** Runs one job after the ones before it (one re-index at a time per instance). */
  function queue<T>(job: () => Promise<T>): Promise<T> {
    const run = chain.then(job, job);
    chain = run.catch(() => undefined);
    return run;
  }

  async function writeType(source: SearchSource, ids: readonly string[] | undefined): Promise<number> {
    if (ids && ids.length === 0) return 0;
    const documents = (await source.documents(db, ids)).map((d) => ({ ...d, title: cleanText(d.title, 1000), body: cleanText(d.body) }));
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`kenes.search.${source.type}`}))`.execute(trx);
      let existingQuery = trx.selectFrom('search_document').select(['subject_id', 'language', 'fingerprint']).where('type', '=', source.type);
      if (ids) existingQuery = existingQuery.where('subject_id', 'in', ids);
      const existing = new Map((await existingQuery.execute()).map((r) => [`${r.subject_id}|${r.language}`, r.fingerprint]));
      const changed: (SearchDocument & { hash: string })[] = [];
      for (const d of documents) {
        const key = `${d.subjectId}|${d.language}`;
        const hash = hashOf(d);
        if (existing.get(key) !== hash) changed.push({ ...d, hash });
        existing.delete(key);
      }
      const stale = [...existing.keys()];
      for (let i = 0; i < stale.length; i += writeChunk) {
        const keys = stale.slice(i, i + writeChunk);
        await trx
          .deleteFrom('search_document')
          .where('type', '=', source.type)
          .where(sql<boolean>`subject_id || '|' || language in (${sql.join(keys)})`)
          .execute();
      }
      for (let i = 0; i < changed.length; i += writeChunk) {
        await trx
          .insertInto('search_document')
          .values(
            changed.slice(i, i + writeChunk).map((d) => ({
              type: source.type,
              subject_id: d.subjectId,
              language: d.language,
              title: d.title,
              body: d.body,
              path: d.path,
              region_kato: d.regionKato ?? null,
              date: d.date ?? null,
              audience: d.audience,
              tsv: documentVector(d.language, d.title, d.body),
              title_folded: foldForSearch(d.title),
              fingerprint: d.hash,
              updated_at: new Date(),
            })),
          )
          .onConflict((oc) =>
            oc.columns(['type', 'subject_id', 'language']).doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              body: eb.ref('excluded.body'),
              path: eb.ref('excluded.path'),
              region_kato: eb.ref('excluded.region_kato'),
              date: eb.ref('excluded.date'),
              audience: eb.ref('excluded.audience'),
              tsv: eb.ref('excluded.tsv'),
              title_folded: eb.ref('excluded.title_folded'),
              fingerprint: eb.ref('excluded.fingerprint'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      return stale.length + changed.length;
    });
  }

  function sourceOf(type: string): SearchSource {
    const source = registered.get(type);
    if (!source) throw new Error(`No search source "${type}"`);
    return source;
  }

  const reindex = (type: string, ids?: readonly string[]) => queue(() => writeType(sourceOf(type), ids));

  async function reindexAll(options: { rebuild?: boolean } = {}): Promise<number> {
    return queue(async () => {
      if (options.rebuild) await db.deleteFrom('search_document').execute();
      else await db.deleteFrom('search_document').where('type', 'not in', [...registered.keys(), '']).execute();
      let written = 0;
      for (const source of registered.values()) written += await writeType(source, undefined);
      return written;
    });
  }

  function schedule(table: string) {
    if (closed) return;
    for (const source of registered.values()) if (source.tables.includes(table)) pending.add(source.type);
    if (!pending.size) return;
    firstPendingAt ??= Date.now();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      firstPendingAt = undefined;
      const types = [...pending];
      pending = new Set();
      for (const type of types) {
        reindex(type).catch((err: unknown) => log?.error({ err, type }, 'search re-indexing failed'));
      }
    }, Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - Date.now())));
  }

  function officeTypes(actor: Actor | undefined): string[] {
    if (!actor) return [];
    return [...registered.values()].filter((s) => s.officeAction && can(actor, s.officeAction)).map((s) => s.type);
  }

  interface Row {
    type: string;
    subject_id: string;
    language: SearchLanguage;
    title: string;
    body: string;
    path: string;
    region_kato: string | null;
    date: string | null;
    audience: 'public' | 'office';
    total: string | number;
    capped: boolean;
    title_marked: string | null;
    snippet_marked: string | null;
  }

  /** Leaves out hits whose source no longer gives them to this audience (and re-indexes those). */
  async function stillVisible(rows: Row[], office: Set<string>): Promise<Row[]> {
    const byType = Map.groupBy(rows, (r) => r.type);
    const gone = new Set<string>();
    for (const [type, list] of byType) {
      const source = registered.get(type);
      if (!source) {
        for (const r of list) gone.add(`${r.type}|${r.subject_id}`);
        continue;
      }
      const ids = [...new Set(list.map((r) => r.subject_id))];
      const current = await source.documents(db, ids);
      const visible = new Set(current.filter((d) => d.audience === 'public' || office.has(type)).map((d) => `${d.subjectId}|${d.language}`));
      const stale = list.filter((r) => !visible.has(`${r.subject_id}|${r.language}`));
      for (const r of stale) gone.add(`${r.type}|${r.subject_id}`);
      if (stale.length) reindex(type, [...new Set(stale.map((r) => r.subject_id))]).catch((err: unknown) => log?.error({ err, type }, 'search re-indexing failed'));
    }
    return rows.filter((r) => !gone.has(`${r.type}|${r.subject_id}`));
  }

  async function search(request: SearchRequest): Promise<SearchResults> {
    const query = analyseQuery(request.q);
    const page = Math.max(1, Math.floor(request.page));
    const none: SearchResults = { hits: [], total: 0, page, pages: 1, empty: query.empty, capped: false };
    if (query.empty) return none;
    const office = new Set(officeTypes(request.actor));
    const types = request.types?.filter((t) => registered.has(t)) ?? [...registered.keys()];
    if (!types.length) return none;
    const names = [...registered.values()].filter((s) => s.names && types.includes(s.type)).map((s) => s.type);
    const kk = query.kazakhKeys.length ? sql`to_tsquery('simple', ${query.kazakhKeys.join(' & ')})` : sql`null::tsquery`;
    const ru = sql`plainto_tsquery('russian', ${query.folded})`;
    const en = sql`plainto_tsquery('english', ${query.folded})`;
    const languages = request.language ? [request.language] : [...searchLanguages];
    const matchOf = (language: SearchLanguage) => (language === 'kk' ? kk : language === 'ru' ? ru : en);
    const textMatch = sql.join(
      languages.map((l) => sql`(d.language = ${l} and d.tsv @@ ${matchOf(l)})`),
      sql` or `,
    );
    const nameMatch = names.length && query.latin.length >= 3 ? sql` or (d.type in (${sql.join(names)}) and ${query.latin} <% d.title_folded)` : sql``;
    const audience = office.size
      ? sql`(d.audience = 'public' or d.type in (${sql.join([...office])}))`
      : sql`d.audience = 'public'`;
    const filters = [
      sql`d.type in (${sql.join(types)})`,
      audience,
      ...(request.language ? [sql`d.language = ${request.language}`] : []),
      ...(request.region ? [sql`d.region_kato = ${request.region}`] : []),
      ...(request.from ? [sql`d.date >= ${request.from}::date`] : []),
      ...(request.to ? [sql`d.date <= ${request.to}::date`] : []),
    ];
    const rankOf = sql`ts_rank(d.tsv, case d.language when 'kk' then ${kk} when 'ru' then ${ru} else ${en} end) + 0.3 * similarity(d.title_folded, ${query.latin})`;
    const offset = (page - 1) * request.pageSize;
    const { rows } = await sql<Row>`
      with candidates as (
        select d.type, d.subject_id, d.language
          from search_document d
         where (${textMatch}${nameMatch}) and ${sql.join(filters, sql` and `)}
         order by d.date desc nulls last, d.type, d.subject_id, d.language
         limit ${searchCandidates + 1}
      ),
      matched as (
        select distinct on (d.type, d.subject_id)
               d.type, d.subject_id, d.language, d.title, d.body, d.path, d.region_kato, d.date::text as date, d.audience,
               coalesce(${rankOf}, 0)::float8 as rank,
               (select count(*) from candidates) > ${searchCandidates} as capped
          from (select * from candidates limit ${searchCandidates}) c
          join search_document d on d.type = c.type and d.subject_id = c.subject_id and d.language = c.language
         order by d.type, d.subject_id, rank desc, (d.language = ${request.prefer}) desc, d.language
      ),
      page as (
        select m.*, count(*) over () as total from matched m
         order by m.rank desc, m.date desc nulls last, m.type, m.subject_id
         limit ${request.pageSize} offset ${offset}
      )
      select p.*,
             case p.language when 'ru' then ts_headline('russian', p.title, ${ru}, ${headlineOptions(true)})
                             when 'en' then ts_headline('english', p.title, ${en}, ${headlineOptions(true)}) end as title_marked,
             case p.language when 'ru' then ts_headline('russian', p.body, ${ru}, ${headlineOptions(false)})
                             when 'en' then ts_headline('english', p.body, ${en}, ${headlineOptions(false)}) end as snippet_marked
        from page p
       order by p.rank desc, p.date desc nulls last, p.type, p.subject_id`.execute(db);
    const total = rows.length ? Number(rows[0]!.total) : 0;
    const capped = rows.length ? rows[0]!.capped === true : false;
    const shown = await stillVisible(rows, office);
    const hits = shown.map(
      (r): SearchHit => ({
        type: r.type,
        subjectId: r.subject_id,
        language: r.language,
        title: r.language === 'kk' ? snippetParts(kazakhHighlight(r.title, query.kazakhKeys, { whole: true })) : parts(r.title_marked, r.title),
        snippet: r.body ? (r.language === 'kk' ? snippetParts(kazakhHighlight(r.body, query.kazakhKeys)) : parts(r.snippet_marked, r.body.slice(0, 300))) : [],
        path: r.path,
        date: r.date,
        regionKato: r.region_kato,
        audience: r.audience,
      }),
    );
    const adjusted = total - (rows.length - shown.length);
    return { hits, total: adjusted, page, pages: Math.max(1, Math.ceil(adjusted / request.pageSize)), empty: false, capped };
  }

  return {
    register(source) {
      if (!/^[a-z][a-z0-9_-]{0,39}$/.test(source.type)) throw new Error(`Search source type "${source.type}" must be lower case letters, digits, - or _`);
      if (registered.has(source.type)) throw new Error(`Search source "${source.type}" is registered twice`);
      registered.set(source.type, source);
    },
    sources: () => [...registered.values()],
    officeTypes,
    search,
    reindex,
    reindexAll,
    async follow() {
      if (unlisten || closed) return;
      unlisten = await database.listen('kenes_content', schedule);
    },
    async settled() {
      const waiting = () => timer !== undefined || pending.size > 0;
      while (waiting()) await new Promise((resolve) => setTimeout(resolve, debounceMs / 4));
      await chain;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      await unlisten?.();
      await chain;
    },
  };
}

/**
 * Decorates the app with its search index: sources register in their route plugins. When the app
 * listens (a server, not a test's in-process app), it follows content changes and, a few seconds
 * later, brings the index up to date with what changed while it was stopped (the CLI's seeds and
 * imports) or builds it when empty: in the background, after the first pages, since on the embedded
 * database the catch-up's queries wait in line with the visitors' (it made the first page of a
 * restart about a second slower). Test apps (NODE_ENV=test) do neither: tests call follow() or reindex().
 */
export const searchCatchUpDelayMs = 3000;

export function searchIndexing(app: FastifyInstance, options: { follow: boolean }): void {
  const index = createSearchIndex(app.database, app.log);
  app.decorate('searchIndex', index);
  let catchUp: NodeJS.Timeout | undefined;
  app.addHook('onListen', async () => {
    // Test apps (browser tests listen too) index when a test asks: their timings measure the pages.
    if (!options.follow) return;
    await index.follow();
    // The catch-up is the last of the start-up work: its garbage is collected once too.
    catchUp = setTimeout(
      () =>
        index
          .reindexAll()
          .then(() => releaseStartUpMemory(app.log))
          .catch((err: unknown) => app.log.error({ err }, 'search re-indexing failed')),
      searchCatchUpDelayMs,
    );
    catchUp.unref();
  });
  app.addHook('onClose', async () => {
    clearTimeout(catchUp);
    await index.close();
  });
}

/**
 * A subject's documents in each language it has text in: the title (falling back to another
 * language's, as pages do) and the body's texts in that language, joined by blank lines.
 */
export function documentsInLanguages(
  base: Omit<SearchDocument, 'language' | 'title' | 'body'>,
  title: LocalizedText | null | ((language: SearchLanguage) => string),
  body: readonly (LocalizedText | null | undefined | { language: SearchLanguage; text: string | null })[],
): SearchDocument[] {
  const own = (text: LocalizedText | null | undefined, language: SearchLanguage) => text?.[language]?.trim() ?? '';
  const out: SearchDocument[] = [];
  for (const language of searchLanguages) {
    const titleText = typeof title === 'function' ? title(language) : own(title, language);
    const bodyTexts = body
      .map((b) => (b && 'language' in b && typeof b.language === 'string' && 'text' in b ? (b.language === language ? (b.text ?? '') : '') : own(b as LocalizedText | null | undefined, language)))
      .filter(Boolean);
    const ownTitle = typeof title === 'function' ? titleText : own(title, language);
    if (!ownTitle && !bodyTexts.length) continue;
    const shownTitle = ownTitle || (typeof title === 'function' ? '' : (searchLanguages.map((l) => own(title, l)).find(Boolean) ?? ''));
    out.push({ ...base, language, title: shownTitle, body: bodyTexts.join('\n\n') });
  }
  return out;
}
