// The library's self-check: a short optional quiz on a material, written by those who prepare it
// and taken by the staff and deputies of the maslikhats it was sent to. A person sees their own
// answers; everyone else sees results summed per region only, and a region's share of right answers
// only once at least `smallestGroup` people there have taken it (fewer would show a person's score).
// The questions are fixed once anyone has taken the quiz, so the results stay comparable.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { Executor } from '../../core/db/query.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { RegistryService } from '../registry/registry.service.js';
import * as repo from './quiz.repository.js';

export type { QuizQuestionFields, QuizQuestionRow } from './quiz.repository.js';

/** At most this many questions: a self-check, not an examination. */
export const maxQuizQuestions = 10;
/** A region's share of right answers is shown only from this many people. */
export const smallestGroup = 3;

export interface QuizResultLine {
  organizationId: string;
  name: LocalizedText;
  people: number;
  /** The share of right answers, 0–100, or null while fewer than `smallestGroup` took it there. */
  percent: number | null;
}

export interface QuizResults {
  people: number;
  regions: number;
  lines: QuizResultLine[];
}

export interface QuizAttempt {
  answers: Record<string, number>;
  correct: number;
  total: number;
  takenAt: Date;
}

export function createQuizService(db: Db, deps: { registry: RegistryService }) {
  /** Runs a change of the questions: the material must exist, not be withdrawn, and have no attempt yet (409 otherwise). */
  async function changeQuestions<T>(materialId: string, run: (trx: Executor) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const material = await repo.lockMaterial(trx, materialId, 'update');
      if (!material) throw NotFoundError();
      if (material.state === 'withdrawn') throw ConflictError('library.quizWithdrawn');
      if ((await repo.countAttempts(trx, materialId)) > 0) throw ConflictError('library.quizTaken');
      return run(trx);
    });
  }

  return {
    questions: (materialId: string) => repo.listQuestions(db, materialId),

    /** How many questions each material's quiz has (0 when it has none). */
    async questionCounts(materialIds: readonly string[]): Promise<Map<string, number>> {
      return new Map((await repo.countQuestions(db, materialIds)).map((r) => [r.materialId, Number(r.n)]));
    },

    attempts: (materialId: string) => repo.countAttempts(db, materialId),

    /** Adds a question at the end (at most `maxQuizQuestions`: 409 beyond), audited. */
    async addQuestion(materialId: string, fields: repo.QuizQuestionFields, context: ChangeContext): Promise<void> {
      await changeQuestions(materialId, async (trx) => {
        if ((await repo.listQuestions(trx, materialId)).length >= maxQuizQuestions) throw ConflictError('library.quizFull');
        const id = newId();
        await repo.insertQuestion(trx, id, materialId, fields);
        await recordChange(trx, context, { entity: 'library_quiz_question', entityId: id, action: 'created', after: { materialId, ...fields } });
      });
    },

    /** Removes a question (404 if it is not this material's), audited. */
    async removeQuestion(materialId: string, questionId: string, context: ChangeContext): Promise<void> {
      await changeQuestions(materialId, async (trx) => {
        const removed = await repo.deleteQuestion(trx, materialId, questionId);
        if (!removed) throw NotFoundError();
        await recordChange(trx, context, { entity: 'library_quiz_question', entityId: questionId, action: 'deleted', before: { materialId, ...removed } });
      });
    },

    /**
     * Scores a person's answers and keeps them as their attempt for the maslikhat (a retake replaces
     * the earlier one). `asked` are the questions the person was shown: if the quiz is not those
     * questions any more, 409 and nothing is kept. The material must be published.
     */
    async submit(materialId: string, input: { accountId: string; organizationId: string; asked: string[]; answers: Record<string, number> }): Promise<QuizAttempt> {
      return db.transaction().execute(async (trx) => {
        const material = await repo.lockMaterial(trx, materialId, 'share');
        if (!material || material.state !== 'published') throw NotFoundError();
        const questions = await repo.listQuestions(trx, materialId);
        if (!questions.length) throw NotFoundError();
        if (questions.length !== input.asked.length || questions.some((q, i) => q.id !== input.asked[i])) throw ConflictError('library.quizChanged');
        const answers = Object.fromEntries(questions.map((q) => [q.id, input.answers[q.id] ?? -1]));
        const correct = questions.filter((q) => answers[q.id] === q.correctOption).length;
        await repo.saveAttempt(trx, { materialId, accountId: input.accountId, organizationId: input.organizationId, answers, correct, total: questions.length });
        return { answers, correct, total: questions.length, takenAt: new Date() };
      });
    },

    /** The person's own latest attempt, if any. */
    async attemptOf(materialId: string, accountId: string): Promise<QuizAttempt | null> {
      const row = await repo.findAttempt(db, materialId, accountId);
      return row ? { answers: row.answers, correct: row.correct, total: row.total, takenAt: new Date(row.takenAt) } : null;
    },

    /** The results per region (today's region maslikhats, those where anyone took it), never per person. */
    async results(materialId: string): Promise<QuizResults> {
      const [regions, totals] = await Promise.all([deps.registry.listRegionMaslikhats(todayInKazakhstan()), repo.attemptTotals(db, materialId)]);
      const byOrganization = new Map(totals.map((t) => [t.organizationId, t]));
      const lines = regions.flatMap((r): QuizResultLine[] => {
        const t = byOrganization.get(r.id);
        if (!t) return [];
        const people = Number(t.people);
        const percent = people >= smallestGroup && Number(t.asked) > 0 ? Math.round((100 * Number(t.correct)) / Number(t.asked)) : null;
        return [{ organizationId: r.id, name: r.area.name ?? r.name, people, percent }];
      });
      return { people: lines.reduce((n, l) => n + l.people, 0), regions: lines.length, lines };
    },
  };
}

export type QuizService = ReturnType<typeof createQuizService>;
