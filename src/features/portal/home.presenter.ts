// What the home page shows, as plain data: the next meetings, the latest decisions and news (names
// already in the page's language where a heading is made up), and what other features have coming.
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { RelatedSection } from '../../core/related.js';
import { meetingHeading, type LatestDecisionRow, type PublicMeetingRow } from '../meetings/public.service.js';
import type { NewsRow } from '../news/news.service.js';

export interface HomeMeeting {
  id: string;
  heading: string;
  startsAt: Date;
  timeZone: string;
  status: PublicMeetingRow['status'];
  place: LocalizedText | null;
}

export interface HomeDecision {
  id: string;
  number: string | null;
  date: string;
  title: LocalizedText;
  meetingId: string;
  meetingHeading: string;
}

export interface HomeNews {
  id: string;
  title: LocalizedText;
  /** Kazakhstan's day it was published. */
  publishedOn: string | null;
}

export interface HomeNext {
  meetings: HomeMeeting[];
  /** What other features have coming (the plan's report deadlines, …), each under its heading. */
  sections: RelatedSection[];
  decisions: HomeDecision[];
  news: HomeNews[];
}

export function presentHome(lang: Language, data: { upcoming: PublicMeetingRow[]; decisions: LatestDecisionRow[]; news: NewsRow[]; sections: RelatedSection[] }): HomeNext {
  return {
    meetings: data.upcoming.map((m) => ({ id: m.id, heading: meetingHeading(lang, m), startsAt: m.startsAt, timeZone: m.timeZone, status: m.status, place: m.place })),
    sections: data.sections,
    decisions: data.decisions.map((d) => ({ id: d.id, number: d.number, date: d.decisionDate, title: d.title, meetingId: d.meeting.id, meetingHeading: meetingHeading(lang, d.meeting) })),
    news: data.news.map((n) => ({ id: n.id, title: n.title, publishedOn: n.publishedAt ? todayInKazakhstan(n.publishedAt) : null })),
  };
}
