// What comes in to the library's office pages: a material (kind, title and summary per language,
// author, topics, laws on adilet.zan.kz, a video's address), a file in a language (told by its bytes:
// PDF, DOCX or PPTX), a state change with the version read, and a distribution to maslikhats.
import { z } from 'zod';
import { cleanFileName, sniffPaper, zipEntryNames } from '../../core/documents.js';
import { libraryKinds, type LibraryKind } from '../../core/db/database.js';
import type { FieldProblem } from '../../core/errors.js';
import { fieldValue } from '../../core/http/field-value.js';
import { choice, fieldProblem, optionalText, text, version, wholeNumber } from '../../core/http/forms.js';
import type { UploadedFile } from '../../core/http/uploads.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { MessageKey, MessageValues } from '../../core/i18n/messages.js';

/** Files up to 50 MB (a lecture's slides with pictures). */
export const maxLibraryFileBytes = 50 * 1024 * 1024;
export const fileLanguages = ['kk', 'ru', 'en'] as const;
/** Law rows on the form. */
export const lawSlots = 5;
export const maxTopics = 10;

/** An https address on the official legal database, adilet.zan.kz. */
export function isAdiletUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname === 'adilet.zan.kz' && !url.username && !url.password && (url.port === '' || url.port === '443');
  } catch {
    return false;
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Topics typed as a list separated by commas: trimmed, lower-cased, each once, at most ten of 60 characters. */
export function parseTopics(value: string): string[] {
  return [...new Set(value.split(/[,;\n]/).map((t) => t.trim().replace(/\s+/g, ' ').toLocaleLowerCase('kk')).filter(Boolean))];
}

const lawFields = Object.fromEntries(Array.from({ length: lawSlots }, (_, i) => [[`lawTitle${i + 1}`, text(300)], [`lawUrl${i + 1}`, text(500)]]).flat()) as Record<`lawTitle${number}` | `lawUrl${number}`, ReturnType<typeof text>>;

export const materialForm = z
  .object({
    kind: choice(libraryKinds, 'library.kindMissing'),
    titleKk: text(300),
    titleRu: text(300),
    titleEn: text(300),
    summaryKk: text(5000),
    summaryRu: text(5000),
    summaryEn: text(5000),
    organization: text(100),
    authorName: optionalText(200),
    videoUrl: optionalText(500),
    topics: text(800),
    ...lawFields,
    version: version(),
  })
  .superRefine((a, ctx) => {
    if (!a.titleKk && !a.titleRu && !a.titleEn) ctx.addIssue(fieldProblem('titleKk', 'library.titleMissing'));
    if (!a.organization && !a.authorName) ctx.addIssue(fieldProblem('organization', 'library.authorMissing'));
    if (a.kind === 'video_link' && !a.videoUrl) ctx.addIssue(fieldProblem('videoUrl', 'library.videoUrlMissing'));
    if (a.videoUrl && !isHttpsUrl(a.videoUrl)) ctx.addIssue(fieldProblem('videoUrl', 'library.videoUrlInvalid'));
    const topics = parseTopics(a.topics);
    if (topics.length > maxTopics) ctx.addIssue(fieldProblem('topics', 'library.topicsTooMany', { max: maxTopics }));
    else if (topics.some((t) => t.length > 60)) ctx.addIssue(fieldProblem('topics', 'library.topicTooLong', { max: 60 }));
    const laws = lawsOf(a);
    const typed: Record<string, unknown> = a;
    for (let i = 1; i <= lawSlots; i++) {
      const title = String(typed[`lawTitle${i}`] ?? '');
      const url = String(typed[`lawUrl${i}`] ?? '');
      if (url && !isAdiletUrl(url)) ctx.addIssue(fieldProblem(`lawUrl${i}`, 'library.lawUrlInvalid'));
      else if (title && !url) ctx.addIssue(fieldProblem(`lawUrl${i}`, 'library.lawUrlMissing'));
      else if (url && !title) ctx.addIssue(fieldProblem(`lawTitle${i}`, 'library.lawTitleMissing'));
    }
    if (a.kind === 'law_link' && laws.length === 0) ctx.addIssue(fieldProblem('lawUrl1', 'library.lawMissing'));
  });

export type MaterialAnswers = z.output<typeof materialForm>;

export function lawsOf(a: Record<string, unknown>): { title: string; url: string }[] {
  const laws: { title: string; url: string }[] = [];
  for (let i = 1; i <= lawSlots; i++) {
    const title = a[`lawTitle${i}`];
    const url = a[`lawUrl${i}`];
    if (typeof title === 'string' && typeof url === 'string' && title && url && isAdiletUrl(url) && !laws.some((l) => l.url === url)) laws.push({ title, url });
  }
  return laws;
}

export const localized = (kk: string, ru: string, en: string): LocalizedText => ({ ...(kk ? { kk } : {}), ...(ru ? { ru } : {}), ...(en ? { en } : {}) });

export const versionForm = z.object({ version: version() });

export const fileForm = z.object({ language: choice(fileLanguages, 'library.fileLanguageMissing'), note: optionalText(500), version: version() });

export interface MaterialFileKind {
  extension: 'pdf' | 'docx' | 'pptx';
  contentType: string;
}

/** PDF, DOCX or PPTX, told by the bytes (never by the name or the browser's word). */
export function sniffMaterialFile(bytes: Buffer): MaterialFileKind | undefined {
  const paper = sniffPaper(bytes);
  if (paper?.extension === 'pdf' || paper?.extension === 'docx') return { extension: paper.extension, contentType: paper.contentType };
  if (!paper && bytes.length >= 30 && bytes.readUInt32LE(0) === 0x04034b50 && zipEntryNames(bytes).has('ppt/presentation.xml')) {
    return { extension: 'pptx', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' };
  }
  return undefined;
}

/** The uploaded file and its kind, or what is wrong with it (at the `file` field). */
export function materialFile(file: UploadedFile | undefined): { ok: true; data: Buffer; kind: MaterialFileKind; originalName: string } | { ok: false; problem: FieldProblem } {
  const problem = (messageKey: MessageKey, values?: MessageValues) => ({ ok: false as const, problem: { field: 'file', messageKey, ...(values ? { values } : {}) } });
  if (!file) return problem('library.fileMissing');
  if (file.truncated) return problem('library.fileTooLarge', { limit: maxLibraryFileBytes / 1024 / 1024 });
  const kind = sniffMaterialFile(file.data);
  if (!kind) return problem('library.fileType');
  return { ok: true, data: file.data, kind, originalName: cleanFileName(file.filename, kind.extension) };
}

// ── Distribution ──

export const distributeForm = z
  .object({
    audience: choice(['all', 'chosen'] as const, 'library.audienceMissing'),
    noteKk: text(3000),
    noteRu: text(3000),
    noteEn: text(3000),
    remindAfterDays: wholeNumber('library.remindMissing', 'library.remindInvalid', { min: 1, max: 365, values: { min: 1, max: 365 } }),
  });

/** The maslikhats ticked (a repeated field), lower-cased ids. */
export function chosenOrganizations(body: unknown): string[] {
  const value = fieldValue(body, 'organizations');
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v.trim())).map((v) => v.trim().toLowerCase()))];
}

