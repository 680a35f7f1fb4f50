// The Council's decisions as other features use them (published by the registry, which owns the
// `decision` table): the one way a decision is written — from the secretariat's office, during a
// live sitting, by the demo seeds — and found by its day and kind. A meeting's vote on a decision
// (voting, counts, result) is kept by the meetings feature's live repository, which owns those columns.
import type { DateString, DecisionKind } from '../../core/db/database.js';
import type { Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { newId } from '../../core/ids.js';
import { findDecisionId, listDecisionsByIds, type DecisionRow } from './directory.repository.js';
import { insertDecision } from './membership.repository.js';
import { listDecisions } from './staff.repository.js';

export interface NewDecision {
  organizationId: string;
  number: string | null;
  date: DateString;
  kind: DecisionKind;
  title: LocalizedText;
  body: LocalizedText | null;
  /** For an admission decision: how many members it admits (so the registry can say "1 of 3 entered"). */
  admissionsExpected?: number | null;
  /** A decision taken at a meeting, under one of its agenda items. */
  meeting?: { meetingId: string; agendaItemId: string };
}

/** Writes a decision in the caller's transaction and returns its id; admissionsExpected is kept for admissions only. */
export async function recordDecision(db: Executor, input: NewDecision): Promise<string> {
  const id = newId();
  await insertDecision(db, {
    id,
    organization_id: input.organizationId,
    meeting_id: input.meeting?.meetingId ?? null,
    agenda_item_id: input.meeting?.agendaItemId ?? null,
    number: input.number,
    decision_date: input.date,
    kind: input.kind,
    title: input.title,
    body: input.body,
    admissions_expected: input.kind === 'admission' ? (input.admissionsExpected ?? null) : null,
  });
  return id;
}

/** The organisation's decision of that kind on that day, if one is recorded. */
export const findDecisionOn = (db: Executor, organizationId: string, date: DateString, kind: DecisionKind): Promise<string | undefined> =>
  findDecisionId(db, organizationId, date, kind);

export type { DecisionRow } from './directory.repository.js';

/** A decision as a choice on a form: enough to name it. */
export type DecisionChoice = Awaited<ReturnType<typeof listDecisions>>[number];

/** The organisation's decisions in force (recorded on their own, or adopted by a meeting's vote) of a kind (e.g. those adopting a plan), or of every kind, the latest first. */
export async function decisionsOfKind(db: Executor, organizationId: string, kind?: DecisionKind): Promise<DecisionChoice[]> {
  const decisions = await listDecisions(db, organizationId);
  return kind ? decisions.filter((d) => d.kind === kind) : decisions;
}

/** Decisions by their ids (in force or not), the earliest first. */
export const decisionsByIds = (db: Executor, ids: string[]): Promise<DecisionRow[]> => listDecisionsByIds(db, ids);
