// What comes in to the admin pages: the audit log's filter (a GET form, so its problems are shown
// on the page, never refused), the page number, and the outbox message's id.
import { z } from 'zod';
import { fieldProblem, optionalDate, text } from '../../core/http/forms.js';
import { idParam, pathParams, textQuery } from '../../core/http/params.js';

/** `?page=2`: a whole number from 1; anything else is the first page. */
const pageNumber = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,7}$/.test(v) ? Math.max(1, Number(v)) : 1))
  .catch(1);

export const pageQuery = z.object({ page: pageNumber });

/** The audit filter as the URL carries it: text that never fails, read by auditFilterForm. */
export const auditQuery = z.object({
  entity: textQuery(100),
  action: textQuery(100),
  actor: textQuery(320),
  from: textQuery(40),
  to: textQuery(40),
  page: pageNumber,
});

/** The audit filter: any entity, action and actor's address; days as YYYY-MM-DD, the last not before the first. */
export const auditFilterForm = z
  .object({
    entity: text(100),
    action: text(100),
    actor: text(320),
    from: optionalDate('adminAudit.fromInvalid'),
    to: optionalDate('adminAudit.toInvalid'),
  })
  .superRefine((a, ctx) => {
    if (a.from && a.to && a.to < a.from) ctx.addIssue(fieldProblem('to', 'adminAudit.rangeInvalid'));
  });

export const outboxParams = pathParams({ id: idParam });
