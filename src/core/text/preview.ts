// A long text made short for a link preview or a search result: whole sentences up to a length
// (X shows at most 200 characters of a card's description; search engines cut snippets about there),
// else its first words and "…".
import { rememberUpTo } from '../memo.js';

/** Short forms already made: a page's head asks for the same few descriptions on every render. */
const remember = rememberUpTo<string>(200);

/** Sentence splitters per language (the platform's, Intl.Segmenter, knows Kazakh and Russian abbreviations). */
const splitters = new Map<string, Intl.Segmenter>();

function splitter(locale: string): Intl.Segmenter {
  let s = splitters.get(locale);
  if (!s) splitters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  return s;
}

function shorten(text: string, locale: string, max: number): string {
  const whole = text.replace(/\s+/g, ' ').trim();
  if (whole.length <= max) return whole;
  let kept = '';
  for (const { segment } of splitter(locale).segment(whole)) {
    if ((kept + segment).trimEnd().length > max) break;
    kept += segment;
  }
  if (kept.trim()) return kept.trim();
  // A first sentence longer than the limit: its words up to the limit, and an ellipsis.
  // Not between the two halves of a character outside the BMP (an emoji): the half alone is no character.
  const end = /[\uD800-\uDBFF]/.test(whole.charAt(max - 2)) ? max - 2 : max - 1;
  const cut = whole.slice(0, end);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** `text` in at most `max` characters: its first sentences, else its first words and "…"; spaces collapsed. */
export function previewText(text: string, locale: string, max = 200): string {
  return remember(`${locale}|${max}|${text}`, () => shorten(text, locale, max));
}
