// Administration: the audit log (page and CSV export) and the mail outbox. Admins only (the
// policies 'audit.read' and 'mail.outbox.read' live with the accounts capability). Mounted under /:lang.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError, ValidationError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate } from '../../core/i18n/messages.js';
import { auditCsv, auditFilterOptions, auditPage, csvRowCap, outboxMessage, outboxPage, type AuditCriteria } from './admin.service.js';
import { AuditLogPage, type AuditFormInput } from './views/audit-log.js';
import { OutboxMessagePage, OutboxPage } from './views/outbox.js';
import { titleWithErrors } from '../../core/http/form.js';

const isoDate = z.iso.date();

/** One query parameter as text: the first value if repeated, trimmed, never unbounded. */
function param(query: unknown, name: string, max = 400): string {
  const raw = (query as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

function pageParam(query: unknown): number {
  const value = param(query, 'page', 20);
  return /^\d{1,7}$/.test(value) ? Math.max(1, Number(value)) : 1;
}

/** The audit filter as typed, what it means, and what is wrong with it (GOV.UK-style problems). */
function readAuditFilter(query: unknown): { input: AuditFormInput; criteria: AuditCriteria; problems: FieldProblem[] } {
  const input: AuditFormInput = {
    entity: param(query, 'entity', 100),
    action: param(query, 'action', 100),
    actor: param(query, 'actor', 320),
    from: param(query, 'from', 40),
    to: param(query, 'to', 40),
  };
  const problems: FieldProblem[] = [];
  if (input.from && !isoDate.safeParse(input.from).success) problems.push({ field: 'from', messageKey: 'adminAudit.fromInvalid' });
  if (input.to && !isoDate.safeParse(input.to).success) problems.push({ field: 'to', messageKey: 'adminAudit.toInvalid' });
  if (problems.length === 0 && input.from && input.to && input.to < input.from) problems.push({ field: 'to', messageKey: 'adminAudit.rangeInvalid' });
  const criteria: AuditCriteria = {
    entity: input.entity || undefined,
    action: input.action || undefined,
    actorEmail: input.actor || undefined,
    from: input.from || undefined,
    to: input.to || undefined,
  };
  return { input, criteria, problems };
}

/** Admin pages carry personal data: never kept by a browser or proxy cache. */
const noStore = 'no-store';

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  await languagePrefixGuard(app);

  app.get('/office/admin/audit', async (request, reply) => {
    authorize(request, 'audit.read');
    const lang = request.lang;
    const { input, criteria, problems } = readAuditFilter(request.query);
    const [options, result] = await Promise.all([
      auditFilterOptions(db),
      problems.length ? Promise.resolve(undefined) : auditPage(db, criteria, pageParam(request.query)),
    ]);
    const title = translate(lang, 'adminAudit.title');
    reply.header('cache-control', noStore);
    return reply.page(
      titleWithErrors(lang, title, problems),
      <AuditLogPage input={input} problems={problems} options={options} result={result} csvRowCap={csvRowCap} />,
      problems.length ? 400 : 200,
    );
  });

  app.get('/office/admin/audit.csv', async (request, reply) => {
    authorize(request, 'audit.read');
    const { criteria, problems } = readAuditFilter(request.query);
    if (problems.length) throw ValidationError(problems);
    const csv = await auditCsv(db, criteria);
    return reply
      .header('cache-control', noStore)
      .header('content-disposition', `attachment; filename="kenes-audit-${todayInKazakhstan()}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv.body);
  });

  app.get('/office/admin/outbox', async (request, reply) => {
    authorize(request, 'mail.outbox.read');
    const result = await outboxPage(db, pageParam(request.query));
    reply.header('cache-control', noStore);
    return reply.page(translate(request.lang, 'adminOutbox.title'), <OutboxPage result={result} />);
  });

  app.get<{ Params: { id: string } }>('/office/admin/outbox/:id', async (request, reply) => {
    authorize(request, 'mail.outbox.read');
    const message = await outboxMessage(db, request.params.id);
    if (!message) throw NotFoundError();
    reply.header('cache-control', noStore);
    const subject = message.subject.trim() || translate(request.lang, 'adminOutbox.noSubject');
    return reply.page(translate(request.lang, 'adminOutbox.messageTitle', { subject }), <OutboxMessagePage message={message} />);
  });
}
