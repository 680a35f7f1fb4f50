// What the sitemap reads itself: the deputies' public pages (/deputies/{id}), a person with any
// membership, a bounded window at a time in a stable order (there are thousands).
import type { Executor } from '../../core/db/query.js';

const withMembership = (db: Executor) =>
  db.selectFrom('person as p').where((eb) => eb.exists(eb.selectFrom('membership as m').select('m.id').whereRef('m.person_id', '=', 'p.id')));

export async function countDeputies(db: Executor): Promise<number> {
  const row = await withMembership(db)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deputies by id from `offset`, at most `limit`, with when each last changed. */
export async function listDeputies(db: Executor, offset: number, limit: number): Promise<{ id: string; updatedAt: Date }[]> {
  return withMembership(db).select(['p.id', 'p.updated_at as updatedAt']).orderBy('p.id').offset(offset).limit(limit).execute();
}
