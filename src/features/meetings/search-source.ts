// Meetings and their decisions in the search index. A meeting past the draft stage is public (its
// page shows its title, place, agenda and statements); a draft is for the office. A decision is
// public where a public page shows it: on its public meeting's page, or on the Council's page when
// a member's term refers to it.
import { sql } from 'kysely';
import type { Executor } from '../../core/db/query.js';
import { documentsInLanguages, type HomeOrganization, type SearchSource } from '../../core/search/search-index.js';
import { meetingHeading } from './public.service.js';


export function meetingSearchSource(home: HomeOrganization): SearchSource {
  return {
    type: 'meeting',
    labelKey: 'search.type.meeting',
    officeAction: 'meetings.manage',
    tables: ['meeting', 'agenda_item', 'statement'],
    async documents(db: Executor, ids?: readonly string[]) {
      let query = db
        .selectFrom('meeting as m')
        .select(['m.id', 'm.kind', 'm.number', 'm.title', 'm.place', 'm.status', 'm.status_reason as statusReason'])
        .select(sql<string>`(m.starts_at at time zone m.time_zone)::date::text`.as('day'))
        .where('m.organization_id', '=', (await home.homeOrganization()).id);
      if (ids) query = query.where('m.id', 'in', ids);
      const meetings = await query.execute();
      if (!meetings.length) return [];
      const meetingIds = meetings.map((m) => m.id);
      const [items, statements] = await Promise.all([
        db.selectFrom('agenda_item').select(['meeting_id as meetingId', 'title', 'description']).where('meeting_id', 'in', meetingIds).orderBy('position').orderBy('id').execute(),
        db
          .selectFrom('statement as s')
          .innerJoin('agenda_item as a', 'a.id', 's.agenda_item_id')
          .select(['a.meeting_id as meetingId', 's.speaker_label as speakerLabel', 's.summary', 's.quotation', 's.language'])
          .where('a.meeting_id', 'in', meetingIds)
          .orderBy('a.position')
          .orderBy('s.position')
          .execute(),
      ]);
      const itemsOf = Map.groupBy(items, (i) => i.meetingId);
      const statementsOf = Map.groupBy(statements, (s) => s.meetingId);
      return meetings.flatMap((m) => {
        const isPublic = m.status !== 'draft';
        const body = [
          m.place,
          m.statusReason,
          ...(itemsOf.get(m.id) ?? []).flatMap((i) => [i.title, i.description]),
          ...(statementsOf.get(m.id) ?? []).flatMap((s) => [s.speakerLabel, s.summary, { language: s.language, text: s.quotation }]),
        ];
        return documentsInLanguages(
          { subjectId: m.id, path: isPublic ? `/meetings/${m.id}` : `/office/meetings/${m.id}`, date: m.day, audience: isPublic ? 'public' : 'office' },
          (language) => meetingHeading(language, m),
          body,
        );
      });
    },
  };
}

export function decisionSearchSource(home: HomeOrganization): SearchSource {
  return {
    type: 'decision',
    labelKey: 'search.type.decision',
    officeAction: 'meetings.manage',
    tables: ['decision', 'meeting', 'membership'],
    async documents(db: Executor, ids?: readonly string[]) {
      const homeId = (await home.homeOrganization()).id;
      let query = db
        .selectFrom('decision as d')
        .leftJoin('meeting as m', 'm.id', 'd.meeting_id')
        .select(['d.id', 'd.number', 'd.title', 'd.body', 'd.decision_date as day', 'd.meeting_id as meetingId', 'm.status as meetingStatus'])
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('membership as ms')
                .select('ms.id')
                .where('ms.organization_id', '=', homeId)
                .where((w) => w.or([w('ms.start_decision_id', '=', w.ref('d.id')), w('ms.end_decision_id', '=', w.ref('d.id'))])),
            )
            .as('onCouncilPage'),
        )
        .where('d.organization_id', '=', homeId);
      if (ids) query = query.where('d.id', 'in', ids);
      const rows = await query.execute();
      return rows.flatMap((d) => {
        const onMeetingPage = d.meetingId !== null && d.meetingStatus !== null && d.meetingStatus !== 'draft';
        const path = onMeetingPage
          ? `/meetings/${d.meetingId}#decision-${d.id}`
          : d.meetingId === null && d.onCouncilPage
            ? `/council#decision-${d.id}`
            : d.meetingId
              ? `/office/meetings/${d.meetingId}`
              : '/council';
        const isPublic = onMeetingPage || (d.meetingId === null && Boolean(d.onCouncilPage));
        return documentsInLanguages(
          { subjectId: d.id, path, date: String(d.day), audience: isPublic ? 'public' : 'office' },
          (language) => [d.number ? `№ ${d.number}` : '', d.title[language] ?? Object.values(d.title).find(Boolean) ?? ''].filter(Boolean).join(' '),
          [d.body],
        ).filter((doc) => d.title[doc.language] || d.body?.[doc.language]);
      });
    },
  };
}
