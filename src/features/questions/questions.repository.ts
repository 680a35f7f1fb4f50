// Citizens' questions: every query of citizen_question, its history, its alerts and its settings row
// (owned here); reads the registry's names and the accounts that handle a question.
import { sql, type Insertable, type NotNull } from 'kysely';
import { listGrantHolders, type AccountRecipient } from '../../core/auth/account.repository.js';
import { areaNameAsOf, coversDate, organizationNameAsOf } from '../../core/db/dated.js';
import type { CitizenQuestionTable, QuestionAction, QuestionAlertKind, QuestionChannel, QuestionState } from '../../core/db/database.js';
import { paginate, type Executor, type Page } from '../../core/db/query.js';
import type { Language } from '../../core/i18n/languages.js';

export type { QuestionAction, QuestionAlertKind, QuestionChannel, QuestionState } from '../../core/db/database.js';

/** The next readable reference of a year: Q-2026-000123 (one sequence, so two instances never share one). */
export async function nextReference(db: Executor, year: string): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`select nextval('citizen_question_number') as n`.execute(db);
  return `Q-${year}-${String(rows[0]?.n ?? 0).padStart(6, '0')}`;
}

export interface NewQuestion {
  id: string;
  reference: string;
  organizationId: string;
  channel: QuestionChannel;
  outreachEventId: string | null;
  /** The deputy it is assigned to from the start (one who registered it at their own event), or null. */
  assigneePersonId: string | null;
  applicantName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  areaId: string;
  settlement: string | null;
  body: string;
  language: Language;
  consentAt: Date;
  consentRecordedBy: string | null;
  registeredOn: string;
  dueDate: string | null;
  trackingTokenHash: string;
  now: Date;
}

export async function insertQuestion(db: Executor, q: NewQuestion): Promise<void> {
  await db
    .insertInto('citizen_question')
    .values({
      id: q.id,
      reference: q.reference,
      organization_id: q.organizationId,
      channel: q.channel,
      outreach_event_id: q.outreachEventId,
      assignee_person_id: q.assigneePersonId,
      applicant_name: q.applicantName,
      contact_email: q.contactEmail,
      contact_phone: q.contactPhone,
      area_id: q.areaId,
      settlement: q.settlement,
      body: q.body,
      language: q.language,
      consent_at: q.consentAt,
      consent_recorded_by: q.consentRecordedBy,
      registered_on: q.registeredOn,
      due_date: q.dueDate,
      tracking_token_hash: q.trackingTokenHash,
      created_at: q.now,
      updated_at: q.now,
    })
    .execute();
}

export async function insertEvent(db: Executor, e: { id: string; questionId: string; action: QuestionAction; state: QuestionState; actorAccountId: string | null; note: string | null; at: Date }): Promise<void> {
  await db.insertInto('citizen_question_event').values({ id: e.id, question_id: e.questionId, action: e.action, state: e.state, actor_account_id: e.actorAccountId, note: e.note, occurred_at: e.at }).execute();
}

/** The history of a question, oldest first, with the acting account's name (for the office only). */
export async function listEvents(db: Executor, questionId: string) {
  return db
    .selectFrom('citizen_question_event as e')
    .leftJoin('account as a', 'a.id', 'e.actor_account_id')
    .select(['e.id', 'e.action', 'e.state', 'e.note', 'e.occurred_at as occurredAt', 'a.display_name as actorName'])
    .where('e.question_id', '=', questionId)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
}

const questionColumns = [
  'q.id',
  'q.reference',
  'q.organization_id as organizationId',
  'q.assignee_person_id as assigneePersonId',
  'q.outreach_event_id as outreachEventId',
  'q.channel',
  'q.applicant_name as applicantName',
  'q.contact_email as contactEmail',
  'q.contact_phone as contactPhone',
  'q.area_id as areaId',
  'q.settlement',
  'q.body',
  'q.language',
  'q.consent_at as consentAt',
  'q.state',
  'q.registered_on as registeredOn',
  'q.forwarded_to as forwardedTo',
  'q.forwarded_at as forwardedAt',
  'q.answer',
  'q.answered_at as answeredAt',
  'q.closed_at as closedAt',
  'q.due_date as dueDate',
  'q.extended_due_date as extendedDueDate',
  'q.extension_reason as extensionReason',
  'q.personal_data_erased_at as personalDataErasedAt',
  'q.is_demo as isDemo',
  'q.created_at as createdAt',
  'q.version',
] as const;

