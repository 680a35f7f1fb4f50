// How an imported table's header cells are read: each names a column, in one of our languages or by
// an alias, compared loosely (case, ё, the required mark, quotes and punctuation do not matter).
import type { StoredLanguage } from '../i18n/localized-text.js';

/** A column as its header names it: the name in each language and other names people use for it. */
export interface NamedColumn<K extends string> {
  key: K;
  header: Record<StoredLanguage, string>;
  aliases?: readonly string[];
}

export interface HeaderMatch<K extends string> {
  key: K;
  /** The language of the name the cell used, when only one language uses it; null for an alias or a shared name. */
  language: StoredLanguage | null;
}

/** A header cell as compared: lowercase, ё as е, the required mark, brackets, quotes and punctuation as spaces. */
export function normalizeHeaderText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[*№#:.,"«»“”()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Finds the column a header cell names; `normalize` says what two cells have to share to be the same name. */
export function headerMatcher<K extends string>(columns: readonly NamedColumn<K>[], normalize: (text: string) => string = normalizeHeaderText): (text: string) => HeaderMatch<K> | undefined {
  const index = new Map<string, HeaderMatch<K>>();
  for (const column of columns) {
    for (const language of ['kk', 'ru', 'en'] as const) {
      const normalized = normalize(column.header[language]);
      const known = index.get(normalized);
      // A name two languages share ("Партия") says nothing about the file's language.
      index.set(normalized, { key: column.key, language: known && known.language !== language ? null : language });
    }
  }
  for (const column of columns) {
    for (const alias of column.aliases ?? []) {
      const normalized = normalize(alias);
      if (!index.has(normalized)) index.set(normalized, { key: column.key, language: null });
    }
  }
  return (text) => index.get(normalize(text));
}

/** A header row's language: the language most of its cells are written in (Russian on a tie, English last). */
export function headerLanguage(languages: readonly (StoredLanguage | null)[]): StoredLanguage {
  const count = (l: StoredLanguage) => languages.filter((x) => x === l).length;
  const [kk, ru, en] = [count('kk'), count('ru'), count('en')];
  if (en > kk && en > ru) return 'en';
  return kk > ru ? 'kk' : 'ru';
}
