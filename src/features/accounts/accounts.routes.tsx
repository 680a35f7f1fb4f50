// Signing in and out, the office home and the person's own sessions. Mounted under /:lang.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasRole } from '../../core/auth/actor.js';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { completeSecondFactor, endOneSession, endOtherSessions, listSessions, signOut, startSession } from '../../core/auth/session.js';
import { confirmEnrolment, restartEnrolment, startEnrolment, twoFactorStatus, verifySecondFactor } from './two-factor.service.js';
import { completePasswordReset, findResetToken, newPasswordProblems, requestPasswordReset } from './password-reset.service.js';
import { recordChange } from '../../core/audit/audit.js';
import { attentionFor } from '../../core/attention.js';
import { NotFoundError, UnauthorizedError, type FieldProblem } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import { formatTime } from '../../core/i18n/format.js';
import { enforceRateLimit, rateLimits } from '../../core/rate-limit.js';
import type { RegistryService } from '../registry/registry.service.js';
import { codeForm, endedQuery, idParams, nextQuery, passwordAnswer, resetRequestForm, signInForm, signInQuery, tokenParams } from './accounts.forms.js';
import { accountPolicies } from './accounts.policies.js';
import { signInWithPassword } from './sign-in.service.js';
import { OfficeHomePage } from './views/office-home.js';
import { SessionsPage } from './views/sessions.js';
import { SignInPage } from './views/sign-in.js';
import { EnrolTwoFactorPage, RecoveryCodesPage, SignInCodePage, TwoFactorStatusPage } from './views/two-factor.js';
import { LinkExpiredPage, NewPasswordPage, RequestResetPage } from './views/password-reset.js';

/** Only a path inside this site and language, never another host. */
function safeNext(lang: Language, next: string | undefined): string {
  if (next && next.startsWith(`/${lang}/`) && !next.startsWith('//') && !/[\\\r\n]/.test(next)) return next;
  return `/${lang}/office/`;
}

