// The forms the secretariat fills in about the Council: its decisions, the members a decision
// admits or withdraws, and its chair and deputy chairs. And the one place the registry's refusals of
// a Council change (CouncilError) become a problem at a form's field.
import { z } from 'zod';
import type { DecisionKind } from '../../core/db/database.js';
import type { FieldProblem } from '../../core/errors.js';
import { choice, fieldProblem, optionalDate, requiredDate, requiredText, text, version } from '../../core/http/forms.js';
import { formatDate } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { checkNames, nameFields, personInput } from './deputies.forms.js';
import { postRoles } from './membership.repository.js';
import { CouncilError, type CouncilProblem, type PersonNameInput } from './staff.service.js';

const isDate = (v: string) => z.iso.date().safeParse(v).success;

export const decisionKinds = ['admission', 'withdrawal', 'plan_adoption', 'recommendation', 'other'] as const satisfies readonly DecisionKind[];
// Every kind the database knows is offered: a new one fails to compile here until it is added.
const everyKind: Exclude<DecisionKind, (typeof decisionKinds)[number]> extends never ? true : never = true;
void everyKind;

/** The kinds of organisation the Council admits as members. */
export const memberClassifications = ['government_body', 'institute', 'media', 'association'] as const;

// ── A decision ──

export const decisionForm = z
  .object({
    number: text(),
    date: requiredDate('deputyForm.dateMissing', 'people.dateInvalid'),
    kind: choice(decisionKinds, 'decisionForm.kindMissing'),
    /** How many members an admission admits (a whole number from 1); other kinds leave it empty. */
    admits: text(10),
    titleKk: requiredText('decisionForm.titleKkMissing'),
    titleRu: requiredText('decisionForm.titleRuMissing'),
    titleEn: text(),
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'admission') return;
    if (!a.admits) ctx.addIssue(fieldProblem('admits', 'decisionForm.admitsMissing'));
    else if (!/^[1-9]\d{0,2}$/.test(a.admits)) ctx.addIssue(fieldProblem('admits', 'decisionForm.admitsInvalid'));
  });

export const decisionInput = (a: z.output<typeof decisionForm>) => ({
  number: a.number || null,
  date: a.date,
  kind: a.kind,
  title: localizedText(a.titleKk, a.titleRu, a.titleEn),
  body: null,
  admissionsExpected: a.kind === 'admission' ? Number(a.admits) : null,
});

// ── A member admitted by a decision: a person, or an organisation with its representative ──

/** The admit form, with the admission decisions that may be chosen. */
export const admitForm = (decisionIds: readonly string[]) =>
  z
    .object({
      decisionId: choice(decisionIds, 'admit.decisionMissing'),
      memberType: choice(['person', 'organization'], 'admit.memberTypeMissing'),
      ...nameFields,
      orgNameKk: text(),
      orgNameRu: text(),
      orgNameEn: text(),
      /** Null for anything but a member classification: a problem only when an organisation is admitted. */
      orgClassification: z.string().transform((v) => memberClassifications.find((c) => c === v) ?? null),
      repFamilyNameKk: text(),
      repGivenNameKk: text(),
      repFamilyNameRu: text(),
      repGivenNameRu: text(),
    })
    .superRefine((a, ctx) => {
      if (a.memberType === 'person') checkNames(a, ctx);
      if (a.memberType !== 'organization') return;
      if (!a.orgNameKk) ctx.addIssue(fieldProblem('orgNameKk', 'admit.orgNameKkMissing'));
      if (!a.orgNameRu) ctx.addIssue(fieldProblem('orgNameRu', 'admit.orgNameRuMissing'));
      if (!a.orgClassification) ctx.addIssue(fieldProblem('orgClassification', 'admit.classificationMissing'));
    });

