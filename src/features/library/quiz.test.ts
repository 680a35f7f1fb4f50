// The library's self-check quiz: a partner writes the questions of their draft (refusals localised,
// what was typed kept); the staff and deputies of a maslikhat the material was sent to take it and
// see their own answers; the results are summed per region, and a region's share of right answers
// appears only from three people — on the office and the public page, never one person's score.
// Once taken, the questions are fixed; a quiz changed while someone answers asks again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signedIn } from '../../../test/support/factories.js';
import { createMaterial, distribute } from '../../../test/support/library-factories.js';
import { page } from '../../../test/support/page.js';
import { createOrganization } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { translate } from '../../core/i18n/messages.js';

let t: TestApp;
let partner: Browser;
let otherPartner: Browser;
let clerk: Browser;
let admin: Browser;
let almaty: Browser;
const db = () => t.database.db;
const westSlug = 'maslikhat-270000000';
const almatySlug = 'maslikhat-750000000';

beforeAll(async () => {
  t = await createTestApp();
  await createOrganization(db(), { classification: 'association', slug: 'union-of-lawyers-quiz', name: { kk: 'Заңгерлер одағы', ru: 'Союз юристов', en: 'Union of Lawyers' } });
  await createOrganization(db(), { classification: 'association', slug: 'bar-association-quiz', name: { kk: 'Адвокаттар алқасы', ru: 'Коллегия адвокатов', en: 'Bar Association' } });
  partner = await signedIn(t.app, db(), { role: 'partner', organizationSlug: 'union-of-lawyers-quiz' });
  otherPartner = await signedIn(t.app, db(), { role: 'partner', organizationSlug: 'bar-association-quiz' });
  clerk = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-senate' });
  admin = await signedIn(t.app, db(), { role: 'admin', organizationSlug: 'council-senate' });
  almaty = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: almatySlug });
});
afterAll(() => t.close());

/** A person of West Kazakhstan's maslikhat, signed in. */
async function westPerson(role: 'maslikhat_staff' | 'deputy' = 'maslikhat_staff'): Promise<Browser> {
  const browser = new Browser(t.app);
  await browser.signIn(await createAccount(db(), { grants: [{ role, organizationSlug: westSlug }] }));
  return browser;
}

const question = (extra: Record<string, string> = {}) => ({
  promptKk: 'Мәслихат сессиясы қашан заңды?',
  promptRu: 'Когда сессия маслихата правомочна?',
  promptEn: 'When is a maslikhat session quorate?',
  option1Kk: 'Депутаттардың жартысынан көбі қатысқанда',
  option1Ru: 'Когда присутствует больше половины депутатов',
  option1En: 'When more than half of the deputies attend',
  option2Kk: 'Әрқашан',
  option2Ru: 'Всегда',
  option2En: 'Always',
  option3Kk: '',
  option3Ru: '',
  option3En: '',
  option4Kk: '',
  option4Ru: '',
  option4En: '',
  correct: '1',
  ...extra,
});

const questionsOf = (materialId: string) => db().selectFrom('library_quiz_question').select(['prompt', 'options', 'correct_option']).where('material_id', '=', materialId).orderBy('position').execute();
const attemptsOf = (materialId: string) => db().selectFrom('library_quiz_attempt').select(['correct', 'total']).where('material_id', '=', materialId).execute();

/** A published material of the partner's organisation, sent to West Kazakhstan, with two questions (the first option right in the first, the second in the second). */
async function publishedQuiz(): Promise<{ id: string; questionIds: string[] }> {
  const id = await createMaterial(db(), { state: 'draft', organization: 'union-of-lawyers-quiz' });
  expect((await partner.post(`/en/office/library/${id}/quiz`, question())).statusCode).toBe(303);
  expect((await partner.post(`/en/office/library/${id}/quiz`, question({ promptEn: 'Who approves the budget?', promptKk: '', promptRu: '', option1En: 'The akim', option1Kk: '', option1Ru: '', option2En: 'The maslikhat', option2Kk: '', option2Ru: '', correct: '2' }))).statusCode).toBe(303);
  await db().updateTable('library_material').set({ state: 'published', published_at: new Date() }).where('id', '=', id).execute();
  await distribute(db(), id, [westSlug]);
  const rows = await db().selectFrom('library_quiz_question').select('id').where('material_id', '=', id).orderBy('position').execute();
  return { id, questionIds: rows.map((r) => r.id) };
}

