// The one way an HTML form comes in: a zod object schema per form (beside its feature, in
// `<feature>.forms.ts`) turns the submitted key-values into typed answers, or into the answers as
// typed (kept for showing the form again) and one problem per field with a message key — the
// GOV.UK error summary pattern. Control characters never get here (refused at the edge,
// control-characters.ts).
import { z } from 'zod';
import type { FieldProblem } from '../errors.js';
import type { Language } from '../i18n/languages.js';
import { isMessageKey, isMessageValues, translate, type MessageKey, type MessageValues } from '../i18n/messages.js';
import { fieldValue } from './field-value.js';
import { isUploadedFile, type UploadedFile } from './uploads.js';

/** A form schema: a zod object whose fields each read one string (checks across fields allowed). */
export type FormSchema = z.ZodObject<Record<string, z.ZodType<unknown, string>>>;

/** What the person typed, field by field: trimmed strings ('' for a missing answer), secrets untouched. */
export type RawAnswers<S extends FormSchema> = { [K in keyof S['shape'] & string]: string };

export type FormResult<S extends FormSchema> =
  | { ok: true; answers: z.output<S>; raw: RawAnswers<S> }
  | { ok: false; answers: RawAnswers<S>; raw: RawAnswers<S>; problems: FieldProblem[] };

/**
 * Answers are read whole, never cut: a field's own limit (its `.max`) is what the person is told, and
 * a text over it is shown again as typed. The request's body limit (1 MB by default) bounds them.
 */
const keptLength = Number.POSITIVE_INFINITY;

/** One answer as text: trimmed, Windows line ends made plain, cut at `max`; missing or not a string (a repeated name, a file) is ''. */
export function formText(body: unknown, name: string, max = 500): string {
  const value = fieldValue(body, name);
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim().slice(0, max) : '';
}

/** Fields made by `secret()`: read exactly as typed. */
const secretFields = new WeakSet<z.ZodType>();

/** A secret answer exactly as typed (a passphrase may begin or end with a space); missing, not a string or over `max` is '' — never cut into another secret. */
export function secretText(body: unknown, name: string, max: number): string {
  const value = fieldValue(body, name);
  return typeof value === 'string' && value.length <= max ? value : '';
}

/** Whether every field the schema names is there as text: what rawAnswers builds, checked rather than asserted. */
function answersEveryField<S extends FormSchema>(schema: S, answers: Record<string, string>): answers is RawAnswers<S> {
  return Object.keys(schema.shape).every((name) => typeof answers[name] === 'string');
}

/** Every field the schema names, as typed. */
export function rawAnswers<S extends FormSchema>(schema: S, body: unknown): RawAnswers<S> {
  const answers: Record<string, string> = Object.fromEntries(
    Object.entries(schema.shape).map(([name, field]) => [name, secretFields.has(field) ? secretText(body, name, keptLength) : formText(body, name, keptLength)]),
  );
  if (!answersEveryField(schema, answers)) throw new Error('A form field was not read.');
  return answers;
}

/** Every field of the schema empty, with some filled in (a blank form, or one filled from the record). */
export function emptyAnswers<S extends FormSchema>(schema: S, filled: Partial<RawAnswers<S>> = {}): RawAnswers<S> {
  return { ...rawAnswers(schema, {}), ...filled };
}

const bound = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? value : undefined);

/** What a schema said of its own problem (fieldProblem(), or `params` on a refinement): our key and its values. */
function ownParams(params: unknown): { messageKey?: MessageKey | undefined; values?: MessageValues | undefined } {
  if (typeof params !== 'object' || params === null) return {};
  return {
    messageKey: 'messageKey' in params && isMessageKey(params.messageKey) ? params.messageKey : undefined,
    values: 'values' in params && isMessageValues(params.values) ? params.values : undefined,
  };
}

/**
 * A zod issue, as much of it as the messages need: zod's own, or as fastify-type-provider-zod passes
 * it on (the code as `keyword`, the rest in `params`), so its details are checked, not trusted.
 */
interface IssueDetails {
  code?: string | undefined;
  message?: unknown;
  format?: unknown;
  expected?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  params?: unknown;
}

/**
 * A localisable message for one zod issue (zod's own text is English-only): the schema's key when
 * it gave one (as the message, or `params.messageKey`, with `params.values`), else a generic
 * `error.field.*` key naming the field. Also used by the error handler for the API.
 */
export function messageForIssue(issue: IssueDetails, field: string): Pick<FieldProblem, 'messageKey' | 'values'> {
  const limitGiven = bound(issue.maximum) ?? bound(issue.minimum);
  const limit = Number(limitGiven ?? 0);
  const own = ownParams(issue.params);
  const ownKey = own.messageKey ?? (isMessageKey(issue.message) ? issue.message : undefined);
  if (ownKey) return { messageKey: ownKey, values: { field, ...(limitGiven === undefined ? {} : { limit }), ...own.values } };
  switch (issue.code) {
    case 'invalid_format':
      if (issue.format === 'date') return { messageKey: 'error.field.date', values: { field } };
      if (issue.format === 'uuid' || issue.format === 'guid') return { messageKey: 'error.field.uuid', values: { field } };
      return { messageKey: 'error.fieldInvalid', values: { field } };
    case 'invalid_type':
      return issue.expected === 'undefined' || issue.expected === 'never'
        ? { messageKey: 'error.field.unexpected', values: { field } }
        : { messageKey: 'error.field.type', values: { field, expected: String(issue.expected ?? '') } };
    case 'too_big':
      return { messageKey: 'error.field.tooBig', values: { field, limit } };
    case 'too_small':
      return { messageKey: 'error.field.tooSmall', values: { field, limit } };
    case 'invalid_value':
      return { messageKey: 'error.field.choice', values: { field } };
    case 'unrecognized_keys':
      return { messageKey: 'error.field.unexpected', values: { field } };
    default:
      return { messageKey: 'error.fieldInvalid', values: { field } };
  }
}

