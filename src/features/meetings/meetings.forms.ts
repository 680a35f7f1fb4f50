// The forms of the meetings' office pages and of the live sitting: one zod schema per form, built
// from core/http/forms.ts, and the few readers for what a schema of single strings cannot say (a
// repeated checkbox, fields named by record ids, an uploaded paper).
import { z } from 'zod';
import { meetingFormats, meetingKinds, quorumRules, type AgendaSpeakerTable, type DecisionKind } from '../../core/db/database.js';
import type { FieldProblem } from '../../core/errors.js';
import { choice, fieldProblem, formText, requiredDate, requiredText, text, version } from '../../core/http/forms.js';
import { zonedInstant } from '../../core/i18n/format.js';
import type { UploadedFile } from '../../core/http/uploads.js';
import { localizedText, textOrNull, type LocalizedText, type StoredLanguage } from '../../core/i18n/localized-text.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import { storedAbsenceReason } from './absence-reason.js';
import type { PresenceEntry } from './live.repository.js';
import type { MeetingDetails } from './meetings.repository.js';
import { statusActions } from './meetings.service.js';
import { maxPaperBytes, sniffPaper } from '../../core/documents.js';

/**
 * Checks across fields run even when a field's own check failed (zod skips them after a failed
 * choice), so the person sees every problem at once. They read only fields that stay strings.
 */
const always = { when: () => true };

const isGuid = (v: string) => z.guid().safeParse(v).success;

/** A record's id, or null for anything that is not one (an optional choice the service checks). */
const optionalId = () => z.string().transform((v) => (isGuid(v) ? v.toLowerCase() : null));

/** A checkbox sent as "1" when ticked. */
const checkbox = () => text(10).transform((v) => v === '1');

/** Minutes allotted to an item: a whole number from 1 to 999, or nothing. */
const minutesAllotted = () =>
  text()
    .refine((v) => !v || /^[1-9]\d{0,2}$/.test(v), { error: 'meetingsOffice.minutesInvalid' })
    .transform((v) => (v ? Number(v) : null));

/** The problems of a form shown among others on one page: each marked with the form's id prefix. */
export const inForm = (idPrefix: string, problems: FieldProblem[]): FieldProblem[] => problems.map((p) => ({ ...p, idPrefix }));

// ── A meeting's details: the scheduling form, for a new meeting and for a changed one ──

const scheduleShape = {
  kind: choice(meetingKinds, 'meetingForm.kindMissing'),
  number: text().refine((v) => !v || /^\d{1,4}$/.test(v), { error: 'meetingForm.numberInvalid' }),
  date: requiredDate('deputyForm.dateMissing', 'people.dateInvalid'),
  time: text().refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { error: 'meetingForm.timeInvalid' }),
  titleKk: text(),
  titleRu: text(),
  titleEn: text(),
  placeKk: text(),
  placeRu: text(),
  format: choice(meetingFormats, 'meetingForm.formatMissing'),
  videoUrl: text(2000),
};

function checkSchedule(a: { titleKk: string; titleRu: string; format: string; videoUrl: string }, ctx: z.RefinementCtx) {
  if (!a.titleKk && !a.titleRu) ctx.addIssue(fieldProblem('titleKk', 'meetingForm.titleMissing'));
  if (a.format !== 'in_person' && a.format && !/^https:\/\/[^\s]+$/.test(a.videoUrl)) ctx.addIssue(fieldProblem('videoUrl', 'meetingForm.videoUrlInvalid'));
}

export const scheduleForm = z.object(scheduleShape).superRefine(checkSchedule, always);

/** The scheduling form filled in for a meeting whose details change, with the version it was read at. */
export const detailsForm = z.object({ ...scheduleShape, version: version() }).superRefine(checkSchedule, always);

type ScheduleOutput = z.output<typeof scheduleForm>;

/** The answers as a meeting's details, the local date and time read in the meeting's zone. */
export function detailsInput(a: ScheduleOutput, timeZone: string): MeetingDetails {
  return {
    kind: a.kind,
    number: a.number ? Number(a.number) : null,
    title: textOrNull(localizedText(a.titleKk, a.titleRu, a.titleEn)),
    starts_at: zonedInstant(a.date, a.time, timeZone),
    place: textOrNull(localizedText(a.placeKk, a.placeRu)),
    format: a.format,
    video_url: a.format === 'in_person' ? null : a.videoUrl,
  };
}

// ── Its status ──

export const statusForm = z.object({
  action: choice(statusActions, 'meetingsOffice.notAllowed'),
  reasonKk: text(),
  reasonRu: text(),
  version: version(),
  /** 'live' from the live sitting's own start and close buttons, which return there. */
  back: text(10),
});

// ── The agenda ──

/** A new item, or a sub-item under one of the items at the top (`topLevelIds`). */
export const newItemForm = (topLevelIds: readonly string[]) =>
  z
    .object({
      parentId: text(100).refine((v) => !v || topLevelIds.includes(v), { error: 'agendaEdit.parentUnknown' }),
      titleKk: text(),
      titleRu: text(),
      titleEn: text(),
      minutes: minutesAllotted(),
      isMain: checkbox(),
    })
    .superRefine((a, ctx) => {
      if (!a.titleKk && !a.titleRu) ctx.addIssue(fieldProblem('titleKk', 'meetingForm.titleMissing'));
    }, always);

