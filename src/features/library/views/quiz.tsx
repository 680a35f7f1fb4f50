// The library's self-check: the results by region (office and public pages), the office page that
// writes a material's questions, and the maslikhat's page that takes the quiz and shows the person
// their own answers.
import { DataTable, ErrorSummary, Form, Notice, RadioField, Text, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LibraryState } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { quizAnswerField, quizOptionSlots } from '../library.forms.js';
import { maxQuizQuestions, smallestGroup, type QuizAttempt, type QuizResults } from '../quiz.service.js';

export interface QuizQuestionView {
  id: string;
  prompt: LocalizedText;
  options: LocalizedText[];
  correctOption: number;
}

/** How many took the quiz, and per region how many and their share of right answers (from `smallestGroup` people). */
export function QuizResultsTable({ results, headingLevel = 3 }: { results: QuizResults; headingLevel?: 2 | 3 }) {
  const { t, localize, number } = usePage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (results.people === 0) return <p>{t('library.quizNoAttempts')}</p>;
  return (
    <>
      <Heading>{t('library.quizResultsTitle')}</Heading>
      <p>{t('library.quizTakenBy', { people: results.people, regions: results.regions })}</p>
      <DataTable caption={t('library.quizResultsTitle')} columns={[t('library.colRegion'), { label: t('library.quizColPeople'), numeric: true }, { label: t('library.quizColRight'), numeric: true }]}>
        {results.lines.map((l) => (
          <tr key={l.organizationId}>
            <th scope="row">{localize(l.name).text}</th>
            <td class="numeric">{number(l.people)}</td>
            <td class="numeric">{l.percent === null ? t('library.quizTooFew', { min: smallestGroup }) : `${number(l.percent)} %`}</td>
          </tr>
        ))}
      </DataTable>
      <p class="hint">{t('library.quizPrivacyHint', { min: smallestGroup })}</p>
    </>
  );
}