function questionQuery(db: Executor) {
  return db
    .selectFrom('citizen_question as q')
    .leftJoin('person as p', 'p.id', 'q.assignee_person_id')
    .select(questionColumns)
    .select([
      'p.name as assigneeName',
      organizationNameAsOf('q.organization_id', sql<string>`q.registered_on`).as('organizationName'),
      areaNameAsOf('q.area_id', sql<string>`q.registered_on`).as('areaName'),
      (eb) => eb.selectFrom('account as a').select('a.id').whereRef('a.person_id', '=', 'q.assignee_person_id').limit(1).as('assigneeAccountId'),
    ]);
}

export type QuestionRecord = NonNullable<Awaited<ReturnType<typeof findQuestion>>>;

export async function findQuestion(db: Executor, id: string) {
  return questionQuery(db).where('q.id', '=', id).executeTakeFirst();
}

export async function findByTokenHash(db: Executor, hash: string) {
  return questionQuery(db).where('q.tracking_token_hash', '=', hash).executeTakeFirst();
}

/** Who sees which questions in the office list: everything, or those of some maslikhats and/or assigned to a person. */
export interface ListScope {
  all: boolean;
  organizationIds: string[];
  assigneePersonId: string | null;
}

export interface ListFilter {
  state: QuestionState | null;
  overdue: boolean;
  today: string;
}

export async function listQuestions(db: Executor, scope: ListScope, filter: ListFilter, page: Page) {
  let query = db
    .selectFrom('citizen_question as q')
    .leftJoin('person as p', 'p.id', 'q.assignee_person_id')
    .select(['q.id', 'q.reference', 'q.state', 'q.channel', 'q.registered_on as registeredOn', 'q.due_date as dueDate', 'q.extended_due_date as extendedDueDate', 'p.name as assigneeName', organizationNameAsOf('q.organization_id', sql<string>`q.registered_on`).as('organizationName')]);
  if (!scope.all) {
    query = query.where((eb) =>
      eb.or([
        ...(scope.organizationIds.length ? [eb('q.organization_id', 'in', scope.organizationIds)] : []),
        ...(scope.assigneePersonId ? [eb('q.assignee_person_id', '=', scope.assigneePersonId)] : []),
        eb.val(false),
      ]),
    );
  }
  if (filter.state) query = query.where('q.state', '=', filter.state);
  if (filter.overdue) query = query.where('q.state', 'in', ['registered', 'in_work']).where(sql<boolean>`coalesce(q.extended_due_date, q.due_date) < ${filter.today}::date`);
  return paginate(query.orderBy('q.created_at', 'desc').orderBy('q.id', 'desc'), page);
}

