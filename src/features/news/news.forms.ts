// What comes in to the news pages: a meeting's press release (title, lead and body in each language)
// and the version a publish or unpublish was made from.
import { z } from 'zod';
import { fieldProblem, version } from '../../core/http/forms.js';
import { localizedText, textOrNull } from '../../core/i18n/localized-text.js';
import type { NewsContent } from './news.service.js';

/** Longest text kept per field; longer answers are refused (never cut), so nothing typed is lost. */
const limits = { title: 300, lead: 2000, body: 30_000 } as const;

const upTo = (max: number) => z.string().refine((v) => v.length <= max, { error: 'pressRelease.form.tooLong', params: { values: { max } } });

/** The version the form was opened at: empty when nothing was saved yet (the save creates the release). */
const openedVersion = z.string().transform((v) => (/^\d{1,9}$/.test(v) ? Number(v) : null));

export const pressReleaseForm = z
  .object({
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
  })
  .superRefine((a, ctx) => {
    if (!a.titleKk && !a.titleRu) ctx.addIssue(fieldProblem('titleKk', 'pressRelease.form.titleMissing'));
  });

export type PressReleaseForm = z.output<typeof pressReleaseForm>;

export function contentOf(a: PressReleaseForm): NewsContent {
  return {
    title: localizedText(a.titleKk, a.titleRu, a.titleEn),
    lead: textOrNull(localizedText(a.leadKk, a.leadRu, a.leadEn)),
    body: textOrNull(localizedText(a.bodyKk, a.bodyRu, a.bodyEn)),
  };
}

/** Publishing and unpublishing: the version the page showed. */
export const statusForm = z.object({ version: version() });