export const newItemInput = (a: z.output<ReturnType<typeof newItemForm>>) => ({
  title: localizedText(a.titleKk, a.titleRu, a.titleEn),
  minutesAllotted: a.minutes,
  isMain: a.isMain,
  parentId: a.parentId || null,
});

export const itemForm = z
  .object({
    titleKk: text(2000),
    titleRu: text(2000),
    titleEn: text(2000),
    descriptionKk: text(2000),
    descriptionRu: text(2000),
    minutes: minutesAllotted(),
    isMain: checkbox(),
    version: version(),
  })
  .superRefine((a, ctx) => {
    if (!a.titleKk && !a.titleRu) ctx.addIssue(fieldProblem('titleKk', 'meetingForm.titleMissing'));
  }, always);

export const itemInput = (a: z.output<typeof itemForm>) => ({
  title: localizedText(a.titleKk, a.titleRu, a.titleEn),
  description: textOrNull(localizedText(a.descriptionKk, a.descriptionRu)),
  minutesAllotted: a.minutes,
  isMain: a.isMain,
});

export const speakerRoles = ['rapporteur', 'co_speaker'] as const satisfies readonly AgendaSpeakerTable['role'][];

/** A speaker for an item: one of the people offered (`personIds`), not already speaking under it (`speaking`). */
export const speakerForm = (personIds: readonly string[], speaking: readonly string[]) =>
  z.object({
    personId: text(100)
      .refine((v) => personIds.includes(v), { error: 'agendaEdit.personMissing' })
      .refine((v) => !personIds.includes(v) || !speaking.includes(v), { error: 'agendaEdit.speakerDuplicate' }),
    role: choice(speakerRoles, 'agendaEdit.roleMissing'),
    labelKk: text(),
    labelRu: text(),
  });

export const speakerInput = (a: z.output<ReturnType<typeof speakerForm>>) => ({ personId: a.personId, role: a.role, label: textOrNull(localizedText(a.labelKk, a.labelRu)) });

/** The move buttons: up or down; anything else moves nothing. */
export const moveForm = z.object({ direction: text(10).transform((v) => (v === 'up' || v === 'down' ? v : null)) });

// ── Papers ──

/** A paper's title and the item it is for (`itemIds`: the meeting's items); the file is read by paperFile. */
export const paperForm = (itemIds: readonly string[]) =>
  z
    .object({
      agendaItemId: text(100).refine((v) => !v || itemIds.includes(v), { error: 'papers.itemUnknown' }),
      titleKk: text(),
      titleRu: text(),
    })
    .superRefine((a, ctx) => {
      if (!a.titleKk && !a.titleRu) ctx.addIssue(fieldProblem('titleKk', 'papers.titleMissing'));
    }, always);

/** The uploaded paper and its kind (from its bytes), or what is wrong with it. */
export function paperFile(file: UploadedFile | undefined) {
  const problem = (messageKey: MessageKey, values?: Record<string, number>) => ({ ok: false as const, problem: { field: 'file', messageKey, ...(values ? { values } : {}) } });
  if (!file) return problem('papers.fileMissing');
  if (file.truncated) return problem('papers.fileTooLarge', { limit: maxPaperBytes / 1024 / 1024 });
  const kind = sniffPaper(file.data);
  if (!kind) return problem('papers.fileType');
  return { ok: true as const, file, kind };
}

// ── The chair, the quorum rule and the invitations ──

/** The chair (one of `chairIds`, or none) and the quorum rule. */
export const chairForm = (chairIds: readonly string[]) =>
  z.object({
    chairPersonId: text(100).refine((v) => !v || chairIds.includes(v), { error: 'chair.chairUnknown' }),
    quorumRule: choice(quorumRules, 'chair.quorumRuleMissing'),
    version: version(),
  });

/** Whom to invite: every region's maslikhat (all, the default), the chosen ones, or the Council's members. */
export const inviteForm = z.object({ scope: text(20).transform((v) => (v === 'members' || v === 'chosen' ? v : 'all')) });

/** The maslikhats chosen on the invite form: the checkbox repeated (one id, several, or none). */
const chosenList = z
  .object({ organizationId: z.union([z.string().transform((v) => [v]), z.array(z.unknown()).transform((list) => list.filter((v) => typeof v === 'string'))]).catch([]) })
  .catch({ organizationId: [] });
export const chosenOrganizations = (body: unknown): string[] => chosenList.parse(body ?? {}).organizationId;

/** A maslikhat's answer to an invitation; an answer that is none of the three is no answer. */
export const respondForm = z.object({
  answer: text(20).transform((v) => (v === 'room' || v === 'video' || v === 'declined' ? v : null)),
  attendees: z.string().transform((v) => v.slice(0, 1000) || null),
  version: version(),
});

