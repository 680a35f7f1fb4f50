// The per-connection cache of named prepared statements (PostgreSQL only; PGlite never uses it):
// which texts get a name, that the cache stays bounded, and — on a real server (TEST_DATABASE_URL)
// — that a repeated query is prepared once per connection, that dropped statements are deallocated,
// that a server which lost its statements (DISCARD ALL) or changed a table under one is recovered
// from, and that transactions still behave.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { databaseUrlFor } from '../../../test/support/template.js';
import type { DatabaseHandle } from './connect.js';
import { preparingClient, StatementCache } from './prepared-statements.js';

describe('the statement cache', () => {
  it('names a parameterised SELECT, INSERT, UPDATE, DELETE or WITH the second time it is seen, and keeps the name', () => {
    const cache = new StatementCache(10);
    for (const text of ['select $1', ' INSERT into t values ($1)', 'update t set a = $1', 'delete from t where a = $1', 'with x as (select $1) select * from x']) {
      expect(cache.nameFor(text, 1)).toBeUndefined();
      const name = cache.nameFor(text, 1);
      expect(name).toMatch(/^kenes_\d+$/);
      expect(cache.nameFor(text, 1)).toBe(name);
    }
  });

  it('never names a query without parameters, nor anything but the five kinds of statement', () => {
    const cache = new StatementCache(10);
    for (const [text, n] of [['select 1', 0], ['begin', 0], ['create table t (a int)', 0], ['listen x', 0], ['copy t from stdin', 0], ['call p($1)', 1], ['selector($1)', 1], ['explain select $1', 1],
      // Searches, whose best plan depends on the words: a generic plan may be far slower.
      ['select * from d where d.tsv @@ plainto_tsquery($1)', 1], ['select * from d where $1 <% d.title', 1], ['select similarity(d.t, $1) from d', 1],
      ['select * from d where d.slug like $1', 1], ['select * from d where d.name ILIKE $1', 1], ['select * from d where d.t ~* $1', 1]] as const) {
      cache.nameFor(text, n);
      expect(cache.nameFor(text, n)).toBeUndefined();
    }
    expect(cache.size).toBe(0);
  });

  it('keeps at most its capacity, drops the least recently used, and never reuses a name', () => {
    const cache = new StatementCache(3);
    const named = (text: string) => {
      cache.nameFor(text, 1);
      return cache.nameFor(text, 1);
    };
    const [a, b, c] = [named('select $1 as a'), named('select $1 as b'), named('select $1 as c')];
    expect(cache.nameFor('select $1 as a', 1)).toBe(a); // a is now the most recent: b goes next
    const d = named('select $1 as d');
    expect(cache.size).toBe(3);
    expect(cache.takeStale()).toEqual([b]);
    expect(cache.takeStale()).toEqual([]);
    expect(cache.nameFor('select $1 as c', 1)).toBe(c);
    // b comes back under a new name (pg remembers the old one as parsed).
    cache.nameFor('select $1 as b', 1);
    const again = cache.nameFor('select $1 as b', 1);
    expect(new Set([a, b, c, d, again]).size).toBe(5);
    expect(cache.forgetAll().toSorted()).toEqual([a, again, c, d].toSorted());
    expect(cache.size).toBe(0);
  });

  it('remembers a bounded number of texts seen once', () => {
    const cache = new StatementCache(2);
    for (let i = 0; i < 100; i++) cache.nameFor(`select $1 as c${i} `, 1);
    // Only the last two are remembered: the first is new again, the last is named on its second sight.
    expect(cache.nameFor('select $1 as c0 ', 1)).toBeUndefined();
    expect(cache.nameFor('select $1 as c99 ', 1)).toMatch(/^kenes_/);
  });
});

