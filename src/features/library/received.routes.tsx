// A maslikhat's library in the office (mounted under /:lang): what was sent to it
// (/office/maslikhats/:slug/library), one material's page (opening it is counted for the maslikhat),
// acknowledging receipt, and its files (each download counted). Its staff and deputies; an admin
// may look without being counted. "New materials" on the office home comes from here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { provideAttention } from '../../core/attention.js';
import { authorize, can, definePolicies } from '../../core/auth/authorize.js';
import { attachmentDisposition } from '../../core/documents.js';
import { NotFoundError, UnauthorizedError } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { flagQuery, idParam, pathParams, slugParam } from '../../core/http/params.js';
import { localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { libraryPolicies } from './library.policies.js';
import { createLibraryService } from './library.service.js';
import { ReceivedListPage, ReceivedMaterialPage } from './views/received.js';

const bodyParams = pathParams({ slug: slugParam });
const materialParams = pathParams({ slug: slugParam, id: idParam });
const fileParams = pathParams({ slug: slugParam, id: idParam, fileId: idParam });
const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
const materialQuery = z.object({ acknowledged: flagQuery });

export async function libraryReceivedRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(libraryPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createLibraryService(app.db, { files: app.files, registry: opts.registry });

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

  route.get('/office/maslikhats/:slug/library/:id/files/:fileId', { schema: { params: fileParams } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    const { material } = await service.receivedMaterial(request.params.id, body.id);
    if (material.state !== 'published') throw NotFoundError();
    const file = await service.file(material.id, request.params.fileId);
    const stored = await app.files.open(file.fileName);
    if (!stored) throw NotFoundError();
    if (body.own) await service.recordUse(material.id, body.id, 'download');
    return reply
      .header('content-type', file.contentType)
      .header('content-length', stored.size)
      .header('content-disposition', attachmentDisposition(file.originalName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stored.stream);
  });
}
