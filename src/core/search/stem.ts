// Stemming by language: Kazakh by our own stemmer, Russian and English by PostgreSQL's Snowball
// configurations, exactly as the search index stems them.
//
// Why PostgreSQL for Russian and English rather than a JavaScript Snowball port: the search index
// is built with to_tsvector('russian' | 'english', …), so the stems that matter are PostgreSQL's.
// An in-memory PGlite (already a dependency; no data directory, no lock) runs the same dictionaries
// (russian_stem, english_stem), and going through the text search configuration also gives
// PostgreSQL's lower-casing, its stop words and its per-token choices (the 'russian' configuration
// stems a Latin word with english_stem, as the index does).
import type { PGlite } from '@electric-sql/pglite';
import { kazakhSearchKey, kazakhStem } from './kazakh-stemmer.js';

export const stemLanguages = ['kk', 'ru', 'en'] as const;
export type StemLanguage = (typeof stemLanguages)[number];

export const isStemLanguage = (value: string): value is StemLanguage => (stemLanguages as readonly string[]).includes(value);

export interface Stemmer {
  /**
   * The stems of the words of one line, separated by single spaces; '' for an empty line or one
   * made only of stop words (so an output line always answers one input line).
   */
  stem(line: string): Promise<string>;
  close(): Promise<void>;
}

export interface StemOptions {
  /** Kazakh: print the folded search key (kazakhSearchKey) instead of the Cyrillic stem. */
  key?: boolean;
}

const configurations = { ru: 'russian', en: 'english' } as const;

export async function openStemmer(language: StemLanguage, options: StemOptions = {}): Promise<Stemmer> {
  if (language === 'kk') {
    const one = options.key ? kazakhSearchKey : kazakhStem;
    return {
      stem: async (line) => line.split(/\s+/).filter(Boolean).map(one).filter(Boolean).join(' '),
      close: async () => {},
    };
  }
  const configuration = configurations[language];
  const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
  // In memory: nothing is written, and the app's data directory is neither opened nor locked.
  const pglite: PGlite = await PGliteClass.create({ postgresqlconf: ['shared_buffers = 16MB'] });
  return {
    async stem(line) {
      if (!line.trim()) return '';
      // ts_debug lists the tokens in order with the lexemes to_tsvector keeps for each (none for a
      // stop word; the whole and its parts for a hyphenated word).
      const { rows } = await pglite.query<{ stems: string }>(
        `select coalesce(string_agg(l.lexeme, ' ' order by d.n, l.n), '') as stems
           from ts_debug($1::regconfig, $2) with ordinality as d(alias, description, token, dictionaries, dictionary, lexemes, n),
                unnest(d.lexemes) with ordinality as l(lexeme, n)`,
        [configuration, line],
      );
      return rows[0]?.stems ?? '';
    },
    close: () => pglite.close(),
  };
}
