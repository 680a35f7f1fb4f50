// What comes in to the questions' pages: the public form (and the office's form for a question raised
// at an event), the office's actions, the retention, the list's filters, and the ids and tokens in paths.
import { z } from 'zod';
import { fieldProblem, id, optionalText, requiredDate, requiredText, text, version, wholeNumber } from '../../core/http/forms.js';
import { idParam, pathParams, textQuery } from '../../core/http/params.js';
import { questionStates } from '../../core/db/database.js';

/** The longest question the form takes. */
export const questionMaxLength = 5_000;

const email = text(320).refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'questions.emailInvalid' });
/** A phone number as people write it: digits, spaces, +, -, brackets; 7 to 15 digits. */
const phone = text(40).refine((v) => !v || (/^[+\d\s()-]+$/.test(v) && v.replace(/\D/g, '').length >= 7 && v.replace(/\D/g, '').length <= 15), { error: 'questions.phoneInvalid' });

const questionFields = {
  name: requiredText('questions.nameMissing', 200),
  email,
  phone,
  region: id('questions.regionMissing'),
  settlement: optionalText(200),
  text: requiredText('questions.textMissing', questionMaxLength),
  consent: z.string().refine((v) => v === 'yes', { error: 'questions.consentMissing' }),
};

/** A way to answer is needed: an address or a phone number. */
const contactGiven = (answers: { email: string; phone: string }, ctx: z.RefinementCtx) => {
  if (!answers.email && !answers.phone) ctx.addIssue(fieldProblem('email', 'questions.contactMissing'));
};

export const questionForm = z.object({ ...questionFields, startedAt: z.string().max(200), website: z.string().max(500) }).superRefine(contactGiven);
/** Staff record the consent the applicant gave at the event. */
export const eventQuestionForm = z
  .object({
    ...questionFields,
    /** The outreach event it was raised at ('' when entered on its own). */
    event: z.string().refine((v) => v === '' || z.guid().safeParse(v).success, { error: 'questions.eventUnknown' }),
  })
  .superRefine(contactGiven);

/** `?event=` on the office's new-question form: the outreach event the question is raised at. */
export const eventQuery = z.object({ event: z.guid().optional().catch(undefined) }).catch({});

export const takeForm = z.object({ version: version() });
export const closeForm = takeForm;
export const assignForm = z.object({ assignee: z.string().max(40).transform((v) => v.toLowerCase()), version: version() });
export const forwardForm = z.object({ forwardedTo: requiredText('questions.forwardedToMissing', 500), version: version() });
export const answerForm = z.object({ answer: requiredText('questions.answerMissing', 10_000), version: version() });
export const extendForm = z.object({ date: requiredDate('questions.extendDateMissing', 'questions.extendDateInvalid'), reason: requiredText('questions.extendReasonMissing', 1000), version: version() });
export const retentionForm = z.object({ months: wholeNumber('questions.retentionMissing', 'questions.retentionInvalid', { min: 1, max: 600 }), version: version() });

/** `?state=&overdue=1&page=` on the office's list; anything unknown is no filter. */
export const listQuery = z.object({
  state: z.enum(questionStates).optional().catch(undefined),
  overdue: z.string().optional().transform((v) => v === '1').catch(false),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const questionParams = pathParams({ id: idParam });
/** A tracking token: anything but base64url of the right length is a plain 404. */
export const trackParams = pathParams({ token: z.string().regex(/^[\w-]{43}$/) });
export const regionQuery = z.object({ region: textQuery(40) });
