// The open portal's data pages: the catalogue (/{lang}/open-data), the API reference read from the
// OpenAPI document (/{lang}/open-data/api), and the bulk zip of every public dataset
// (/open-data/kenes-open-data.zip, kept and rebuilt on change, answered with an ETag).
import type { FastifyInstance } from 'fastify';
import { languagePrefixGuard } from '../../core/http/language.js';
import { cachedPublicRoutes, etagMatches } from '../../core/http/page-cache.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { readApiReference } from './api-reference.js';
import { keepBulkZip, type BulkZipKeeper } from './bulk-zip.js';
import { lastUpdates } from './last-update.repository.js';
import { ApiReferencePage } from './views/api-reference.js';
import { CataloguePage } from './views/catalogue.js';

export const bulkZipPath = '/open-data/kenes-open-data.zip';

async function cataloguePages(app: FastifyInstance, opts: { keeper: BulkZipKeeper }): Promise<void> {
  cachedPublicRoutes(app);
  await languagePrefixGuard(app);

  app.get('/open-data', async (request, reply) => {
    const zip = opts.keeper.kept();
    const view = { lastUpdates: await lastUpdates(app.db), zip: zip ? { bytes: zip.bytes.length, builtAt: zip.builtAt } : undefined };
    return reply.page(translate(request.lang, 'openData.catalogue.title'), <CataloguePage view={view} />);
  });

  app.get('/open-data/api', async (request, reply) => {
    const reference = readApiReference(app.swagger());
    return reply.page(translate(request.lang, 'openData.api.title'), <ApiReferencePage reference={reference} />);
  });
}

async function bulkDownload(app: FastifyInstance, opts: { keeper: BulkZipKeeper }): Promise<void> {
  // Kept by the keeper, not the page cache (too large for it); the ETag is the zip's.
  app.get(bulkZipPath, async (request, reply) => {
    const zip = await opts.keeper.current();
    reply
      .header('etag', zip.etag)
      .header('last-modified', zip.builtAt.toUTCString())
      .header('cache-control', 'public, max-age=300')
      .header('content-disposition', 'attachment; filename="kenes-open-data.zip"')
      .type('application/zip');
    if (etagMatches(request.headers['if-none-match'], zip.etag)) return reply.code(304).send();
    return reply.send(zip.bytes);
  });
}

/** The catalogue and API reference under /{lang}, and the bulk zip. */
export async function openDataPortalRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const keeper = await keepBulkZip(app, opts.registry, app.config.openDataZipDelayMs);
  app.addHook('onClose', async () => keeper.close());
  await app.register(cataloguePages, { prefix: '/:lang', keeper });
  await app.register(bulkDownload, { keeper });
}