export function admitInput(a: z.output<ReturnType<typeof admitForm>>) {
  const blank = { patronymicKk: '', patronymicRu: '' };
  const hasRepresentative = Boolean((a.repFamilyNameKk || a.repFamilyNameRu) && (a.repGivenNameKk || a.repGivenNameRu));
  const organization = a.memberType === 'organization';
  return {
    decisionId: a.decisionId,
    person: organization ? null : personInput(a),
    // The form refuses an organisation without its classification.
    organization: organization && a.orgClassification ? { name: localizedText(a.orgNameKk, a.orgNameRu, a.orgNameEn), classification: a.orgClassification } : null,
    representative:
      organization && hasRepresentative
        ? personInput({ ...blank, familyNameKk: a.repFamilyNameKk, givenNameKk: a.repGivenNameKk, familyNameRu: a.repFamilyNameRu, givenNameRu: a.repGivenNameRu })
        : null,
  };
}

// ── The chair and deputy chairs ──

export const postForm = z
  .object({
    role: choice(postRoles, 'councilPost.roleMissing'),
    /** The search that found the people to choose from (kept across the form's submits). */
    q: text(100),
    /** A found person's id, or 'new' for a person entered below. */
    personId: z
      .string()
      .refine((v) => v === 'new' || z.guid().safeParse(v).success, { error: 'councilPost.personMissing' })
      .transform((v) => v.toLowerCase()),
    ...nameFields,
    labelKk: text(),
    labelRu: text(),
    labelEn: text(),
    startDate: requiredDate('deputyForm.dateMissing', 'people.dateInvalid'),
    endDate: optionalDate('people.dateInvalid'),
  })
  .superRefine((a, ctx) => {
    if (a.personId === 'new') checkNames(a, ctx);
    if (a.endDate && isDate(a.endDate) && isDate(a.startDate) && a.endDate < a.startDate) ctx.addIssue(fieldProblem('endDate', 'people.dateOrder'));
  });

export function postInput(a: z.output<typeof postForm>) {
  const label = localizedText(a.labelKk, a.labelRu, a.labelEn);
  const newPerson: PersonNameInput | null = a.personId === 'new' ? personInput(a) : null;
  return {
    role: a.role,
    personId: a.personId === 'new' ? null : a.personId,
    newPerson,
    label: Object.keys(label).length ? label : null,
    startDate: a.startDate,
    endDate: a.endDate,
  };
}

/** The post form's query: the role and the search, from the Council page's links. */
export const postQuery = z.object({ role: text(20).catch(''), q: text(100).catch('') }).catch({ role: '', q: '' });

export const endPostForm = z.object({ endDate: requiredDate('deputyForm.dateMissing', 'people.dateInvalid'), version: version() });

/** The withdraw form, with the withdrawal decisions that may be chosen. */
export const withdrawForm = (decisionIds: readonly string[]) => z.object({ decisionId: choice(decisionIds, 'withdraw.decisionMissing'), version: version() });

/** The admit page's query: the decision a meeting's page links with (?decision=…). */
export const admitQuery = z.object({ decision: text(100).catch('') }).catch({ decision: '' });

// ── The registry's refusals ──

/** Where each refusal of a Council change is shown, and what it says. */
const councilProblems: Record<CouncilProblem, { field: string; messageKey: MessageKey }> = {
  admission_complete: { field: 'decisionId', messageKey: 'admit.complete' },
  already_member: { field: 'orgNameKk', messageKey: 'admit.alreadyMember' },
  post_overlaps: { field: 'startDate', messageKey: 'councilPost.overlaps' },
  person_unknown: { field: 'personId', messageKey: 'councilPost.personMissing' },
  end_before_start: { field: 'endDate', messageKey: 'people.dateOrder' },
};

/** A refusal as a field problem, its dates written out in the page's language. */
function councilProblem(lang: Language, err: CouncilError): FieldProblem {
  const values = Object.fromEntries(Object.entries(err.values).map(([k, v]) => [k, typeof v === 'string' && isDate(v) ? formatDate(lang, v) : v]));
  if (err.reason === 'post_overlaps') values.post = translate(lang, `councilPost.role.${err.values.role === 'head' ? 'head' : 'deputy_head'}`);
  return { ...councilProblems[err.reason], values };
}

/** Makes a Council change: the problems to show when the registry refuses it, none when it is made. */
export async function councilChange(lang: Language, change: () => Promise<unknown>): Promise<FieldProblem[]> {
  try {
    await change();
    return [];
  } catch (err) {
    if (!(err instanceof CouncilError)) throw err;
    return [councilProblem(lang, err)];
  }
}
