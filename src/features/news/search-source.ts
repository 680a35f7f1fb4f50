// News in the search index: a published item is public (its page, /news/{id}); a draft is for the
// office (the secretariat's list, or its meeting's press release form).
import { sql } from 'kysely';
import type { Executor } from '../../core/db/query.js';
import { documentsInLanguages, type HomeOrganization, type SearchSource } from '../../core/search/search-index.js';

export function newsSearchSource(home: HomeOrganization): SearchSource {
  return {
    type: 'news',
    labelKey: 'search.type.news',
    officeAction: 'news.manage',
    tables: ['news_item'],
    async documents(db: Executor, ids?: readonly string[]) {
      let query = db
        .selectFrom('news_item as n')
        .select(['n.id', 'n.meeting_id as meetingId', 'n.title', 'n.lead', 'n.body', 'n.status'])
        .select(sql<string | null>`(n.published_at at time zone 'Asia/Almaty')::date::text`.as('day'))
        .where('n.organization_id', '=', (await home.homeOrganization()).id);
      if (ids) query = query.where('n.id', 'in', ids);
      const rows = await query.execute();
      return rows.flatMap((n) => {
        const published = n.status === 'published';
        const path = published ? `/news/${n.id}` : n.meetingId ? `/office/meetings/${n.meetingId}/press-release` : '/office/news';
        return documentsInLanguages({ subjectId: n.id, path, date: published ? n.day : null, audience: published ? 'public' : 'office' }, n.title, [n.lead, n.body]);
      });
    },
  };
}
