// Queries built and compiled once per database, then run with only their parameters put in. Kysely
// builds an immutable tree and compiles it to SQL again on every call: on the public meeting page,
// whose lists are one query of eight sub-queries, that was about a tenth of the server's CPU per
// uncached page (issue 15). A hot read of a public page is written with `compiledOnce`; everything
// else keeps building its query per call, which is clearer and cheap enough.
//
// The builder gets placeholders for its parameters, and each placeholder must reach the query as a
// value (a `where` operand, a `sql` template value): it cannot steer how the query is built (an `if`
// on it, a `limit` only when given, an `in` list of varying length). Compiling checks that every
// parameter came out as a value, so a builder that used one otherwise fails at its first run, which
// its tests see. Plugins run as for any query (they count it for /metrics), but one that rewrites the
// query would see only the first compilation: the plugins here do not.
import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { Executor } from './query.js';

/** A parameter's place in the compiled query, filled in at each run. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** The scalar values a compiled query's parameters may take (what a driver binds as one value). */
type ParameterValue = string | number | boolean | Date | null;

/**
 * A query built by `build` on its first run on a database (or transaction) and compiled then; later
 * runs put in the parameters and execute it. `build` must use every parameter as a value, nothing
 * else (see above). Returns the rows.
 */
export function compiledOnce<P extends Record<string, ParameterValue>, O>(build: (db: Executor, params: P) => Compilable<O>): (db: Executor, params: P) => Promise<O[]> {
  const compiled = new WeakMap<Executor, CompiledQuery<O>>();
  return async (db, params) => {
    let query = compiled.get(db);
    const queryId = createQueryId();
    if (query) {
      // The plugins see every run, as they saw the first one's compilation (the in-flight counter of /metrics).
      db.getExecutor().transformQuery(query.query, queryId);
    } else {
      query = compileWithPlaceholders(db, build, Object.keys(params));
      compiled.set(db, query);
    }
    const parameters = query.parameters.map((value) => (value instanceof Placeholder ? params[value.name] : value));
    const result = await db.executeQuery<O>({ query: query.query, queryId, sql: query.sql, parameters });
    return result.rows;
  };
}

function compileWithPlaceholders<P, O>(db: Executor, build: (db: Executor, params: P) => Compilable<O>, names: string[]): CompiledQuery<O> {
  const placeholders = Object.fromEntries(names.map((name) => [name, new Placeholder(name)])) as P;
  const query = build(db, placeholders).compile();
  const used = new Set(query.parameters.flatMap((value) => (value instanceof Placeholder ? [value.name] : [])));
  const unused = names.filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`compiledOnce: the parameter(s) ${unused.join(', ')} did not reach the query as values`);
  return query;
}
