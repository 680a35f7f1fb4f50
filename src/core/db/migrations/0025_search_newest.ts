// Search (issue 14): the newest documents first, by an index. A search ranks at most the newest
// 1,000 documents that match (core/search/search-index.ts); for a common word — a third of the
// index — reading them in date order and stopping at the thousandth match is ~15 ms on 200,000
// documents, where collecting every match and sorting them took ~240 ms. Rare words keep the GIN index.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index search_document_newest on search_document (date desc nulls last, type, subject_id, language)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index search_document_newest`.execute(db);
}
