// Personal API tokens in the office: list one's own, create one (shown once), revoke one.
// Mounted under /:lang. The tokens themselves are checked for /api/ requests in core/auth/session.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Policy } from '../../core/auth/authorize.js';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { checkNewApiToken, createApiToken, lastDayOf, listOwnApiTokens, revokeOwnApiToken } from '../../core/auth/api-tokens.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate } from '../../core/i18n/messages.js';
import { isUuid } from '../../core/ids.js';
import { ApiTokenCreatedPage, ApiTokensPage, type ApiTokenFormValues } from './views/api-tokens.js';
import { titleWithErrors } from '../../core/http/form.js';

export const apiTokenPolicies: Record<string, Policy> = {
  // Any signed-in person manages their own tokens, from a browser session: a token cannot mint tokens.
  'api-tokens.manage': (actor, resource) =>
    actor.apiTokenId === null && (!resource?.ownerAccountId || resource.ownerAccountId === actor.accountId),
};

/**
 * The form's fields as typed (anything but one string counts as empty). No schema limits here: a
 * too-long or odd value is answered with a message on the form, not a bare error page.
 */
function formValues(body: unknown): ApiTokenFormValues {
  const field = (key: string) => {
    const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value.slice(0, 1000) : '';
  };
  return { name: field('name'), expires: field('expires') };
}

export async function apiTokenRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  definePolicies(apiTokenPolicies);
  await languagePrefixGuard(app);

  const listPage = async (request: FastifyRequest, values: ApiTokenFormValues, problems: FieldProblem[], revoked = false) => {
    const actor = authorize(request, 'api-tokens.manage');
    const tokens = await listOwnApiTokens(db, actor.accountId);
    const lang = request.lang;
    return {
      title: titleWithErrors(lang, translate(lang, 'apiTokens.title'), problems),
      body: <ApiTokensPage tokens={tokens} values={values} problems={problems} revoked={revoked} />,
    };
  };

  app.get('/office/api-tokens', async (request, reply) => {
    const revoked = (request.query as { revoked?: string }).revoked === '1';
    const page = await listPage(request, { name: '', expires: '' }, [], revoked);
    return reply.page(page.title, page.body);
  });

  app.post('/office/api-tokens', async (request, reply) => {
    const actor = authorize(request, 'api-tokens.manage');
    const body = formValues(request.body);
    const checked = checkNewApiToken(body);
    if (!checked.ok) {
      const page = await listPage(request, body, checked.problems);
      return reply.page(page.title, page.body, 400);
    }
    const created = await createApiToken(db, { accountId: actor.accountId, name: checked.name, expiresAt: checked.expiresAt }, request.changeContext());
    // The token is shown this once: never cached, never sent on as a referrer.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.page(
      translate(request.lang, 'apiTokens.createdTitle'),
      <ApiTokenCreatedPage token={created.token} name={checked.name} lastDay={checked.expiresAt ? lastDayOf(checked.expiresAt) : null} />,
    );
  });

  app.post<{ Params: { id: string } }>('/office/api-tokens/:id/revoke', async (request, reply) => {
    const actor = authorize(request, 'api-tokens.manage');
    if (!isUuid(request.params.id)) throw NotFoundError();
    // Only the person's own tokens: another person's id is "not found", never "forbidden".
    const outcome = await revokeOwnApiToken(db, actor.accountId, request.params.id, request.changeContext());
    if (outcome === 'not_found') throw NotFoundError();
    return reply.redirect(`/${request.lang}/office/api-tokens?revoked=1`, 303);
  });
}
