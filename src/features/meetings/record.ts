// The record of one meeting as a whole — what the minutes, the Akoma Ntoso export and the press
// release are made from: the meeting, its chair, the agenda with speakers and statements, the
// invited regions, the register of attendance, the decisions with their votes, and the quorum.
import type { Db } from '../../core/db/connect.js';
import type { QuorumRule } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { RegistryService } from '../registry/registry.service.js';
import * as publicRepo from './public.repository.js';
import { buildAgenda, type AgendaEntry } from './public.service.js';
import { findSittingMembers } from './live.repository.js';
import { quorumOf, sittingMembers, type Quorum } from './quorum.js';

export interface MeetingRecord {
  meeting: publicRepo.PublicMeetingRow & { quorumRule: QuorumRule };
  /** The Council, named as on the meeting's day. */
  organization: { id: string; name: LocalizedText; shortName: LocalizedText | null };
  /** The meeting's day in its own time zone (YYYY-MM-DD). */
  date: string;
  chair: { personId: string; name: LocalizedText } | null;
  /** Items in order; sub-items under their item. Each with rapporteurs, co-speakers and statements. */
  agenda: AgendaEntry[];
  /** Organisations invited (the regions' maslikhats), with their answers and the roll call (see regionPresence). */
  regions: publicRepo.InvitedOrganizationRow[];
  /** The register: people (Council members) and organisations (regions), present or absent. */
  attendance: publicRepo.AttendanceRow[];
  decisions: publicRepo.MeetingDecisionRow[];
  /** Who each decision admitted (by decisionId): the organisations and persons it made members. */
  admitted: publicRepo.AdmittedRow[];
  /** People invited in their own right, with their answers and the roll call, whether called or not. */
  invitedPersons: publicRepo.InvitedPersonRow[];
  /**
   * The posts the speakers and the chair held on the meeting's day outside the Council (their
   * Council roles are in `members`), each person's head post first: see posts.ts for the wording.
   */
  posts: publicRepo.PostRow[];
  /** The Council's members on the meeting's day (people, and organisations as collective members). */
  members: RecordMember[];
  quorum: Quorum;
}

export interface RecordMember {
  personId: string | null;
  memberOrganizationId: string | null;
  name: LocalizedText | null;
  role: string;
}

/** Who counts towards the quorum and votes: not the Council's staff, nor representatives (they act for their organisation). */
const votingRoles = new Set(['head', 'deputy_head', 'member', 'collective_member']);

/**
 * The record of a meeting. A held sitting's members are those its record last saw (kept with each
 * change made live), so the registry changing afterwards does not rewrite it; `fresh` reads them
 * from the registry instead (for a change to the record, which keeps them anew).
 */
export async function loadMeetingRecord(db: Db, registry: RegistryService, meetingId: string, options: { fresh?: boolean } = {}): Promise<MeetingRecord | undefined> {
  const home = await registry.homeOrganization();
  const meeting = await publicRepo.findMeetingForRecord(db, home.id, meetingId);
  if (!meeting) return undefined;
  const date = todayInKazakhstan(meeting.startsAt);
  const [items, speakers, statements, regions, attendance, decisions, chair, registered, organization, kept, admitted, invitedPersons, posts] = await Promise.all([
    publicRepo.listAgendaItems(db, meetingId),
    publicRepo.listAgendaSpeakers(db, meetingId),
    publicRepo.listStatements(db, meetingId),
    publicRepo.listInvitedOrganizations(db, meetingId),
    publicRepo.listAttendance(db, meetingId),
    publicRepo.listMeetingDecisions(db, meetingId),
    publicRepo.findChair(db, meetingId),
    registry.councilMembers(home.id, date).then((rows) => rows.filter((m) => votingRoles.has(m.role))),
    registry.listOrganizationsByIds([home.id], date).then((rows) => rows[0]),
    options.fresh ? undefined : findSittingMembers(db, meetingId),
    publicRepo.listAdmittedByMeeting(db, meetingId),
    publicRepo.listInvitedPersons(db, meetingId),
    publicRepo.listSpeakerPosts(db, meetingId),
  ]);
  const held = meeting.status === 'held' || meeting.status === 'minutes_approved';
  const members: RecordMember[] =
    held && kept ? kept : sittingMembers(registered, decisions).map((m) => ({ personId: m.personId, memberOrganizationId: m.memberOrganizationId, name: m.memberName, role: m.role }));
  return {
    meeting,
    organization: { id: home.id, name: organization?.name ?? home.name, shortName: organization?.shortName ?? home.shortName },
    date,
    chair: chair ?? null,
    agenda: buildAgenda(items, speakers, statements),
    regions,
    attendance,
    decisions,
    admitted,
    invitedPersons,
    posts: posts.filter((p) => p.organizationId !== home.id),
    members,
    quorum: quorumOf(meeting.quorumRule, members, attendance),
  };
}
