// Administration: the audit log (page and CSV export) and the mail outbox. Admins only (the
// policies 'audit.read' and 'mail.outbox.read' live with the accounts capability). Mounted under /:lang.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { authorize } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate } from '../../core/i18n/messages.js';
import { auditFilterForm, auditQuery, outboxParams, pageQuery } from './admin.forms.js';
import { auditCsv, auditFilterOptions, auditPage, csvRowCap, outboxMessage, outboxPage, type AuditCriteria } from './admin.service.js';
import { AuditLogPage } from './views/audit-log.js';
import { OutboxMessagePage, OutboxPage } from './views/outbox.js';

/** The audit filter as typed (kept on the page and in its links), what it asks for, and what is wrong with it. */
function readAuditFilter(query: z.output<typeof auditQuery>) {
  const form = parseForm(auditFilterForm, query);
  const criteria: AuditCriteria | undefined = form.ok
    ? {
        entity: form.answers.entity || undefined,
        action: form.answers.action || undefined,
        actorEmail: form.answers.actor || undefined,
        from: form.answers.from ?? undefined,
        to: form.answers.to ?? undefined,
      }
    : undefined;
  return { input: form.raw, criteria, problems: form.ok ? [] : form.problems };
}

/** Admin pages carry personal data: never kept by a browser or proxy cache. */
const noStore = 'no-store';

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const route = app.withTypeProvider<ZodTypeProvider>();
  await languagePrefixGuard(app);

  route.get('/office/admin/audit', { schema: { querystring: auditQuery } }, async (request, reply) => {
    authorize(request, 'audit.read');
    const lang = request.lang;
    const { input, criteria, problems } = readAuditFilter(request.query);
    const [options, result] = await Promise.all([auditFilterOptions(db), criteria ? auditPage(db, criteria, request.query.page) : Promise.resolve(undefined)]);
    const title = translate(lang, 'adminAudit.title');
    reply.header('cache-control', noStore);
    return reply.page(
      titleWithErrors(lang, title, problems),
      <AuditLogPage input={input} problems={problems} options={options} result={result} csvRowCap={csvRowCap} />,
      problems.length ? 400 : 200,
    );
  });

  route.get('/office/admin/audit.csv', { schema: { querystring: auditQuery } }, async (request, reply) => {
    authorize(request, 'audit.read');
    const { criteria, problems } = readAuditFilter(request.query);
    if (!criteria) throw ValidationError(problems);
    const csv = await auditCsv(db, criteria);
    return reply
      .header('cache-control', noStore)
      .header('content-disposition', `attachment; filename="kenes-audit-${todayInKazakhstan()}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv.body);
  });

  route.get('/office/admin/outbox', { schema: { querystring: pageQuery } }, async (request, reply) => {
    authorize(request, 'mail.outbox.read');
    const result = await outboxPage(db, request.query.page);
    reply.header('cache-control', noStore);
    return reply.page(translate(request.lang, 'adminOutbox.title'), <OutboxPage result={result} />);
  });

  route.get('/office/admin/outbox/:id', { schema: { params: outboxParams } }, async (request, reply) => {
    authorize(request, 'mail.outbox.read');
    const message = await outboxMessage(db, request.params.id);
    if (!message) throw NotFoundError();
    reply.header('cache-control', noStore);
    const subject = message.subject.trim() || translate(request.lang, 'adminOutbox.noSubject');
    return reply.page(translate(request.lang, 'adminOutbox.messageTitle', { subject }), <OutboxMessagePage message={message} />);
  });
}
