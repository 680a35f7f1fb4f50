// Dates, times and numbers through Intl, in a place's IANA time zone; Kazakh Latin by transliteration.
import { languageTags, type Language } from './languages.js';
import type { LocalizedText, StoredLanguage } from './localized-text.js';
import { toKazakhLatin } from './transliterate.js';
import { rememberUpTo } from '../memo.js';

/** Kazakhstan's capital's zone; tzdata holds the 2024-03-01 move from UTC+6 to UTC+5. */
export const defaultTimeZone = 'Asia/Almaty';

const intlLocale = (lang: Language): string => (lang === 'kk-latn' ? 'kk' : lang);
/** British English writes "21 October 2020", as the interface's spelling is British. */
const dateLocale = (lang: Language): string => (lang === 'en' ? 'en-GB' : intlLocale(lang));
const latinIfNeeded = (lang: Language, s: string): string => (lang === 'kk-latn' ? toKazakhLatin(s) : s);

/**
 * Intl formatters, made once per locale and options: making one costs tens of microseconds (more
 * with a time zone), and a page formats hundreds of dates. The keys are few (languages × zones × styles).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function cachedDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Finished dates and times by what they were made from: pages show a few distinct dates many times
 * (a list of a hundred events on twenty days, the same meeting in several places), and one through
 * Intl costs 5–8 µs, Kazakh's official style with its rewriting the most.
 */
const remember = rememberUpTo<string>(5_000);

/** The calendar day of an instant in a zone, 'YYYY-MM-DD'. */
export const dayInZone = (instant: Date, timeZone: string): string =>
  remember(`day|${timeZone}|${instant.getTime()}`, () => cachedDateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant));

/** The date and the time (24-hour clock) of an instant on a zone's clock: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function clockInZone(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    cachedDateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const dateFormat = (lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => cachedDateTimeFormat(dateLocale(lang), options);

const isKazakh = (lang: Language): boolean => lang === 'kk' || lang === 'kk-latn';

/**
 * Kazakh dates in the official style, "2020 жылғы 21 қазан", so that "…күні" and "…күнгі жағдай
 * бойынша" read right after them; Intl (CLDR) abbreviates the year as "2020 ж. 21 қазан".
 */
function formatKazakh(format: Intl.DateTimeFormat, instant: Date): string {
  const parts = format.formatToParts(instant);
  return parts.map((p, i) => (p.type === 'literal' && parts[i - 1]?.type === 'year' && /^\s*ж\.\s*$/.test(p.value) ? ' жылғы ' : p.value)).join('');
}

/**
 * A calendar date ('YYYY-MM-DD'), without time-zone shifts. Kazakh has no abbreviated official
 * form, so its 'medium' is its 'long'; its 'short' keeps the four-digit year, "21.10.2020".
 */
export function formatDate(lang: Language, date: string, style: 'long' | 'medium' | 'short' = 'long'): string {
  return remember(`date|${lang}|${style}|${date}`, () => formatDateNow(lang, date, style));
}

function formatDateNow(lang: Language, date: string, style: 'long' | 'medium' | 'short'): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (!isKazakh(lang)) return dateFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(d);
  if (style === 'short') return dateFormat(lang, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(d);
  return latinIfNeeded(lang, formatKazakh(dateFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }), d));
}

/** An instant, shown in the given place's zone (with its historic offset for past dates). */
export function formatDateTime(lang: Language, instant: Date, timeZone: string = defaultTimeZone): string {
  return remember(`dateTime|${lang}|${timeZone}|${instant.getTime()}`, () => {
    const format = dateFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone });
    return isKazakh(lang) ? latinIfNeeded(lang, formatKazakh(format, instant)) : format.format(instant);
  });
}

/** The UTC offset of a zone at an instant, e.g. "GMT+06:00" → "+06:00". */
export function utcOffset(instant: Date, timeZone: string): string {
  return remember(`offset|${timeZone}|${instant.getTime()}`, () => {
    const part = cachedDateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName');
    const value = part?.value.replace('GMT', '') ?? '';
    return value === '' ? '+00:00' : value;
  });
}

