// The live sitting: the secretariat moves through the agenda, calls the roll, records who speaks,
// adds decisions and opens and closes their votes. Every change bumps the meeting's live sequence
// and is published on the topic `meeting:{id}` in the same transaction, so every screen — on any
// app instance — learns of it on commit.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import type { Transaction } from 'kysely';
import type { Database, DecisionKind, MeetingStatus } from '../../core/db/database.js';
import { NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { LiveHub } from '../../core/live.js';
import { recordDecision } from '../registry/decisions.js';
import type { AdmissionProgress, RegistryService } from '../registry/registry.service.js';
import * as repo from './live.repository.js';
import { decisionResult, quorumOf, votersAllowed, type VoteCounts } from './quorum.js';
import { loadMeetingRecord, type MeetingRecord } from './record.js';
import { liveTopic } from './meetings.service.js';

export { liveTopic };


export type LiveProblem =
  | 'not_in_progress'
  | 'not_editable'
  | 'item_unknown'
  | 'decision_unknown'
  | 'vote_not_open'
  | 'vote_already_started'
  | 'counts_invalid'
  | 'counts_too_many'
  | 'voter_not_member'
  | 'statement_unknown';

export class LiveError extends Error {
  constructor(
    readonly reason: LiveProblem,
    /** What the message needs to say (counts_too_many: how many may vote, and why). */
    readonly values: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

export interface LiveState extends MeetingRecord {
  currentItemId: string | null;
  sequence: number;
  votes: { decisionId: string; personId: string; choice: 'for' | 'against' | 'abstain' }[];
  /** The meeting's adopted admissions and who has been entered in the registry under each. */
  admissions: AdmissionProgress[];
}

/** Where each kind of change may be made: the sitting itself only while it runs; the record also after, until the minutes are approved. */
const running: MeetingStatus[] = ['in_progress'];
const recordable: MeetingStatus[] = ['announced', 'in_progress', 'held'];

export function createLiveService(db: Db, registry: RegistryService, live: LiveHub) {
  /** The sitting's state; `fresh`: its members read from the registry, not as its record last kept them (see loadMeetingRecord). */
  async function state(meetingId: string, fresh = false): Promise<LiveState> {
    const [record, meta, votes, admissions] = await Promise.all([
      loadMeetingRecord(db, registry, meetingId, { fresh }),
      repo.findLiveMeta(db, meetingId),
      repo.listVotes(db, meetingId),
      registry.admissionsOfMeeting(meetingId),
    ]);
    if (!record || !meta) throw NotFoundError();
    return { ...record, ...meta, votes, admissions };
  }

  /**
   * The state for screens that only read it. After each change every screen asks at once; they
   * share one load per sequence number. A load is reused for at most two seconds, because a few
   * things outside the sitting (an invitation's answer, the chair) change without a new sequence.
   */
  const shared = new Map<string, { sequence: number; loadedAt: number; state: Promise<LiveState> }>();
  const sharedForMs = 2000;
  async function currentState(meetingId: string): Promise<LiveState> {
    const meta = await repo.findLiveMeta(db, meetingId);
    if (!meta) throw NotFoundError();
    const now = performance.now();
    const hit = shared.get(meetingId);
    if (hit && hit.sequence === meta.sequence && now - hit.loadedAt < sharedForMs) return hit.state;
    for (const [id, entry] of shared) if (now - entry.loadedAt >= sharedForMs) shared.delete(id);
    const loading = state(meetingId);
    shared.set(meetingId, { sequence: meta.sequence, loadedAt: now, state: loading });
    loading.catch(() => shared.delete(meetingId));
    return loading;
  }

  /**
   * Runs a change of the sitting in one transaction: checks, writes, keeps the sitting's members as
   * the record now sees them (a held sitting keeps these), bumps, audits, publishes.
   */
  async function change(meetingId: string, allowed: MeetingStatus[], context: ChangeContext, action: string, write: (trx: Transaction<Database>, current: LiveState) => Promise<Record<string, unknown>>): Promise<void> {
    const current = await state(meetingId, true);
    if (!allowed.includes(current.meeting.status)) throw new LiveError(allowed === running ? 'not_in_progress' : 'not_editable');
    await db.transaction().execute(async (trx) => {
      const after = await write(trx, current);
      await repo.saveSittingMembers(trx, meetingId, current.members);
      const sequence = await repo.bumpLiveSequence(trx, meetingId);
      await recordChange(trx, context, { entity: 'meeting', entityId: meetingId, action, after });
      await live.publish(trx, liveTopic(meetingId), String(sequence));
    });
  }

  const item = (s: LiveState, itemId: string) => {
    const all = s.agenda.flatMap((a) => [a, ...a.children]);
    const found = all.find((a) => a.id === itemId);
    if (!found) throw new LiveError('item_unknown');
    return found;
  };
  const decision = (s: LiveState, decisionId: string) => {
    const found = s.decisions.find((d) => d.id === decisionId);
    if (!found) throw new LiveError('decision_unknown');
    return found;
  };

  return {
    state,
    currentState,
    sequence: (meetingId: string) => repo.liveSequence(db, meetingId),

    setCurrentItem: (meetingId: string, itemId: string | null, context: ChangeContext) =>
      change(meetingId, running, context, 'live_current_item', async (trx, s) => {
        if (itemId) item(s, itemId);
        await repo.setCurrentItem(trx, meetingId, itemId);
        return { current_agenda_item_id: itemId };
      }),

    recordAttendance: (meetingId: string, entries: repo.PresenceEntry[], context: ChangeContext) =>
      change(meetingId, recordable, context, 'live_attendance', async (trx, s) => {
        const people = new Set(s.members.map((m) => m.personId ?? m.memberOrganizationId));
        const regions = new Set(s.regions.map((r) => r.organizationId));
        const known = entries.filter((e) => (e.personId ? people.has(e.personId) : e.organizationId ? people.has(e.organizationId) || regions.has(e.organizationId) : false));
        await repo.saveAttendance(trx, meetingId, known.map((e) => ({ ...e, id: newId() })), context.actorAccountId);
        return { recorded: known.length, present: known.filter((e) => e.presence !== 'absent').length };
      }),

    addStatement: (meetingId: string, input: { itemId: string; personId: string | null; speakerLabel: LocalizedText | null; summary: LocalizedText | null; quotation: string | null; language: 'kk' | 'ru' | 'en' }, context: ChangeContext) =>
      change(meetingId, recordable, context, 'live_statement', async (trx, s) => {
        item(s, input.itemId);
        const id = newId();
        await repo.insertStatement(trx, { id, agenda_item_id: input.itemId, person_id: input.personId, speaker_label: input.speakerLabel, summary: input.summary, quotation: input.quotation, language: input.language });
        return { statement_id: id, agenda_item_id: input.itemId, person_id: input.personId };
      }),

    addDecision: (meetingId: string, input: { itemId: string; kind: DecisionKind; number: string | null; admissionsExpected?: number | null; title: LocalizedText; body: LocalizedText | null }, context: ChangeContext) =>
      change(meetingId, recordable, context, 'live_decision', async (trx, s) => {
        item(s, input.itemId);
        const admissionsExpected = input.kind === 'admission' ? (input.admissionsExpected ?? null) : null;
        const id = await recordDecision(trx, {
          organizationId: s.organization.id,
          meeting: { meetingId, agendaItemId: input.itemId },
          number: input.number,
          date: s.date,
          kind: input.kind,
          title: input.title,
          body: input.body,
          admissionsExpected,
        });
        return { decision_id: id, kind: input.kind, title: input.title, admissions_expected: admissionsExpected };
      }),

    /** Corrects the record: a statement entered by mistake. */
    removeStatement: (meetingId: string, statementId: string, context: ChangeContext) =>
      change(meetingId, recordable, context, 'live_statement_removed', async (trx) => {
        if (!(await repo.deleteStatement(trx, meetingId, statementId))) throw new LiveError('statement_unknown');
        return { statement_id: statementId };
      }),

    /** Corrects the record: a decision entered by mistake, as long as it was never put to the vote. */
    removeDecision: (meetingId: string, decisionId: string, context: ChangeContext) =>
      change(meetingId, recordable, context, 'live_decision_removed', async (trx, s) => {
        const d = decision(s, decisionId);
        if (d.voting !== 'not_started' || !(await repo.deleteUnvotedDecision(trx, meetingId, decisionId))) throw new LiveError('vote_already_started');
        return { decision_id: decisionId, title: d.title };
      }),

    openVote: (meetingId: string, decisionId: string, context: ChangeContext) =>
      change(meetingId, running, context, 'live_vote_opened', async (trx, s) => {
        if (decision(s, decisionId).voting !== 'not_started') throw new LiveError('vote_already_started');
        if (!(await repo.setVoting(trx, decisionId, { voting: 'open' }))) throw new LiveError('vote_already_started');
        return { decision_id: decisionId };
      }),

    /**
     * Closes a vote with its result: votes by name (each a member present), or counts when the
     * hall voted by show of hands. The result follows the Council's rule (see quorum.ts).
     */
    closeVote: (meetingId: string, decisionId: string, cast: { byMember: { personId: string; choice: 'for' | 'against' | 'abstain' }[]; counts: VoteCounts | null }, context: ChangeContext) =>
      change(meetingId, running, context, 'live_vote_closed', async (trx, s) => {
        if (decision(s, decisionId).voting !== 'open') throw new LiveError('vote_not_open');
        const voters = new Set(s.members.flatMap((m) => (m.personId ? [m.personId] : [])));
        if (cast.byMember.some((v) => !voters.has(v.personId))) throw new LiveError('voter_not_member');
        const counts = cast.byMember.length ? tally(cast.byMember) : cast.counts;
        if (!counts || Object.values(counts).some((n) => !Number.isInteger(n) || n < 0)) throw new LiveError('counts_invalid');
        const quorum = quorumOf(s.meeting.quorumRule, s.members, s.attendance);
        // No more votes than voters: those registered present, or without a roll the sitting's members — said in the quorum line's terms.
        const limit = votersAllowed(quorum);
        if (counts.for + counts.against + counts.abstain > limit) {
          throw new LiveError('counts_too_many', { limit, present: quorum.present, members: quorum.members, needed: quorum.needed, date: s.date, roll: quorum.present > 0 ? 'yes' : 'no' });
        }
        await repo.replaceMemberVotes(trx, decisionId, cast.byMember.map((v) => ({ ...v, id: newId() })));
        const result = decisionResult(quorum, counts);
        if (!(await repo.setVoting(trx, decisionId, { voting: 'closed', result, counts }))) throw new LiveError('vote_not_open');
        return { decision_id: decisionId, counts, result, by_member: cast.byMember.length > 0 };
      }),
  };
}

function tally(votes: { choice: 'for' | 'against' | 'abstain' }[]): VoteCounts {
  return { for: votes.filter((v) => v.choice === 'for').length, against: votes.filter((v) => v.choice === 'against').length, abstain: votes.filter((v) => v.choice === 'abstain').length };
}

export type LiveService = ReturnType<typeof createLiveService>;