describe.runIf(usingPostgres)('named prepared statements on PostgreSQL', () => {
  let database: DatabaseHandle;
  let pool: pg.Pool;
  /** The pool's one connection, held: query(text, values) as Kysely calls it (client.query passes a callback). */
  let client: pg.PoolClient;
  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, so that every query below runs in the same session; at most 3 statements.
    const url = databaseUrlFor(process.env.TEST_DATABASE_URL ?? '', database.location.slice(database.location.lastIndexOf('/') + 1));
    pool = new pg.Pool({ connectionString: url, max: 1, Client: preparingClient(3) });
    client = await pool.connect();
  });
  afterAll(async () => {
    client.release();
    await pool.end();
    await database.close();
  });

  const prepared = async () =>
    (await client.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements order by name')).rows;

  it('prepares a repeated query once on the connection and reuses it', async () => {
    const text = 'select $1::int + 1 as n';
    for (let i = 0; i < 5; i++) expect((await client.query(text, [i])).rows).toEqual([{ n: i + 1 }]);
    const named = (await prepared()).filter((s) => s.statement === text);
    expect(named).toHaveLength(1);
    expect(named[0]!.name).toMatch(/^kenes_\d+$/);
  });

  it('deallocates what it drops: the server holds at most the capacity', async () => {
    for (let i = 0; i < 10; i++) for (let j = 0; j < 2; j++) await client.query(`select $1::int * ${i} as n`, [j]);
    await client.query('select $1::int as n', [0]); // the last drop is deallocated before the next named query
    await client.query('select $1::int as n', [0]);
    const held = (await prepared()).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(3);
  });

  it('runs the query again when the server has lost its statements (DISCARD ALL), and prepares it afresh', async () => {
    const text = 'select $1::text as s';
    await client.query(text, ['a']);
    await client.query(text, ['b']);
    await client.query('discard all');
    expect((await client.query(text, ['c'])).rows).toEqual([{ s: 'c' }]);
    await client.query(text, ['d']);
    expect((await client.query(text, ['e'])).rows).toEqual([{ s: 'e' }]);
    expect((await prepared()).filter((s) => s.statement === text)).toHaveLength(1);
  });

  it('runs the query again when a table changed under a prepared SELECT * (cached plan must not change result type)', async () => {
    await client.query('create temporary table changing (a int)');
    await client.query('insert into changing values (1)');
    const text = 'select * from changing where a = $1';
    await client.query(text, [1]);
    await client.query(text, [1]);
    await client.query('alter table changing add column b int default 2');
    expect((await client.query(text, [1])).rows).toEqual([{ a: 1, b: 2 }]);
    expect((await client.query(text, [1])).rows).toEqual([{ a: 1, b: 2 }]);
  });

  it('inside a transaction: a lost statement fails the statement (nothing is run twice), and the connection recovers', async () => {
    const text = 'select $1::int - 1 as n';
    await client.query(text, [1]);
    await client.query(text, [1]);
    await client.query('begin');
    expect((await client.query(text, [5])).rows).toEqual([{ n: 4 }]);
    await client.query('deallocate all');
    await expect(client.query(text, [5])).rejects.toMatchObject({ code: '26000' });
    await client.query('rollback');
    expect((await client.query(text, [7])).rows).toEqual([{ n: 6 }]);
  });

  it('keeps transactions working through Kysely: a rolled back insert leaves nothing, a committed one stays', async () => {
    const { db } = database;
    await sql`create table prepared_probe (id int primary key, label text)`.execute(db);
    const insert = (id: number) => db.insertInto('prepared_probe' as never).values({ id, label: `row ${id}` } as never).execute();
    const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from prepared_probe where id > ${0}`.execute(db)).rows[0]!.n);
    await expect(
      db.transaction().execute(async (trx) => {
        for (let id = 1; id <= 3; id++) await trx.insertInto('prepared_probe' as never).values({ id, label: `row ${id}` } as never).execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count()).toBe(0);
    for (let id = 1; id <= 3; id++) await insert(id);
    await expect(insert(1)).rejects.toMatchObject({ code: '23505' });
    expect(await count()).toBe(3);
    await sql`drop table prepared_probe`.execute(db);
  });
});