/** The issues as field problems: the first per field, in the order of the form's fields. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], order: readonly string[] = []): FieldProblem[] {
  const byField = new Map<string, FieldProblem>();
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (!byField.has(field)) byField.set(field, { field, ...messageForIssue(issue, field) });
  }
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...byField.values()].toSorted((a, b) => rank(a.field) - rank(b.field));
}

/** The submitted form read by its schema: typed answers, or what was typed and what is wrong with it. */
export function parseForm<S extends FormSchema>(schema: S, body: unknown): FormResult<S> {
  const raw = rawAnswers(schema, body);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, answers: parsed.data, raw };
  return { ok: false, answers: raw, raw, problems: problemsFromIssues(parsed.error.issues, Object.keys(schema.shape)) };
}

/** "Error: Title" while the form has problems (read first by screen readers, seen in the tab), else the title. */
export function titleWithErrors(lang: Language, title: string, hasProblems: boolean | readonly unknown[]): string {
  const problems = typeof hasProblems === 'boolean' ? hasProblems : hasProblems.length > 0;
  return problems ? `${translate(lang, 'form.errorTitlePrefix')} ${title}` : title;
}

// ── Fields. Each reads the trimmed string (secret() the string as typed); the key is what the person is told when it is wrong. ──

const isoDate = z.iso.date();
const tooLong = (max: number) => z.string().max(max, { error: 'form.tooLong' });

/** Optional text: '' when left empty. */
export const text = (max = 500) => tooLong(max);

/** Text that must be given. */
export const requiredText = (missing: MessageKey, max = 500) => tooLong(max).min(1, { error: missing });

/**
 * A password or passphrase: read exactly as typed, never trimmed (a space at either end is part of
 * it). Use it as it is: a `.refine()` on it makes a new field, which is trimmed again.
 */
export const secret = (missing: MessageKey, max = 1024) => {
  const field = tooLong(max).min(1, { error: missing });
  secretFields.add(field);
  return field;
};

/** Optional text as null when left empty. */
export const optionalText = (max = 500) => tooLong(max).transform((v) => v || null);

/** A calendar date (YYYY-MM-DD) that must be given. */
export const requiredDate = (missing: MessageKey, invalid: MessageKey) =>
  z.string().min(1, { error: missing }).refine((v) => !v || isoDate.safeParse(v).success, { error: invalid });

/** A calendar date or nothing: null when left empty. */
export const optionalDate = (invalid: MessageKey) =>
  z
    .string()
    .refine((v) => !v || isoDate.safeParse(v).success, { error: invalid })
    .transform((v) => v || null);

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => values.some((v) => v === value);

/**
 * One of a fixed list (a select or radios); anything else is the `missing` problem. A refinement (not
 * z.enum, whose failure would stop the form's checks across fields), narrowing to the list's type.
 */
export const choice = <const T extends string>(values: readonly T[], missing: MessageKey) => z.string().refine((v): v is T => isOneOf(values, v), { error: missing });

/** One of a fixed list, or null when left empty. */
export const optionalChoice = <const T extends string>(values: readonly T[], invalid: MessageKey) =>
  z
    .string()
    .refine((v) => !v || isOneOf(values, v), { error: invalid })
    .transform((v) => (isOneOf(values, v) ? v : null));

/** A record's id chosen in the form (lower-cased); anything else is the `missing` problem. */
export const id = (missing: MessageKey) =>
  z
    .string()
    .refine((v) => isoGuid.safeParse(v).success, { error: missing })
    .transform((v) => v.toLowerCase());
const isoGuid = z.guid();

/** A whole number from `min` to `max` (spaces between thousands allowed: "1 638 233"); empty is `missing`. */
export const wholeNumber = (missing: MessageKey, invalid: MessageKey, limits: { min?: number; max?: number; values?: MessageValues } = {}) =>
  z
    .string()
    .min(1, { error: missing })
    .transform((v) => v.replace(/[\s\u00a0\u202f]/g, ''))
    .refine((v) => !v || (/^\d{1,15}$/.test(v) && Number(v) >= (limits.min ?? 0) && Number(v) <= (limits.max ?? Number.MAX_SAFE_INTEGER)), {
      error: invalid,
      params: { values: limits.values ?? {} },
    })
    .transform(Number);

/** The record's version the form was made from (optimistic locking): anything unreadable is 0, which never matches. */
export const version = () => z.string().transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : 0));

/**
 * A problem for a check across fields, inside a schema's `.superRefine((answers, ctx) => …)`:
 * `ctx.addIssue(fieldProblem('endDate', 'people.dateOrder'))`.
 */
export function fieldProblem(field: string, messageKey: MessageKey, values?: MessageValues) {
  return { code: 'custom' as const, path: [field], message: messageKey, params: { messageKey, ...(values ? { values } : {}) } };
}

/** The file a multipart form sent under `name` (core/http/uploads.ts), if one with any bytes came. */
export function uploadedFile(body: unknown, name: string): UploadedFile | undefined {
  const value = fieldValue(body, name);
  return isUploadedFile(value) && value.data.length > 0 ? value : undefined;
}