/** Changes a question when `version` is the one read; false when someone changed it first. */
export async function updateQuestion(
  db: Executor,
  id: string,
  version: number,
  set: Partial<{
    state: QuestionState;
    assignee_person_id: string | null;
    forwarded_to: string;
    forwarded_at: Date;
    answer: string;
    answered_at: Date;
    closed_at: Date;
    extended_due_date: string;
    extension_reason: string;
  }>,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('citizen_question')
    .set({ ...set, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The person linked to an account (a deputy's account), if any. */
export async function personOfAccount(db: Executor, accountId: string): Promise<string | null> {
  const row = await db.selectFrom('account').select('person_id').where('id', '=', accountId).executeTakeFirst();
  return row?.person_id ?? null;
}

/** Today's deputies (and chair) of a maslikhat, by name: those a question may be assigned to. */
export async function listDeputies(db: Executor, organizationId: string, today: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id as personId', 'p.name'])
    .where('m.organization_id', '=', organizationId)
    .where('m.role', 'in', ['deputy', 'head', 'deputy_head'])
    .where(coversDate('m.start_date', 'm.end_date', today))
    .distinct()
    .execute();
}

export async function readSetting(db: Executor) {
  return db.selectFrom('citizen_question_setting').select(['retention_months as retentionMonths', 'form_key as formKey', 'version', 'updated_at as updatedAt']).executeTakeFirstOrThrow();
}

/** Sets the form key when none is set yet (the first instance to ask decides; the others read it). */
export async function setFormKeyIfMissing(db: Executor, key: string): Promise<void> {
  await db.updateTable('citizen_question_setting').set({ form_key: key }).where('form_key', 'is', null).execute();
}

export async function setRetention(db: Executor, months: number, version: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('citizen_question_setting')
    .set({ retention_months: months, updated_at: now, version: sql<number>`version + 1` })
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Erases the applicant's details of questions closed before `cutoff`; the erased questions' ids. */
export async function eraseClosedBefore(db: Executor, cutoff: Date, now: Date): Promise<string[]> {
  const rows = await db
    .updateTable('citizen_question')
    .set({ applicant_name: null, contact_email: null, contact_phone: null, settlement: null, personal_data_erased_at: now, updated_at: now, version: sql<number>`version + 1` })
    .where('state', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .where('personal_data_erased_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Open questions (registered or in work, not demo ones) whose deadline (extended if so) has passed before `today`. */
export async function listOverdue(db: Executor, today: string) {
  return db
    .selectFrom('citizen_question as q')
    .select(['q.id', 'q.reference', 'q.organization_id as organizationId', 'q.assignee_person_id as assigneePersonId', 'q.due_date as dueDate', 'q.extended_due_date as extendedDueDate'])
    .where('q.state', 'in', ['registered', 'in_work'])
    .where('q.is_demo', '=', false)
    .where(sql<boolean>`coalesce(q.extended_due_date, q.due_date) < ${today}::date`)
    .orderBy('q.due_date')
    .orderBy('q.id')
    .execute();
}

export type AlertRecipient = AccountRecipient;

/**
 * Who is told that a question is overdue: the assignee's own account (when the deputy has one), the
 * chairman's (a 'head' membership of the maslikhat today, the account linked to that person) and the
 * active accounts of the maslikhat's staff (a grant on it or an organisation above it), each once.
 */
export async function listAlertRecipients(db: Executor, organizationId: string, assigneePersonId: string | null, today: string): Promise<AlertRecipient[]> {
  const heads = await db
    .selectFrom('membership as m')
    .select('m.person_id')
    .where('m.organization_id', '=', organizationId)
    .where('m.role', '=', 'head')
    .where('m.person_id', 'is not', null)
    .where(coversDate('m.start_date', 'm.end_date', today))
    .$narrowType<{ person_id: NotNull }>()
    .execute();
  const people = [...(assigneePersonId ? [assigneePersonId] : []), ...heads.map((h) => h.person_id)];
  return listGrantHolders(db, organizationId, today, ['maslikhat_staff'], people);
}

/** Claims an alert before anything is sent: true for exactly one caller, however many instances ask at once (the primary key decides). */
export async function claimAlert(db: Executor, questionId: string, kind: QuestionAlertKind, at: Date): Promise<boolean> {
  const rows = await db
    .insertInto('citizen_question_alert')
    .values({ question_id: questionId, kind, sent_at: at })
    .onConflict((oc) => oc.columns(['question_id', 'kind']).doNothing())
    .returning('question_id')
    .execute();
  return rows.length === 1;
}

export async function recordAlertRecipients(db: Executor, questionId: string, kind: QuestionAlertKind, recipients: number): Promise<void> {
  await db.updateTable('citizen_question_alert').set({ recipients }).where('question_id', '=', questionId).where('kind', '=', kind).execute();
}

/**
 * Per maslikhat, questions registered in [from, to] (Kazakhstan's days): how many, how many
 * answered, answered by their deadline (the extended one when extended), forwarded, and still open
 * past it on `today`. Aggregates only: nothing about an applicant.
 */
export async function countByOrganization(db: Executor, range: { from: string; to: string; today: string; organizationIds?: readonly string[] }) {
  let query = db
    .selectFrom('citizen_question as q')
    .select((eb) => [
      'q.organization_id as organizationId',
      eb.fn.countAll<string>().as('raised'),
      sql<string>`count(*) filter (where q.answered_at is not null)`.as('answered'),
      sql<string>`count(*) filter (where q.answered_at is not null and (q.answered_at at time zone 'Asia/Almaty')::date <= coalesce(q.extended_due_date, q.due_date))`.as('answeredOnTime'),
      sql<string>`count(*) filter (where q.forwarded_at is not null)`.as('forwarded'),
      sql<string>`count(*) filter (where q.state in ('registered', 'in_work') and coalesce(q.extended_due_date, q.due_date) < ${range.today}::date)`.as('overdue'),
    ])
    .where('q.registered_on', '>=', range.from)
    .where('q.registered_on', '<=', range.to)
    .groupBy('q.organization_id');
  if (range.organizationIds) query = query.where('q.organization_id', 'in', range.organizationIds.length ? range.organizationIds : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.execute();
  return rows.map((r) => ({ organizationId: r.organizationId, raised: Number(r.raised), answered: Number(r.answered), answeredOnTime: Number(r.answeredOnTime), forwarded: Number(r.forwarded), overdue: Number(r.overdue) }));
}

/** A demo question as a whole row (the demo writes its states and dates directly). */
export async function insertDemoQuestion(db: Executor, row: Insertable<CitizenQuestionTable>): Promise<void> {
  await db.insertInto('citizen_question').values({ ...row, is_demo: true }).execute();
}

export async function hasDemoQuestions(db: Executor): Promise<boolean> {
  return (await db.selectFrom('citizen_question').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()) !== undefined;
}

/** The questions raised at an outreach event, oldest first: reference and state only. */
export async function listAtEvent(db: Executor, eventId: string) {
  return db.selectFrom('citizen_question').select(['id', 'reference', 'state']).where('outreach_event_id', '=', eventId).orderBy('created_at').orderBy('reference').execute();
}
