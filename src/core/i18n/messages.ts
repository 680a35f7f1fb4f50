// Interface messages: ICU MessageFormat in locales/{kk,ru,en}.json; Kazakh Latin derived from Kazakh.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { z } from 'zod';
import { localesDir } from '../paths.js';
import { defaultLanguage, isLanguage, type Language } from './languages.js';
import type { StoredLanguage } from './localized-text.js';
import { toKazakhLatin } from './transliterate.js';
import type enMessages from '../../../locales/en.json';

export type MessageKey = keyof typeof enMessages;
export type MessageValues = Record<string, PrimitiveType>;
export const messageLanguages: readonly StoredLanguage[] = ['kk', 'ru', 'en'];

const catalogues = new Map<StoredLanguage, Record<string, string>>();
/** A locales/<lang>.json: message key → ICU message. */
const catalogueFile = z.record(z.string(), z.string());

export function loadCatalogue(lang: StoredLanguage): Record<string, string> {
  let catalogue = catalogues.get(lang);
  if (!catalogue) {
    catalogue = catalogueFile.parse(JSON.parse(readFileSync(path.join(localesDir, `${lang}.json`), 'utf8')));
    catalogues.set(lang, catalogue);
  }
  return catalogue;
}

/** Rewrites the literal text of a parsed message, leaving arguments and plural keywords alone. */
function mapLiterals(elements: MessageFormatElement[], fn: (s: string) => string): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: fn(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, opt]) => [k, { ...opt, value: mapLiterals(opt.value, fn) }]),
      );
      return { ...el, options };
    }
    if (el.type === TYPE.tag) return { ...el, children: mapLiterals(el.children, fn) };
    return el;
  });
}

/**
 * Each language's compiled messages; a message without arguments is kept as its finished text (most
 * of a page's words: formatting them again on every render was about 2% of a page's CPU).
 */
const compiled = new Map<Language, Map<MessageKey, IntlMessageFormat | string>>();

function compile(lang: Language, key: MessageKey): IntlMessageFormat | string {
  let forLanguage = compiled.get(lang);
  if (!forLanguage) compiled.set(lang, (forLanguage = new Map()));
  let format = forLanguage.get(key);
  if (format !== undefined) return format;
  const source = lang === 'kk-latn' ? 'kk' : lang;
  const pattern = loadCatalogue(source)[key];
  if (pattern === undefined) throw new Error(`Message "${key}" is missing in ${source}.json`);
  const intlLocale = source;
  const message =
    lang === 'kk-latn'
      ? new IntlMessageFormat(mapLiterals(parse(pattern), toKazakhLatin), intlLocale)
      : new IntlMessageFormat(pattern, intlLocale);
  format = message.getAst().every((el) => el.type === TYPE.literal) ? String(message.format()) : message;
  forLanguage.set(key, format);
  return format;
}

/** Whether a value is one of our message keys (e.g. a zod message a schema gave as its own key). */
export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(loadCatalogue('en'), value);
}

const isMessageValue = (value: unknown) => value === null || value === undefined || value instanceof Date || ['string', 'number', 'bigint', 'boolean'].includes(typeof value);

/** Whether a value can fill a message's arguments: an object of strings, numbers, dates… */
export function isMessageValues(value: unknown): value is MessageValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isMessageValue);
}

export function translate(lang: Language, key: MessageKey, values?: MessageValues): string {
  // A language from outside the type (a request no hook has seen) falls back instead of opening locales/undefined.json.
  const format = compile(isLanguage(lang) ? lang : defaultLanguage, key);
  if (typeof format === 'string') return format;
  const result = format.format(values);
  return Array.isArray(result) ? result.join('') : String(result);
}
