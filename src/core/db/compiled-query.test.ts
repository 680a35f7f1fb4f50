// compiledOnce: a query built and compiled on its first run, later runs only put in their
// parameters — the rows must be those of the query built afresh, for every parameter value and in
// a transaction too; a builder that uses a parameter other than as a value is refused; the plugins
// still see every run (the in-flight count of /metrics goes up by one and back). On PGlite and PostgreSQL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.js';
import { compiledOnce } from './compiled-query.js';
import type { DatabaseHandle } from './connect.js';
import { constantList, type Executor } from './query.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** Areas of one kind under a name prefix, with the kind also echoed back through a `sql` value. */
function areasQuery(db: Executor, p: { kind: 'region' | 'city'; after: string }) {
  return db
    .selectFrom('area')
    .select(['kato', 'classification as kind', sql<string>`${p.kind}::text`.as('asked')])
    .where('classification', '=', p.kind)
    .where('kato', '>', p.after)
    .orderBy('kato');
}

describe('compiledOnce', () => {
  it('gives the rows of the query built afresh, run after run, with each run\'s own parameters', async () => {
    const db = database.db;
    const compiled = compiledOnce(areasQuery);
    const kinds = await db.selectFrom('area').select('classification as kind').distinct().orderBy('classification').execute();
    expect(kinds.length).toBeGreaterThan(1);
    const first = await db.selectFrom('area').select('kato').orderBy('kato').executeTakeFirstOrThrow();
    for (const { kind } of [...kinds, ...kinds]) {
      for (const after of ['', first.kato]) {
        const rows = await compiled(db, { kind, after });
        expect(rows).toEqual(await areasQuery(db, { kind, after }).execute());
        expect(rows.every((r) => r.kind === kind && r.asked === kind)).toBe(true);
      }
    }
    expect(await compiled(db, { kind: 'city', after: 'zzzzzzzz' })).toEqual([]);
  });

  it('runs in a transaction as on the database', async () => {
    const compiled = compiledOnce(areasQuery);
    const { kind } = await database.db.selectFrom('area').select('classification as kind').executeTakeFirstOrThrow();
    const expected = await areasQuery(database.db, { kind, after: '' }).execute();
    await database.db.transaction().execute(async (trx) => {
      expect(await compiled(trx, { kind, after: '' })).toEqual(expected);
      expect(await compiled(trx, { kind, after: '' })).toEqual(expected);
    });
    expect(await compiled(database.db, { kind, after: '' })).toEqual(expected);
  });

  it('refuses a builder that uses a parameter other than as a value', async () => {
    const steered = compiledOnce((db, p: { kind: 'region' | 'city'; limit: number }) => db.selectFrom('area').select('id').where('classification', '=', p.kind).limit(typeof p.limit === 'number' ? p.limit : 10));
    await expect(steered(database.db, { kind: 'region', limit: 3 })).rejects.toThrow(/limit.*did not reach the query as values/);
  });

  it('is counted in flight like any query, first run and later ones', async () => {
    const compiled = compiledOnce(areasQuery);
    const before = database.stats().queriesInFlight;
    for (let run = 0; run < 3; run++) {
      const running = compiled(database.db, { kind: 'region', after: '' });
      expect(database.stats().queriesInFlight).toBe(before + 1);
      await running;
      expect(database.stats().queriesInFlight).toBe(before);
    }
  });
});

describe('constantList', () => {
  it('writes the values into the SQL (no parameters) and selects what the parameterised list does, quotes included', async () => {
    const db = database.db;
    const written = db.selectFrom('area').select('kato').where('classification', 'in', constantList(['region', 'city'] as const)).orderBy('kato');
    expect(written.compile().parameters).toEqual([]);
    expect(await written.execute()).toEqual(await db.selectFrom('area').select('kato').where('classification', 'in', ['region', 'city']).orderBy('kato').execute());
    const quoted = await sql<{ n: number }>`select count(*)::int as n from (values ('it''s')) v(word) where word in ${constantList(["it's"])}`.execute(db);
    expect(quoted.rows[0]?.n).toBe(1);
    expect(() => constantList([])).toThrow(/empty/);
  });
});