/** The questions as a list, the right option marked (for those who write them). */
function QuestionList({ questions, removeHref }: { questions: QuizQuestionView[]; removeHref: ((id: string) => string) | null }) {
  const { t } = usePage();
  return (
    <ol class="quiz-questions">
      {questions.map((q) => (
        <li key={q.id}>
          <p>
            <strong>
              <Text value={q.prompt} />
            </strong>
          </p>
          <ul>
            {q.options.map((o, i) => (
              <li key={i}>
                <Text value={o} />
                {i === q.correctOption && <strong> — {t('library.quizRightOption')}</strong>}
              </li>
            ))}
          </ul>
          {removeHref && (
            <Form action={removeHref(q.id)}>
              <button class="button button--secondary" type="submit">
                {t('library.quizRemove')}
              </button>
            </Form>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The way back to the material, the page's heading and the material's title. */
function QuizHeading({ materialHref, title }: { materialHref: string; title: LocalizedText }) {
  const { t } = usePage();
  return (
    <>
      <p>
        <a href={materialHref}>{t('library.backToMaterial')}</a>
      </p>
      <h1>{t('library.quizTitle')}</h1>
      <p class="lead">
        <Text value={title} />
      </p>
    </>
  );
}

export type QuizConflict = 'library.quizTaken' | 'library.quizFull' | 'library.quizWithdrawn' | 'library.conflict';

export type QuizQuestionFormAnswers = Record<string, string>;

export interface QuizEditorProps {
  material: { id: string; title: LocalizedText; state: LibraryState };
  questions: QuizQuestionView[];
  attempts: number;
  results: QuizResults;
  /** May this person change the questions (their state allows it)? */
  editable: boolean;
  answers: QuizQuestionFormAnswers;
  problems: FieldProblem[];
  notice: 'added' | 'removed' | null;
  /** Why a change was refused (409), if it was. */
  conflict: QuizConflict | null;
}

/** The office page of a material's quiz: its questions, the form to add one, and the results by region. */
export function QuizEditorPage(p: QuizEditorProps) {
  const { t, href } = usePage();
  const base = `/office/library/${p.material.id}`;
  const locked = p.attempts > 0;
  const mayChange = p.editable && !locked;
  const a = p.answers;
  return (
    <>
      <ErrorSummary problems={p.problems} />
      {p.conflict && <Notice kind="warning">{t(p.conflict, { max: maxQuizQuestions })}</Notice>}
      {p.notice && <Notice kind="success">{t(p.notice === 'added' ? 'library.quizAdded' : 'library.quizRemoved')}</Notice>}
      <QuizHeading materialHref={href(base)} title={p.material.title} />
      <p>{t('library.quizLead', { max: maxQuizQuestions, min: smallestGroup })}</p>
      {locked && <Notice kind="info">{t('library.quizLocked', { people: p.attempts })}</Notice>}
      {!p.editable && !locked && <p class="hint">{t('library.quizNotEditable')}</p>}
      {p.questions.length === 0 ? <p>{t('library.quizNone')}</p> : <QuestionList questions={p.questions} removeHref={mayChange ? (id) => href(`${base}/quiz/${id}/remove`) : null} />}
      {mayChange && p.questions.length < maxQuizQuestions && (
        <>
          <h2>{t('library.quizAddTitle')}</h2>
          <Form action={href(`${base}/quiz`)}>
            <fieldset class="fieldset">
              <legend class="label">{t('library.quizPromptLegend')}</legend>
              <TextField name="promptKk" label={t('library.language.kk')} value={a.promptKk} problems={p.problems} />
              <TextField name="promptRu" label={t('library.language.ru')} value={a.promptRu} problems={p.problems} />
              <TextField name="promptEn" label={t('library.language.en')} value={a.promptEn} problems={p.problems} />
            </fieldset>
            {Array.from({ length: quizOptionSlots }, (_, i) => (
              <fieldset class="fieldset" key={i}>
                <legend class="label">{t('library.quizOptionLegend', { n: i + 1 })}</legend>
                <TextField name={`option${i + 1}Kk`} label={t('library.language.kk')} value={a[`option${i + 1}Kk`]} problems={p.problems} />
                <TextField name={`option${i + 1}Ru`} label={t('library.language.ru')} value={a[`option${i + 1}Ru`]} problems={p.problems} />
                <TextField name={`option${i + 1}En`} label={t('library.language.en')} value={a[`option${i + 1}En`]} problems={p.problems} />
              </fieldset>
            ))}
            <RadioField
              name="correct"
              label={t('library.quizCorrectLabel')}
              hint={t('library.quizCorrectHint')}
              value={a.correct}
              options={Array.from({ length: quizOptionSlots }, (_, i) => ({ value: String(i + 1), label: t('library.quizOptionLegend', { n: i + 1 }) }))}
              problems={p.problems}
            />
            <button class="button" type="submit">
              {t('library.quizAdd')}
            </button>
          </Form>
        </>
      )}
      <QuizResultsTable results={p.results} headingLevel={2} />
    </>
  );
}

export interface QuizTakeProps {
  slug: string;
  material: { id: string; title: LocalizedText };
  questions: QuizQuestionView[];
  /** What was chosen, by question id (kept when the form comes back with problems). */
  chosen: Record<string, number>;
  problems: FieldProblem[];
  /** The person's own latest attempt. */
  attempt: QuizAttempt | null;
  /** May this person take it (the maslikhat's own staff and deputies; an admin only looks)? */
  mayTake: boolean;
  justTaken: boolean;
  changed: boolean;
}

/** A maslikhat's page of a material's quiz: the person's own result with the right answers, and the questions to (re)take. */
export function QuizTakePage(p: QuizTakeProps) {
  const { t, href, localize, dateTime } = usePage();
  const base = `/office/maslikhats/${p.slug}/library/${p.material.id}`;
  const attempt = p.attempt;
  return (
    <>
      <ErrorSummary problems={p.problems} />
      {p.changed && <Notice kind="warning">{t('library.quizChanged')}</Notice>}
      {p.justTaken && attempt && <Notice kind="success">{t('library.quizScore', { correct: attempt.correct, total: attempt.total })}</Notice>}
      <QuizHeading materialHref={href(base)} title={p.material.title} />
      <p>{t('library.quizTakeLead', { min: smallestGroup })}</p>
      {attempt && (
        <>
          <h2>{t('library.quizYourResult')}</h2>
          <p>
            {t('library.quizScore', { correct: attempt.correct, total: attempt.total })} {t('library.quizTakenOn', { when: dateTime(attempt.takenAt) })}
          </p>
          <ol class="quiz-questions">
            {p.questions.map((q) => {
              const mine = attempt.answers[q.id];
              return (
                <li key={q.id}>
                  <p>
                    <strong>
                      <Text value={q.prompt} />
                    </strong>
                  </p>
                  <p>
                    {mine === q.correctOption ? t('library.quizYouWereRight') : t('library.quizYouWereWrong')} {t('library.quizRightWas', { answer: q.options[q.correctOption] ? localize(q.options[q.correctOption]!).text : '—' })}
                  </p>
                </li>
              );
            })}
          </ol>
        </>
      )}
      {p.mayTake && (
        <>
          <h2>{attempt ? t('library.quizRetake') : t('library.quizTake')}</h2>
          <Form action={href(`${base}/quiz`)}>
            <input type="hidden" name="asked" value={p.questions.map((q) => q.id).join(',')} />
            {p.questions.map((q, n) => (
              <RadioField
                key={q.id}
                name={quizAnswerField(q.id)}
                label={`${n + 1}. ${localize(q.prompt).text}`}
                value={p.chosen[q.id] === undefined ? undefined : String(p.chosen[q.id])}
                options={q.options.map((o, i) => ({ value: String(i), label: localize(o).text }))}
                problems={p.problems}
              />
            ))}
            <button class="button" type="submit">
              {t('library.quizSend')}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