export type { LibraryKind };

// ── Self-check ──

/** Option rows on a question's form. */
export const quizOptionSlots = 4;
const quizLanguages = ['Kk', 'Ru', 'En'] as const;
const optionFields = Object.fromEntries(Array.from({ length: quizOptionSlots }, (_, i) => quizLanguages.map((l) => [`option${i + 1}${l}`, text(300)])).flat()) as Record<`option${number}${(typeof quizLanguages)[number]}`, ReturnType<typeof text>>;

/** An option's text in each language typed, by its number on the form (1–4). */
const optionText = (a: Record<string, unknown>, n: number): LocalizedText => localized(String(a[`option${n}Kk`] ?? ''), String(a[`option${n}Ru`] ?? ''), String(a[`option${n}En`] ?? ''));
const isFilled = (value: LocalizedText) => Object.keys(value).length > 0;

export const quizQuestionForm = z
  .object({
    promptKk: text(500),
    promptRu: text(500),
    promptEn: text(500),
    ...optionFields,
    correct: choice(['1', '2', '3', '4'] as const, 'library.quizCorrectMissing'),
  })
  .superRefine((a, ctx) => {
    if (!a.promptKk && !a.promptRu && !a.promptEn) ctx.addIssue(fieldProblem('promptKk', 'library.quizPromptMissing'));
    const filled = Array.from({ length: quizOptionSlots }, (_, i) => isFilled(optionText(a, i + 1)));
    if (filled.filter(Boolean).length < 2) ctx.addIssue(fieldProblem('option1Kk', 'library.quizOptionsMissing'));
    else if (!filled[Number(a.correct) - 1]) ctx.addIssue(fieldProblem('correct', 'library.quizCorrectEmpty'));
  });

export type QuizQuestionAnswers = z.output<typeof quizQuestionForm>;

/** The question as stored: the options typed, in order, without the empty rows; the right one's index among them. */
export function quizQuestionOf(a: QuizQuestionAnswers): { prompt: LocalizedText; options: LocalizedText[]; correctOption: number } {
  const rows = Array.from({ length: quizOptionSlots }, (_, i) => ({ n: i + 1, text: optionText(a, i + 1) })).filter((o) => isFilled(o.text));
  return { prompt: localized(a.promptKk, a.promptRu, a.promptEn), options: rows.map((o) => o.text), correctOption: rows.findIndex((o) => o.n === Number(a.correct)) };
}

/** The form field of a question when taking the quiz. */
export const quizAnswerField = (questionId: string) => `answer-${questionId}`;

/**
 * The answers to a quiz as sent: the questions the person was shown (a hidden list of ids), and for
 * each the option chosen (its index), or a problem at each question left unanswered.
 */
export function quizAnswers(body: unknown, questions: readonly { id: string; options: readonly unknown[] }[]): { asked: string[]; answers: Record<string, number>; problems: FieldProblem[] } {
  const askedValue = fieldValue(body, 'asked');
  const asked = typeof askedValue === 'string' ? askedValue.split(',').filter((v) => /^[0-9a-f-]{36}$/i.test(v)).slice(0, 50) : [];
  const answers: Record<string, number> = {};
  const problems: FieldProblem[] = [];
  for (const q of questions) {
    const value = fieldValue(body, quizAnswerField(q.id));
    const index = typeof value === 'string' && /^\d$/.test(value) ? Number(value) : -1;
    if (index >= 0 && index < q.options.length) answers[q.id] = index;
    else problems.push({ field: quizAnswerField(q.id), messageKey: 'library.quizAnswerMissing' });
  }
  return { asked, answers, problems };
}
