// Subscriptions, mounted under /:lang: the subscribe form, the confirmation link (a page with a button), the unsubscribe link (a page with a button);
// and, with no language, the one-click unsubscribe that mail programs post (RFC 8058, authenticated by its token, so no CSRF) with its GET for those that open it.
// Never a cached public route: the pages carry a CSRF form or a secret link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayInKazakhstanSql } from '../../core/db/dated.js';
import type { FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { publicOrigin } from '../../core/http/public-url.js';
import { localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { enforceRateLimit, rateLimits, type RateLimitRule } from '../../core/rate-limit.js';
import type { RegistryService } from '../registry/registry.service.js';
import { bareTokenParams, subscribeForm, subscribeQuery, tokenParams, topics } from './subscriptions.forms.js';
import { createSubscriptionsService, describe, type SubscriptionsService } from './subscriptions.service.js';
import { ConfirmedPage, ConfirmPage, LinkGonePage, SubscribePage, SubscribeSentPage, UnsubscribedPage, UnsubscribePage, type SubscribeAnswers } from './views/subscribe.js';

/** Confirmation mails to one address: a few an hour, so the form cannot be used to flood someone's mailbox. */
const perAddress: RateLimitRule = { name: 'subscribe:email', max: 3, windowSeconds: 60 * 60 };

/** Links with a token are private: not kept by caches, not sent on as a referrer. */
function privateLink(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}

export async function subscriptionRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createSubscriptionsService(app.db, opts.registry, app.mailer);

  // A region's maslikhat page offers its news, and the receptions in the region, by mail.
  // (Its scopes are the Council and the region-level maslikhats; a maslikhat's page is never the Council's.)
  app.related.provideQuery('maslikhat', 'subscriptions', {
    rows: (db, organizationId) => opts.registry.regionMaslikhatsQuery(db, todayInKazakhstanSql).select('o.id').where('o.id', '=', organizationId),
    links: (rows) =>
      rows.flatMap((r) => [
        { messageKey: 'subscribe.relatedMaslikhat', href: `/subscribe?topic=news&scope=${r.id}` },
        { messageKey: 'subscribe.relatedMaslikhatReceptions', href: `/subscribe?topic=receptions&scope=${r.id}` },
      ]),
  });

  const form = async (request: FastifyRequest, reply: FastifyReply, answers: SubscribeAnswers, problems: FieldProblem[]) => {
    const lang = request.lang;
    const scopes = (await service.scopes()).map((s) => ({ value: s.id, label: localize(lang, s.name).text }));
    const [council, ...regions] = scopes;
    const options = [...(council ? [council] : []), ...regions.toSorted((a, b) => a.label.localeCompare(b.label, lang))];
    return reply.page(titleWithErrors(lang, translate(lang, 'subscribe.title'), problems), <SubscribePage answers={answers} problems={problems} scopes={options} />, problems.length ? 400 : 200);
  };

  route.get('/subscribe', { schema: { querystring: subscribeQuery } }, async (request, reply) => {
    const { topic, scope } = request.query;
    return form(request, reply, emptyAnswers(subscribeForm, { language: request.lang, topic: (topics as readonly string[]).includes(topic) ? topic : '', scope }), []);
  });

  route.post('/subscribe', async (request, reply) => {
    // Counted before the answers are read: refused attempts count too.
    await enforceRateLimit(app.db, rateLimits.publicFormPerIp, request.ip);
    const answers = parseForm(subscribeForm, request.body);
    if (!answers.ok) return form(request, reply, answers.raw, answers.problems);
    await enforceRateLimit(app.db, perAddress, answers.answers.email);
    const problems = await service.request({ ...answers.answers, baseUrl: publicOrigin(request) }, request.changeContext());
    if (problems.length) return form(request, reply, answers.raw, problems);
    return reply.page(translate(request.lang, 'subscribe.sentTitle'), <SubscribeSentPage />);
  });

  route.get('/subscribe/confirm/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const lang = request.lang;
    privateLink(reply);
    const view = await service.confirmation(request.params.token);
    if (!view) return reply.page(translate(lang, 'subscribe.linkGoneTitle'), <LinkGonePage kind="confirm" />, 410);
    const action = `/${lang}/subscribe/confirm/${request.params.token}`;
    return reply.page(translate(lang, 'subscribe.confirmTitle'), <ConfirmPage action={action} what={describe(lang, view.topic, view.scope)} confirmed={view.confirmed} />);
  });

  route.post('/subscribe/confirm/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const lang = request.lang;
    privateLink(reply);
    const done = await service.confirm(request.params.token, request.changeContext());
    if (!done) return reply.page(translate(lang, 'subscribe.linkGoneTitle'), <LinkGonePage kind="confirm" />, 410);
    return reply.page(translate(lang, 'subscribe.confirmedTitle'), <ConfirmedPage what={describe(lang, done.view.topic, done.view.scope)} already={done.outcome === 'already'} />);
  });

  route.get('/unsubscribe/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const lang = request.lang;
    privateLink(reply);
    if (!(await service.unsubscribeLink(request.params.token))) return reply.page(translate(lang, 'subscribe.linkGoneTitle'), <LinkGonePage kind="unsubscribe" />, 410);
    return reply.page(translate(lang, 'subscribe.unsubscribeTitle'), <UnsubscribePage action={`/${lang}/unsubscribe/${request.params.token}`} />);
  });

  route.post('/unsubscribe/:token', { schema: { params: tokenParams } }, async (request, reply) => unsubscribe(service, request, reply, request.params.token));
}

async function unsubscribe(service: SubscriptionsService, request: FastifyRequest, reply: FastifyReply, token: string) {
  const lang = request.lang;
  privateLink(reply);
  const outcome = await service.unsubscribe(token, request.changeContext());
  if (!outcome) return reply.page(translate(lang, 'subscribe.linkGoneTitle'), <LinkGonePage kind="unsubscribe" />, 410);
  return reply.page(translate(lang, 'subscribe.unsubscribedTitle'), <UnsubscribedPage already={outcome === 'already'} />);
}

/** The address in the List-Unsubscribe header: POST is the one click (no CSRF: the token is the proof); GET, from a program that opens it, goes to the page in the subscriber's language. */
export async function oneClickUnsubscribeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createSubscriptionsService(app.db, opts.registry, app.mailer);

  route.post('/unsubscribe/:token', { schema: { params: bareTokenParams }, config: { csrf: false } }, async (request, reply) => unsubscribe(service, request, reply, request.params.token));

  route.get('/unsubscribe/:token', { schema: { params: bareTokenParams } }, async (request, reply) => {
    privateLink(reply);
    const link = await service.unsubscribeLink(request.params.token);
    if (!link) return reply.page(translate(request.lang, 'subscribe.linkGoneTitle'), <LinkGonePage kind="unsubscribe" />, 410);
    return reply.redirect(`/${link.language}/unsubscribe/${request.params.token}`, 303);
  });
}
