// A maslikhat's library in the office (mounted under /:lang): what was sent to it
// (/office/maslikhats/:slug/library), one material's page (opening it is counted for the maslikhat),
// acknowledging receipt, and its files (each download counted). Its staff and deputies; an admin
// may look without being counted. "New materials" on the office home comes from here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { provideAttention } from '../../core/attention.js';
import { authorize, can, definePolicies } from '../../core/auth/authorize.js';
import { AppError, NotFoundError, UnauthorizedError } from '../../core/errors.js';
import { titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { flagQuery, idParam, pathParams, slugParam } from '../../core/http/params.js';
import { sendStoredFile } from '../../core/http/stored-file.js';
import { localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { quizAnswers } from './library.forms.js';
import { libraryPolicies } from './library.policies.js';
import { createLibraryService } from './library.service.js';
import { createQuizService } from './quiz.service.js';
import { QuizTakePage, type QuizTakeProps } from './views/quiz.js';
import { ReceivedListPage, ReceivedMaterialPage } from './views/received.js';

const bodyParams = pathParams({ slug: slugParam });
const materialParams = pathParams({ slug: slugParam, id: idParam });
const fileParams = pathParams({ slug: slugParam, id: idParam, fileId: idParam });
const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
const materialQuery = z.object({ acknowledged: flagQuery });
const quizQuery = z.object({ done: flagQuery });

export async function libraryReceivedRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(libraryPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createLibraryService(app.db, { files: app.files, registry: opts.registry });
  const quiz = createQuizService(app.db, { registry: opts.registry });

  // The office home: how many materials each of the person's maslikhats has not acknowledged yet.
  provideAttention('libraryReceived', async (actor) => {
    const grants = actor.grants.filter((g) => (g.role === 'maslikhat_staff' || g.role === 'deputy') && g.organizationSlug.startsWith('maslikhat-'));
    const bodies = [...new Map(grants.map((g) => [g.organizationId, g.organizationSlug])).entries()];
    const counts = await Promise.all(bodies.map(async ([id, slug]) => ({ slug, count: await service.unacknowledged([id]) })));
    return counts.filter((c) => c.count > 0).map((c) => ({ messageKey: 'library.attention', values: { count: c.count }, href: `/office/maslikhats/${c.slug}/library` }));
  });

  /** The maslikhat in the URL, after checking this person reads its library. */
  async function bodyFor(request: FastifyRequest, slug: string) {
    if (!request.actor) throw UnauthorizedError();
    const id = await opts.registry.organizationIdBySlug(slug);
    if (!id) throw NotFoundError();
    const actor = authorize(request, 'library.receive', { organizationId: id });
    const [named] = await opts.registry.listOrganizationsByIds([id]);
    // Only the maslikhat's own people are counted (an admin looking is not its use).
    return { id, slug, name: named?.name ?? {}, own: can(actor, 'library.acknowledge', { organizationId: id }) };
  }

  route.get('/office/maslikhats/:slug/library', { schema: { params: bodyParams, querystring: listQuery } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    const list = await service.received(body.id, request.query.page);
    return reply.header('cache-control', 'no-store').page(translate(request.lang, 'library.receivedTitle'), <ReceivedListPage slug={body.slug} bodyName={body.name} rows={list.rows} page={list.page} pages={list.pages} />);
  });

  route.get('/office/maslikhats/:slug/library/:id', { schema: { params: materialParams, querystring: materialQuery } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    const { material, deliveries } = await service.receivedMaterial(request.params.id, body.id);
    if (body.own && material.state === 'published') await service.recordUse(material.id, body.id, 'open');
    const questions = (await quiz.questionCounts([material.id])).get(material.id) ?? 0;
    const acknowledged = deliveries.map((d) => d.acknowledgedAt).filter((d): d is Date => d !== null);
    const acknowledgedAt = deliveries.every((d) => d.acknowledgedAt) && acknowledged.length ? new Date(Math.min(...acknowledged.map((d) => new Date(d).getTime()))) : null;
    return reply.header('cache-control', 'no-store').page(
      localize(request.lang, material.title).text,
      <ReceivedMaterialPage
        slug={body.slug}
        material={material}
        notes={deliveries.map((d) => ({ note: d.note, sentAt: d.sentAt }))}
        acknowledgedAt={acknowledgedAt}
        mayAcknowledge={body.own}
        quizQuestions={questions}
        notice={request.query.acknowledged}
      />,
    );
  });

  route.post('/office/maslikhats/:slug/library/:id/acknowledge', { schema: { params: materialParams } }, async (request, reply) => {
    if (!request.actor) throw UnauthorizedError();
    const id = await opts.registry.organizationIdBySlug(request.params.slug);
    if (!id) throw NotFoundError();
    authorize(request, 'library.acknowledge', { organizationId: id });
    await service.acknowledge(request.params.id, id, request.changeContext());
    return reply.redirect(`/${request.lang}/office/maslikhats/${request.params.slug}/library/${request.params.id}?acknowledged=1`, 303);
  });

  // ── The self-check quiz: the person's own result, and the questions to (re)take ──

  async function showQuiz(request: FastifyRequest, reply: FastifyReply, body: Awaited<ReturnType<typeof bodyFor>>, materialId: string, extra: Partial<Pick<QuizTakeProps, 'chosen' | 'problems' | 'justTaken' | 'changed'>> = {}, status = 200) {
    const { material } = await service.receivedMaterial(materialId, body.id);
    if (material.state !== 'published') throw NotFoundError();
    const questions = await quiz.questions(material.id);
    if (!questions.length) throw NotFoundError();
    const attempt = request.actor ? await quiz.attemptOf(material.id, request.actor.accountId) : null;
    const problems = extra.problems ?? [];
    const title = `${translate(request.lang, 'library.quizTitle')}: ${localize(request.lang, material.title).text}`;
    return reply
      .header('cache-control', 'no-store')
      .page(
        titleWithErrors(request.lang, title, problems),
        <QuizTakePage
          slug={body.slug}
          material={material}
          questions={questions}
          chosen={extra.chosen ?? {}}
          problems={problems}
          attempt={attempt}
          mayTake={body.own}
          justTaken={extra.justTaken ?? false}
          changed={extra.changed ?? false}
        />,
        status,
      );
  }

  route.get('/office/maslikhats/:slug/library/:id/quiz', { schema: { params: materialParams, querystring: quizQuery } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    return showQuiz(request, reply, body, request.params.id, { justTaken: request.query.done });
  });

  route.post('/office/maslikhats/:slug/library/:id/quiz', { schema: { params: materialParams } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    const actor = authorize(request, 'library.acknowledge', { organizationId: body.id });
    const { material } = await service.receivedMaterial(request.params.id, body.id);
    const questions = await quiz.questions(material.id);
    const sent = quizAnswers(request.body, questions);
    // Questions changed since the page was read: ask again, keeping the answers that still fit.
    const changed = sent.asked.length !== questions.length || questions.some((q, i) => q.id !== sent.asked[i]);
    if (changed) return showQuiz(request, reply, body, material.id, { chosen: sent.answers, changed: true }, 409);
    if (sent.problems.length) return showQuiz(request, reply, body, material.id, { chosen: sent.answers, problems: sent.problems }, 400);
    try {
      await quiz.submit(material.id, { accountId: actor.accountId, organizationId: body.id, asked: sent.asked, answers: sent.answers });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return showQuiz(request, reply, body, material.id, { changed: true }, 409);
    }
    return reply.redirect(`/${request.lang}/office/maslikhats/${body.slug}/library/${material.id}/quiz?done=1`, 303);
  });

  route.get('/office/maslikhats/:slug/library/:id/files/:fileId', { schema: { params: fileParams } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    const { material } = await service.receivedMaterial(request.params.id, body.id);
    if (material.state !== 'published') throw NotFoundError();
    const file = await service.file(material.id, request.params.fileId);
    if (body.own) await service.recordUse(material.id, body.id, 'download');
    return sendStoredFile(reply, app.files, { storedName: file.fileName, contentType: file.contentType, downloadName: file.originalName }, { cache: 'private, no-store' });
  });
}
