// Citizens' questions: registering one (public form or an event), the applicant's private view, the
// office's list and its actions (each policy-checked, version-checked, audited, written to the
// history and mailed to the applicant), the retention rule and the public form's time token.
// Applicants' names and contacts never reach the audit log's values, logs or public pages.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import { hasRole } from '../../core/auth/actor.js';
import type { Actor } from '../../core/auth/actor.js';
import { can } from '../../core/auth/authorize.js';
import { hashToken } from '../../core/auth/token-hash.js';
import type { Db } from '../../core/db/connect.js';
import { errorCode } from '../../core/error-code.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { pageWindow } from '../../core/db/query.js';
import { ConflictError, NotFoundError, type FieldProblem } from '../../core/errors.js';
import { formatDate, localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { newId } from '../../core/ids.js';
import type { Mailer } from '../../core/mail/mailer.js';
import { csvBom, csvLine } from '../../core/text/csv.js';
import { UnknownCalendarYearError, type CalendarService } from '../calendar/calendar.service.js';
import type { RegistryService } from '../registry/registry.service.js';
import * as repo from './questions.repository.js';
import type { QuestionAction, QuestionRecord, QuestionState } from './questions.repository.js';

export type { QuestionRecord, QuestionState } from './questions.repository.js';

/** The answer is due this many working days after registration (day 0). */
export const answerWorkingDays = 15;
/** Forwarding to the competent body is allowed within this many working days of registration. */
export const forwardWorkingDays = 3;
/** A deadline may be extended by at most this many months past the original due date. */
export const extensionMonths = 2;
export const questionsPageSize = 50;
/** The most rows one CSV download holds. */
export const questionsCsvLimit = 10_000;
/** The public form refuses a post sooner than this after the form was served (a robot), or later than a day. */
export const formMinimumMs = 3_000;
export const formMaximumMs = 86_400_000;

export interface Region {
  areaId: string;
  organizationId: string;
  name: LocalizedText;
}

export interface NewQuestionInput {
  areaId: string;
  settlement: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  body: string;
  language: Language;
}

/** What the applicant's private page shows: never a staff member's or the applicant's details. */
export interface TrackingView {
  reference: string;
  state: QuestionState;
  registeredOn: string;
  dueDate: string | null;
  extendedDueDate: string | null;
  extensionReason: string | null;
  forwardedTo: string | null;
  answer: string | null;
  body: string;
  erased: boolean;
  history: { action: QuestionAction; state: QuestionState; at: Date; note: string | null }[];
}

export type ActionName = 'take' | 'assign' | 'forward' | 'answer' | 'close' | 'extend';

/** The states each action may start from. */
const actionFrom: Record<ActionName, readonly QuestionState[]> = {
  take: ['registered'],
  assign: ['registered', 'in_work'],
  forward: ['registered', 'in_work'],
  answer: ['registered', 'in_work'],
  close: ['answered', 'forwarded'],
  extend: ['registered', 'in_work'],
};

const newToken = () => randomBytes(32).toString('base64url');

/** The day `months` calendar months after a 'YYYY-MM-DD' day (the month's last day when shorter). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The deadline in force: the extended one when there is one. */
export const deadlineOf = (q: { dueDate: string | null; extendedDueDate: string | null }) => q.extendedDueDate ?? q.dueDate;

/** Open (registered or in work) and past its deadline. */
export const isOverdue = (q: { state: QuestionState; dueDate: string | null; extendedDueDate: string | null }, today: string) => {
  const deadline = deadlineOf(q);
  return (q.state === 'registered' || q.state === 'in_work') && deadline !== null && deadline < today;
};

/**
 * The public form's token: when it was served and a random nonce, signed. The nonce makes a
 * submission repeatable without a second question (a double click, a resent request): the
 * tracking token is derived from it and from what was asked.
 */
export function signFormTime(key: string, ms: number, nonce: string = randomBytes(16).toString('base64url')): string {
  return `${ms}.${nonce}.${createHmac('sha256', key).update(`question-form:${ms}:${nonce}`).digest('base64url')}`;
}

/** The form token's parts: `ms.nonce.signature` (22 and 43 characters of base64url). */
const formTokenPattern = /^(\d{1,15})\.([\w-]{22})\.[\w-]{43}$/;

/** The tracking token of a question sent with a form's nonce: the same question asked again with the same form gets the same token. */
function trackingTokenFor(key: string, nonce: string, input: NewQuestionInput): string {
  const asked = JSON.stringify([input.areaId, input.settlement, input.name, input.email, input.phone, input.body, input.language]);
  return createHmac('sha256', key).update(`question-track:${nonce}:${asked}`).digest('base64url');
}

const isUniqueViolation = (err: unknown) => errorCode(err) === '23505';

export function createQuestionsService(db: Db, deps: { calendar: CalendarService; registry: RegistryService; mailer: Mailer }) {
  const { calendar, registry, mailer } = deps;
  let formKey: Promise<string> | undefined;

  function key(): Promise<string> {
    formKey ??= (async () => {
      const first = await repo.readSetting(db);
      if (first.formKey) return first.formKey;
      await repo.setFormKeyIfMissing(db, randomBytes(32).toString('base64url'));
      const again = await repo.readSetting(db);
      if (!again.formKey) throw new Error('the question form key could not be set');
      return again.formKey;
    })();
    formKey.catch(() => (formKey = undefined));
    return formKey;
  }

  /** The due day, or null when the calendar does not know the year (flagged in the office, never guessed). */
  async function dueFrom(day: string): Promise<string | null> {
    try {
      return (await calendar.dueDate(day, answerWorkingDays)).due;
    } catch (err) {
      if (err instanceof UnknownCalendarYearError) return null;
      throw err;
    }
  }

  async function regions(): Promise<Region[]> {
    return (await registry.listRegionMaslikhats()).map((o) => ({ areaId: o.area.id, organizationId: o.id, name: o.area.name }));
  }

  /** Mails the applicant (when an address was given and not erased) in the language they wrote in. */
  async function mailApplicant(q: Pick<QuestionRecord, 'contactEmail' | 'language' | 'reference'>, subjectKey: 'questions.mail.subjectStep' | 'questions.mail.subjectRegistered', lines: string[]): Promise<void> {
    if (!q.contactEmail) return;
    const lang = q.language;
    await mailer.send({ to: q.contactEmail, subject: translate(lang, subjectKey, { reference: q.reference }), text: [...lines, '', translate(lang, 'questions.mail.footer')].join('\n') });
  }

  /** Who sees what in the office list. */
  async function scopeOf(actor: Actor): Promise<repo.ListScope> {
    if (hasRole(actor, 'admin', 'secretariat')) return { all: true, organizationIds: [], assigneePersonId: null };
    const organizationIds = [...new Set(actor.grants.filter((g) => g.role === 'maslikhat_staff').flatMap((g) => g.scope))];
    const assigneePersonId = hasRole(actor, 'deputy') ? await repo.personOfAccount(db, actor.accountId) : null;
    return { all: false, organizationIds, assigneePersonId };
  }

  /** A question the actor may handle; a 404 when it does not exist or is not theirs to see. */
  async function visible(actor: Actor, id: string): Promise<QuestionRecord> {
    const q = await repo.findQuestion(db, id);
    if (!q || !can(actor, 'questions.handle', { organizationId: q.organizationId, ownerAccountId: q.assigneeAccountId })) throw NotFoundError();
    return q;
  }

  async function register(
    input: NewQuestionInput & { organizationId: string; channel: 'form' | 'event'; consentRecordedBy: string | null; outreachEventId: string | null; assigneePersonId?: string | null },
    context: ChangeContext,
    baseUrl: string,
    now: Date,
    token: string = newToken(),
  ): Promise<{ id: string; reference: string; token: string }> {
    const today = todayInKazakhstan(now);
    const dueDate = await dueFrom(today);
    const id = newId();
    const reference = await db.transaction().execute(async (trx) => {
      const next = await repo.nextReference(trx, today.slice(0, 4));
      await repo.insertQuestion(trx, {
        id,
        reference: next,
        organizationId: input.organizationId,
        channel: input.channel,
        outreachEventId: input.outreachEventId,
        assigneePersonId: input.assigneePersonId ?? null,
        applicantName: input.name,
        contactEmail: input.email,
        contactPhone: input.phone,
        areaId: input.areaId,
        settlement: input.settlement,
        body: input.body,
        language: input.language,
        consentAt: now,
        consentRecordedBy: input.consentRecordedBy,
        registeredOn: today,
        dueDate,
        trackingTokenHash: hashToken(token),
        now,
      });
      await repo.insertEvent(trx, { id: newId(), questionId: id, action: 'registered', state: 'registered', actorAccountId: context.actorAccountId, note: null, at: now });
      // No applicant's details in the audit values: what, where and when only.
      await recordChange(trx, context, { entity: 'citizen_question', entityId: id, action: 'registered', after: { reference: next, organization_id: input.organizationId, channel: input.channel, due_date: dueDate } });
      return next;
    });
    const lang = input.language;
    await mailApplicant({ contactEmail: input.email, language: lang, reference }, 'questions.mail.subjectRegistered', [
      translate(lang, 'questions.mail.registered', { reference }),
      dueDate ? translate(lang, 'questions.mail.due', { due: formatDate(lang, dueDate) }) : translate(lang, 'questions.mail.dueUnknown'),
      '',
      translate(lang, 'questions.mail.trackLink', { link: `${baseUrl}/${lang}/questions/track/${token}` }),
    ]);
    return { id, reference, token };
  }

  /**
   * Registers a question once per form served: sent again with the same form token — a double
   * click, a request resent, two at once — it is the first one again (no second question, no second
   * mail), because the tracking token is derived from the form's nonce and what was asked and its
   * hash is unique. Without a form token, every call registers.
   */
  async function registerOnce(formToken: string | null, input: NewQuestionInput, run: (token: string) => Promise<{ id: string; reference: string; token: string }>): Promise<{ id: string; reference: string; token: string }> {
    const nonce = formToken ? formTokenPattern.exec(formToken)?.[2] : undefined;
    if (!nonce) return run(newToken());
    const token = trackingTokenFor(await key(), nonce, input);
    const sentBefore = async () => {
      const first = await repo.findByTokenHash(db, hashToken(token));
      return first && { id: first.id, reference: first.reference, token };
    };
    const before = await sentBefore();
    if (before) return before;
    try {
      return await run(token);
    } catch (err) {
      // Sent twice at once: the other request registered it.
      const other = isUniqueViolation(err) ? await sentBefore() : undefined;
      if (other) return other;
      throw err;
    }
  }

  return {
    regions,
    dueFrom,

    /** A signed token of the moment the public form is served. */
    async issueFormTime(now: Date = new Date()): Promise<string> {
      return signFormTime(await key(), now.getTime());
    },

    /** Whether a posted form's time token is genuine and its age between 3 seconds and a day. */
    async checkFormTime(token: string, now: Date = new Date()): Promise<'ok' | 'too_fast' | 'expired' | 'invalid'> {
      const parts = formTokenPattern.exec(token);
      const ms = Number(parts?.[1]);
      if (!parts || !Number.isSafeInteger(ms)) return 'invalid';
      const expected = Buffer.from(signFormTime(await key(), ms, parts[2]));
      const given = Buffer.from(token);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
      const age = now.getTime() - ms;
      if (age < formMinimumMs) return 'too_fast';
      if (age > formMaximumMs) return 'expired';
      return 'ok';
    },

    /**
     * A question sent through the public form (its token checked), to the maslikhat of the chosen
     * region. The same question sent again with the same form — a double click, a request resent —
     * is the first one again (no second question, no second mail). Problems: a region not offered.
     */
    async submit(input: NewQuestionInput, formToken: string, context: ChangeContext, baseUrl: string, now: Date = new Date()): Promise<{ problems: FieldProblem[]; id?: string; reference?: string; token?: string }> {
      const region = (await regions()).find((r) => r.areaId === input.areaId);
      if (!region) return { problems: [{ field: 'region', messageKey: 'questions.regionMissing' }] };
      if (!formTokenPattern.test(formToken)) throw new Error('submit takes a checked form token');
      const done = await registerOnce(formToken, input, (token) => register({ ...input, organizationId: region.organizationId, channel: 'form', consentRecordedBy: null, outreachEventId: null }, context, baseUrl, now, token));
      return { problems: [], ...done };
    },

    /** The maslikhats a signed-in person may register an event's question for (region-level ones in their grants, or all for the secretariat). */
    async registrableRegions(actor: Actor): Promise<Region[]> {
      return (await regions()).filter((r) => can(actor, 'questions.register', { organizationId: r.organizationId }));
    },

    /**
     * A question raised at an event (the outreach event it names, or none), entered by staff or a
     * deputy, who record the applicant's consent. A deputy who is not also the maslikhat's staff
     * registers it to themselves, so they can follow it up; `handled` says whether the person who
     * entered it may open it (a deputy whose account names no registry person may not).
     */
    async registerAtEvent(actor: Actor, input: NewQuestionInput, outreachEventId: string | null, formToken: string | null, context: ChangeContext, baseUrl: string, now: Date = new Date()): Promise<{ problems: FieldProblem[]; id?: string; handled?: boolean }> {
      const region = (await regions()).find((r) => r.areaId === input.areaId);
      if (!region || !can(actor, 'questions.register', { organizationId: region.organizationId })) return { problems: [{ field: 'region', messageKey: 'questions.regionMissing' }] };
      const asDeputy = !hasRole(actor, 'admin', 'secretariat') && !can(actor, 'questions.handle', { organizationId: region.organizationId });
      const assigneePersonId = asDeputy ? await repo.personOfAccount(db, actor.accountId) : null;
      const done = await registerOnce(formToken, input, (token) => register({ ...input, organizationId: region.organizationId, channel: 'event', consentRecordedBy: actor.accountId, outreachEventId, assigneePersonId }, context, baseUrl, now, token));
      return { problems: [], id: done.id, handled: !asDeputy || assigneePersonId !== null };
    },

    /** The questions raised at an outreach event: reference and state, for the event's office page. */
    atEvent: (eventId: string) => repo.listAtEvent(db, eventId),

    /** The applicant's view behind a tracking link; undefined for any token that is not one (a plain 404). */
    async track(token: string): Promise<TrackingView | undefined> {
      // The lookup is by the token's hash through a unique index: nothing to learn from timing.
      const q = await repo.findByTokenHash(db, hashToken(token));
      if (!q) return undefined;
      const events = await repo.listEvents(db, q.id);
      return {
        reference: q.reference,
        state: q.state,
        registeredOn: q.registeredOn,
        dueDate: q.dueDate,
        extendedDueDate: q.extendedDueDate,
        extensionReason: q.extensionReason,
        forwardedTo: q.forwardedTo,
        answer: q.answer,
        body: q.body,
        erased: q.personalDataErasedAt !== null,
        // Notes the applicant may read: where it was forwarded and why the deadline moved; never who acted.
        history: events.map((e) => ({ action: e.action, state: e.state, at: e.occurredAt, note: e.action === 'forwarded' || e.action === 'extended' ? e.note : null })),
      };
    },

    async list(actor: Actor, filter: { state: QuestionState | null; overdue: boolean }, page: number) {
      const today = todayInKazakhstan();
      return { today, ...(await repo.listQuestions(db, await scopeOf(actor), { ...filter, today }, pageWindow(page, questionsPageSize))) };
    },

    /**
     * The office's list as CSV in the page's language (the same scope and filters, up to
     * `questionsCsvLimit` rows, newest first); no applicant's name or contact in the file.
     */
    async csv(actor: Actor, filter: { state: QuestionState | null; overdue: boolean }, lang: Language): Promise<string> {
      const today = todayInKazakhstan();
      const { rows } = await repo.listQuestions(db, await scopeOf(actor), { ...filter, today }, { limit: questionsCsvLimit, offset: 0 });
      const t = (messageKey: Parameters<typeof translate>[1]) => translate(lang, messageKey);
      const header = [t('questions.reference'), t('questions.maslikhat'), t('questions.stateLabel'), t('questions.registeredOn'), t('questions.dueDate'), t('questions.overdue'), t('questions.assignee'), t('questions.channelLabel')];
      const lines = rows.map((r) => {
        const deadline = deadlineOf(r);
        return csvLine([
          r.reference,
          nameIn(lang, r.organizationName),
          translate(lang, `questions.state.${r.state}`),
          r.registeredOn,
          deadline ?? '',
          isOverdue(r, today) ? '1' : '0',
          r.assigneeName ? nameIn(lang, r.assigneeName) : t('questions.assigneeMaslikhat'),
          translate(lang, `questions.channel.${r.channel}`),
        ]);
      });
      return csvBom + csvLine(header) + lines.join('');
    },

    /** One question for the office: the record, its history, whom it may be assigned to, the last day to forward it. */
    async question(actor: Actor, id: string) {
      const q = await visible(actor, id);
      const today = todayInKazakhstan();
      const [history, deputies, forwardBy] = await Promise.all([repo.listEvents(db, id), repo.listDeputies(db, q.organizationId, today), this.forwardDeadline(q.registeredOn)]);
      return { question: q, history, deputies, forwardBy, today, extendUntil: q.dueDate ? addMonths(q.dueDate, extensionMonths) : null };
    },

    /** The last day a question registered on `day` may be forwarded; null when the calendar does not know it. */
    async forwardDeadline(day: string): Promise<string | null> {
      try {
        return (await calendar.dueDate(day, forwardWorkingDays)).due;
      } catch (err) {
        if (err instanceof UnknownCalendarYearError) return null;
        throw err;
      }
    },

    /**
     * One of the office's actions on a question, when `version` is the one read. Refusals come back
     * as problems at the action's fields; a stale version is a 409.
     */
    async act(actor: Actor, id: string, action: ActionName, answers: { version: number; assignee?: string | null; forwardedTo?: string; answer?: string; date?: string; reason?: string }, context: ChangeContext, pageLanguage: Language = actor.preferredLanguage): Promise<FieldProblem[]> {
      const q = await visible(actor, id);
      if (q.version !== answers.version) throw ConflictError();
      if (!actionFrom[action].includes(q.state)) return [{ field: 'action', messageKey: 'questions.actionNotNow' }];
      const now = new Date();
      const today = todayInKazakhstan(now);
      const lang = q.language;
      let set: Parameters<typeof repo.updateQuestion>[3];
      let state: QuestionState = q.state;
      let note: string | null = null;
      let mailLine: string;
      switch (action) {
        case 'take':
          state = 'in_work';
          set = { state };
          mailLine = translate(lang, 'questions.mail.taken', { reference: q.reference });
          break;
        case 'assign': {
          const assignee = answers.assignee ?? null;
          if (assignee && !(await repo.listDeputies(db, q.organizationId, today)).some((d) => d.personId === assignee)) return [{ field: 'assignee', messageKey: 'questions.assigneeMissing' }];
          set = { assignee_person_id: assignee };
          mailLine = translate(lang, 'questions.mail.assigned', { reference: q.reference });
          break;
        }
        case 'forward': {
          const lastDay = await this.forwardDeadline(q.registeredOn);
          if (!lastDay) return [{ field: 'forwardedTo', messageKey: 'questions.calendarUnknown' }];
          if (today > lastDay) return [{ field: 'forwardedTo', messageKey: 'questions.forwardTooLate', values: { days: forwardWorkingDays, date: formatDate(pageLanguage, lastDay) } }];
          state = 'forwarded';
          note = answers.forwardedTo ?? '';
          set = { state, forwarded_to: note, forwarded_at: now };
          mailLine = translate(lang, 'questions.mail.forwarded', { reference: q.reference, body: note });
          break;
        }
        case 'answer':
          state = 'answered';
          set = { state, answer: answers.answer ?? '', answered_at: now };
          mailLine = translate(lang, 'questions.mail.answered', { reference: q.reference, answer: answers.answer ?? '' });
          break;
        case 'close':
          state = 'closed';
          set = { state, closed_at: now };
          mailLine = translate(lang, 'questions.mail.closed', { reference: q.reference });
          break;
        case 'extend': {
          if (!q.dueDate) return [{ field: 'date', messageKey: 'questions.calendarUnknown' }];
          const date = answers.date ?? '';
          const until = addMonths(q.dueDate, extensionMonths);
          if (date <= deadlineOf(q)!) return [{ field: 'date', messageKey: 'questions.extendNotLater' }];
          if (date > until) return [{ field: 'date', messageKey: 'questions.extendTooFar', values: { date: formatDate(pageLanguage, until) } }];
          note = answers.reason ?? '';
          set = { extended_due_date: date, extension_reason: note };
          mailLine = translate(lang, 'questions.mail.extended', { reference: q.reference, due: formatDate(lang, date), reason: note });
          break;
        }
      }
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateQuestion(trx, q.id, q.version, set, now))) throw ConflictError();
        await repo.insertEvent(trx, { id: newId(), questionId: q.id, action: action === 'take' ? 'taken' : action === 'assign' ? 'assigned' : action === 'forward' ? 'forwarded' : action === 'answer' ? 'answered' : action === 'close' ? 'closed' : 'extended', state, actorAccountId: actor.accountId, note, at: now });
        await recordChange(trx, context, { entity: 'citizen_question', entityId: q.id, action, before: { state: q.state, assignee_person_id: q.assigneePersonId, due: deadlineOf(q) }, after: { state, ...set } });
      });
      await mailApplicant(q, 'questions.mail.subjectStep', [mailLine]);
      return [];
    },

    /**
     * For the outreach figures and open data: per maslikhat, the questions registered from `from` to
     * `to` — raised, answered, answered on time, forwarded, overdue now. Never an applicant's details.
     */
    figures: (range: { from: string; to: string; organizationIds?: readonly string[] }) => repo.countByOrganization(db, { ...range, today: todayInKazakhstan() }),

    async retention() {
      const s = await repo.readSetting(db);
      return { months: s.retentionMonths, version: s.version };
    },

    async setRetention(months: number, version: number, context: ChangeContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await repo.readSetting(trx);
        if (!(await repo.setRetention(trx, months, version, new Date()))) throw ConflictError();
        await recordChange(trx, context, { entity: 'citizen_question_setting', entityId: null, action: 'retention_changed', before: { retention_months: before.retentionMonths }, after: { retention_months: months } });
      });
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;

/** A name in the language, for views and mails. */
export const nameIn = (lang: Language, name: LocalizedText | null) => (name ? localize(lang, name).text : '');
