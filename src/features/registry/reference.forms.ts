// The reference data administrators keep: which organisation the platform serves, institutions'
// names and dates, and areas' names and population figures.
import { z } from 'zod';
import { choice, fieldProblem, optionalDate, requiredText, text, version, wholeNumber } from '../../core/http/forms.js';
import { flagQuery } from '../../core/http/params.js';
import { formatDate } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { localizedText } from '../../core/i18n/localized-text.js';

const isDate = (v: string | null): v is string => v !== null && z.iso.date().safeParse(v).success;

/** `?saved=1` after a change, for the notice. */
export const savedQuery = z.object({ saved: flagQuery });

/** The organisation the platform serves: one of the institutions that can be it. */
export const homeForm = (slugs: readonly string[]) => z.object({ organization: choice(slugs, 'people.organizationMissing') });

/**
 * An institution's names and dates. A new name (renamedFrom) starts after the current one did: an
 * earlier day would leave the current name ending before it began.
 */
export const organizationForm = (lang: Language, currentFrom: string | null | undefined) =>
  z
    .object({
      nameKk: requiredText('decisionForm.titleKkMissing'),
      nameRu: requiredText('decisionForm.titleRuMissing'),
      nameEn: text(),
      shortKk: text(),
      shortRu: text(),
      shortEn: text(),
      renamedFrom: optionalDate('people.dateInvalid'),
      foundingDate: optionalDate('people.dateInvalid'),
      dissolutionDate: optionalDate('people.dateInvalid'),
      descriptionKk: text(5000),
      descriptionRu: text(5000),
      descriptionEn: text(5000),
      version: version(),
    })
    .superRefine((a, ctx) => {
      if (isDate(a.foundingDate) && isDate(a.dissolutionDate) && a.dissolutionDate < a.foundingDate) ctx.addIssue(fieldProblem('dissolutionDate', 'people.dateOrder'));
      if (isDate(a.renamedFrom) && currentFrom && a.renamedFrom <= currentFrom) {
        ctx.addIssue(fieldProblem('renamedFrom', 'reference.renamedNotAfterCurrent', { date: formatDate(lang, currentFrom) }));
      }
    });

export function organizationInput(a: z.output<ReturnType<typeof organizationForm>>) {
  const optional = (kk: string, ru: string, en: string) => {
    const value = localizedText(kk, ru, en);
    return Object.keys(value).length ? value : null;
  };
  return {
    name: localizedText(a.nameKk, a.nameRu, a.nameEn),
    shortName: optional(a.shortKk, a.shortRu, a.shortEn),
    renamedFrom: a.renamedFrom,
    foundingDate: a.foundingDate,
    dissolutionDate: a.dissolutionDate,
    description: optional(a.descriptionKk, a.descriptionRu, a.descriptionEn),
  };
}

/**
 * An area's name. The current name ends the day before a new one: that day must not come before
 * the current name's first day, nor after the area's last.
 */
export const areaNameForm = (lang: Language, area: { currentFrom: string | null; validTo: string | null }) =>
  z
    .object({
      nameKk: requiredText('areasAdmin.nameKkMissing'),
      nameRu: requiredText('areasAdmin.nameRuMissing'),
      nameEn: text(),
      renamedFrom: optionalDate('people.dateInvalid'),
      version: version(),
    })
    .superRefine((a, ctx) => {
      if (!isDate(a.renamedFrom)) return;
      if (area.currentFrom && a.renamedFrom <= area.currentFrom) ctx.addIssue(fieldProblem('renamedFrom', 'reference.renamedNotAfterCurrent', { date: formatDate(lang, area.currentFrom) }));
      else if (area.validTo && a.renamedFrom > area.validTo) ctx.addIssue(fieldProblem('renamedFrom', 'areasAdmin.renamedAfterEnd', { date: formatDate(lang, area.validTo) }));
    });

/** The oldest figure worth keeping: the first general census of 1897 predates the areas; 1900 is a plain floor. */
const firstYear = 1900;

/** A population figure: the year (1900 to this year), the number (spaces between thousands allowed), and where it comes from. */
export const populationForm = (thisYear: number) =>
  z.object({
    year: wholeNumber('areasAdmin.yearMissing', 'areasAdmin.yearInvalid', { min: firstYear, max: thisYear, values: { from: String(firstYear), to: String(thisYear) } }),
    population: wholeNumber('areasAdmin.populationMissing', 'areasAdmin.populationInvalid', { max: 999_999_999 }),
    source: requiredText('areasAdmin.sourceMissing'),
    version: version(),
  });
