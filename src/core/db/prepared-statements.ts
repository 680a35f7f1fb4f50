// Named prepared statements on PostgreSQL, kept per connection. Kysely sends every query as an
// unnamed statement, which PostgreSQL parses and plans afresh each time: on a public page of eleven
// small queries that was most of the database's CPU (issue 15). A connection of this pool instead
// prepares a statement the second time it sees its text, under a name of its own, and then only
// binds and executes it (PostgreSQL keeps the parse tree and, after a few runs, a generic plan).
//
// Only what already went through the extended protocol is named: one SELECT, INSERT, UPDATE, DELETE
// or WITH with parameters (with none, pg sends a simple query, which may hold several statements,
// DDL, transaction control), and not a search (see valueDependent). The cache is bounded: texts that
// differ only in the length of an IN list are distinct statements, so each connection keeps the most
// recently used ones and deallocates the one it drops (when no transaction is open, so a failing
// DEALLOCATE can abort nothing). Should the server have lost them (DISCARD ALL, DEALLOCATE ALL) or
// refuse one (a migration changed a table's columns: "cached plan must not change result type"), the
// connection forgets them and, outside a transaction (where nothing ran yet), runs the query again,
// unnamed.
import pg from 'pg';

/** How many named statements each connection keeps, and how many once-seen texts it remembers. */
export const defaultStatementCapacity = 100;

const preparable = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * Searches stay unnamed (parsed and planned on every run, as before): a generic plan cannot see the
 * words or the pattern, and PostgreSQL may keep one that is many times slower (full text @@ and
 * tsquery, trigrams %, <%, similarity(), LIKE, regular expressions). Measured with bench:search.
 */
const valueDependent = /@@|tsquery|%|similarity\(|\b(i?like|similar\s+to)\b|~/i;

/** The text → name bookkeeping of one connection (no I/O: the client below does that). */
export class StatementCache {
  /** Texts seen once, not yet prepared (oldest first). */
  private readonly seen = new Map<string, true>();
  /** Prepared texts and their names, least recently used first. */
  private readonly named = new Map<string, string>();
  /** Names dropped from the cache, still to be deallocated on the server. */
  private stale: string[] = [];
  private counter = 0;

  constructor(readonly capacity: number = defaultStatementCapacity) {}

  /** The name to run text under, or undefined to run it unnamed (first sight, or not preparable). */
  nameFor(text: string, parameterCount: number): string | undefined {
    // A prepared text passed the tests below when it was named: look it up before testing again.
    const name = this.named.get(text);
    if (name !== undefined) {
      this.named.delete(text);
      this.named.set(text, name);
      return name;
    }
    if (parameterCount === 0 || !preparable.test(text) || valueDependent.test(text)) return undefined;
    if (!this.seen.has(text)) {
      if (this.seen.size >= this.capacity) this.seen.delete(this.seen.keys().next().value as string);
      this.seen.set(text, true);
      return undefined;
    }
    this.seen.delete(text);
    if (this.named.size >= this.capacity) {
      const [oldText, oldName] = this.named.entries().next().value as [string, string];
      this.named.delete(oldText);
      this.stale.push(oldName);
    }
    // Never reused on a connection: pg remembers which names it has parsed.
    const fresh = `kenes_${++this.counter}`;
    this.named.set(text, fresh);
    return fresh;
  }

  /** Drops one statement (to be deallocated). */
  drop(text: string): void {
    const name = this.named.get(text);
    if (name === undefined) return;
    this.named.delete(text);
    this.stale.push(name);
  }

  /** Forgets every statement: the server no longer has them. Returns their names. */
  forgetAll(): string[] {
    const names = [...this.named.values(), ...this.stale];
    this.named.clear();
    this.stale = [];
    return names;
  }

  /** The names to deallocate now (and forgets them). */
  takeStale(): string[] {
    const names = this.stale;
    this.stale = [];
    return names;
  }

  get size(): number {
    return this.named.size;
  }
}

type Values = unknown[];
type PlainQuery = (config: string | pg.QueryConfig, values?: Values) => Promise<pg.QueryResult>;

/** The SQLSTATE and message of errors that say a named statement is gone or unusable on the server. */
function lostStatement(error: unknown): 'all' | 'one' | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === '26000') return 'all'; // invalid_sql_statement_name: prepared statement "…" does not exist
  if (code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type')) return 'one';
  return undefined;
}

/** pg's own record of the statements it has parsed on a connection (internal; cleaned when present). */
function forgetParsed(client: pg.Client, names: string[]): void {
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, unknown> } }).connection?.parsedStatements;
  if (parsed) for (const name of names) delete parsed[name];
}

/**
 * A pg Client class (for pg.Pool's `Client` option) whose query(text, values) runs repeated
 * statements as named prepared statements, as described above. Everything else goes through as is.
 */
export function preparingClient(capacity: number = defaultStatementCapacity): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    readonly statements = new StatementCache(capacity);

    constructor(config?: string | pg.ClientConfig) {
      super(config);
      const plain = super.query.bind(this) as unknown as PlainQuery;
      const run = async (text: string, values: Values): Promise<pg.QueryResult> => {
        const name = this.statements.nameFor(text, values.length);
        if (name === undefined) return plain(text, values);
        const before = this.getTransactionStatus();
        if (before === 'I') this.deallocateStale(plain);
        try {
          return await plain({ name, text, values });
        } catch (error) {
          const lost = lostStatement(error);
          if (!lost) throw error;
          if (lost === 'all') forgetParsed(this, this.statements.forgetAll());
          else this.statements.drop(text);
          // Outside a transaction the failed statement ran nothing: run it again, unnamed.
          if (before === 'I') return plain(text, values);
          throw error;
        }
      };
      const query = (...args: unknown[]): unknown => {
        const [text, values, callback] = args;
        if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) return run(text, values);
        return (plain as (...rest: unknown[]) => unknown)(...args);
      };
      this.query = query as pg.Client['query'];
    }

    /** Deallocates the statements dropped from the cache (queued before the next query, not awaited). */
    private deallocateStale(plain: PlainQuery): void {
      const names = this.statements.takeStale();
      if (names.length === 0) return;
      forgetParsed(this, names);
      for (const name of names) plain(`DEALLOCATE ${pg.escapeIdentifier(name)}`).catch(() => undefined);
    }
  };
}
