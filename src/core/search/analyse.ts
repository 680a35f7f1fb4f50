// How the search index and its queries see text: one analysis for documents and queries alike.
//
// - Kazakh: every word's search key (kazakh-stemmer.ts: Latin read into Cyrillic, inflections
//   stripped, the stem folded to plain Latin), built here into a tsvector literal with positions and
//   the title's weight (A), so that мәслихаттардың, mäslihat and маслихат all meet "maslihat", while
//   заңгер ("lawyer", a derived word) keeps its own key apart from заң ("law").
// - Russian and English: PostgreSQL's own 'russian' and 'english' configurations (Snowball), over
//   lightly folded text (lower case, ё as е, no accents), in SQL.
// The same functions analyse a query, so a query matches exactly what its words' keys match.
import { sql, type RawBuilder } from 'kysely';
import { kazakhSearchKey } from './kazakh-stemmer.js';
import { foldForSearch } from '../text/fold.js';
import { rememberUpTo } from '../memo.js';

export const searchLanguages = ['kk', 'ru', 'en'] as const;
export type SearchLanguage = (typeof searchLanguages)[number];

/** How much of a document's body is indexed and kept for snippets. */
export const maxBodyLength = 20_000;
/** How much of a query is read (a longer query is cut): enough for any sentence people type. */
export const maxQueryLength = 200;
/** How many words of a query are used. */
export const maxQueryWords = 12;
/** The highest position a tsvector keeps (PostgreSQL's limit). */
const maxPosition = 16_383;

const configurations = { ru: 'russian', en: 'english' } as const;

/** The words of a text, as the analysers and the highlighter split it (letters and digits, hyphenated parts joined). */
export const wordPattern = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Control characters (and the highlight markers) removed from anything indexed or shown. */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Plain text for the index: control characters removed, white space kept simple, bounded. */
export function cleanText(text: string, max = maxBodyLength): string {
  return text.replace(controlCharacters, ' ').replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim().slice(0, max);
}

/** Russian and English text as their configurations read it: lower case, ё as е (as people type it). */
export function lightFold(text: string): string {
  return text.toLowerCase().normalize('NFC').replaceAll('ё', 'е');
}

/** Words already analysed (texts repeat their words; stemming one costs tens of microseconds). */
const rememberKeys = rememberUpTo<string[]>(50_000);

/** The Kazakh search keys of one word (a hyphenated word or a stem folded to two words gives two). */
export function kazakhKeysOf(word: string): string[] {
  return rememberKeys(word, () => kazakhSearchKey(word).split(' ').filter(Boolean));
}

/** A tsvector literal from the Kazakh keys of a title (weight A) and a body (weight D), with positions. */
export function kazakhVector(title: string, body: string): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (text: string, weight: 'A' | '') => {
    for (const [word] of text.matchAll(wordPattern)) {
      for (const key of kazakhKeysOf(word)) {
        position = Math.min(position + 1, maxPosition);
        let list = positions.get(key);
        if (!list) positions.set(key, (list = []));
        if (list.length < 256) list.push(`${position}${weight}`);
      }
    }
  };
  add(title, 'A');
  add(body, '');
  // Keys are folded to [a-z0-9], so they need no escaping inside the quotes.
  return [...positions].map(([key, list]) => `'${key}':${list.join(',')}`).join(' ');
}

/** The SQL that builds a document's tsvector in its language. */
export function documentVector(language: SearchLanguage, title: string, body: string): RawBuilder<string> {
  if (language === 'kk') return sql<string>`${kazakhVector(title, body)}::tsvector`;
  const configuration = sql.lit(configurations[language]);
  return sql<string>`setweight(to_tsvector(${configuration}::regconfig, ${lightFold(title)}), 'A') || to_tsvector(${configuration}::regconfig, ${lightFold(body)})`;
}

/** A query as each language's analysis reads it. */
export interface AnalysedQuery {
  /** The query as read (cut to maxQueryLength, control characters removed). */
  text: string;
  /** The Kazakh keys, each a word of the query (all must match). */
  kazakhKeys: string[];
  /** The text given to plainto_tsquery for Russian and English (operators mean nothing there). */
  folded: string;
  /** The query folded to plain Latin, for the title trigram match and boost. */
  latin: string;
  /** True when the query has no word at all (only punctuation, or nothing). */
  empty: boolean;
}

export function analyseQuery(q: string): AnalysedQuery {
  const text = cleanText(q, maxQueryLength).replace(/\s+/g, ' ');
  const words = [...text.matchAll(wordPattern)].map((m) => m[0]).slice(0, maxQueryWords);
  const kazakhKeys = [...new Set(words.flatMap(kazakhKeysOf))];
  const joined = words.join(' ');
  return { text, kazakhKeys, folded: lightFold(joined), latin: foldForSearch(joined), empty: words.length === 0 };
}

/** The Kazakh keys as a tsquery (every key must be there); keys are [a-z0-9] only. */
export function kazakhTsQuery(query: AnalysedQuery): RawBuilder<string> {
  return sql<string>`to_tsquery('simple', ${query.kazakhKeys.length ? query.kazakhKeys.join(' & ') : ''})`;
}

export function languageTsQuery(language: Exclude<SearchLanguage, 'kk'>, query: AnalysedQuery): RawBuilder<string> {
  return sql<string>`plainto_tsquery(${sql.lit(configurations[language])}::regconfig, ${query.folded})`;
}

export const configurationOf = (language: Exclude<SearchLanguage, 'kk'>) => configurations[language];

/** Markers around a hit inside a snippet (never in indexed text: control characters are removed). */
export const markStart = '\u0002';
export const markEnd = '\u0003';

// eslint-disable-next-line no-control-regex
const markers = /([\u0002\u0003])/;

/** One piece of a snippet: text, marked when it is a hit. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** A marked string (markStart…markEnd) as parts. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  for (const piece of marked.split(markers)) {
    if (piece === markStart) hit = true;
    else if (piece === markEnd) hit = false;
    else if (piece) {
      const last = parts.at(-1);
      if (last && last.hit === hit) last.text += piece;
      else parts.push({ text: piece, hit });
    }
  }
  return parts;
}

/**
 * A Kazakh snippet: the words whose keys the query has are marked; for a body, a window of about
 * `words` words around the first hit (the beginning when there is none).
 */
export function kazakhHighlight(text: string, keys: string[], options: { whole?: boolean; words?: number } = {}): string {
  const wanted = new Set(keys);
  const matches = [...text.matchAll(wordPattern)];
  const isHit = (word: string) => kazakhKeysOf(word).some((key) => wanted.has(key));
  const hits = matches.map((m) => isHit(m[0]));
  const size = options.words ?? 30;
  let from = 0;
  let to = text.length;
  if (!options.whole && matches.length > size) {
    const first = Math.max(0, hits.indexOf(true));
    const startWord = Math.max(0, Math.min(first - Math.floor(size / 3), matches.length - size));
    const endWord = Math.min(matches.length, startWord + size) - 1;
    from = matches[startWord]!.index;
    to = matches[endWord]!.index + matches[endWord]![0].length;
  }
  let out = from > 0 ? '… ' : '';
  let at = from;
  matches.forEach((m, i) => {
    if (m.index < from || m.index >= to || !hits[i]) return;
    out += text.slice(at, m.index) + markStart + m[0] + markEnd;
    at = m.index + m[0].length;
  });
  out += text.slice(at, to) + (to < text.length ? ' …' : '');
  return out;
}
