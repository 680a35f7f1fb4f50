// Text kept per language. Kazakh Latin is never stored: it is derived from Kazakh Cyrillic on display.
import { z } from 'zod';

export type StoredLanguage = 'kk' | 'ru' | 'en';
export type LocalizedText = Partial<Record<StoredLanguage, string>>;

/** A LocalizedText read from a file (reference and demo data): any of the three languages. */
export const localizedTextData = z.object({ kk: z.string().optional(), ru: z.string().optional(), en: z.string().optional() });

/** A text from its three language forms, leaving out the empty ones. */
export function localizedText(kk: string, ru: string, en = ''): LocalizedText {
  return { ...(kk ? { kk } : {}), ...(ru ? { ru } : {}), ...(en ? { en } : {}) };
}

/** The text, or null when it has no language at all (an optional field left empty). */
export function textOrNull(text: LocalizedText): LocalizedText | null {
  return Object.keys(text).length ? text : null;
}
