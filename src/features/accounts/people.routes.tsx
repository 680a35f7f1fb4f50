// Administrators manage people: invite, grant, revoke, deactivate, link an account to its registry
// person. Invitees accept by link.
// Mounted under /:lang.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { newPasswordProblems } from './password-reset.service.js';
import { endAnySession, listEverySession, startSession } from '../../core/auth/session.js';
import { recordChange } from '../../core/audit/audit.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import type { Language } from '../../core/i18n/languages.js';
import { localize } from '../../core/i18n/format.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { foldForSearch } from '../../core/text/fold.js';
import { grantForm, grantParams, idParams, invitedQuery, inviteForm, linkForm, passwordAnswer, registryPersonQuery, tokenParams, versionForm } from './accounts.forms.js';
import { accountPolicies } from './accounts.policies.js';
import { accountAttention, createPeopleService, EmailTakenError, RegistryPersonTakenError, registryPersonQueryMaxLength, roles } from './people.service.js';
import { provideAttention } from '../../core/attention.js';
import { LinkExpiredPage, NewPasswordPage } from './views/password-reset.js';
import { InvitePage, PeoplePage, PersonPage, RegistryPersonPage, type GrantAnswers } from './views/people.js';
import { AllSessionsPage } from './views/all-sessions.js';
/** The version a form was made from (0, which never matches, when unreadable). */
function versionOf(body: unknown): number {
  const form = parseForm(versionForm, body);
  return form.ok ? form.answers.version : 0;
}

