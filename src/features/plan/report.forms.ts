// The forms of plan reports: a body's report (text in Kazakh and/or Russian, one number per
// indicator, one optional attachment told by its bytes), and the secretariat's review.
import { z } from 'zod';
import type { FieldProblem } from '../../core/errors.js';
import { fieldValue } from '../../core/http/field-value.js';
import { choice, fieldProblem, formText, parseForm, requiredText, text, version, type RawAnswers } from '../../core/http/forms.js';
import type { UploadedFile } from '../../core/http/uploads.js';
import type { MessageKey, MessageValues } from '../../core/i18n/messages.js';
import { cleanFileName, sniffAttachment } from '../../core/documents.js';

/** The longest report text in one language, in characters. */
export const maxReportText = 20_000;
export const maxAttachmentBytes = 20 * 1024 * 1024;

/** Runs a check across fields even when another field has a problem, so every problem shows at once. */
const always = { when: () => true };

export const reportForm = z
  .object({
    textKk: text(maxReportText),
    textRu: text(maxReportText),
    /** 'draft' keeps it for later; 'submit' files it for review. */
    action: choice(['draft', 'submit'], 'planReport.actionMissing'),
    removeAttachment: text(10),
    /** The report's version the form was made from (0 when there was no report yet). */
    version: version(),
  })
  .superRefine((a, ctx) => {
    if (a.action === 'submit' && !a.textKk && !a.textRu) ctx.addIssue(fieldProblem('textKk', 'planReport.textMissing'));
  }, always);

export type ReportAnswers = RawAnswers<typeof reportForm> & { values: Record<string, string> };

/** The field of an indicator's value. */
export const valueField = (indicatorId: string) => `value-${indicatorId}`;

/**
 * An indicator's value as typed: digits with an optional minus, a comma or a dot before the
 * fraction, spaces between thousands; at most 15 digits before the point and 6 after. Returned as
 * the exact decimal ('1234.5'), or null when it is not such a number.
 */
export function readNumber(typed: string): string | null {
  const plain = typed.replace(/[\s\u00a0\u202f]/g, '').replace(/^−/, '-');
  const match = /^(-?)(\d{1,15})(?:[.,](\d{1,6}))?$/.exec(plain);
  if (!match) return null;
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const sign = match[1] && (whole !== '0' || fraction) ? '-' : '';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

export type ReportForm =
  | { ok: true; answers: ReportAnswers; action: 'draft' | 'submit'; version: number; values: { indicatorId: string; value: string }[] }
  | { ok: false; answers: ReportAnswers; problems: FieldProblem[] };

/** An indicator of the form: its id and its name as the page shows it (a problem names it). */
export interface FormIndicator {
  id: string;
  name: string;
}

/**
 * The report form read with the item's indicators. A draft may leave values empty; a submitted
 * report needs a text in Kazakh or Russian and a value for every indicator (0 when there is none).
 * Each value's problem names its indicator, so the error summary's lines tell them apart.
 */
export function parseReportForm(body: unknown, indicators: readonly FormIndicator[]): ReportForm {
  const form = parseForm(reportForm, body);
  const typed = Object.fromEntries(indicators.map(({ id }) => [id, formText(body, valueField(id), 100)]));
  const answers: ReportAnswers = { ...form.raw, values: typed };
  const problems: FieldProblem[] = form.ok ? [] : [...form.problems];
  // Texts longer than the form keeps are cut when read: measure what was sent.
  for (const field of ['textKk', 'textRu'] as const) {
    const sent = fieldValue(body, field);
    if (typeof sent === 'string' && sent.replace(/\r\n/g, '\n').trim().length > maxReportText && !problems.some((p) => p.field === field)) {
      problems.push({ field, messageKey: 'form.tooLong', values: { field, limit: maxReportText } });
    }
  }
  const submitting = form.raw.action === 'submit';
  const values: { indicatorId: string; value: string }[] = [];
  for (const { id, name } of indicators) {
    const raw = typed[id] ?? '';
    if (!raw) {
      if (submitting) problems.push({ field: valueField(id), messageKey: 'planReport.valueMissing', values: { name } });
      continue;
    }
    const value = readNumber(raw);
    if (value === null) problems.push({ field: valueField(id), messageKey: 'planReport.valueInvalid', values: { name } });
    else values.push({ indicatorId: id, value });
  }
  if (!form.ok || problems.length) return { ok: false, answers, problems };
  return { ok: true, answers, action: form.answers.action, version: form.answers.version, values };
}

// ── The attachment ──

/** The uploaded attachment (none is fine) and its kind, or what is wrong with it. */
export function attachmentFile(file: UploadedFile | undefined) {
  const problem = (messageKey: MessageKey, values?: MessageValues) => ({ ok: false as const, problem: { field: 'attachment', messageKey, ...(values ? { values } : {}) } });
  if (!file) return { ok: true as const, file: undefined };
  if (file.truncated) return problem('planReport.attachmentTooLarge', { limit: maxAttachmentBytes / 1024 / 1024 });
  const kind = sniffAttachment(file.data);
  if (!kind) return problem('planReport.attachmentType');
  return { ok: true as const, file: { data: file.data, kind, originalName: cleanFileName(file.filename, kind.extension) } };
}

// ── The secretariat's review ──

export const reviewForm = z.object({ version: version() });

export const returnForm = z.object({ comment: requiredText('planReport.commentMissing', 5000), version: version() });
