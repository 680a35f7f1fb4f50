// Every query of the library's self-check: a material's questions in order, each person's latest
// attempt, and the attempts summed per maslikhat (never listed one by one).
import { sql } from 'kysely';
import type { LibraryState } from '../../core/db/database.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export interface QuizQuestionFields {
  prompt: LocalizedText;
  options: LocalizedText[];
  correctOption: number;
}

export async function listQuestions(db: Executor, materialId: string) {
  return db
    .selectFrom('library_quiz_question')
    .select(['id', 'position', 'prompt', 'options', 'correct_option as correctOption'])
    .where('material_id', '=', materialId)
    .orderBy('position')
    .execute();
}

export type QuizQuestionRow = Awaited<ReturnType<typeof listQuestions>>[number];

/** How many questions each material has. */
export async function countQuestions(db: Executor, materialIds: readonly string[]) {
  if (!materialIds.length) return [];
  return db
    .selectFrom('library_quiz_question')
    .select((eb) => ['material_id as materialId', eb.fn.countAll<number>().as('n')])
    .where('material_id', 'in', materialIds)
    .groupBy('material_id')
    .execute();
}

/**
 * The material's state, its row locked for the rest of the transaction: a change to the questions
 * takes it for update and an attempt for share, so the two never cross.
 */
export async function lockMaterial(trx: Executor, materialId: string, mode: 'update' | 'share'): Promise<{ state: LibraryState } | undefined> {
  const query = trx.selectFrom('library_material').select('state').where('id', '=', materialId);
  return (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
}

/** Adds a question after the last one. */
export async function insertQuestion(trx: Executor, id: string, materialId: string, fields: QuizQuestionFields): Promise<void> {
  const last = await trx.selectFrom('library_quiz_question').select((eb) => eb.fn.max('position').as('position')).where('material_id', '=', materialId).executeTakeFirst();
  await trx
    .insertInto('library_quiz_question')
    .values({ id, material_id: materialId, position: Number(last?.position ?? 0) + 1, prompt: json(fields.prompt), options: json(fields.options), correct_option: fields.correctOption })
    .execute();
}

export async function deleteQuestion(trx: Executor, materialId: string, questionId: string) {
  return trx.deleteFrom('library_quiz_question').where('material_id', '=', materialId).where('id', '=', questionId).returning(['prompt', 'options', 'correct_option as correctOption']).executeTakeFirst();
}

export async function countAttempts(db: Executor, materialId: string): Promise<number> {
  const row = await db.selectFrom('library_quiz_attempt').select((eb) => eb.fn.countAll<number>().as('n')).where('material_id', '=', materialId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface AttemptFields {
  materialId: string;
  accountId: string;
  organizationId: string;
  answers: Record<string, number>;
  correct: number;
  total: number;
}

/** Records a person's attempt, replacing their earlier one on the material. */
export async function saveAttempt(trx: Executor, a: AttemptFields): Promise<void> {
  const values = { organization_id: a.organizationId, answers: json(a.answers), correct: a.correct, total: a.total, taken_at: sql<Date>`now()` };
  await trx
    .insertInto('library_quiz_attempt')
    .values({ material_id: a.materialId, account_id: a.accountId, ...values })
    .onConflict((oc) => oc.columns(['material_id', 'account_id']).doUpdateSet(values))
    .execute();
}

export async function findAttempt(db: Executor, materialId: string, accountId: string) {
  return db
    .selectFrom('library_quiz_attempt')
    .select(['answers', 'correct', 'total', 'taken_at as takenAt', 'organization_id as organizationId'])
    .where('material_id', '=', materialId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The attempts on a material summed per maslikhat: how many people, and their right answers of all asked. */
export async function attemptTotals(db: Executor, materialId: string) {
  return db
    .selectFrom('library_quiz_attempt')
    .select((eb) => ['organization_id as organizationId', eb.fn.countAll<number>().as('people'), eb.fn.sum<number>('correct').as('correct'), eb.fn.sum<number>('total').as('asked')])
    .where('material_id', '=', materialId)
    .groupBy('organization_id')
    .execute();
}
