// The library's office pages under /{lang}/office/library (mounted under /:lang): partners prepare
// their organisation's materials and submit them; the secretariat edits, approves, withdraws and
// sends them to maslikhats, and reads the coverage by region (a table and a CSV).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/auth/actor.js';
import { authorize, can, definePolicies } from '../../core/auth/authorize.js';
import { AppError, ForbiddenError, type FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, rawAnswers, titleWithErrors, uploadedFile } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { sendStoredFile } from '../../core/http/stored-file.js';
import { singleFileUploads } from '../../core/http/uploads.js';
import { localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { csvBom, csvLine } from '../../core/text/csv.js';
import type { RegistryService } from '../registry/registry.service.js';
import { chosenOrganizations, distributeForm, fileForm, lawSlots, localized, materialFile, materialForm, maxLibraryFileBytes, parseTopics, lawsOf, quizQuestionForm, quizQuestionOf, versionForm, type MaterialAnswers } from './library.forms.js';
import { libraryPolicies } from './library.policies.js';
import { createLibraryService, type CoverageLine, type MaterialFields } from './library.service.js';
import { createQuizService } from './quiz.service.js';
import { CoveragePage, ListPage, MaterialPage, NewMaterialPage, type AuthorChoice, type MaterialFormAnswers, type MaterialPageProps } from './views/office.js';
import { QuizEditorPage, type QuizConflict, type QuizEditorProps } from './views/quiz.js';

const materialParams = pathParams({ id: idParam });
const fileParams = pathParams({ id: idParam, fileId: idParam });
const questionParams = pathParams({ id: idParam, questionId: idParam });
const quizQuery = z.object({ done: z.enum(['added', 'removed']).optional().catch(undefined) });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  state: z.enum(['draft', 'submitted', 'published', 'withdrawn']).optional().catch(undefined),
});
const materialQuery = z.object({ done: z.enum(['saved', 'created', 'uploaded', 'submitted', 'published', 'returned', 'withdrawn', 'distributed']).optional().catch(undefined) });
const noStore = 'no-store';
/** Organisations that may author materials, besides a partner's own. */
const authorKinds = ['association', 'institute', 'commission', 'government_body', 'media'] as const;

const fieldsOf = (a: MaterialAnswers): MaterialFields => ({
  kind: a.kind,
  title: localized(a.titleKk, a.titleRu, a.titleEn),
  summary: a.summaryKk || a.summaryRu || a.summaryEn ? localized(a.summaryKk, a.summaryRu, a.summaryEn) : null,
  organizationId: a.organization || null,
  authorName: a.authorName,
  videoUrl: a.videoUrl,
  topics: parseTopics(a.topics),
  laws: lawsOf(a),
});

/** The organisations a person prepares materials for as a partner. */
const partnerOrganizations = (actor: Actor) => [...new Set(actor.grants.filter((g) => g.role === 'partner').map((g) => g.organizationId))];

