// Citizens' questions: every query of citizen_question, its history, its alerts and its settings row
// (owned here); reads the registry's names and the accounts that handle a question.
import { sql } from 'kysely';
import { areaNameAsOf, coversDate, organizationNameAsOf } from '../../core/db/dated.js';
import { paginate } from '../../core/db/query.js';
/** The next readable reference of a year: Q-2026-000123 (one sequence, so two instances never share one). */
export async function nextReference(db, year) {
    const { rows } = await sql `select nextval('citizen_question_number') as n`.execute(db);
    return `Q-${year}-${String(rows[0]?.n ?? 0).padStart(6, '0')}`;
}
export async function insertQuestion(db, q) {
    await db
        .insertInto('citizen_question')
        .values({
        id: q.id,
        reference: q.reference,
        organization_id: q.organizationId,
        channel: q.channel,
        outreach_event_id: q.outreachEventId,
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
export async function insertEvent(db, e) {
    await db.insertInto('citizen_question_event').values({ id: e.id, question_id: e.questionId, action: e.action, state: e.state, actor_account_id: e.actorAccountId, note: e.note, occurred_at: e.at }).execute();
}
/** The history of a question, oldest first, with the acting account's name (for the office only). */
export async function listEvents(db, questionId) {
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
];
function questionQuery(db) {
    return db
        .selectFrom('citizen_question as q')
        .leftJoin('person as p', 'p.id', 'q.assignee_person_id')
        .select(questionColumns)
        .select([
        'p.name as assigneeName',
        organizationNameAsOf('q.organization_id', sql `q.registered_on`).as('organizationName'),
        areaNameAsOf('q.area_id', sql `q.registered_on`).as('areaName'),
        (eb) => eb.selectFrom('account as a').select('a.id').whereRef('a.person_id', '=', 'q.assignee_person_id').limit(1).as('assigneeAccountId'),
    ]);
}
export async function findQuestion(db, id) {
    return questionQuery(db).where('q.id', '=', id).executeTakeFirst();
}
export async function findByTokenHash(db, hash) {
    return questionQuery(db).where('q.tracking_token_hash', '=', hash).executeTakeFirst();
}
export async function listQuestions(db, scope, filter, page) {
    let query = db
        .selectFrom('citizen_question as q')
        .leftJoin('person as p', 'p.id', 'q.assignee_person_id')
        .select(['q.id', 'q.reference', 'q.state', 'q.channel', 'q.registered_on as registeredOn', 'q.due_date as dueDate', 'q.extended_due_date as extendedDueDate', 'p.name as assigneeName', organizationNameAsOf('q.organization_id', sql `q.registered_on`).as('organizationName')]);
    if (!scope.all) {
        query = query.where((eb) => eb.or([
            ...(scope.organizationIds.length ? [eb('q.organization_id', 'in', scope.organizationIds)] : []),
            ...(scope.assigneePersonId ? [eb('q.assignee_person_id', '=', scope.assigneePersonId)] : []),
            eb.val(false),
        ]));
    }
    if (filter.state)
        query = query.where('q.state', '=', filter.state);
    if (filter.overdue)
        query = query.where('q.state', 'in', ['registered', 'in_work']).where(sql `coalesce(q.extended_due_date, q.due_date) < ${filter.today}::date`);
    return paginate(query.orderBy('q.created_at', 'desc').orderBy('q.id', 'desc'), page);
}
/** Changes a question when `version` is the one read; false when someone changed it first. */
export async function updateQuestion(db, id, version, set, now) {
    const result = await db
        .updateTable('citizen_question')
        .set({ ...set, updated_at: now, version: sql `version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
}
/** The person linked to an account (a deputy's account), if any. */
export async function personOfAccount(db, accountId) {
    const row = await db.selectFrom('account').select('person_id').where('id', '=', accountId).executeTakeFirst();
    return row?.person_id ?? null;
}
/** Today's deputies (and chair) of a maslikhat, by name: those a question may be assigned to. */
export async function listDeputies(db, organizationId, today) {
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
export async function readSetting(db) {
    return db.selectFrom('citizen_question_setting').select(['retention_months as retentionMonths', 'form_key as formKey', 'version', 'updated_at as updatedAt']).executeTakeFirstOrThrow();
}
/** Sets the form key when none is set yet (the first instance to ask decides; the others read it). */
export async function setFormKeyIfMissing(db, key) {
    await db.updateTable('citizen_question_setting').set({ form_key: key }).where('form_key', 'is', null).execute();
}
export async function setRetention(db, months, version, now) {
    const result = await db
        .updateTable('citizen_question_setting')
        .set({ retention_months: months, updated_at: now, version: sql `version + 1` })
        .where('version', '=', version)
        .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
}
/** Erases the applicant's details of questions closed before `cutoff`; the erased questions' ids. */
export async function eraseClosedBefore(db, cutoff, now) {
    const rows = await db
        .updateTable('citizen_question')
        .set({ applicant_name: null, contact_email: null, contact_phone: null, settlement: null, personal_data_erased_at: now, updated_at: now, version: sql `version + 1` })
        .where('state', '=', 'closed')
        .where('closed_at', '<', cutoff)
        .where('personal_data_erased_at', 'is', null)
        .returning('id')
        .execute();
    return rows.map((r) => r.id);
}
/** Open questions (registered or in work) whose deadline (extended if so) has passed before `today`. */
export async function listOverdue(db, today) {
    return db
        .selectFrom('citizen_question as q')
        .select(['q.id', 'q.reference', 'q.organization_id as organizationId', 'q.assignee_person_id as assigneePersonId', 'q.due_date as dueDate', 'q.extended_due_date as extendedDueDate'])
        .where('q.state', 'in', ['registered', 'in_work'])
        .where(sql `coalesce(q.extended_due_date, q.due_date) < ${today}::date`)
        .orderBy('q.due_date')
        .orderBy('q.id')
        .execute();
}
/**
 * Who is told that a question is overdue: the assignee's own account (when the deputy has one) and
 * the active accounts of the maslikhat's staff (a grant on it or an organisation above it), each once.
 */
export async function listAlertRecipients(db, organizationId, assigneePersonId, today) {
    const rows = await db
        .withRecursive('covered(organization_id)', (qb) => qb
        .selectFrom('organization as o')
        .select('o.id as organization_id')
        .where('o.id', '=', organizationId)
        .union((eb) => eb.selectFrom('organization as o').innerJoin('covered as c', 'o.id', 'c.organization_id').select('o.parent_id as organization_id').where('o.parent_id', 'is not', null).$narrowType()))
        .selectFrom('account as a')
        .select(['a.id', 'a.email', 'a.display_name', 'a.preferred_language'])
        .where('a.is_active', '=', true)
        .where((eb) => eb.or([
        ...(assigneePersonId ? [eb('a.person_id', '=', assigneePersonId)] : []),
        eb.exists(eb
            .selectFrom('role_grant as g')
            .select('g.id')
            .whereRef('g.account_id', '=', 'a.id')
            .where('g.role', '=', 'maslikhat_staff')
            .where('g.revoked_at', 'is', null)
            .where(coversDate('g.valid_from', 'g.valid_to', today))
            .where('g.organization_id', 'in', eb.selectFrom('covered').select('covered.organization_id'))),
    ]))
        .orderBy('a.email')
        .execute();
    return rows.map((r) => ({ accountId: r.id, email: r.email, displayName: r.display_name, language: r.preferred_language }));
}
/** Claims an alert before anything is sent: true for exactly one caller, however many instances ask at once (the primary key decides). */
export async function claimAlert(db, questionId, kind, at) {
    const rows = await db
        .insertInto('citizen_question_alert')
        .values({ question_id: questionId, kind, sent_at: at })
        .onConflict((oc) => oc.columns(['question_id', 'kind']).doNothing())
        .returning('question_id')
        .execute();
    return rows.length === 1;
}
export async function recordAlertRecipients(db, questionId, kind, recipients) {
    await db.updateTable('citizen_question_alert').set({ recipients }).where('question_id', '=', questionId).where('kind', '=', kind).execute();
}
//# sourceMappingURL=questions.repository.js.map