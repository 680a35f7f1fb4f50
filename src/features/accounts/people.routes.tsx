// Administrators manage people: invite, grant, revoke, deactivate, link an account to its registry
// person. Invitees accept by link.
// Mounted under /:lang.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { newPasswordProblems } from '../../core/auth/password-reset.js';
import { endAnySession, listEverySession, startSession } from '../../core/auth/session.js';
import { recordChange } from '../../core/audit/audit.js';
import type { Role } from '../../core/db/database.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import type { Language } from '../../core/i18n/languages.js';
import { localize } from '../../core/i18n/format.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { isUuid } from '../../core/ids.js';
import { foldForSearch } from '../../core/text/fold.js';
import { accountPolicies } from './accounts.policies.js';
import { accountAttention, createPeopleService, EmailTakenError, RegistryPersonTakenError, registryPersonQueryMaxLength, roles } from './people.service.js';
import { provideAttention } from '../../core/attention.js';
import { LinkExpiredPage, NewPasswordPage } from './views/password-reset.js';
import { InvitePage, PeoplePage, PersonPage, RegistryPersonPage, type GrantAnswers } from './views/people.js';
import { AllSessionsPage } from './views/all-sessions.js';
import { titleWithErrors } from '../../core/http/form.js';

const inviteBody = z.object({
  email: z.string().max(320).optional().default(''),
  displayName: z.string().max(200).optional().default(''),
  role: z.string().max(40).optional().default(''),
  organizationId: z.string().max(40).optional().default(''),
});
const grantBody = inviteBody.pick({ role: true, organizationId: true }).extend({
  validFrom: z.string().max(40).optional().default(''),
  validTo: z.string().max(40).optional().default(''),
});
const isoDate = z.iso.date();

/** Optional first and last days of a grant: each YYYY-MM-DD, the last not before the first. */
function grantDateProblems(validFrom: string, validTo: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (validFrom && !isoDate.safeParse(validFrom).success) problems.push({ field: 'validFrom', messageKey: 'people.dateInvalid' });
  if (validTo && !isoDate.safeParse(validTo).success) problems.push({ field: 'validTo', messageKey: 'people.dateInvalid' });
  if (!problems.length && validFrom && validTo && validTo < validFrom) problems.push({ field: 'validTo', messageKey: 'people.dateOrder' });
  return problems;
}
const versionBody = z.object({ version: z.coerce.number().int().min(1).optional().default(0) });
const registryPersonQuery = z.object({ q: z.string().optional() });
const linkBody = versionBody.extend({ personId: z.string().max(40).optional().default(''), q: z.string().max(1000).optional().default('') });
const passwordBody = z.object({ password: z.string().max(1024).optional().default(''), confirmation: z.string().max(1024).optional().default('') });

