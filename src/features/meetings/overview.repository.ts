// Reads for the pages that show meetings among other things: the home page's latest decisions, and
// the meetings a region's maslikhat was invited to or called at (its hub page). Public meetings only.
import type { Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { meetingQuery, publicStatuses, type PublicMeetingRow } from './public.repository.js';

export interface LatestDecisionRow {
  id: string;
  number: string | null;
  decisionDate: string;
  title: LocalizedText;
  meeting: Pick<PublicMeetingRow, 'id' | 'kind' | 'number' | 'title'>;
}

/** The latest decisions adopted at the organisation's public meetings, newest first (for the home page). */
export async function listLatestDecisions(db: Executor, organizationId: string, limit: number): Promise<LatestDecisionRow[]> {
  const rows = await db
    .selectFrom('decision as d')
    .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
    .select(['d.id', 'd.number', 'd.decision_date as decisionDate', 'd.title', 'm.id as meetingId', 'm.kind', 'm.number as meetingNumber', 'm.title as meetingTitle'])
    .where('m.organization_id', '=', organizationId)
    .where('m.status', 'in', publicStatuses)
    .where('d.result', '=', 'adopted')
    .orderBy('d.decision_date', 'desc')
    .orderBy('m.starts_at', 'desc')
    .orderBy('d.number')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, decisionDate: r.decisionDate, title: r.title, meeting: { id: r.meetingId, kind: r.kind, number: r.meetingNumber, title: r.meetingTitle } }));
}

export interface OrganizationMeetingRow extends PublicMeetingRow {
  /** The answer to its invitation; null when it was not invited but the roll call names it. */
  invitationStatus: 'invited' | 'confirmed' | 'declined' | null;
  attendanceMode: 'room' | 'video' | null;
  presence: 'room' | 'video' | 'absent' | null;
}

/** The public meetings an organisation (a region's maslikhat) was invited to or called at, newest first. */
export async function listMeetingsOfOrganization(db: Executor, homeOrganizationId: string, organizationId: string, limit: number): Promise<OrganizationMeetingRow[]> {
  return meetingQuery(db, homeOrganizationId)
    .leftJoin('meeting_invitation as i', (join) => join.onRef('i.meeting_id', '=', 'm.id').on('i.organization_id', '=', organizationId))
    .leftJoin('attendance as at', (join) => join.onRef('at.meeting_id', '=', 'm.id').on('at.organization_id', '=', organizationId))
    .select(['i.status as invitationStatus', 'i.attendance_mode as attendanceMode', 'at.presence'])
    .where((eb) => eb.or([eb('i.id', 'is not', null), eb('at.id', 'is not', null)]))
    .orderBy('m.starts_at', 'desc')
    .orderBy('m.id')
    .limit(limit)
    .execute();
}
