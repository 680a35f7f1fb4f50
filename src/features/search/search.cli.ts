// `kenes search reindex`: rebuilds the search index from every search source the app registers
// (the app is built, not started: no server, no jobs).
import type { Config } from '../../core/config.js';
import type { DatabaseHandle } from '../../core/db/connect.js';

export const searchUsage = `  search reindex                 rebuild the search index from everything searchable`;

export async function rebuildSearchIndex(config: Config, database: DatabaseHandle): Promise<{ documents: number; seconds: number }> {
  const started = performance.now();
  // Imported here: the other commands do not load the whole app.
  const { buildApp } = await import('../../app.js');
  const app = await buildApp({ config, database, logger: false });
  try {
    await app.searchIndex.reindexAll({ rebuild: true });
    const counted = await database.db.selectFrom('search_document').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { documents: Number(counted.n), seconds: (performance.now() - started) / 1000 };
  } finally {
    await app.close();
  }
}
