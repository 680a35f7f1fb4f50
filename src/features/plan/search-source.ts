// Plan items in the search index: an item of a plan past the draft stage is public (its plan's page
// shows it, cancelled ones with the reason); an item of a draft plan is for the office.
import type { Executor } from '../../core/db/query.js';
import { documentsInLanguages, type SearchSource } from '../../core/search/search-index.js';

export function planItemSearchSource(): SearchSource {
  return {
    type: 'plan-item',
    labelKey: 'search.type.planItem',
    officeAction: 'plan.view',
    tables: ['plan', 'plan_section', 'plan_item'],
    async documents(db: Executor, ids?: readonly string[]) {
      let query = db
        .selectFrom('plan_item as i')
        .innerJoin('plan as p', 'p.id', 'i.plan_id')
        .leftJoin('plan_section as s', 's.id', 'i.section_id')
        .select(['i.id', 'i.plan_id as planId', 'i.number', 'i.action', 'i.expected_result as expectedResult', 'i.cancel_reason as cancelReason', 'i.deadline', 'p.status', 's.title as sectionTitle']);
      if (ids) query = query.where('i.id', 'in', ids);
      const rows = await query.execute();
      return rows.flatMap((i) => {
        const isPublic = i.status !== 'draft';
        return documentsInLanguages(
          { subjectId: i.id, path: `${isPublic ? '' : '/office'}/plan/${i.planId}#item-${i.id}`, date: String(i.deadline), audience: isPublic ? 'public' : 'office' },
          (language) => [i.number, i.action[language] ?? Object.values(i.action).find(Boolean) ?? ''].filter(Boolean).join(' '),
          [i.expectedResult, i.sectionTitle, i.cancelReason],
        ).filter((doc) => i.action[doc.language] || i.expectedResult?.[doc.language]);
      });
    },
  };
}
