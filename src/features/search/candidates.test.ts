// A common word matches thousands of documents: only the newest searchCandidates are ranked (the same
// ones on both engines), and the answer says the total is a lower bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { searchCandidates, type SearchDocument } from '../../core/search/search-index.js';

let t: TestApp;
const count = searchCandidates + 5;
/** Day n after 2020-01-01: document n is newer than n - 1. */
const day = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  const documents: SearchDocument[] = Array.from({ length: count }, (_, n) => ({
    subjectId: `harvest-${n}`,
    language: 'en',
    title: 'Harvest report',
    body: 'The harvest was gathered in the region.',
    path: `/news/harvest-${n}`,
    date: day(n),
    audience: 'public',
  }));
  t.app.searchIndex.register({ type: 'bulk', labelKey: 'search.title', tables: [], documents: async (_db, ids) => (ids ? documents.filter((d) => ids.includes(d.subjectId)) : documents) });
  await t.app.searchIndex.reindex('bulk');
});
afterAll(() => t.close());

describe('search of a word in more documents than are ranked', () => {
  it('ranks the newest, says the total is a lower bound, and pages within them', async () => {
    const results = await t.app.searchIndex.search({ q: 'harvest', types: ['bulk'], page: 1, pageSize: 20, prefer: 'en' });
    expect(results.capped).toBe(true);
    expect(results.total).toBe(searchCandidates);
    expect(results.pages).toBe(Math.ceil(searchCandidates / 20));
    expect(results.hits.map((h) => h.subjectId).slice(0, 3)).toEqual([`harvest-${count - 1}`, `harvest-${count - 2}`, `harvest-${count - 3}`]);
    const last = await t.app.searchIndex.search({ q: 'harvest', types: ['bulk'], page: results.pages, pageSize: 20, prefer: 'en' });
    expect(last.hits.at(-1)?.subjectId).toBe(`harvest-${count - searchCandidates}`);
  });

  it('is not capped when a filter leaves fewer', async () => {
    const results = await t.app.searchIndex.search({ q: 'harvest', types: ['bulk'], from: day(count - 10), page: 1, pageSize: 20, prefer: 'en' });
    expect(results).toMatchObject({ capped: false, total: 10 });
  });
});
