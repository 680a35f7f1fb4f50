// What comes in to the outreach office pages: the event form (kind, local date and time in the
// region's zone, place, audience with its breakdown, summary, public or not, and the deputies and
// topics as repeated checkboxes), a photo with its alt text, and the version of a delete.
import { z } from 'zod';
import { outreachEventKinds, type OutreachEventKind } from '../../core/db/database.js';
import type { FieldProblem } from '../../core/errors.js';
import { choice, fieldProblem, requiredDate, text, version, type RawAnswers } from '../../core/http/forms.js';
import { fieldValue } from '../../core/http/field-value.js';
import { zonedInstant } from '../../core/i18n/format.js';
import { cleanFileName, maxPaperBytes, sniffAttachment, type AttachmentKind } from '../../core/documents.js';
import type { UploadedFile } from '../../core/http/uploads.js';
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import type { EventInput } from './outreach.service.js';

/** A summary is a few paragraphs: longer is refused, never stored cut. */
export const maxSummaryLength = 5000;
export const maxTags = 10;
export const maxPhotosPerEvent = 6;

/** Kinds that may be entered ahead of time (planned, shown on /receptions when public). */
export const plannableKinds: readonly OutreachEventKind[] = ['meeting_with_voters', 'reception'];
/** Kinds that need no settlement (they happen on air or online). */
const placelessKinds: readonly OutreachEventKind[] = ['media', 'online'];

export const audienceFields = ['audienceYouth', 'audienceElderly', 'audienceEntrepreneurs', 'audienceWomen', 'audienceOther'] as const;
export type AudienceField = (typeof audienceFields)[number];

const always = { when: () => true };
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const spaces = /[\s\u00a0\u202f]/g;
const count = () => text(20).refine((v) => !v || /^\d{1,7}$/.test(v.replace(spaces, '')), { error: 'outreach.audienceInvalid' });
const countOf = (v: string): number | null => (v ? Number(v.replace(spaces, '')) : null);
const summaryLanguages = ['kk', 'ru', 'en'] as const;

export const eventForm = z
  .object({
    kind: choice(outreachEventKinds, 'outreach.kindMissing'),
    date: requiredDate('outreach.dateMissing', 'outreach.dateInvalid').refine((v) => !/^\d{4}-/.test(v) || (v >= '1991-12-16' && v <= '2100-12-31'), { error: 'outreach.dateOutOfRange' }),
    time: text(10).refine((v) => timePattern.test(v), { error: 'outreach.timeInvalid' }),
    endTime: text(10).refine((v) => !v || timePattern.test(v), { error: 'outreach.timeInvalid' }),
    districtId: text(100),
    settlement: text(200),
    address: text(500),
    tags: text(500),
    audienceTotal: count(),
    audienceYouth: count(),
    audienceElderly: count(),
    audienceEntrepreneurs: count(),
    audienceWomen: count(),
    audienceOther: count(),
    summary: text(maxSummaryLength),
    summaryLanguage: choice(summaryLanguages, 'outreach.summaryLanguageMissing'),
    public: text(10),
    version: version(),
  })
  .superRefine((a, ctx) => {
    if (timePattern.test(a.time) && timePattern.test(a.endTime) && a.endTime <= a.time) ctx.addIssue(fieldProblem('endTime', 'outreach.endBeforeStart'));
    if (!placelessKinds.some((k) => k === a.kind) && !a.settlement) ctx.addIssue(fieldProblem('settlement', 'outreach.placeMissing'));
    const parts = audienceFields.map((f) => countOf(/^\d{1,7}$/.test(a[f].replace(spaces, '')) ? a[f] : ''));
    const total = /^\d{1,7}$/.test(a.audienceTotal.replace(spaces, '')) ? countOf(a.audienceTotal) : null;
    const sum = parts.reduce<number>((s, n) => s + (n ?? 0), 0);
    if (sum > 0 && total === null && !a.audienceTotal) ctx.addIssue(fieldProblem('audienceTotal', 'outreach.audienceTotalMissing'));
    else if (total !== null && sum > total) ctx.addIssue(fieldProblem('audienceYouth', 'outreach.breakdownOverTotal', { sum, total }));
    const tags = splitTags(a.tags);
    if (tags.length > maxTags) ctx.addIssue(fieldProblem('tags', 'outreach.tooManyTags', { limit: maxTags }));
    else if (tags.some((t) => t.length > 50)) ctx.addIssue(fieldProblem('tags', 'outreach.tagTooLong', { limit: 50 }));
  }, always);

export type EventAnswers = RawAnswers<typeof eventForm>;
export type EventOutput = z.output<typeof eventForm>;

