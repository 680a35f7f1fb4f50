// Library materials in the search index: a published material is public (its page and its current
// files' text, each in the file's language); a draft or submitted one is for the office (the
// secretariat); a withdrawn one is not indexed.
import type { Executor } from '../../core/db/query.js';
import { documentsInLanguages, type SearchSource } from '../../core/search/search-index.js';
import * as repo from './library.repository.js';

export function librarySearchSource(): SearchSource {
  return {
    type: 'library',
    labelKey: 'search.type.library',
    officeAction: 'library.manage',
    tables: ['library_material', 'library_material_topic', 'library_material_law', 'library_file'],
    async documents(db: Executor, ids?: readonly string[]) {
      const rows = await repo.listForSearch(db, ids);
      const texts = Map.groupBy(await repo.currentTextsOf(db, rows.map((r) => r.id)), (t) => t.materialId);
      const topics = Map.groupBy(await repo.listTopics(db, rows.map((r) => r.id)), (t) => t.materialId);
      return rows.flatMap((m) => {
        if (m.state === 'withdrawn') return [];
        const isPublic = m.state === 'published';
        const files = (texts.get(m.id) ?? []).map((f) => ({ language: f.language, text: f.text }));
        const tags = (topics.get(m.id) ?? []).map((t) => t.topic).join(', ');
        return documentsInLanguages(
          { subjectId: m.id, path: isPublic ? `/library/${m.id}` : `/office/library/${m.id}`, date: m.publishedAt ? new Date(m.publishedAt).toISOString().slice(0, 10) : null, audience: isPublic ? 'public' : 'office' },
          m.title,
          [m.summary, tags ? { kk: tags, ru: tags, en: tags } : null, ...files],
        );
      });
    },
  };
}