export async function accountRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const { db } = app;
  const route = app.withTypeProvider<ZodTypeProvider>();
  definePolicies(accountPolicies);
  await languagePrefixGuard(app);

  route.get('/sign-in', { schema: { querystring: signInQuery } }, async (request, reply) => {
    const lang = request.lang;
    const { next, reset } = request.query;
    if (request.actor) return reply.redirect(safeNext(lang, next), 303);
    const notice = reset ? translate(lang, 'passwordReset.done') : undefined;
    return reply.page(translate(lang, 'signIn.title'), <SignInPage email="" next={next} problems={[]} notice={notice} />);
  });

  route.post('/sign-in', async (request, reply) => {
    const lang = request.lang;
    const form = parseForm(signInForm, request.body);
    const { email, next } = form.raw;
    const render = (p: FieldProblem[], status: number) =>
      reply.page(titleWithErrors(lang, translate(lang, 'signIn.title'), p), <SignInPage email={email} next={next} problems={p} />, status);
    if (!form.ok) return render(form.problems, 400);
    const body = { password: passwordAnswer(request.body, 'password'), next };

    await enforceRateLimit(db, rateLimits.signInPerIp, request.ip);
    // Per address and source IP; a successful sign-in is taken back below (see rate-limit.ts).
    const perAccountAndIp = await enforceRateLimit(db, rateLimits.signInPerAccountAndIp, `${email} ${request.ip}`);
    const result = await signInWithPassword(db, email, body.password, request.changeContext());
    switch (result.outcome) {
      case 'invalid':
        return render(
          [
            result.waitUntil
              ? { field: 'email', messageKey: 'signIn.invalidWait', values: { time: formatTime(lang, result.waitUntil) } }
              : { field: 'email', messageKey: 'signIn.invalid' },
          ],
          400,
        );
      case 'wait':
        return render([{ field: 'email', messageKey: 'signIn.wait', values: { time: formatTime(lang, result.until) } }], 429);
      case 'locked':
        return render([{ field: 'email', messageKey: 'signIn.locked', values: { time: formatTime(lang, result.until) } }], 429);
      case 'ok': {
        await perAccountAndIp.release();
        await startSession(request, reply, result.accountId, { secondFactorDone: result.secondFactor === 'none' });
        if (result.secondFactor !== 'none') {
          const step = result.secondFactor === 'code' ? '/sign-in/code' : '/office/account/two-factor';
          return reply.redirect(`/${lang}${step}?next=${encodeURIComponent(safeNext(lang, body.next))}`, 303);
        }
        return reply.redirect(safeNext(lang, body.next), 303);
      }
    }
  });

  // ── Second factor: a code at sign-in; enrolling an authenticator app. ──

  route.get('/sign-in/code', { schema: { querystring: nextQuery } }, async (request, reply) => {
    const lang = request.lang;
    const next = safeNext(lang, request.query.next);
    if (request.actor) return reply.redirect(next, 303);
    if (request.pendingSignIn?.needs !== 'code') return reply.redirect(`/${lang}/sign-in`, 303);
    return reply.page(translate(lang, 'signInCode.title'), <SignInCodePage next={next} problems={[]} />);
  });

  route.post('/sign-in/code', async (request, reply) => {
    const lang = request.lang;
    const pending = request.pendingSignIn;
    if (pending?.needs !== 'code') return reply.redirect(`/${lang}/sign-in`, 303);
    const form = parseForm(codeForm, request.body);
    const next = safeNext(lang, form.raw.next);
    await enforceRateLimit(db, rateLimits.secondFactorPerAccount, pending.accountId);
    const used = form.ok ? await verifySecondFactor(db, pending.accountId, form.answers.code, request.changeContext()) : null;
    if (!used) {
      const problems: FieldProblem[] = form.ok ? [{ field: 'code', messageKey: 'signInCode.wrong' }] : form.problems;
      return reply.page(titleWithErrors(lang, translate(lang, 'signInCode.title'), problems), <SignInCodePage next={next} problems={problems} />, 400);
    }
    await completeSecondFactor(request, reply);
    await recordChange(db, request.changeContext(), { entity: 'session', entityId: pending.sessionId, action: 'second_factor_passed', after: { method: used } });
    return reply.redirect(next, 303);
  });

  /** The person enrolling: signed in, or half-way through a sign-in that requires enrolment. */
  const enrollingAccount = (request: FastifyRequest) => {
    if (request.actor) return { accountId: request.actor.accountId, required: false };
    if (request.pendingSignIn?.needs === 'enrol') return { accountId: request.pendingSignIn.accountId, required: true };
    throw UnauthorizedError();
  };

  route.get('/office/account/two-factor', { schema: { querystring: nextQuery } }, async (request, reply) => {
    const lang = request.lang;
    const who = enrollingAccount(request);
    const next = safeNext(lang, request.query.next);
    const status = await twoFactorStatus(db, who.accountId);
    if (status.enabled) {
      return reply.page(translate(lang, 'twoFactor.statusTitle'), <TwoFactorStatusPage unusedRecoveryCodes={status.unusedRecoveryCodes} problems={[]} />);
    }
    const enrolment = await startEnrolment(db, who.accountId);
    return reply.page(
      translate(lang, 'twoFactor.enrolTitle'),
      <EnrolTwoFactorPage qrSvg={enrolment.qrSvg} secret={enrolment.secret} next={next} required={who.required} problems={[]} />,
    );
  });

  route.post('/office/account/two-factor', async (request, reply) => {
    const lang = request.lang;
    const who = enrollingAccount(request);
    const form = parseForm(codeForm, request.body);
    const next = safeNext(lang, form.raw.next);
    await enforceRateLimit(db, rateLimits.secondFactorPerAccount, who.accountId);
    if ((await twoFactorStatus(db, who.accountId)).enabled) return reply.redirect(`/${lang}/office/account/two-factor`, 303);
    const codes = form.ok ? await confirmEnrolment(db, who.accountId, form.answers.code, request.changeContext()) : null;
    if (!codes) {
      const enrolment = await startEnrolment(db, who.accountId);
      const problems: FieldProblem[] = form.ok ? [{ field: 'code', messageKey: 'twoFactor.codeWrong' }] : form.problems;
      return reply.page(
        titleWithErrors(lang, translate(lang, 'twoFactor.enrolTitle'), problems),
        <EnrolTwoFactorPage qrSvg={enrolment.qrSvg} secret={enrolment.secret} next={next} required={who.required} problems={problems} />,
        400,
      );
    }
    // Enrolling proves the second factor: a new session with it done (the id changes on privilege change).
    await startSession(request, reply, who.accountId, { secondFactorDone: true });
    reply.header('cache-control', 'no-store');
    return reply.page(translate(lang, 'twoFactor.recoveryTitle'), <RecoveryCodesPage codes={codes} next={next} />);
  });

  // ── Password reset by an emailed one-time link. ──

  route.get('/password-reset', async (request, reply) => {
    return reply.page(translate(request.lang, 'passwordReset.title'), <RequestResetPage email="" problems={[]} sent={false} />);
  });

  route.post('/password-reset', async (request, reply) => {
    const lang = request.lang;
    const form = parseForm(resetRequestForm, request.body);
    if (!form.ok) {
      return reply.page(titleWithErrors(lang, translate(lang, 'passwordReset.title'), form.problems), <RequestResetPage email={form.raw.email} problems={form.problems} sent={false} />, 400);
    }
    const { email } = form.answers;
    await enforceRateLimit(db, rateLimits.passwordResetPerIp, request.ip);
    await enforceRateLimit(db, rateLimits.passwordResetPerEmail, email);
    const baseUrl = app.config.publicUrl?.replace(/\/$/, '') ?? `http://${app.config.host}:${app.config.port}`;
    await requestPasswordReset(db, app.mailer, { email, lang, baseUrl }, request.changeContext());
    return reply.page(translate(lang, 'passwordReset.sentTitle'), <RequestResetPage email="" problems={[]} sent />);
  });

  route.get('/password-reset/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const lang = request.lang;
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    const token = await findResetToken(db, request.params.token);
    if (!token) return reply.page(translate(lang, 'passwordReset.expiredTitle'), <LinkExpiredPage />, 410);
    const action = `/${lang}/password-reset/${request.params.token}`;
    return reply.page(translate(lang, 'password.newTitle'), <NewPasswordPage action={action} email={token.email} problems={[]} title={translate(lang, 'password.newTitle')} />);
  });

  route.post('/password-reset/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const lang = request.lang;
    reply.header('cache-control', 'no-store');
    const token = await findResetToken(db, request.params.token);
    if (!token) return reply.page(translate(lang, 'passwordReset.expiredTitle'), <LinkExpiredPage />, 410);
    const body = { password: passwordAnswer(request.body, 'password'), confirmation: passwordAnswer(request.body, 'confirmation') };
    const problems = newPasswordProblems(body.password, body.confirmation, token);
    if (problems.length) {
      const title = translate(lang, 'password.newTitle');
      const action = `/${lang}/password-reset/${request.params.token}`;
      return reply.page(titleWithErrors(lang, title, problems), <NewPasswordPage action={action} email={token.email} problems={problems} title={title} />, 400);
    }
    if (!(await completePasswordReset(db, token.id, token.accountId, body.password, request.changeContext()))) {
      return reply.page(translate(lang, 'passwordReset.expiredTitle'), <LinkExpiredPage />, 410);
    }
    await signOut(request, reply);
    return reply.redirect(`/${lang}/sign-in?reset=1`, 303);
  });

  route.post('/office/account/two-factor/restart', async (request, reply) => {
    const lang = request.lang;
    const actor = authorize(request, 'office.view');
    await enforceRateLimit(db, rateLimits.secondFactorPerAccount, actor.accountId);
    const form = parseForm(codeForm, request.body);
    if (!form.ok || !(await restartEnrolment(db, actor.accountId, form.answers.code, request.changeContext()))) {
      const problems: FieldProblem[] = form.ok ? [{ field: 'code', messageKey: 'signInCode.wrong' }] : form.problems;
      const status = await twoFactorStatus(db, actor.accountId);
      return reply.page(titleWithErrors(lang, translate(lang, 'twoFactor.statusTitle'), problems), <TwoFactorStatusPage unusedRecoveryCodes={status.unusedRecoveryCodes} problems={problems} />, 400);
    }
    return reply.redirect(`/${lang}/office/account/two-factor`, 303);
  });

  route.post('/sign-out', async (request, reply) => {
    const accountId = request.actor?.accountId ?? request.pendingSignIn?.accountId;
    if (accountId) await recordChange(db, request.changeContext(), { entity: 'session', entityId: request.actor?.sessionId ?? request.pendingSignIn?.sessionId ?? null, action: 'signed_out' });
    await signOut(request, reply);
    return reply.redirect(`/${request.lang}/`, 303);
  });

  route.get('/office', async (request, reply) => {
    const actor = authorize(request, 'office.view');
    const organizations = await opts.registry.listOrganizationsByIds([...new Set(actor.grants.map((g) => g.organizationId))]);
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const grants = actor.grants.map((g) => ({ role: g.role, organizationSlug: g.organizationSlug, organizationName: byId.get(g.organizationId)?.name ?? {}, scopeCount: g.scope.length }));
    const attention = await attentionFor(actor);
    return reply.page(
      translate(request.lang, 'office.title'),
      <OfficeHomePage displayName={actor.displayName} grants={grants} isAdmin={hasRole(actor, 'admin')} attention={attention} />,
    );
  });

  route.get('/office/sessions', { schema: { querystring: endedQuery } }, async (request, reply) => {
    const actor = authorize(request, 'account.sessions.manage');
    const sessions = await listSessions(db, app.config, actor.accountId);
    return reply.page(translate(request.lang, 'sessions.title'), <SessionsPage sessions={sessions} currentId={actor.sessionId} ended={request.query.ended} />);
  });

  route.post('/office/sessions/:id/end', { schema: { params: idParams } }, async (request, reply) => {
    const actor = authorize(request, 'account.sessions.manage');
    // Only the person's own sessions: another person's id is "not found", never "forbidden".
    if (!(await endOneSession(db, actor.accountId, request.params.id))) throw NotFoundError();
    await recordChange(db, request.changeContext(), { entity: 'session', entityId: request.params.id, action: 'ended' });
    if (request.params.id === actor.sessionId) {
      await signOut(request, reply);
      return reply.redirect(`/${request.lang}/`, 303);
    }
    return reply.redirect(`/${request.lang}/office/sessions?ended=1`, 303);
  });

  route.post('/office/sessions/end-others', async (request, reply) => {
    const actor = authorize(request, 'account.sessions.manage');
    const ended = await endOtherSessions(db, actor.accountId, actor.sessionId ?? undefined);
    await recordChange(db, request.changeContext(), { entity: 'session', entityId: null, action: 'ended_others', after: { ended } });
    return reply.redirect(`/${request.lang}/office/sessions?ended=${ended}`, 303);
  });
}