// ── The live sitting ──

/** The agenda item taken up: an item's id, or none. */
export const currentItemForm = z.object({ itemId: optionalId() });

const languages = ['kk', 'ru', 'en'] as const satisfies readonly StoredLanguage[];

export const statementForm = z
  .object({
    itemId: text(40),
    personId: text(40),
    speakerName: text(300),
    language: choice(languages, 'live.problem.languageMissing'),
    quotation: text(5000),
    summaryKk: text(5000),
    summaryRu: text(5000),
  })
  .superRefine((a, ctx) => {
    if (!isGuid(a.personId) && !a.speakerName) ctx.addIssue(fieldProblem('personId', 'live.problem.speakerMissing'));
    if (!a.quotation && !a.summaryKk && !a.summaryRu) ctx.addIssue(fieldProblem('quotation', 'live.problem.wordsMissing'));
  }, always);

/** Words in one language only. */
const inLanguage = (language: StoredLanguage, words: string): LocalizedText => localizedText(language === 'kk' ? words : '', language === 'ru' ? words : '', language === 'en' ? words : '');

export function statementInput(a: z.output<typeof statementForm>) {
  const personId = isGuid(a.personId) ? a.personId : null;
  return {
    itemId: a.itemId,
    personId,
    speakerLabel: personId ? null : inLanguage(a.language, a.speakerName),
    summary: textOrNull(localizedText(a.summaryKk, a.summaryRu, '')),
    quotation: a.quotation || null,
    language: a.language,
  };
}

export const decisionKinds = ['admission', 'plan_adoption', 'recommendation', 'withdrawal', 'other'] as const satisfies readonly DecisionKind[];
// Every kind the database knows may be recorded: a new one fails to compile here until it is added.
const everyKind: Exclude<DecisionKind, (typeof decisionKinds)[number]> extends never ? true : never = true;
void everyKind;

export const decisionForm = z
  .object({
    itemId: text(40),
    kind: choice(decisionKinds, 'live.problem.kindMissing'),
    number: text(40),
    /** How many members an admission admits, so the registry can tell when all are entered. */
    admits: text(),
    titleKk: requiredText('live.problem.titleKkMissing'),
    titleRu: requiredText('live.problem.titleRuMissing'),
    titleEn: text(),
    bodyKk: text(20_000),
    bodyRu: text(20_000),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'admission' && !/^[1-9]\d{0,2}$/.test(a.admits)) ctx.addIssue(fieldProblem('admits', a.admits ? 'decisionForm.admitsInvalid' : 'decisionForm.admitsMissing'));
  }, always);

export const decisionInput = (a: z.output<typeof decisionForm>) => ({
  itemId: a.itemId,
  kind: a.kind,
  number: a.number || null,
  admissionsExpected: a.kind === 'admission' ? Number(a.admits) : null,
  title: localizedText(a.titleKk, a.titleRu, a.titleEn),
  body: textOrNull(localizedText(a.bodyKk, a.bodyRu, '')),
});

/** The form's fields by name, whatever they are called (the roll call and the votes name them by record ids). */
const fieldsByName = z.record(z.string(), z.unknown()).catch({});

/** The roll call: `m.{personId}` (a member) or `o.{organizationId}` set to room, video or absent, with a reason for an absence. */
export function attendanceEntries(body: unknown, memberPersonIds: readonly string[]): PresenceEntry[] {
  const fields = fieldsByName.parse(body ?? {});
  const entries: PresenceEntry[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const match = /^([mo])\.([0-9a-f-]{36})$/.exec(key);
    const id = match?.[2];
    if (!match || !id || (value !== 'room' && value !== 'video' && value !== 'absent')) continue;
    const isPerson = match[1] === 'm' && memberPersonIds.includes(id);
    entries.push({ personId: isPerson ? id : null, organizationId: isPerson ? null : id, presence: value, absenceReason: storedAbsenceReason(formText(fields, `reasonCode.${id}`, 20), formText(fields, `reason.${id}`, 300)) });
  }
  return entries;
}

const voteChoices = ['for', 'against', 'abstain'] as const;
const isVoteChoice = (value: unknown): value is (typeof voteChoices)[number] => voteChoices.some((c) => c === value);

/** A vote's close: each member's vote (`vote.{personId}`), and the counts when any was entered (-1: not a count). */
export function closeVoteInput(body: unknown) {
  const fields = fieldsByName.parse(body ?? {});
  const byMember = Object.entries(fields).flatMap(([key, value]) => {
    const personId = /^vote\.([0-9a-f-]{36})$/.exec(key)?.[1];
    return personId && isVoteChoice(value) ? [{ personId, choice: value }] : [];
  });
  const count = (name: string) => {
    const v = formText(fields, name, 6);
    return v === '' ? 0 : /^\d+$/.test(v) ? Number(v) : -1;
  };
  const entered = voteChoices.some((n) => formText(fields, n, 6) !== '');
  return { byMember, counts: entered ? { for: count('for'), against: count('against'), abstain: count('abstain') } : null };
}
