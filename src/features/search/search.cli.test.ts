import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.js';
import { testConfig } from '../../../test/support/test-app.js';
import type { DatabaseHandle } from '../../core/db/connect.js';
import { rebuildSearchIndex } from './search.cli.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const count = async (type: string) =>
  Number((await database.db.selectFrom('search_document').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', type).executeTakeFirstOrThrow()).n);

describe('kenes search reindex', () => {
  it('rebuilds the index from every source: a stray row goes, the maslikhats come back', async () => {
    const config = testConfig();
    await database.db
      .insertInto('search_document')
      .values({ type: 'gone', subject_id: 'x', language: 'kk', title: 'x', body: '', path: '/x', region_kato: null, date: null, audience: 'public', tsv: '', title_folded: 'x', fingerprint: 'x', updated_at: new Date() })
      .execute();
    await database.db.deleteFrom('search_document').where('type', '=', 'organization').execute();
    const first = await rebuildSearchIndex(config, database);
    expect(await count('gone')).toBe(0);
    expect(await count('organization')).toBeGreaterThan(20);
    expect(first.documents).toBe(await count('organization') + (await count('deputy')));
  });
});
