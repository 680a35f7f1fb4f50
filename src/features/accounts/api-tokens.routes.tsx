// Personal API tokens in the office: list one's own, create one (shown once), revoke one.
// Mounted under /:lang. The tokens themselves are checked for /api/ requests in core/auth/session.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Policy } from '../../core/auth/authorize.js';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { createApiToken, lastDayOf, listOwnApiTokens, revokeOwnApiToken } from '../../core/auth/api-tokens.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate } from '../../core/i18n/messages.js';
import { apiTokenForm, idParams, revokedQuery } from './accounts.forms.js';
import { ApiTokenCreatedPage, ApiTokensPage, type ApiTokenFormValues } from './views/api-tokens.js';

export const apiTokenPolicies: Record<string, Policy> = {
  // Any signed-in person manages their own tokens, from a browser session: a token cannot mint tokens.
  'api-tokens.manage': (actor, resource) =>
    actor.apiTokenId === null && (!resource?.ownerAccountId || resource.ownerAccountId === actor.accountId),
};

export async function apiTokenRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const route = app.withTypeProvider<ZodTypeProvider>();
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

  route.get('/office/api-tokens', { schema: { querystring: revokedQuery } }, async (request, reply) => {
    const page = await listPage(request, emptyAnswers(apiTokenForm('')), [], request.query.revoked);
    return reply.page(page.title, page.body);
  });

  route.post('/office/api-tokens', async (request, reply) => {
    const actor = authorize(request, 'api-tokens.manage');
    const form = parseForm(apiTokenForm(todayInKazakhstan()), request.body);
    if (!form.ok) {
      const page = await listPage(request, form.raw, form.problems);
      return reply.page(page.title, page.body, 400);
    }
    const { name, expires: expiresAt } = form.answers;
    const created = await createApiToken(db, { accountId: actor.accountId, name, expiresAt }, request.changeContext());
    // The token is shown this once: never cached, never sent on as a referrer.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.page(
      translate(request.lang, 'apiTokens.createdTitle'),
      <ApiTokenCreatedPage token={created.token} name={name} lastDay={expiresAt ? lastDayOf(expiresAt) : null} />,
    );
  });

  route.post('/office/api-tokens/:id/revoke', { schema: { params: idParams } }, async (request, reply) => {
    const actor = authorize(request, 'api-tokens.manage');
    // Only the person's own tokens: another person's id is "not found", never "forbidden".
    const outcome = await revokeOwnApiToken(db, actor.accountId, request.params.id, request.changeContext());
    if (outcome === 'not_found') throw NotFoundError();
    return reply.redirect(`/${request.lang}/office/api-tokens?revoked=1`, 303);
  });
}
