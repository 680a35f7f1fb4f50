// Opens the database: embedded PGlite in a data directory by default, PostgreSQL when a URL is given.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, type KyselyPlugin, type LogEvent } from 'kysely';
import pg from 'pg';
import type { PGlite as PGliteInstance } from '@electric-sql/pglite';
import type { Database } from './database.js';
import { fillFromTemplate } from './embedded-template.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { valueParsers } from './value-types.js';
import { preparingClient } from './prepared-statements.js';

export type Db = Kysely<Database>;

export interface DatabaseStats {
  queriesInFlight: number;
  poolTotal?: number;
  poolIdle?: number;
  poolWaiting?: number;
}

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, without credentials. */
  location: string;
  stats(): DatabaseStats;
  /** Reports every executed query's duration to `observer` (metrics, tests) until the returned function is called. */
  observeQueries(observer: QueryObserver): () => void;
  /**
   * Receives NOTIFY messages on a channel (sent with pg_notify, delivered on commit) — from every
   * app instance on the same PostgreSQL database, or within the process on PGlite. Returns a
   * function that stops listening.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The raw PGlite instance when embedded (for dumps), else undefined. */
  pglite?: import('@electric-sql/pglite').PGlite;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** PGlite only: start from a dumped data directory (tests clone a migrated template this way). */
  loadDataDir?: Blob;
  poolMax?: number;
  /** PostgreSQL only: repeated queries as named prepared statements (default on). */
  preparedStatements?: boolean;
  /** PostgreSQL only: search_path schema. */
  schema?: string;
}

export type QueryObserver = (seconds: number, failed: boolean) => void;

/**
 * Counts queries in flight and reports their durations, for /metrics: a single PGlite connection
 * queues, a pool waits. Kysely calls `log` after every executed query, failed or not.
 */
class InFlightCounter implements KyselyPlugin {
  current = 0;
  readonly observers = new Set<QueryObserver>();
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.current++;
    return args.node;
  };
  transformResult: KyselyPlugin['transformResult'] = async (args) => args.result;
  log = (event: LogEvent): void => {
    this.current = Math.max(0, this.current - 1);
    for (const observe of this.observers) observe(event.queryDurationMillis / 1000, event.level === 'error');
  };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const counter = new InFlightCounter();
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options, counter);
  return openPGlite(options, counter);
}

async function openPGlite(options: OpenDatabaseOptions, counter: InFlightCounter): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let dir: string | undefined;
  // Before PGlite touches a file: a second process on the same directory corrupts it.
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    lock = await lockDataDir(options.dataDir);
    dir = path.join(options.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    if (!options.loadDataDir) fillFromTemplate(dir);
  }
  let pglite: PGliteInstance;
  try {
    pglite = await PGlite.create({
      ...(dir ? { dataDir: dir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
      parsers: valueParsers,
      // PostgreSQL's default 128 MB of shared buffers would all live in the WASM heap, which never
      // shrinks. The files are in the system's page cache anyway (NODEFS), so a miss costs one read:
      // 8 MB (from 16) keeps about 8 MB less resident after start (issue 15's budget of 200 MB).
      postgresqlconf: ['shared_buffers = 8MB'],
      // On a directory (NODEFS) PGlite's post-query sync is a no-op, but awaiting it still costs
      // ~2 ms per query; PostgreSQL's own WAL writes and fsyncs go to the files either way.
      relaxedDurability: true,
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db: Db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins: [counter], log: counter.log });
  return {
    db,
    kind: 'pglite',
    location: dir ?? 'memory',
    pglite,
    stats: () => ({ queriesInFlight: counter.current }),
    observeQueries: (observer) => {
      counter.observers.add(observer);
      return () => counter.observers.delete(observer);
    },
    listen: (channel, handler) => pglite.listen(channel, handler),
    close: async () => {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, options: OpenDatabaseOptions, counter: InFlightCounter): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    // Repeated queries run as named prepared statements, parsed and planned once per connection.
    ...(options.preparedStatements === false ? {} : { Client: preparingClient() }),
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        const parser = valueParsers[oid];
        if (parser && format !== 'binary') return parser;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Requests still see their own errors.
  });
  const db: Db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [counter], log: counter.log });
  const u = new URL(url);
  const listener = new NotificationListener(url);
  return {
    db,
    kind: 'postgres',
    // A Unix socket is named by its directory (postgres://user@localhost/db?host=/var/run/postgresql).
    location: `${u.searchParams.get('host')?.startsWith('/') ? `${u.searchParams.get('host')} (Unix socket)` : `${u.hostname}:${u.port || 5432}`}${u.pathname}`,
    stats: () => ({
      queriesInFlight: counter.current,
      poolTotal: pool.totalCount,
      poolIdle: pool.idleCount,
      poolWaiting: pool.waitingCount,
    }),
    observeQueries: (observer) => {
      counter.observers.add(observer);
      return () => counter.observers.delete(observer);
    },
    listen: (channel, handler) => listener.listen(channel, handler),
    close: async () => {
      await listener.close();
      await db.destroy();
    },
  };
}

/**
 * One connection per process kept for LISTEN (a pooled connection would drop its subscriptions).
 * When the connection is lost it reconnects after a second and listens again.
 */
class NotificationListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;

  constructor(private readonly url: string) {}

  async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    const client = await this.connect();
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', () => {
        this.client = undefined;
        if (!this.closed) setTimeout(() => void this.reconnect(), 1000).unref();
      });
      await client.connect();
      this.client = client;
      this.connecting = undefined;
      return client;
    })();
    return this.connecting;
  }

  private async reconnect(): Promise<void> {
    if (this.closed || this.client) return;
    try {
      const client = await this.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch {
      this.connecting = undefined;
      if (!this.closed) setTimeout(() => void this.reconnect(), 1000).unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
