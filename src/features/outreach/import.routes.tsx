// The outreach import in the office (registered by office.routes.tsx in a plugin of its own that
// reads multipart forms up to 10 MB): the upload page for a maslikhat, the templates, and the upload
// itself, which stores every event of the file or none and reports each refused row.
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/auth/actor.js';
import { ForbiddenError, type FieldProblem } from '../../core/errors.js';
import { titleWithErrors, uploadedFile } from '../../core/http/forms.js';
import { pathParams, slugParam } from '../../core/http/params.js';
import type { Language } from '../../core/i18n/languages.js';
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import { outreachColumnHeader, type OutreachColumnKey } from './import.columns.js';
import { parseOutreachFile } from './import.parse.js';
import type { createOutreachImportService, ImportOutcome } from './import.service.js';
import { buildOutreachTemplate } from './import.template.js';
import type { OutreachService, MaslikhatRow } from './outreach.service.js';
import { OutreachImportPage, type ImportReport } from './views/import.js';

const slugParams = pathParams({ slug: slugParam });
const templateQuery = z.object({ lang: z.enum(['kk', 'ru', 'en']).catch('kk') });
const templates = new Map<StoredLanguage, Promise<Buffer>>();

export type Route = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

interface Deps {
  service: OutreachService;
  importer: ReturnType<typeof createOutreachImportService>;
  maslikhatFor(request: FastifyRequest, slug: string): Promise<MaslikhatRow & { timeZone: string }>;
  actorOf(request: FastifyRequest): Actor;
}

/** A column's name in the reader's language (in Latin letters on a Kazakh Latin page). */
const columnLabel = (key: OutreachColumnKey, lang: Language) => (lang === 'kk-latn' ? toKazakhLatin(outreachColumnHeader(key, 'kk')) : outreachColumnHeader(key, lang));

function reportOf(lang: Language, outcome: Extract<ImportOutcome, { ok: false }>): ImportReport {
  const say = (p: { column?: OutreachColumnKey | null | undefined; messageKey: Parameters<typeof translate>[1]; values?: Parameters<typeof translate>[2] }) => {
    const text = translate(lang, p.messageKey, { ...p.values, ...(p.column ? { column: columnLabel(p.column, lang), field: columnLabel(p.column, lang) } : {}) });
    return p.column ? `${columnLabel(p.column, lang)}: ${text}` : text;
  };
  return { fileProblems: outcome.fileProblems.map(say), rows: outcome.rows.map((r) => ({ row: r.row, problems: r.problems.map(say) })), totalRows: outcome.totalRows };
}

export function outreachImportRoutes(route: Route, deps: Deps): void {
  const { service, importer, maslikhatFor, actorOf } = deps;

  route.get('/office/outreach/import-template.xlsx', { schema: { querystring: templateQuery } }, async (request, reply) => {
    if (!service.mayUseOffice(actorOf(request))) throw ForbiddenError();
    const lang = request.query.lang;
    let template = templates.get(lang);
    if (!template) {
      template = buildOutreachTemplate(lang);
      templates.set(lang, template);
      template.catch(() => templates.delete(lang));
    }
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="kenes-outreach-template-${lang}.xlsx"`)
      .header('cache-control', 'private, max-age=3600')
      .send(await template);
  });

  const title = (request: FastifyRequest, problems: boolean) => titleWithErrors(request.lang, translate(request.lang, 'outreach.import.title'), problems);

  route.get('/office/maslikhats/:slug/outreach/import', { schema: { params: slugParams } }, async (request, reply) => {
    const maslikhat = await maslikhatFor(request, request.params.slug);
    return reply.header('cache-control', 'no-store').page(title(request, false), <OutreachImportPage slug={maslikhat.slug} maslikhatName={maslikhat.name} problems={[]} report={null} imported={null} />);
  });

  route.post('/office/maslikhats/:slug/outreach/import', { schema: { params: slugParams } }, async (request, reply) => {
    const maslikhat = await maslikhatFor(request, request.params.slug);
    const file = uploadedFile(request.body, 'file');
    const show = (problems: FieldProblem[], report: ImportReport | null, imported: number | null, status: number) =>
      reply.header('cache-control', 'no-store').page(title(request, problems.length > 0 || report !== null), <OutreachImportPage slug={maslikhat.slug} maslikhatName={maslikhat.name} problems={problems} report={report} imported={imported} />, status);
    if (!file) return show([{ field: 'file', messageKey: 'import.file.missing' }], null, null, 400);
    if (file.truncated) return show([{ field: 'file', messageKey: 'import.file.tooLarge', values: { limit: 10 } }], null, null, 400);
    const parsed = await parseOutreachFile(file.data);
    const outcome = await importer.importFile(actorOf(request), maslikhat, parsed, request.changeContext());
    if (!outcome.ok) return show([], reportOf(request.lang, outcome), null, 400);
    return show([], null, outcome.imported, 200);
  });
}
