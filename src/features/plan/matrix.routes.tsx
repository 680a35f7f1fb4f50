// The secretariat's matrix of a plan, mounted under /:lang: the page, and the same filtered matrix
// as XLSX and CSV. Filters come from the query (a GET form); a value that names nothing is ignored.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams, textQuery } from '../../core/http/params.js';
import { localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { matrixCsv, matrixXlsx } from './matrix.js';
import { loadMatrix } from './matrix.service.js';
import { progressPolicies } from './progress.policies.js';
import { MatrixPage } from './views/office/matrix.js';

const matrixQuery = z.object({ section: textQuery(100), status: textQuery(20), region: textQuery(20), period: textQuery(20) });
const params = pathParams({ id: idParam });
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function planMatrixRoutes(app: FastifyInstance): Promise<void> {
  definePolicies(progressPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();

  /** The plan's matrix for the request's filters (the ones that name something), with the filters as kept. */
  async function matrixFor(request: FastifyRequest, id: string, query: z.infer<typeof matrixQuery>) {
    authorize(request, 'plan.progress.view');
    return loadMatrix(app.db, id, query);
  }

  const fileName = (request: FastifyRequest, id: string, ext: string) => `kenes-plan-${id.slice(0, 8)}-matrix-${request.lang}.${ext}`;

  route.get('/office/plan/:id/matrix', { schema: { params, querystring: matrixQuery } }, async (request, reply) => {
    const view = await matrixFor(request, request.params.id, request.query);
    const title = `${translate(request.lang, 'planMatrix.title')}: ${localize(request.lang, view.plan.title).text}`;
    return reply.page(title, <MatrixPage view={view} />);
  });

  route.get('/office/plan/:id/matrix.csv', { schema: { params, querystring: matrixQuery } }, async (request, reply) => {
    const view = await matrixFor(request, request.params.id, request.query);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${fileName(request, request.params.id, 'csv')}"`)
      .type('text/csv; charset=utf-8')
      .send(matrixCsv(request.lang, view, view.matrix));
  });

  route.get('/office/plan/:id/matrix.xlsx', { schema: { params, querystring: matrixQuery } }, async (request, reply) => {
    const view = await matrixFor(request, request.params.id, request.query);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${fileName(request, request.params.id, 'xlsx')}"`)
      .type(xlsxType)
      .send(await matrixXlsx(request.lang, view, view.matrix));
  });
}
