// The public library (mounted under /:lang): /library lists published materials (topic, law and
// language filters, pages of twelve), /library/{id} shows one (a withdrawn one is a 410 page that
// says so; a draft is not found), and its files are served as attachments. The pages are kept by
// the page cache, which the library's tables' content triggers (migration 0020) empty on a change.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { sendStoredFile } from '../../core/http/stored-file.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { idParam, pathParams, textQuery } from '../../core/http/params.js';
import { localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createLibraryService } from './library.service.js';
import { createQuizService } from './quiz.service.js';
import { librarySearchSource } from './search-source.js';
import { PublicListPage, PublicMaterialPage, WithdrawnPage } from './views/public.js';

const materialParams = pathParams({ id: idParam });
const fileParams = pathParams({ id: idParam, fileId: idParam });
const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  topic: textQuery(60),
  law: textQuery(500),
  language: z.enum(['kk', 'ru', 'en']).optional().catch(undefined),
});

export async function publicLibraryRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  await languagePrefixGuard(app);
  app.searchIndex.register(librarySearchSource());
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createLibraryService(app.db, { files: app.files, registry: opts.registry });
  const quiz = createQuizService(app.db, { registry: opts.registry });

  // Files first: registered before the page cache's hook, so a large file is streamed, never kept.
  route.get('/library/:id/files/:fileId', { schema: { params: fileParams } }, async (request, reply) => {
    const material = await service.material(request.params.id);
    if (material.state !== 'published') throw NotFoundError();
    const file = await service.file(material.id, request.params.fileId);
    return sendStoredFile(reply, app.files, { storedName: file.fileName, contentType: file.contentType, downloadName: file.originalName }, { cache: 'public, max-age=300', sandbox: true });
  });

  cachedPublicRoutes(app);

  route.get('/library', { schema: { querystring: listQuery } }, async (request, reply) => {
    const q = request.query;
    const filter = { topic: q.topic || undefined, law: q.law || undefined, language: q.language };
    const [list, facets] = await Promise.all([service.publishedList(filter, q.page), service.facets()]);
    const cards = list.rows.map((r) => ({ ...r, topics: (list.topics.get(r.id) ?? []).map((x) => x.topic), received: list.received.get(r.id) ?? 0 }));
    const pageHref = (n: number) => `/${request.lang}/library?${new URLSearchParams({ ...(q.topic ? { topic: q.topic } : {}), ...(q.law ? { law: q.law } : {}), ...(q.language ? { language: q.language } : {}), page: String(n) }).toString()}`;
    return reply.page(
      translate(request.lang, 'library.publicTitle'),
      <PublicListPage cards={cards} filter={{ topic: q.topic, law: q.law, language: q.language ?? '' }} topics={facets.topics} laws={facets.laws} page={list.page} pages={list.pages} total={list.total} pageHref={pageHref} />,
    );
  });

  route.get('/library/:id', { schema: { params: materialParams } }, async (request, reply) => {
    const material = await service.material(request.params.id);
    if (material.state === 'withdrawn') return reply.page(translate(request.lang, 'library.withdrawnTitle'), <WithdrawnPage />, 410);
    if (material.state !== 'published') throw NotFoundError();
    const [received, organization, questions, results] = await Promise.all([
      service.receivedBy(material.id),
      material.organizationId ? opts.registry.listOrganizationsByIds([material.organizationId]) : Promise.resolve([]),
      quiz.questionCounts([material.id]),
      quiz.results(material.id),
    ]);
    // Each language's current edition only: the history stays in the office.
    const files = material.files.filter((f, i, all) => all.findIndex((g) => g.language === f.language) === i);
    return reply.page(localize(request.lang, material.title).text, <PublicMaterialPage material={{ ...material, files, organizationName: organization[0]?.name ?? null }} received={received} quiz={{ questions: questions.get(material.id) ?? 0, results }} />);
  });
}
