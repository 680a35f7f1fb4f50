// What comes in to the accounts pages: signing in, second factors, password reset, people and
// their grants, API tokens — the forms as zod schemas read by parseForm (core/http/forms.ts), and
// the paths and queries as route schemas.
import { z } from 'zod';
import { expiryInstant, tokenNameMaxLength } from '../../core/auth/api-tokens.js';
import type { Role } from '../../core/db/database.js';
import { choice, fieldProblem, id, optionalDate, requiredText, secret, secretText, text, version } from '../../core/http/forms.js';
import { flagQuery, idParam, pathParams, textQuery } from '../../core/http/params.js';

const isoDate = z.iso.date();

/** Where to go after signing in: never a reason to refuse the form (safeNext checks it). */
const nextAnswer = z.string().max(2000).catch('');

const email = requiredText('signIn.emailMissing', 320);

/** An address that can receive mail: something@host.domain. */
const mailableEmail = email.refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'passwordReset.emailInvalid' });

/** The longest password read; a longer one is refused, never cut. */
const passwordMaxLength = 1024;

/**
 * A new password or its confirmation (reset, invitation) exactly as typed: a passphrase may begin or
 * end with a space. Not one string, or over 1024 characters, is ''; newPasswordProblems judges it.
 */
export function passwordAnswer(body: unknown, name: 'password' | 'confirmation'): string {
  return secretText(body, name, passwordMaxLength);
}

// ── Signing in ──

/** The password is read as typed (secret), with its "missing" and "too long" problems. */
export const signInForm = z.object({
  email,
  password: secret('signIn.passwordMissing', passwordMaxLength),
  next: nextAnswer,
});

/** A code from the authenticator app or a recovery code; whether it is right is the route's question. */
export const codeForm = z.object({ code: requiredText('signInCode.missing', 100), next: nextAnswer });

export const signInQuery = z.object({ next: textQuery(2000), reset: flagQuery });
export const nextQuery = z.object({ next: textQuery(2000) });

// ── Password reset and invitations (links with a token in the path) ──

export const resetRequestForm = z.object({ email: email.refine((v) => !v || v.includes('@'), { error: 'passwordReset.emailInvalid' }) });

export const tokenParams = pathParams({ token: z.string().max(200) });

// ── Sessions ──

/** `?ended=3` after ending sessions, for the notice. */
export const endedQuery = z.object({
  ended: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,6}$/.test(v) ? Number(v) : undefined))
    .catch(undefined),
});

export const idParams = pathParams({ id: idParam });

// ── People and their roles (administrators) ──

export const invitedQuery = z.object({ invited: textQuery(320) });

export const inviteForm = (roles: readonly Role[], organizationIds: readonly string[]) =>
  z.object({
    displayName: requiredText('people.nameMissing', 200),
    email: mailableEmail,
    role: choice(roles, 'people.roleMissing'),
    organizationId: choice(organizationIds, 'people.organizationMissing'),
  });

/** A role at an organisation, optionally for a period: each day YYYY-MM-DD, the last not before the first. */
export const grantForm = (roles: readonly Role[], organizationIds: readonly string[]) =>
  z
    .object({
      role: choice(roles, 'people.roleMissing'),
      organizationId: choice(organizationIds, 'people.organizationMissing'),
      validFrom: optionalDate('people.dateInvalid'),
      validTo: optionalDate('people.dateInvalid'),
    })
    .superRefine((a, ctx) => {
      if (a.validFrom && a.validTo && a.validTo < a.validFrom) ctx.addIssue(fieldProblem('validTo', 'people.dateOrder'));
    });

export const grantParams = pathParams({ id: idParam, grantId: idParam });

/** The account's version the page was made from (deactivate, reactivate, unlink). */
export const versionForm = z.object({ version: version() });

/** The registry person chosen for an account, with the search it was found by (kept when the page is shown again). */
export const linkForm = z.object({ personId: id('accountPerson.chooseMissing'), q: text(1000), version: version() });

/** The search for a registry person: its length is checked on the page (too short, too long), not refused. */
export const registryPersonQuery = z.object({ q: textQuery(1000) });

// ── API tokens ──

export const revokedQuery = z.object({ revoked: flagQuery });

/** A new token: a name (up to 100 characters, counted as a person counts them) and an optional last day after today (Kazakhstan). */
export const apiTokenForm = (today: string) =>
  z.object({
    name: z
      .string()
      .min(1, { error: 'apiTokens.nameMissing' })
      .refine((v) => [...v].length <= tokenNameMaxLength, { error: 'apiTokens.nameTooLong', params: { values: { limit: tokenNameMaxLength } } }),
    expires: z
      .string()
      .refine((v) => !v || isoDate.safeParse(v).success, { error: 'apiTokens.expiresInvalid' })
      .refine((v) => !v || !isoDate.safeParse(v).success || v > today, { error: 'apiTokens.expiresPast' })
      .transform((v) => (v ? expiryInstant(v) : null)),
  });
