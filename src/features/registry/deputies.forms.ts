// The forms a maslikhat's staff fill in about its deputies, and the person's name parts the Council's
// forms share: each schema turns the submitted answers into what the staff service takes.
import { z } from 'zod';
import { choice, fieldProblem, optionalChoice, optionalDate, optionalText, requiredDate, requiredText, text, version } from '../../core/http/forms.js';
import { flagQuery } from '../../core/http/params.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import type { DeputyInput, PersonNameInput } from './staff.service.js';

// ── A person's name, in Kazakh and Russian ──

export const nameFields = {
  familyNameKk: text(),
  givenNameKk: text(),
  patronymicKk: text(),
  familyNameRu: text(),
  givenNameRu: text(),
  patronymicRu: text(),
};

type NameAnswers = { [K in keyof typeof nameFields]: string };
type Check = z.core.$RefinementCtx;

/** Family and given names are required in at least one of Kazakh and Russian. */
export function checkNames(a: NameAnswers, ctx: Check): void {
  if (!a.familyNameKk && !a.familyNameRu) ctx.addIssue(fieldProblem('familyNameKk', 'deputyForm.familyNameMissing'));
  if (!a.givenNameKk && !a.givenNameRu) ctx.addIssue(fieldProblem('givenNameKk', 'deputyForm.givenNameMissing'));
}

/** The name parts (and, for a deputy, birth date and gender) as the service takes them. */
export function personInput(a: NameAnswers, more: { birthDate?: string | null; gender?: PersonNameInput['gender'] } = {}): PersonNameInput {
  const patronymic = localizedText(a.patronymicKk, a.patronymicRu);
  return {
    familyName: localizedText(a.familyNameKk, a.familyNameRu),
    givenName: localizedText(a.givenNameKk, a.givenNameRu),
    patronymic: Object.keys(patronymic).length ? patronymic : null,
    birthDate: more.birthDate ?? null,
    gender: more.gender ?? null,
  };
}

// ── A deputy ──

const phone = z.string().max(500, { error: 'form.tooLong' }).refine((v) => !v || /^\+?[\d\s()-]{6,20}$/.test(v), { error: 'deputyForm.phoneInvalid' });

/** The deputy form, with the parties that may be chosen today. */
export const deputyForm = (partyIds: readonly string[]) =>
  z
    .object({
      ...nameFields,
      birthDate: optionalDate('people.dateInvalid'),
      gender: optionalChoice(['female', 'male'], 'error.field.choice'),
      partyId: optionalChoice(partyIds, 'people.organizationMissing'),
      districtNumber: z
        .string()
        .refine((v) => !v || /^\d{1,3}$/.test(v), { error: 'deputyForm.districtInvalid' })
        .transform((v) => (v ? Number(v) : null)),
      districtName: optionalText(),
      startDate: requiredDate('deputyForm.dateMissing', 'people.dateInvalid'),
      publicEmail: z
        .string()
        .max(500, { error: 'form.tooLong' })
        .refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'passwordReset.emailInvalid' }),
      publicPhone: phone,
      reception: text(),
      internalPhone: phone,
      membershipVersion: version(),
      personVersion: version(),
    })
    .superRefine(checkNames);

export type DeputyForm = z.output<ReturnType<typeof deputyForm>>;

export const deputyInput = (a: DeputyForm): DeputyInput => ({
  ...personInput(a, { birthDate: a.birthDate, gender: a.gender }),
  partyId: a.partyId,
  districtNumber: a.districtNumber,
  districtName: a.districtName ? localizedText(a.districtName, '') : null,
  startDate: a.startDate,
  contacts: { publicEmail: a.publicEmail || null, publicPhone: a.publicPhone || null, reception: a.reception || null, internalPhone: a.internalPhone || null },
});

/** The end of a deputy's membership: a day not before its first, and why. */
export const endMembershipForm = (startDate: string | null) =>
  z
    .object({
      endDate: requiredDate('deputyForm.dateMissing', 'people.dateInvalid'),
      reason: requiredText('endMembership.reasonMissing'),
      version: version(),
    })
    .superRefine((a, ctx) => {
      if (startDate && z.iso.date().safeParse(a.endDate).success && a.endDate < startDate) ctx.addIssue(fieldProblem('endDate', 'endMembership.beforeStart'));
    });

export const photoProblems = ['too_large', 'too_many_pixels', 'not_an_image', 'too_small', 'missing'] as const;

/** The edit page's query after a photo upload: saved, or why not. */
export const deputyEditQuery = z.object({
  photo: flagQuery,
  photoProblem: choice(photoProblems, 'error.field.choice').optional().catch(undefined),
});
