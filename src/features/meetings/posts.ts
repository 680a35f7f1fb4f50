// A person's post on a meeting's day as the minutes and the press release write it: the title
// joined to the organisation's name of that day ("Батыс Қазақстан облыстық мәслихатының хатшысы",
// "секретарь Западно-Казахстанского областного маслихата", "secretary of the West Kazakhstan
// Regional Maslikhat").
//
// Joining needs the name in the genitive. Kazakh endings follow the last letter and vowel, so
// they are added by rule; Russian is declined only for names built as adjectives before a head
// noun of a known ending ("Западно-Казахстанский областной маслихат", "Республиканское
// общественное объединение «…»"). Where a name cannot be declined safely, no post is written
// rather than a wrong one: the person is named alone.
import { localize } from '../../core/i18n/format.js';
import type { LocalizedText, StoredLanguage } from '../../core/i18n/localized-text.js';
import type { PostRow } from './public.repository.js';

/** A person's post in this language, from the first of their posts that can be written; else null. */
export function postOf(lang: StoredLanguage, posts: PostRow[], personId: string): string | null {
  for (const post of posts) {
    if (post.personId !== personId) continue;
    const text = postText(lang, post);
    if (text) return text;
  }
  return null;
}

/** Text in exactly this language, or '' (a post in another language would stand untranslated). */
function own(lang: StoredLanguage, text: LocalizedText | null): string {
  const l = localize(lang, text);
  return l.fallback ? '' : l.text.trim();
}

/**
 * One post in one language. A role title ("мәслихат хатшысы") or a one-word label ("төраға")
 * names the post without its organisation, so the organisation's name is joined to it; a label of
 * several words ("Сенат Төрағасының орынбасары") is the post written out in full, used as it is.
 */
export function postText(lang: StoredLanguage, post: PostRow): string | null {
  const name = own(lang, post.organizationName);
  if (post.roleTitle) {
    const title = own(lang, post.roleTitle);
    return title && name ? join(lang, bareTitle(lang, title, true), name) : null;
  }
  const label = own(lang, post.label);
  if (!label) return null;
  if (/\s/u.test(label)) return label;
  return name ? join(lang, bareTitle(lang, label, false), name) : null;
}

/**
 * The title without the generic organisation a role title names: kk "мәслихат хатшысы" →
 * "хатшысы" (already in the possessive), a bare kk label "төраға" → "төрағасы"; ru "секретарь
 * маслихата" → "секретарь"; en "secretary of the maslikhat" → "secretary".
 */
function bareTitle(lang: StoredLanguage, title: string, generic: boolean): string {
  const words = title.split(/\s+/u);
  if (lang === 'kk') return generic && words.length > 1 ? words.at(-1)! : kkPossessive(words.at(-1)!);
  if (lang === 'ru') return generic && words.length > 1 ? words[0]! : title;
  return title.replace(/\s+of\s+the\s+.*$/iu, '');
}

function join(lang: StoredLanguage, title: string, name: string): string | null {
  if (lang === 'kk') {
    const genitive = kkGenitive(name);
    return genitive ? `${genitive} ${title}` : null;
  }
  if (lang === 'ru') {
    const genitive = ruGenitive(name);
    return genitive ? `${title} ${genitive}` : null;
  }
  return `${title} of ${/^the\s/iu.test(name) ? name : `the ${name}`}`;
}

const kkBackVowels = 'аоұыуя';
const kkFrontVowels = 'әөүіеэи';
const kkVowels = `${kkBackVowels}${kkFrontVowels}ю`;

/** Whether a Kazakh word takes back-vowel endings (by its last vowel), or null when it has none. */
function kkIsBack(word: string): boolean | null {
  for (const ch of [...word.toLocaleLowerCase('kk')].toReversed()) {
    if (kkBackVowels.includes(ch)) return true;
    if (kkFrontVowels.includes(ch)) return false;
  }
  return null;
}

/** The genitive of a Kazakh name (its last word takes the ending): "мәслихаты" → "мәслихатының"; null when the name ends in a mark. */
export function kkGenitive(name: string): string | null {
  const last = name.trim().toLocaleLowerCase('kk').at(-1);
  const back = kkIsBack(name);
  if (!last || back === null || !/\p{L}/u.test(last)) return null;
  const [n, d, t] = back ? ['ның', 'дың', 'тың'] : ['нің', 'дің', 'тің'];
  const ending = kkVowels.includes(last) || 'мнң'.includes(last) ? n : 'лрйжз'.includes(last) ? d : t;
  return `${name.trim()}${ending}`;
}

/** The third person possessive of a Kazakh noun: "төраға" → "төрағасы", "директор" → "директоры", "бастық" → "бастығы". */
export function kkPossessive(word: string): string {
  const last = word.toLocaleLowerCase('kk').at(-1) ?? '';
  const back = kkIsBack(word) ?? true;
  if (kkVowels.includes(last)) return `${word}${back ? 'сы' : 'сі'}`;
  const stem = word.slice(0, -1) + ({ к: 'г', қ: 'ғ', п: 'б' }[last] ?? last);
  return `${stem}${back ? 'ы' : 'і'}`;
}

/** Adjective endings and their genitive: "-ский" → "-ского", "-ная" → "-ной". */
const ruAdjectives: [RegExp, string][] = [
  [/([кгхчшщжц])ий$/u, '$1ого'],
  [/ий$/u, 'его'],
  [/ый$/u, 'ого'],
  [/ой$/u, 'ого'],
  [/ое$/u, 'ого'],
  [/ее$/u, 'его'],
  [/([кгхчшщжц])ая$/u, '$1ой'],
  [/ая$/u, 'ой'],
  [/яя$/u, 'ей'],
];

/** Head noun endings and their genitive; a noun of another ending is not declined. */
const ruNouns: [RegExp, string][] = [
  [/ие$/u, 'ия'],
  [/ия$/u, 'ии'],
  [/([кгхчшщж])а$/u, '$1и'],
  [/а$/u, 'ы'],
  [/о$/u, 'а'],
  [/([бвгдзклмнпрстфхцчшщж])$/u, '$1а'],
];

/**
 * The genitive of a Russian name made of adjectives and then its head noun, the rest unchanged
 * ("Западно-Казахстанский областной маслихат" → "Западно-Казахстанского областного маслихата";
 * "Республиканское общественное объединение «Союз юристов Казахстана»" → "Республиканского
 * общественного объединения «Союз юристов Казахстана»"). Null for any other shape.
 */
export function ruGenitive(name: string): string | null {
  const words = name.trim().split(/\s+/u);
  const out: string[] = [];
  for (const [index, word] of words.entries()) {
    const adjective = ruAdjectives.find(([ending]) => ending.test(word));
    if (adjective && index < words.length - 1) {
      out.push(word.replace(adjective[0], adjective[1]));
      continue;
    }
    // The head noun: a word of letters only (not a quoted name, not an abbreviation).
    if (!/^\p{Ll}+$/u.test(word.slice(1)) || !/^\p{L}/u.test(word)) return null;
    const noun = ruNouns.find(([ending]) => ending.test(word));
    if (!noun) return null;
    out.push(word.replace(noun[0], noun[1]), ...words.slice(index + 1));
    return out.join(' ');
  }
  return null;
}