const errorTitle = (lang: Language, key: MessageKey, problems: FieldProblem[]) => titleWithErrors(lang, translate(lang, key), problems);

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  definePolicies(accountPolicies);
  await languagePrefixGuard(app);
  const people = createPeopleService(db, app.mailer);
  provideAttention('accounts', accountAttention(db));
  const baseUrl = () => app.config.publicUrl?.replace(/\/$/, '') ?? `http://${app.config.host}:${app.config.port}`;

  async function organizationOptions() {
    return (await people.grantableOrganizations()).map((o) => ({ id: o.id, name: o.name }));
  }

  async function roleProblems(body: { role: string; organizationId: string }): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (!roles.includes(body.role as Role)) problems.push({ field: 'role', messageKey: 'people.roleMissing' });
    const organizations = await organizationOptions();
    if (!organizations.some((o) => o.id === body.organizationId)) problems.push({ field: 'organizationId', messageKey: 'people.organizationMissing' });
    return problems;
  }

  const adminContext = (request: FastifyRequest) => {
    const actor = authorize(request, 'people.manage');
    return { ...request.changeContext(), actorAccountId: actor.accountId };
  };

  app.get('/office/admin/people', async (request, reply) => {
    authorize(request, 'people.manage');
    const invited = (request.query as { invited?: string }).invited;
    return reply.page(translate(request.lang, 'people.title'), <PeoplePage people={await people.listPeople()} invited={invited} />);
  });

  app.get('/office/admin/people/invite', async (request, reply) => {
    authorize(request, 'people.manage');
    return reply.page(
      translate(request.lang, 'people.invite'),
      <InvitePage email="" displayName="" role="" organizationId="" roles={roles} organizations={await organizationOptions()} problems={[]} />,
    );
  });

  app.post('/office/admin/people/invite', async (request, reply) => {
    const context = adminContext(request);
    const lang = request.lang;
    const body = inviteBody.parse(request.body ?? {});
    const email = body.email.trim();
    const displayName = body.displayName.trim();
    const problems: FieldProblem[] = [];
    if (!displayName) problems.push({ field: 'displayName', messageKey: 'people.nameMissing' });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ field: 'email', messageKey: email ? 'passwordReset.emailInvalid' : 'signIn.emailMissing' });
    problems.push(...(await roleProblems(body)));
    const render = async (p: FieldProblem[]) =>
      reply.page(
        errorTitle(lang, 'people.invite', p),
        <InvitePage email={email} displayName={displayName} role={body.role} organizationId={body.organizationId} roles={roles} organizations={await organizationOptions()} problems={p} />,
        400,
      );
    if (problems.length) return render(problems);
    try {
      await people.invite({ email, displayName, role: body.role as Role, organizationId: body.organizationId, lang, baseUrl: baseUrl() }, context);
    } catch (err) {
      if (err instanceof EmailTakenError) return render([{ field: 'email', messageKey: 'people.emailTaken' }]);
      throw err;
    }
    return reply.redirect(`/${lang}/office/admin/people?invited=${encodeURIComponent(email)}`, 303);
  });

  const personPage = async (request: FastifyRequest, id: string, problems: FieldProblem[] = [], answers?: GrantAnswers) => {
    if (!isUuid(id)) throw NotFoundError();
    const person = await people.person(id);
    return {
      title: person.displayName,
      view: <PersonPage person={person} organizations={await organizationOptions()} roles={roles} problems={problems} answers={answers} />,
    };
  };

  app.get<{ Params: { id: string } }>('/office/admin/people/:id', async (request, reply) => {
    authorize(request, 'people.manage');
    const { title, view } = await personPage(request, request.params.id);
    return reply.page(title, view);
  });

  app.post<{ Params: { id: string } }>('/office/admin/people/:id/grants', async (request, reply) => {
    const context = adminContext(request);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const body = grantBody.parse(request.body ?? {});
    const validFrom = body.validFrom.trim();
    const validTo = body.validTo.trim();
    const problems = [...(await roleProblems(body)), ...grantDateProblems(validFrom, validTo)];
    if (problems.length) {
      const { title, view } = await personPage(request, request.params.id, problems, body);
      return reply.page(titleWithErrors(request.lang, title, true), view, 400);
    }
    await people.grant(request.params.id, { role: body.role as Role, organizationId: body.organizationId, validFrom: validFrom || null, validTo: validTo || null }, context);
    return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
  });

  app.post<{ Params: { id: string; grantId: string } }>('/office/admin/people/:id/grants/:grantId/revoke', async (request, reply) => {
    const context = adminContext(request);
    if (!isUuid(request.params.id) || !isUuid(request.params.grantId)) throw NotFoundError();
    await people.revoke(request.params.id, request.params.grantId, context);
    return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
  });

  for (const [path, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post<{ Params: { id: string } }>(`/office/admin/people/:id/${path}`, async (request, reply) => {
      const context = adminContext(request);
      if (!isUuid(request.params.id)) throw NotFoundError();
      const { version } = versionBody.parse(request.body ?? {});
      await people.setActive(request.params.id, active, version, context);
      return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
    });
  }

  // ── The registry person an account belongs to: found by name, linked, unlinked. ──

  /** The search page for a query: results once the query is long enough, problems with it otherwise. */
  const registryPersonPage = async (request: FastifyRequest, id: string, query: string, problems: FieldProblem[] = [], chosen = '') => {
    if (!isUuid(id)) throw NotFoundError();
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

  app.get<{ Params: { id: string } }>('/office/admin/people/:id/registry-person', async (request, reply) => {
    authorize(request, 'people.manage');
    const parsed = registryPersonQuery.safeParse(request.query);
    const { status, title, view } = await registryPersonPage(request, request.params.id, (parsed.success ? (parsed.data.q ?? '') : '').trim());
    return reply.page(title, view, status);
  });

  app.post<{ Params: { id: string } }>('/office/admin/people/:id/registry-person', async (request, reply) => {
    const context = adminContext(request);
    const { id } = request.params;
    if (!isUuid(id)) throw NotFoundError();
    const body = linkBody.parse(request.body ?? {});
    const render = async (problems: FieldProblem[]) => {
      const { title, view } = await registryPersonPage(request, id, body.q.trim(), problems, body.personId);
      return reply.page(title, view, 400);
    };
    if (!isUuid(body.personId)) return render([{ field: 'personId', messageKey: 'accountPerson.chooseMissing' }]);
    try {
      await people.linkRegistryPerson(id, body.personId.toLowerCase(), body.version, context);
    } catch (err) {
      if (!(err instanceof RegistryPersonTakenError)) throw err;
      const values = { person: localize(request.lang, err.personName).text, name: err.account.displayName, email: err.account.email };
      return render([{ field: 'personId', messageKey: 'accountPerson.takenElsewhere', values }]);
    }
    return reply.redirect(`/${request.lang}/office/admin/people/${id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/office/admin/people/:id/registry-person/unlink', async (request, reply) => {
    const context = adminContext(request);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const { version } = versionBody.parse(request.body ?? {});
    await people.unlinkRegistryPerson(request.params.id, version, context);
    return reply.redirect(`/${request.lang}/office/admin/people/${request.params.id}`, 303);
  });

  // ── Everyone's sessions, for administrators (end a lost laptop's session). ──

  app.get('/office/admin/sessions', async (request, reply) => {
    const actor = authorize(request, 'sessions.manage.any');
    const sessions = await listEverySession(db, app.config);
    reply.header('cache-control', 'no-store');
    return reply.page(translate(request.lang, 'adminSessions.title'), <AllSessionsPage sessions={sessions} currentId={actor.sessionId} />);
  });

  app.post<{ Params: { id: string } }>('/office/admin/sessions/:id/end', async (request, reply) => {
    authorize(request, 'sessions.manage.any');
    if (!isUuid(request.params.id)) throw NotFoundError();
    const ended = await endAnySession(db, request.params.id);
    if (!ended) throw NotFoundError();
    await recordChange(db, request.changeContext(), { entity: 'session', entityId: ended.id, action: 'ended_by_admin', after: { account_id: ended.accountId } });
    return reply.redirect(`/${request.lang}/office/admin/sessions`, 303);
  });

  // ── Accepting an invitation: set a password, then sign in (and enrol a second factor where the role needs it). ──

  app.get<{ Params: { token: string } }>('/invitation/:token', async (request, reply) => {
    const lang = request.lang;
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    const invitation = await people.findInvitation(request.params.token);
    if (!invitation) return reply.page(translate(lang, 'invitation.expiredTitle'), <LinkExpiredPage />, 410);
    const title = translate(lang, 'invitation.title');
    return reply.page(title, <NewPasswordPage action={`/${lang}/invitation/${request.params.token}`} email={invitation.email} problems={[]} title={title} />);
  });

  app.post<{ Params: { token: string } }>('/invitation/:token', async (request, reply) => {
    const lang = request.lang;
    reply.header('cache-control', 'no-store');
    const invitation = await people.findInvitation(request.params.token);
    if (!invitation) return reply.page(translate(lang, 'invitation.expiredTitle'), <LinkExpiredPage />, 410);
    const body = passwordBody.parse(request.body ?? {});
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