const errorTitle = (lang: Language, key: MessageKey, problems: FieldProblem[]) => titleWithErrors(lang, translate(lang, key), problems);

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const route = app.withTypeProvider<ZodTypeProvider>();
  definePolicies(accountPolicies);
  await languagePrefixGuard(app);
  const people = createPeopleService(db, app.mailer);
  provideAttention('accounts', accountAttention(db));
  const baseUrl = () => app.config.publicUrl?.replace(/\/$/, '') ?? `http://${app.config.host}:${app.config.port}`;

  async function organizationOptions() {
    return (await people.grantableOrganizations()).map((o) => ({ id: o.id, name: o.name }));
  }

  const adminContext = (request: FastifyRequest) => {
    const actor = authorize(request, 'people.manage');
    return { ...request.changeContext(), actorAccountId: actor.accountId };
  };

  route.get('/office/admin/people', { schema: { querystring: invitedQuery } }, async (request, reply) => {
    authorize(request, 'people.manage');
    return reply.page(translate(request.lang, 'people.title'), <PeoplePage people={await people.listPeople()} invited={request.query.invited || undefined} />);
  });

  route.get('/office/admin/people/invite', async (request, reply) => {
    authorize(request, 'people.manage');
    return reply.page(
      translate(request.lang, 'people.invite'),
      <InvitePage email="" displayName="" role="" organizationId="" roles={roles} organizations={await organizationOptions()} problems={[]} />,
    );
  });

  route.post('/office/admin/people/invite', async (request, reply) => {
    const context = adminContext(request);
    const lang = request.lang;
    const organizations = await organizationOptions();
    const form = parseForm(inviteForm(roles, organizations.map((o) => o.id)), request.body);
    const { email, displayName, role, organizationId } = form.raw;
    const render = (p: FieldProblem[]) =>
      reply.page(
        errorTitle(lang, 'people.invite', p),
        <InvitePage email={email} displayName={displayName} role={role} organizationId={organizationId} roles={roles} organizations={organizations} problems={p} />,
        400,
      );
    if (!form.ok) return render(form.problems);
    try {
      await people.invite({ ...form.answers, lang, baseUrl: baseUrl() }, context);
    } catch (err) {
      if (err instanceof EmailTakenError) return render([{ field: 'email', messageKey: 'people.emailTaken' }]);
      throw err;
    }
    return reply.redirect(`/${lang}/office/admin/people?invited=${encodeURIComponent(email)}`, 303);
  });

  const personPage = async (id: string, problems: FieldProblem[] = [], answers?: GrantAnswers) => {
    const person = await people.person(id);
    return {
      title: person.displayName,
      view: <PersonPage person={person} organizations={await organizationOptions()} roles={roles} problems={problems} answers={answers} />,
    };
  };

  route.get('/office/admin/people/:id', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request, 'people.manage');
    const { title, view } = await personPage(request.params.id);
    return reply.page(title, view);
  });

  route.post('/office/admin/people/:id/grants', { schema: { params: idParams } }, async (request, reply) => {
    const context = adminContext(request);
    const organizations = await organizationOptions();
    const form = parseForm(grantForm(roles, organizations.map((o) => o.id)), request.body);
    if (!form.ok) {
      const { title, view } = await personPage(request.params.id, form.problems, form.raw);
      return reply.page(titleWithErrors(request.lang, title, true), view, 400);
    }
    await people.grant(request.params.id, form.answers, context);
    return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
  });

  route.post('/office/admin/people/:id/grants/:grantId/revoke', { schema: { params: grantParams } }, async (request, reply) => {
    const context = adminContext(request);
    await people.revoke(request.params.id, request.params.grantId, context);
    return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
  });

  for (const [path, active] of [['deactivate', false], ['reactivate', true]] as const) {
    route.post(`/office/admin/people/:id/${path}`, { schema: { params: idParams } }, async (request, reply) => {
      const context = adminContext(request);
      await people.setActive(request.params.id, active, versionOf(request.body), context);
      return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
    });
  }

  // ── The registry person an account belongs to: found by name, linked, unlinked. ──

  /** The search page for a query: results once the query is long enough, problems with it otherwise. */
  const registryPersonPage = async (request: FastifyRequest, id: string, query: string, problems: FieldProblem[] = [], chosen = '') => {
    const account = await people.person(id);
    const queryProblems: FieldProblem[] = [];
    if (query && foldForSearch(query).length < 2) queryProblems.push({ field: 'q', messageKey: 'accountPerson.queryTooShort' });
    if (query.length > registryPersonQueryMaxLength) queryProblems.push({ field: 'q', messageKey: 'accountPerson.queryTooLong', values: { max: registryPersonQueryMaxLength } });
    const found = query && !queryProblems.length ? await people.searchRegistryPersons(query) : undefined;
    const all = [...queryProblems, ...problems];
    return {
      status: all.length ? 400 : 200,
      title: titleWithErrors(request.lang, translate(request.lang, 'accountPerson.searchTitle', { name: account.displayName }), all),
      view: <RegistryPersonPage account={account} search={{ query, matches: found?.matches, limited: found?.limited ?? false, chosen }} problems={all} />,
    };
  };

  route.get('/office/admin/people/:id/registry-person', { schema: { params: idParams, querystring: registryPersonQuery } }, async (request, reply) => {
    authorize(request, 'people.manage');
    const { status, title, view } = await registryPersonPage(request, request.params.id, request.query.q);
    return reply.page(title, view, status);
  });

  route.post('/office/admin/people/:id/registry-person', { schema: { params: idParams } }, async (request, reply) => {
    const context = adminContext(request);
    const { id } = request.params;
    const form = parseForm(linkForm, request.body);
    const render = async (problems: FieldProblem[]) => {
      const { title, view } = await registryPersonPage(request, id, form.raw.q, problems, form.raw.personId);
      return reply.page(title, view, 400);
    };
    if (!form.ok) return render(form.problems);
    try {
      await people.linkRegistryPerson(id, form.answers.personId, form.answers.version, context);
    } catch (err) {
      if (!(err instanceof RegistryPersonTakenError)) throw err;
      const values = { person: localize(request.lang, err.personName).text, name: err.account.displayName, email: err.account.email };
      return render([{ field: 'personId', messageKey: 'accountPerson.takenElsewhere', values }]);
    }
    return reply.redirect(`/${request.lang}/office/admin/people/${id}`, 303);
  });

  route.post('/office/admin/people/:id/registry-person/unlink', { schema: { params: idParams } }, async (request, reply) => {
    const context = adminContext(request);
    await people.unlinkRegistryPerson(request.params.id, versionOf(request.body), context);
    return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
  });

  // ── Everyone's sessions, for administrators (end a lost laptop's session). ──

  route.get('/office/admin/sessions', async (request, reply) => {
    const actor = authorize(request, 'sessions.manage.any');
    const sessions = await listEverySession(db, app.config);
    reply.header('cache-control', 'no-store');
    return reply.page(translate(request.lang, 'adminSessions.title'), <AllSessionsPage sessions={sessions} currentId={actor.sessionId} />);
  });

  route.post('/office/admin/sessions/:id/end', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request, 'sessions.manage.any');
    const ended = await endAnySession(db, request.params.id);
    if (!ended) throw NotFoundError();
    await recordChange(db, request.changeContext(), { entity: 'session', entityId: ended.id, action: 'ended_by_admin', after: { account_id: ended.accountId } });
    return reply.redirect(`/${request.lang}/office/admin/sessions`, 303);
  });

  // ── Accepting an invitation: set a password, then sign in (and enrol a second factor where the role needs it). ──

  route.get('/invitation/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const lang = request.lang;
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    const invitation = await people.findInvitation(request.params.token);
    if (!invitation) return reply.page(translate(lang, 'invitation.expiredTitle'), <LinkExpiredPage />, 410);
    const title = translate(lang, 'invitation.title');
    return reply.page(title, <NewPasswordPage action={`/${lang}/invitation/${request.params.token}`} email={invitation.email} problems={[]} title={title} />);
  });

  route.post('/invitation/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const lang = request.lang;
    reply.header('cache-control', 'no-store');
    const invitation = await people.findInvitation(request.params.token);
    if (!invitation) return reply.page(translate(lang, 'invitation.expiredTitle'), <LinkExpiredPage />, 410);
    const body = { password: passwordAnswer(request.body, 'password'), confirmation: passwordAnswer(request.body, 'confirmation') };
    const problems = newPasswordProblems(body.password, body.confirmation, invitation);
    if (problems.length) {
      const title = translate(lang, 'invitation.title');
      return reply.page(errorTitle(lang, 'invitation.title', problems), <NewPasswordPage action={`/${lang}/invitation/${request.params.token}`} email={invitation.email} problems={problems} title={title} />, 400);
    }
    if (!(await people.acceptInvitation(invitation.id, invitation.accountId, body.password, request.changeContext()))) {
      return reply.page(translate(lang, 'invitation.expiredTitle'), <LinkExpiredPage />, 410);
    }
    // Signed in straight away; the session hook asks for a second factor where the role requires one.
    await startSession(request, reply, invitation.accountId, { secondFactorDone: false });
    return reply.redirect(`/${lang}/office/`, 303);
  });
}