/** The answers form for a person: each question's chosen option. */
const answersFor = (questionIds: string[], chosen: number[]) => ({ asked: questionIds.join(','), ...Object.fromEntries(questionIds.map((q, i) => [`answer-${q}`, String(chosen[i])])) });

describe('POST /:lang/office/library/:id/quiz', () => {
  it('a partner adds questions to their draft: the empty options left out, the right one kept, audited; the quiz page lists them', async () => {
    const id = await createMaterial(db(), { state: 'draft', organization: 'union-of-lawyers-quiz' });
    const res = await partner.post(`/en/office/library/${id}/quiz`, question({ option2Kk: '', option2Ru: '', option2En: '', option3En: 'Never', option4En: 'Always', correct: '4' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/office/library/${id}/quiz?done=added`);
    expect(await questionsOf(id)).toEqual([
      { prompt: { kk: 'Мәслихат сессиясы қашан заңды?', ru: 'Когда сессия маслихата правомочна?', en: 'When is a maslikhat session quorate?' }, options: [{ kk: 'Депутаттардың жартысынан көбі қатысқанда', ru: 'Когда присутствует больше половины депутатов', en: 'When more than half of the deputies attend' }, { en: 'Never' }, { en: 'Always' }], correct_option: 2 },
    ]);
    const p = page((await partner.get(`/en/office/library/${id}/quiz?done=added`)).body);
    expect(p.text()).toContain(translate('en', 'library.quizAdded'));
    expect(p.text('.quiz-questions')).toContain(`Always — ${translate('en', 'library.quizRightOption')}`);
    const audit = await db().selectFrom('audit_event').select('action').where('entity', '=', 'library_quiz_question').execute();
    expect(audit.map((a) => a.action)).toContain('created');
    // The material's page says how many questions there are and links to the quiz.
    const material = page((await partner.get(`/en/office/library/${id}`)).body);
    expect(material.text()).toContain(translate('en', 'library.quizQuestions', { count: 1 }));
    expect(material.href(translate('en', 'library.quizEditLink'))).toBe(`/en/office/library/${id}/quiz`);
  });

  it('refuses a question without a prompt, with fewer than two options or a right answer left empty — localised, what was typed kept', async () => {
    const id = await createMaterial(db(), { state: 'draft', organization: 'union-of-lawyers-quiz' });
    const noPrompt = await partner.post(`/ru/office/library/${id}/quiz`, question({ promptKk: '', promptRu: '', promptEn: '', option2Kk: '', option2Ru: '', option2En: '' }));
    expect(noPrompt.statusCode).toBe(400);
    const p = page(noPrompt.body);
    expect(p.errorSummary().map((e) => e.text)).toEqual([translate('ru', 'library.quizPromptMissing'), translate('ru', 'library.quizOptionsMissing')]);
    expect(p.title.startsWith(translate('ru', 'form.errorTitlePrefix'))).toBe(true);
    expect(p.document.querySelector<HTMLInputElement>('input[name="option1Ru"]')?.value).toBe('Когда присутствует больше половины депутатов');
    const emptyRight = await partner.post(`/en/office/library/${id}/quiz`, question({ correct: '3' }));
    expect(emptyRight.statusCode).toBe(400);
    expect(page(emptyRight.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'library.quizCorrectEmpty')]);
    const noRight = await partner.post(`/en/office/library/${id}/quiz`, question({ correct: '' }));
    expect(page(noRight.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'library.quizCorrectMissing')]);
    expect(await questionsOf(id)).toEqual([]);
  });

  it('another organisation’s partner (403), a partner once the material is submitted (403), maslikhat staff (403) cannot; the secretariat can', async () => {
    const id = await createMaterial(db(), { state: 'draft', organization: 'union-of-lawyers-quiz' });
    expect((await otherPartner.post(`/en/office/library/${id}/quiz`, question())).statusCode).toBe(403);
    expect((await almaty.post(`/en/office/library/${id}/quiz`, question())).statusCode).toBe(403);
    await db().updateTable('library_material').set({ state: 'submitted' }).where('id', '=', id).execute();
    expect((await partner.post(`/en/office/library/${id}/quiz`, question())).statusCode).toBe(403);
    expect((await clerk.post(`/en/office/library/${id}/quiz`, question())).statusCode).toBe(303);
    expect(await questionsOf(id)).toHaveLength(1);
  });

  it('stops at ten questions (409, said on the page)', async () => {
    const id = await createMaterial(db(), { state: 'draft', organization: 'union-of-lawyers-quiz' });
    for (let i = 0; i < 10; i++) expect((await partner.post(`/en/office/library/${id}/quiz`, question({ promptEn: `Question ${i + 1}` }))).statusCode).toBe(303);
    // The form is gone from the page; a direct post is refused.
    expect(page((await partner.get(`/en/office/library/${id}/quiz`)).body).allByRole('button', { name: translate('en', 'library.quizAdd') })).toHaveLength(0);
    const full = await partner.post(`/en/office/library/${id}/quiz`, question({ promptEn: 'Question 11' }));
    expect(full.statusCode).toBe(409);
    expect(page(full.body).text()).toContain(translate('en', 'library.quizFull', { max: 10 }));
    expect(await questionsOf(id)).toHaveLength(10);
  });
});

describe('POST /:lang/office/library/:id/quiz/:questionId/remove', () => {
  it('removes a question of a draft; another material’s question is not found', async () => {
    const id = await createMaterial(db(), { state: 'draft', organization: 'union-of-lawyers-quiz' });
    await partner.post(`/en/office/library/${id}/quiz`, question());
    const [q] = await db().selectFrom('library_quiz_question').select('id').where('material_id', '=', id).execute();
    const other = await createMaterial(db(), { state: 'draft', organization: 'union-of-lawyers-quiz' });
    expect((await partner.post(`/en/office/library/${other}/quiz/${q!.id}/remove`)).statusCode).toBe(404);
    const res = await partner.post(`/en/office/library/${id}/quiz/${q!.id}/remove`);
    expect(res.statusCode).toBe(303);
    expect(await questionsOf(id)).toEqual([]);
  });
});

describe('/:lang/office/maslikhats/:slug/library/:id/quiz', () => {
  it('a maslikhat’s staff member finds the quiz on the material, gets a localised error for a question left out (answers kept), then sees their own score and the right answers', async () => {
    const { id, questionIds } = await publishedQuiz();
    const person = await westPerson();
    const material = page((await person.get(`/en/office/maslikhats/${westSlug}/library/${id}`)).body);
    const quizHref = material.href(translate('en', 'library.quizTakeLink', { count: 2 }));
    expect(quizHref).toBe(`/en/office/maslikhats/${westSlug}/library/${id}/quiz`);
    const form = page((await person.get(quizHref)).body);
    expect(form.heading).toBe(translate('en', 'library.quizTitle'));
    expect(form.allByRole('radio')).toHaveLength(4);

    const missing = await person.post(quizHref, { asked: questionIds.join(','), [`answer-${questionIds[0]}`]: '0' });
    expect(missing.statusCode).toBe(400);
    const refused = page(missing.body);
    expect(refused.errorSummary().map((e) => e.text)).toEqual([translate('en', 'library.quizAnswerMissing')]);
    expect(refused.document.querySelector(`input[name="answer-${questionIds[0]}"][value="0"]`)?.hasAttribute('checked')).toBe(true);
    expect(await attemptsOf(id)).toEqual([]);

    const sent = await person.post(quizHref, answersFor(questionIds, [0, 0]));
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${quizHref}?done=1`);
    const result = page((await person.get(`${quizHref}?done=1`)).body);
    expect(result.text()).toContain(translate('en', 'library.quizScore', { correct: 1, total: 2 }));
    expect(result.text()).toContain(translate('en', 'library.quizRightWas', { answer: 'The maslikhat' }));
    expect(await attemptsOf(id)).toEqual([{ correct: 1, total: 2 }]);

    // A retake replaces the earlier attempt.
    expect((await person.post(quizHref, answersFor(questionIds, [0, 1]))).statusCode).toBe(303);
    expect(await attemptsOf(id)).toEqual([{ correct: 2, total: 2 }]);
  });

  it('another region’s staff cannot open it (403); a region it was not sent to finds nothing (404); an admin looks without a form and cannot answer', async () => {
    const { id, questionIds } = await publishedQuiz();
    expect((await almaty.get(`/en/office/maslikhats/${westSlug}/library/${id}/quiz`)).statusCode).toBe(403);
    const almatyAdmin = await admin.get(`/en/office/maslikhats/${almatySlug}/library/${id}/quiz`);
    expect(almatyAdmin.statusCode).toBe(404);
    const looking = page((await admin.get(`/en/office/maslikhats/${westSlug}/library/${id}/quiz`)).body);
    expect(looking.allByRole('radio')).toHaveLength(0);
    expect((await admin.post(`/en/office/maslikhats/${westSlug}/library/${id}/quiz`, answersFor(questionIds, [0, 1]))).statusCode).toBe(403);
    expect(await attemptsOf(id)).toEqual([]);
  });

  it('a quiz changed while someone answered asks again (409) and keeps nothing', async () => {
    const { id, questionIds } = await publishedQuiz();
    const person = await westPerson('deputy');
    const stale = answersFor(questionIds, [0, 1]);
    await db().deleteFrom('library_quiz_question').where('id', '=', questionIds[1]!).execute();
    const res = await person.post(`/en/office/maslikhats/${westSlug}/library/${id}/quiz`, stale);
    expect(res.statusCode).toBe(409);
    expect(page(res.body).text()).toContain(translate('en', 'library.quizChanged'));
    expect(await attemptsOf(id)).toEqual([]);
  });

  it('once taken, the questions are fixed: adding or removing is refused (409) and said', async () => {
    const { id, questionIds } = await publishedQuiz();
    await (await westPerson()).post(`/en/office/maslikhats/${westSlug}/library/${id}/quiz`, answersFor(questionIds, [0, 1]));
    const added = await clerk.post(`/en/office/library/${id}/quiz`, question());
    expect(added.statusCode).toBe(409);
    expect(page(added.body).text()).toContain(translate('en', 'library.quizTaken'));
    expect((await clerk.post(`/en/office/library/${id}/quiz/${questionIds[0]}/remove`)).statusCode).toBe(409);
    expect(await questionsOf(id)).toHaveLength(2);
    expect(page((await clerk.get(`/en/office/library/${id}/quiz`)).body).text()).toContain(translate('en', 'library.quizLocked', { people: 1 }));
  });
});

describe('the results by region', () => {
  it('count people per region, show the share of right answers only from three people, and never a person’s score — office and public alike', async () => {
    const { id, questionIds } = await publishedQuiz();
    const quizPath = `/en/office/maslikhats/${westSlug}/library/${id}/quiz`;
    await (await westPerson()).post(quizPath, answersFor(questionIds, [0, 1]));
    await (await westPerson('deputy')).post(quizPath, answersFor(questionIds, [1, 0]));

    const tooFew = translate('en', 'library.quizTooFew', { min: 3 });
    const caption = translate('en', 'library.quizResultsTitle');
    const westRow = (rows: string[][]) => rows.find((r) => r[0] === 'West Kazakhstan Region');
    const publicPage = async () => page((await new Browser(t.app).get(`/en/library/${id}`)).body);
    const two = await publicPage();
    expect(two.text()).toContain(translate('en', 'library.quizPublic', { count: 2 }));
    expect(westRow(two.tableRows(caption))).toEqual(['West Kazakhstan Region', '2', tooFew]);
    expect(two.text()).not.toContain('%');

    await (await westPerson()).post(quizPath, answersFor(questionIds, [0, 0]));
    // 2 + 0 + 1 right of 6 asked: 50 %.
    const three = await publicPage();
    expect(westRow(three.tableRows(caption))).toEqual(['West Kazakhstan Region', '3', '50 %']);
    expect(three.text()).toContain(translate('en', 'library.quizTakenBy', { people: 3, regions: 1 }));
    const office = page((await clerk.get(`/en/office/library/${id}`)).body);
    expect(westRow(office.tableRows(caption))).toEqual(['West Kazakhstan Region', '3', '50 %']);
  });
});