/** Free tags as typed: separated by commas, trimmed, without repeats (compared ignoring case). */
export function splitTags(value: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of value.split(/[,;\n]/)) {
    const tag = raw.trim().replace(/^#/, '');
    if (!tag || seen.has(tag.toLocaleLowerCase('kk'))) continue;
    seen.add(tag.toLocaleLowerCase('kk'));
    tags.push(tag);
  }
  return tags;
}

/** The lists the form sends as repeated checkboxes. */
export interface EventLists {
  deputies: string[];
  topics: string[];
}

function listValue(body: unknown, name: string): string[] {
  const value = fieldValue(body, name);
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && v.length <= 100).map((v) => v.trim().toLowerCase()))];
}

export const eventLists = (body: unknown): EventLists => ({ deputies: listValue(body, 'deputies'), topics: listValue(body, 'topics') });

/**
 * The checks that need the region's zone and the clock: a kind that tells of the past may not be
 * in the future (only receptions and meetings are planned ahead); once an event has happened, its
 * audience and summary are required. The chosen lists must be among what the form offered.
 */
export function timedProblems(a: EventOutput, timeZone: string, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const startsAt = zonedInstant(a.date, a.time, timeZone);
  if (startsAt > now) {
    if (!plannableKinds.includes(a.kind)) problems.push({ field: 'date', messageKey: 'outreach.futureNotPlannable' });
    return problems;
  }
  if (!a.audienceTotal) problems.push({ field: 'audienceTotal', messageKey: 'outreach.audienceRequired' });
  if (!a.summary) problems.push({ field: 'summary', messageKey: 'outreach.summaryRequired' });
  return problems;
}

export function listProblems(a: { districtId: string }, lists: EventLists, offered: { deputies: readonly string[]; topics: readonly string[]; districts: readonly string[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (a.districtId && !offered.districts.includes(a.districtId.toLowerCase())) problems.push({ field: 'districtId', messageKey: 'outreach.choiceUnknown' });
  if (lists.deputies.some((id) => !offered.deputies.includes(id))) problems.push({ field: 'deputies', messageKey: 'outreach.choiceUnknown' });
  if (lists.topics.some((id) => !offered.topics.includes(id))) problems.push({ field: 'topics', messageKey: 'outreach.choiceUnknown' });
  return problems;
}

/** The answers (already checked) as the service's input. */
export function eventInput(a: EventOutput, lists: EventLists, timeZone: string): EventInput {
  const startsAt = zonedInstant(a.date, a.time, timeZone);
  return {
    kind: a.kind,
    startsAt,
    endsAt: a.endTime ? zonedInstant(a.date, a.endTime, timeZone) : null,
    districtAreaId: a.districtId ? a.districtId.toLowerCase() : null,
    settlement: a.settlement || null,
    address: a.address || null,
    tags: splitTags(a.tags),
    audience: {
      total: countOf(a.audienceTotal),
      youth: countOf(a.audienceYouth),
      elderly: countOf(a.audienceElderly),
      entrepreneurs: countOf(a.audienceEntrepreneurs),
      women: countOf(a.audienceWomen),
      other: countOf(a.audienceOther),
    },
    summary: a.summary || null,
    summaryLanguage: a.summary ? (a.summaryLanguage satisfies StoredLanguage) : null,
    public: a.public === '1',
    deputyIds: lists.deputies,
    topicIds: lists.topics,
  };
}

export const photoForm = z.object({ altText: text(500).min(1, { error: 'outreach.altTextMissing' }), version: version() });
export const deleteForm = z.object({ version: version() });

/** The papers an event keeps: this many at most, each up to the size of a meeting's paper. */
export const maxFilesPerEvent = 10;
export const maxEventFileBytes = maxPaperBytes;

/** The file form's other field: the event's version as read. */
export const fileForm = z.object({ version: version() });

/** An uploaded paper and its kind (told by its bytes), or what is wrong with it. */
export function eventFile(file: UploadedFile | undefined): { ok: true; file: { data: Buffer; kind: AttachmentKind; originalName: string } } | { ok: false; problem: FieldProblem } {
  const refused = (messageKey: FieldProblem['messageKey'], values?: FieldProblem['values']): { ok: false; problem: FieldProblem } => ({ ok: false, problem: { field: 'file', messageKey, ...(values ? { values } : {}) } });
  if (!file || file.data.length === 0) return refused('outreach.fileMissing');
  if (file.truncated) return refused('outreach.fileTooLarge', { limit: maxEventFileBytes / 1024 / 1024 });
  const kind = sniffAttachment(file.data);
  if (!kind) return refused('outreach.fileType');
  return { ok: true, file: { data: file.data, kind, originalName: cleanFileName(file.filename, kind.extension) } };
}