export function formatTime(lang: Language, instant: Date, timeZone: string = defaultTimeZone): string {
  return remember(`time|${lang}|${timeZone}|${instant.getTime()}`, () =>
    latinIfNeeded(lang, dateFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(instant)),
  );
}

/** A local date and time in a zone, as the instant it names (Intl knows the zone's offset on that day). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const offsetOf = (at: Date) => {
    const parts = cachedDateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(parts);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  return new Date(guess.getTime() - offsetOf(guess) * 60_000);
}

export function formatNumber(lang: Language, n: number): string {
  const locale = intlLocale(lang);
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f.format(n);
}

const fallbackOrder: Record<Language, StoredLanguage[]> = {
  kk: ['kk', 'ru', 'en'],
  'kk-latn': ['kk', 'ru', 'en'],
  ru: ['ru', 'kk', 'en'],
  en: ['en', 'ru', 'kk'],
};

export interface Localized {
  text: string;
  /** The language the text is actually in (as a BCP 47 tag), for a lang attribute. */
  tag: string;
  /** True when the text is not in the requested language. */
  fallback: boolean;
}

/** Picks a stored text for a language, falling back in a fixed order; Kazakh Latin is derived. */
export function localize(lang: Language, text: LocalizedText | null | undefined): Localized {
  for (const candidate of fallbackOrder[lang]) {
    const value = text?.[candidate];
    if (value) {
      if (lang === 'kk-latn' && candidate === 'kk') return { text: toKazakhLatin(value), tag: 'kk-Latn', fallback: false };
      const wanted = lang === 'kk-latn' ? 'kk' : lang;
      return { text: value, tag: candidate, fallback: candidate !== wanted };
    }
  }
  return { text: '', tag: lang === 'kk-latn' ? 'kk-Latn' : lang, fallback: true };
}

/** Letters of Kazakh Cyrillic that Russian has not: a text with one of them is Kazakh. */
const kazakhOnlyLetters = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;

/**
 * The language of a text kept without one (a line typed by staff, a file name): Kazakh when it has
 * a letter only Kazakh has, else unknown — Russian and a short Kazakh name look alike.
 */
export function guessLanguage(text: string): StoredLanguage | null {
  return kazakhOnlyLetters.test(text) ? 'kk' : null;
}

export interface Recorded {
  text: string;
  /** The BCP 47 tag of the text as shown, for a lang attribute. */
  tag: string;
  /** True when the text is in another language than the page's (it needs its own lang). */
  foreign: boolean;
}

/**
 * A text recorded in one language — a quotation, a line typed by staff — as a page in `lang` shows
 * it: Kazakh in Latin on Kazakh Latin pages (the script is derived, as for stored texts), anything
 * else as it was recorded. Without a language, Kazakh is recognised by its letters (guessLanguage);
 * a text still unknown is shown as it is, unmarked.
 */
export function showRecorded(lang: Language, text: string, language?: StoredLanguage | null): Recorded {
  const recorded = language ?? guessLanguage(text);
  const page = lang === 'kk-latn' ? 'kk' : lang;
  if (recorded === 'kk' && lang === 'kk-latn') return { text: toKazakhLatin(text), tag: 'kk-Latn', foreign: false };
  if (recorded === null || recorded === page) return { text, tag: languageTags[lang], foreign: false };
  return { text, tag: recorded, foreign: true };
}

/** All four forms of a stored text (for the API), Kazakh Latin derived. */
export function allForms(text: LocalizedText | null | undefined): Record<Language, string | null> {
  return {
    kk: text?.kk ?? null,
    'kk-latn': text?.kk ? toKazakhLatin(text.kk) : null,
    ru: text?.ru ?? null,
    en: text?.en ?? null,
  };
}
