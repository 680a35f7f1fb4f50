// What comes in to the news pages: a meeting's press release or a news item of its own (title, lead
// and body in each language; an item its category), the version a publish or unpublish was made
// from, a scheduled publication time, and the lead photo's alt text.
import { z } from 'zod';
import { choice, fieldProblem, requiredDate, text, version } from '../../core/http/forms.js';
import { zonedInstant } from '../../core/i18n/format.js';
import { localizedText, textOrNull } from '../../core/i18n/localized-text.js';
import type { NewsContent } from './news.service.js';

/** Longest text kept per field; longer answers are refused (never cut), so nothing typed is lost. */
const limits = { title: 300, lead: 2000, body: 30_000, alt: 500 } as const;

/** Cross-field checks run even when a field is wrong, so every problem shows at once. */
const always = { when: () => true };

const upTo = (max: number) => z.string().refine((v) => v.length <= max, { error: 'pressRelease.form.tooLong', params: { values: { max } } });

/** The version the form was opened at: empty when nothing was saved yet (the save creates the release). */
const openedVersion = z.string().transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : null));

const contentShape = {
  titleKk: upTo(limits.title),
  titleRu: upTo(limits.title),
  titleEn: upTo(limits.title),
  leadKk: upTo(limits.lead),
  leadRu: upTo(limits.lead),
  leadEn: upTo(limits.lead),
  bodyKk: upTo(limits.body),
  bodyRu: upTo(limits.body),
  bodyEn: upTo(limits.body),
  version: openedVersion,
};

const titleGiven = (a: { titleKk: string; titleRu: string }, ctx: z.RefinementCtx) => {
  if (!a.titleKk && !a.titleRu) ctx.addIssue(fieldProblem('titleKk', 'pressRelease.form.titleMissing'));
};

export const pressReleaseForm = z.object(contentShape).superRefine(titleGiven);

/** A news item of its own: the press release's fields and its category (one of `categories`). */
export const newsItemForm = (categories: readonly string[]) => z.object({ category: choice(categories, 'news.form.categoryMissing'), ...contentShape }).superRefine(titleGiven, always);

export type PressReleaseForm = z.output<typeof pressReleaseForm>;

export function contentOf(a: PressReleaseForm): NewsContent {
  return {
    title: localizedText(a.titleKk, a.titleRu, a.titleEn),
    lead: textOrNull(localizedText(a.leadKk, a.leadRu, a.leadEn)),
    body: textOrNull(localizedText(a.bodyKk, a.bodyRu, a.bodyEn)),
  };
}

/** Publishing and unpublishing: the version the page showed. */
export const statusForm = z.object({ version: version(), from: z.string().transform((v) => (v === 'item' ? 'item' : 'release')) });

/** Publication time in Kazakhstan's time (Asia/Almaty), as entered in the office. */
export const newsTimeZone = 'Asia/Almaty';

/**
 * A scheduled publication: a day and a time in Kazakhstan, stored as the instant it names, which
 * must be later than `now` (publishing now is its own button).
 */
export const scheduleForm = (now: Date) =>
  z
    .object({
      date: requiredDate('news.schedule.dateMissing', 'news.schedule.dateInvalid'),
      time: text(10).refine((v) => timePattern.test(v), { error: 'news.schedule.timeInvalid' }),
      version: version(),
    })
    .superRefine((a, ctx) => {
      if (a.date && timePattern.test(a.time) && scheduledAt(a).getTime() <= now.getTime()) ctx.addIssue(fieldProblem('date', 'news.schedule.past'));
    });

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant a scheduling form's day and time name in Kazakhstan. */
export const scheduledAt = (a: { date: string; time: string }): Date => zonedInstant(a.date, a.time, newsTimeZone);

/**
 * The lead photo's alt text: required in each language the item is written in (its title's
 * languages), so a reader of any of them learns what the photo shows.
 */
export const photoForm = (languagesWritten: readonly ('kk' | 'ru' | 'en')[]) =>
  z
    .object({ altKk: upTo(limits.alt), altRu: upTo(limits.alt), altEn: upTo(limits.alt), version: version() })
    .superRefine((a, ctx) => {
      const given = { kk: a.altKk.trim(), ru: a.altRu.trim(), en: a.altEn.trim() };
      for (const l of languagesWritten) {
        const field = l === 'kk' ? 'altKk' : l === 'ru' ? 'altRu' : 'altEn';
        if (!given[l]) ctx.addIssue(fieldProblem(field, `news.photo.altMissing.${l}`));
      }
    }, always);

/** A category's name: in Kazakh and Russian at least (English optional), up to 100 characters each. */
export const categoryForm = z.object({
  nameKk: upTo(100).refine((v) => v.trim() !== '', { error: 'news.categoriesOffice.nameKkMissing' }),
  nameRu: upTo(100).refine((v) => v.trim() !== '', { error: 'news.categoriesOffice.nameRuMissing' }),
  nameEn: upTo(100),
  version: version(),
});