export async function libraryOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(libraryPolicies);
  await languagePrefixGuard(app);
  await singleFileUploads(app, { maxBytes: maxLibraryFileBytes, fields: 10 });
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createLibraryService(app.db, { files: app.files, registry: opts.registry });
  const quiz = createQuizService(app.db, { registry: opts.registry });

  /** The authors a person may name: a partner their own organisations; the secretariat the registry's associations and the like. */
  async function authorChoices(actor: Actor, current: string | null): Promise<AuthorChoice[]> {
    const own = partnerOrganizations(actor);
    const manage = can(actor, 'library.manage');
    const others = manage ? await opts.registry.organizationsOfClassifications(authorKinds) : [];
    const ids = [...new Set([...own, ...(current ? [current] : [])])];
    const named = await opts.registry.listOrganizationsByIds(ids.filter((id) => !others.some((o) => o.id === id)));
    return [...named, ...others].map((o) => ({ id: o.id, name: o.name }));
  }

  /** The material, after checking this person may see it in the office (its organisation's partner, or the secretariat). */
  async function materialFor(request: FastifyRequest, id: string) {
    const material = await service.material(id);
    const actor = authorize(request, 'library.prepare', { organizationId: material.organizationId });
    if (!can(actor, 'library.manage') && !material.organizationId) throw ForbiddenError();
    return { actor, material };
  }

  /** A partner changes only a draft; the secretariat any material not withdrawn. */
  const editable = (actor: Actor, state: string) => (can(actor, 'library.manage') ? state !== 'withdrawn' : state === 'draft');

  /** The organisation chosen must be one the person may name (a partner: their own). */
  function authorProblem(actor: Actor, organizationId: string | null, choices: AuthorChoice[]): FieldProblem[] {
    if (!organizationId) return can(actor, 'library.manage') ? [] : [{ field: 'organization', messageKey: 'library.organizationMissing' }];
    return choices.some((c) => c.id === organizationId) ? [] : [{ field: 'organization', messageKey: 'library.organizationInvalid' }];
  }

  const answersOf = (m: Awaited<ReturnType<typeof service.material>>): MaterialFormAnswers => {
    const answers: MaterialFormAnswers = {
      kind: m.kind,
      titleKk: m.title.kk ?? '',
      titleRu: m.title.ru ?? '',
      titleEn: m.title.en ?? '',
      summaryKk: m.summary?.kk ?? '',
      summaryRu: m.summary?.ru ?? '',
      summaryEn: m.summary?.en ?? '',
      organization: m.organizationId ?? '',
      authorName: m.authorName ?? '',
      videoUrl: m.videoUrl ?? '',
      topics: m.topics.join(', '),
      version: String(m.version),
    };
    for (let i = 1; i <= lawSlots; i++) {
      answers[`lawTitle${i}`] = m.laws[i - 1]?.title ?? '';
      answers[`lawUrl${i}`] = m.laws[i - 1]?.url ?? '';
    }
    return answers;
  };

  const blankDistribution = { audience: '', noteKk: '', noteRu: '', noteEn: '', remindAfterDays: '7', organizations: [] as string[] };

  async function showMaterial(request: FastifyRequest, reply: FastifyReply, id: string, extra: Partial<Pick<MaterialPageProps, 'answers' | 'problems' | 'fileAnswers' | 'distributeAnswers' | 'notice' | 'conflict'>> = {}, status = 200) {
    const { actor, material } = await materialFor(request, id);
    const manage = can(actor, 'library.manage');
    const [authors, regions, distributions, coverage, organization, questions, quizResults] = await Promise.all([
      authorChoices(actor, material.organizationId),
      manage ? service.regions() : Promise.resolve([]),
      manage ? service.distributions(id) : Promise.resolve([]),
      // Partners see the coverage of their own materials too.
      material.state !== 'draft' ? service.coverage(id) : Promise.resolve(null),
      material.organizationId ? opts.registry.listOrganizationsByIds([material.organizationId]) : Promise.resolve([]),
      quiz.questionCounts([id]),
      quiz.results(id),
    ]);
    const problems = extra.problems ?? [];
    const title = localize(request.lang, material.title).text;
    return reply
      .header('cache-control', noStore)
      .page(
        titleWithErrors(request.lang, title, problems),
        <MaterialPage
          material={{ ...material, organizationName: organization[0]?.name ?? null }}
          editable={editable(actor, material.state)}
          mayManage={manage}
          maySubmit={material.state === 'draft'}
          answers={extra.answers ?? answersOf(material)}
          problems={problems}
          fileAnswers={extra.fileAnswers ?? { language: request.lang === 'kk-latn' ? 'kk' : request.lang, note: '' }}
          authors={authors}
          regions={regions.map((r) => ({ id: r.id, name: r.area.name ?? r.name }))}
          distributeAnswers={extra.distributeAnswers ?? blankDistribution}
          distributions={distributions.map((d) => ({ ...d, recipients: Number(d.recipients ?? 0) }))}
          coverage={coverage}
          quiz={{ questions: questions.get(id) ?? 0, results: quizResults }}
          notice={extra.notice ?? null}
          conflict={extra.conflict ?? false}
        />,
        status,
      );
  }

  /** Runs a change; a material changed meanwhile shows its latest state with a notice (409). */
  async function changed(request: FastifyRequest, reply: FastifyReply, id: string, done: string, run: () => Promise<unknown>) {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return showMaterial(request, reply, id, { conflict: true }, 409);
    }
    return reply.redirect(`/${request.lang}/office/library/${id}?done=${done}`, 303);
  }

  // ── The list and a new material ──

  route.get('/office/library', { schema: { querystring: listQuery } }, async (request, reply) => {
    const actor = authorize(request, 'library.view');
    const manage = can(actor, 'library.manage');
    const own = partnerOrganizations(actor);
    const { page, state } = request.query;
    // A partner sees the materials of every organisation they act for; each material's page checks its own.
    const list = await service.officeList(manage ? { state } : { state, organizationIds: own }, page);
    const rows = list.rows.map((r) => ({ ...r, topics: (list.topics.get(r.id) ?? []).map((t) => t.topic) }));
    const pageHref = (n: number) => `/${request.lang}/office/library?${new URLSearchParams({ ...(state ? { state } : {}), page: String(n) }).toString()}`;
    return reply
      .header('cache-control', noStore)
      .page(translate(request.lang, 'library.officeTitle'), <ListPage rows={rows} page={list.page} pages={list.pages} state={state ?? ''} mayCreate={manage || own.length > 0} mayManage={manage} pageHref={pageHref} />);
  });

  route.get('/office/library/new', async (request, reply) => {
    const actor = authorize(request, 'library.view');
    const authors = await authorChoices(actor, null);
    const answers = { ...emptyAnswers(materialForm), version: '0', organization: partnerOrganizations(actor)[0] ?? '' };
    return reply.header('cache-control', noStore).page(translate(request.lang, 'library.newTitle'), <NewMaterialPage answers={answers} problems={[]} authors={authors} />);
  });

  route.post('/office/library', async (request, reply) => {
    const actor = authorize(request, 'library.view');
    const authors = await authorChoices(actor, null);
    const form = parseForm(materialForm, request.body);
    const problems = [...(form.ok ? [] : form.problems), ...authorProblem(actor, form.ok ? form.answers.organization || null : rawAnswers(materialForm, request.body).organization || null, authors)];
    if (!form.ok || problems.length) {
      const title = titleWithErrors(request.lang, translate(request.lang, 'library.newTitle'), problems);
      return reply.page(title, <NewMaterialPage answers={form.raw} problems={problems} authors={authors} />, 400);
    }
    const fields = fieldsOf(form.answers);
    authorize(request, 'library.prepare', { organizationId: fields.organizationId });
    const id = await service.create(fields, request.changeContext());
    return reply.redirect(`/${request.lang}/office/library/${id}?done=created`, 303);
  });

  // ── Coverage overall ──

  const coverageCsv = (lang: FastifyRequest['lang'], lines: CoverageLine[]) => {
    const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
    const iso = (d: Date | null) => (d ? d.toISOString() : '');
    return (
      csvBom +
      csvLine([t('library.colRegion'), t('library.colSent'), t('library.colAcknowledged'), t('library.colOpened'), t('library.colOpens'), t('library.colDownloads')]) +
      lines.map((l) => csvLine([localize(lang, l.name).text, iso(l.sentAt), iso(l.acknowledgedAt), iso(l.openedAt), String(l.opens), String(l.downloads)])).join('')
    );
  };

  route.get('/office/library/coverage', async (request, reply) => {
    authorize(request, 'library.manage');
    const coverage = await service.coverage(null);
    return reply.header('cache-control', noStore).page(translate(request.lang, 'library.coverageOverallTitle'), <CoveragePage coverage={coverage} />);
  });

  route.get('/office/library/coverage.csv', async (request, reply) => {
    authorize(request, 'library.manage');
    const coverage = await service.coverage(null);
    return reply
      .header('cache-control', noStore)
      .header('content-disposition', 'attachment; filename="library-coverage.csv"')
      .type('text/csv; charset=utf-8')
      .send(coverageCsv(request.lang, coverage.lines));
  });

  // ── One material ──

  route.get('/office/library/:id', { schema: { params: materialParams, querystring: materialQuery } }, async (request, reply) =>
    showMaterial(request, reply, request.params.id, { notice: request.query.done ?? null }),
  );

  route.post('/office/library/:id', { schema: { params: materialParams } }, async (request, reply) => {
    const { id } = request.params;
    const { actor, material } = await materialFor(request, id);
    if (!editable(actor, material.state)) throw ForbiddenError();
    const authors = await authorChoices(actor, material.organizationId);
    const form = parseForm(materialForm, request.body);
    const problems = [...(form.ok ? [] : form.problems), ...authorProblem(actor, form.ok ? form.answers.organization || null : form.raw.organization || null, authors)];
    if (!form.ok || problems.length) return showMaterial(request, reply, id, { answers: form.raw, problems }, 400);
    const fields = fieldsOf(form.answers);
    try {
      await service.update(id, form.answers.version, fields, request.changeContext());
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      // Changed meanwhile: the latest, with what was typed kept and the new version to save over it.
      const latest = await service.material(id);
      return showMaterial(request, reply, id, { answers: { ...form.raw, version: String(latest.version) }, conflict: true }, 409);
    }
    return reply.redirect(`/${request.lang}/office/library/${id}?done=saved`, 303);
  });

  route.post('/office/library/:id/files', { schema: { params: materialParams } }, async (request, reply) => {
    const { id } = request.params;
    const { actor, material } = await materialFor(request, id);
    if (!editable(actor, material.state)) throw ForbiddenError();
    const form = parseForm(fileForm, request.body);
    const upload = materialFile(uploadedFile(request.body, 'file'));
    const fileAnswers = { language: form.raw.language, note: form.raw.note };
    if (!form.ok || !upload.ok) return showMaterial(request, reply, id, { fileAnswers, problems: [...(form.ok ? [] : form.problems), ...(upload.ok ? [] : [upload.problem])] }, 400);
    try {
      await service.addFile(id, form.answers.version, { language: form.answers.language, data: upload.data, extension: upload.kind.extension, contentType: upload.kind.contentType, originalName: upload.originalName, note: form.answers.note }, request.changeContext());
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return showMaterial(request, reply, id, { fileAnswers, conflict: true }, 409);
    }
    return reply.redirect(`/${request.lang}/office/library/${id}?done=uploaded`, 303);
  });

  route.get('/office/library/:id/files/:fileId', { schema: { params: fileParams } }, async (request, reply) => {
    await materialFor(request, request.params.id);
    const file = await service.file(request.params.id, request.params.fileId);
    return sendStoredFile(reply, app.files, { storedName: file.fileName, contentType: file.contentType, downloadName: file.originalName }, { cache: 'private, no-store' });
  });

  const versionOf = (body: unknown) => {
    const form = parseForm(versionForm, body);
    return form.ok ? form.answers.version : 0;
  };

  route.post('/office/library/:id/submit', { schema: { params: materialParams } }, async (request, reply) => {
    const { id } = request.params;
    await materialFor(request, id);
    return changed(request, reply, id, 'submitted', () => service.submit(id, versionOf(request.body), request.changeContext()));
  });

  for (const [action, done] of [
    ['publish', 'published'],
    ['return', 'returned'],
    ['withdraw', 'withdrawn'],
  ] as const) {
    route.post(`/office/library/:id/${action}`, { schema: { params: materialParams } }, async (request, reply) => {
      authorize(request, 'library.manage');
      const { id } = request.params;
      const version = versionOf(request.body);
      const run = action === 'publish' ? service.publish : action === 'return' ? service.returnToDraft : service.withdraw;
      return changed(request, reply, id, done, () => run(id, version, request.changeContext()));
    });
  }

  route.post('/office/library/:id/distribute', { schema: { params: materialParams } }, async (request, reply) => {
    authorize(request, 'library.manage');
    const { id } = request.params;
    const form = parseForm(distributeForm, request.body);
    const chosen = chosenOrganizations(request.body);
    const regions = await service.regions();
    const known = new Set(regions.map((r) => r.id));
    const problems = form.ok ? [] : [...form.problems];
    if (form.ok && form.answers.audience === 'chosen' && !chosen.some((o) => known.has(o))) problems.push({ field: 'organizations', messageKey: 'library.organizationsMissing' });
    const distributeAnswers = { ...form.raw, organizations: chosen };
    if (!form.ok || problems.length) return showMaterial(request, reply, id, { distributeAnswers, problems }, 400);
    const a = form.answers;
    const note = a.noteKk || a.noteRu || a.noteEn ? localized(a.noteKk, a.noteRu, a.noteEn) : null;
    const organizationIds = a.audience === 'all' ? regions.map((r) => r.id) : chosen;
    try {
      await service.distribute(id, { organizationIds, note, remindAfterDays: a.remindAfterDays }, request.changeContext());
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return showMaterial(request, reply, id, { distributeAnswers, conflict: true }, 409);
    }
    return reply.redirect(`/${request.lang}/office/library/${id}?done=distributed`, 303);
  });

  // ── The self-check quiz: written by those who may change the material, fixed once taken ──

  async function showQuiz(request: FastifyRequest, reply: FastifyReply, id: string, extra: Partial<Pick<QuizEditorProps, 'answers' | 'problems' | 'notice' | 'conflict'>> = {}, status = 200) {
    const { actor, material } = await materialFor(request, id);
    const [questions, attempts, results] = await Promise.all([quiz.questions(id), quiz.attempts(id), quiz.results(id)]);
    const problems = extra.problems ?? [];
    const title = `${translate(request.lang, 'library.quizTitle')}: ${localize(request.lang, material.title).text}`;
    return reply
      .header('cache-control', noStore)
      .page(
        titleWithErrors(request.lang, title, problems),
        <QuizEditorPage
          material={material}
          questions={questions}
          attempts={attempts}
          results={results}
          editable={editable(actor, material.state)}
          answers={extra.answers ?? emptyAnswers(quizQuestionForm)}
          problems={problems}
          notice={extra.notice ?? null}
          conflict={extra.conflict ?? null}
        />,
        status,
      );
  }

  /** Runs a change of the quiz; one refused (taken, full, withdrawn, or the material changed) shows the quiz with why (409). */
  async function changeQuiz(request: FastifyRequest, reply: FastifyReply, id: string, done: 'added' | 'removed', run: () => Promise<void>, answers?: Record<string, string>) {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      const known: QuizConflict[] = ['library.quizTaken', 'library.quizFull', 'library.quizWithdrawn'];
      const conflict = known.find((k) => k === error.messageKey) ?? 'library.conflict';
      return showQuiz(request, reply, id, { conflict, ...(answers ? { answers } : {}) }, 409);
    }
    return reply.redirect(`/${request.lang}/office/library/${id}/quiz?done=${done}`, 303);
  }

  route.get('/office/library/:id/quiz', { schema: { params: materialParams, querystring: quizQuery } }, async (request, reply) =>
    showQuiz(request, reply, request.params.id, { notice: request.query.done ?? null }),
  );

  route.post('/office/library/:id/quiz', { schema: { params: materialParams } }, async (request, reply) => {
    const { id } = request.params;
    const { actor, material } = await materialFor(request, id);
    if (!editable(actor, material.state)) throw ForbiddenError();
    const form = parseForm(quizQuestionForm, request.body);
    if (!form.ok) return showQuiz(request, reply, id, { answers: form.raw, problems: form.problems }, 400);
    return changeQuiz(request, reply, id, 'added', () => quiz.addQuestion(id, quizQuestionOf(form.answers), request.changeContext()), form.raw);
  });

  route.post('/office/library/:id/quiz/:questionId/remove', { schema: { params: questionParams } }, async (request, reply) => {
    const { id, questionId } = request.params;
    const { actor, material } = await materialFor(request, id);
    if (!editable(actor, material.state)) throw ForbiddenError();
    return changeQuiz(request, reply, id, 'removed', () => quiz.removeQuestion(id, questionId, request.changeContext()));
  });

  route.get('/office/library/:id/coverage.csv', { schema: { params: materialParams } }, async (request, reply) => {
    await materialFor(request, request.params.id);
    const coverage = await service.coverage(request.params.id);
    return reply
      .header('cache-control', noStore)
      .header('content-disposition', `attachment; filename="library-coverage-${request.params.id}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(coverageCsv(request.lang, coverage.lines));
  });
}
