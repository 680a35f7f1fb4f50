// Kazakh suffix-stripping stemmer for search: related word forms (заңдарды, заңның, заң) meet one stem.
//
// There is no Snowball stemmer for Kazakh. This follows the published light-stemmer idea (strip
// endings from a list, keep a minimum stem, respect vowel harmony), written here from the grammar,
// with two additions: endings are stripped in their real order, in layers, and every ending is
// accepted only after the sounds it really follows.
//
// A noun form is  stem (+ derivation) + plural + possessive + case + personal ending.
// Derivation is never stripped: -шы/-ші (сайлаушы), -гер/-кер (заңгер), -лық/-лік (басшылық),
// -шылық, -сыз/-сіз, -дар (хабардар) stay, so заңгер does not meet заң. The inflections are
// stripped from the outside in, each layer at most once:
//
//   1. personal (predicate) ending: 1sg -мын/-мін/-бын/-бін/-пын/-пін, 1pl -мыз/-міз/-быз/-біз/-пыз/-піз,
//      2sg -сың/-сің  (депутатпыз "we are deputies" → депутат). The 2sg polite -сыз/-сіз is left
//      alone: it is spelt like the derivational "without" (жұмыссыз "jobless" ≠ жұмыс).
//   2. case: genitive -ның/-нің/-дың/-дің/-тың/-тің; accusative -ны/-ні/-ды/-ді/-ты/-ті, -н after a
//      3rd-person possessive; dative -ға/-ге/-қа/-ке, -на/-не after a 3rd-person possessive;
//      locative -да/-де/-та/-те, -нда/-нде; ablative -дан/-ден/-тан/-тен/-нан/-нен; instrumental
//      -мен/-бен/-пен (-менен…); the attributive locative -дағы/-дегі/-тағы/-тегі/-ндағы/-ндегі.
//   3. possessive: 3rd person -сы/-сі after a vowel, -ы/-і after a consonant; 1pl -мыз/-міз,
//      -ымыз/-іміз; 2nd person polite -ңыз/-ңіз, -ыңыз/-іңіз. The 1sg and 2sg -(ы)м, -(ы)ң are not
//      stripped: they are spelt like the ends of too many stems (адам, заң, білім, бөлім, мың).
//   4. plural: -лар/-лер after a vowel or р, у, й; -дар/-дер after л, м, н, ң, ж, з; -тар/-тер
//      after a voiceless consonant.
//
// Harmony: an ending with a back vowel (а, ы) follows a stem whose vowels are back (а, о, ұ, ы),
// a front one (е, і) a front stem (ә, е, ө, ү, і); и, у, ю say nothing, so loans such as министр
// take either, and so do stems with both kinds (парламент, Тоқаев). The consonant at the joint must agree too (заңдар, not заңлар; хабардар is not
// хабар + -дар, because after р the plural is -лар). These two checks keep loans such as Америка or
// практика whole: -ка is not a Kazakh dative (it is -қа or -ке).
//
// After stripping, the stem is repaired: a stem that lost its last vowel before a vowel-initial
// ending is restored from a list (орны → орын, халқы → халық), and a final б, г, ғ becomes п, к, қ
// (кітабы → кітап, жүрегі → жүрек, құлағы → құлақ). The devoicing is applied to every stem, also to
// an unchanged word (клуб → клуп), so that клуб and клубы meet: a stem is a search key, not a
// dictionary form. A stem keeps at least two letters and one vowel; a few endings want three
// (unless the shorter stem is a known one).
//
// Where a word splits two ways (органы: орган + -ы or орга + -ны; кеңесі: кеңес + -і or кеңе + -сі),
// the parse whose stem is in a short list of known stems wins; otherwise the parse that strips the
// most endings, then the longest endings. Function words, numerals and stems that look inflected
// (Қазақстан, төраға, басқа, орын) are kept whole (kazakh-stemmer.words.ts).
import { foldForSearch } from '../text/fold.js';
import { hasLatin, latinToKazakhCyrillic } from './kazakh-latin.js';
import { knownStems, protectedWords, shRoots, vowelDrop } from './kazakh-stemmer.words.js';

/** What the last sound of a stem is, as far as the choice of ending goes. */
type Sound = 'vowel' | 'r' | 'l' | 'nasal' | 'z' | 'voiceless';

const vowels = new Set('аәеоөұүыіэюяёиу');
const backVowels = new Set('аоұыяё');
const frontVowels = new Set('әеөүіэ');
const soundOfLetter: Record<string, Sound> = {
  а: 'vowel', ә: 'vowel', е: 'vowel', о: 'vowel', ө: 'vowel', ұ: 'vowel', ү: 'vowel', ы: 'vowel', і: 'vowel', э: 'vowel', ю: 'vowel', я: 'vowel', ё: 'vowel',
  р: 'r', у: 'r', й: 'r', и: 'r',
  л: 'l',
  м: 'nasal', н: 'nasal', ң: 'nasal',
  ж: 'z', з: 'z',
};

function soundOf(stem: string): Sound {
  const last = stem.replace(/[ьъ]+$/, '').at(-1) ?? '';
  return soundOfLetter[last] ?? 'voiceless';
}

/**
 * The harmony of a stem: back or front when all its vowels agree. A stem with both (a loan such as
 * парламент or a Russian surname such as Тоқаев) says nothing: its endings follow pronunciation,
 * which the spelling does not show (парламенттің but Тоқаевтың), so either is accepted.
 */
function harmonyOf(text: string): 'back' | 'front' | undefined {
  const lastPart = text.slice(text.lastIndexOf('-') + 1); // a compound's last part decides
  // A stem ending in и, у or ю after its last vowel takes either (таксиге, сайлаудың, тіркеуге).
  const lastVowel = [...lastPart].findLast((ch) => vowels.has(ch));
  if (lastVowel === 'и' || lastVowel === 'у' || lastVowel === 'ю') return undefined;
  const back = [...lastPart].some((ch) => backVowels.has(ch));
  const front = [...lastPart].some((ch) => frontVowels.has(ch));
  if (back === front) return undefined;
  return back ? 'back' : 'front';
}

const hasVowel = (text: string): boolean => [...text].some((ch) => vowels.has(ch));

/**
 * What an ending asks of the possessive inside it. After a 3rd-person possessive the cases take
 * their н-forms (кітабы-н, үйі-не, үйі-нде, үйі-нен), so those need one ('poss3'), and the other
 * forms exclude one ('noPoss3': ойыны is ойын + -ы, not ой + -ы + -ны).
 */
type Needs = 'poss3' | 'noPoss3';

interface Ending {
  form: string;
  /** The last sounds of the stem the ending may follow; omitted when `needs` decides. */
  after?: readonly Sound[];
  needs?: Needs;
  /** This ending is the 3rd-person possessive, which an outer `needs` asks for or excludes. */
  is?: 'poss3';
  /** Fewest letters the remaining stem may have. */
  minStem?: number;
  /** The instrumental -мен/-бен/-пен has no back variant. */
  noHarmony?: boolean;
  /** A further check on the remaining stem. */
  guard?: (stem: string) => boolean;
}

const afterVowelOrR = ['vowel', 'r'] as const;
const voiced = ['vowel', 'r', 'l', 'nasal', 'z'] as const;
const voicedConsonants = ['r', 'l', 'nasal', 'z'] as const;
const consonants = ['r', 'l', 'nasal', 'z', 'voiceless'] as const;

/** Both harmony variants of an ending: back(а, ы) and front(е, і) spellings. */
function pair(back: string, front: string, rest: Omit<Ending, 'form'>): Ending[] {
  return [{ form: back, ...rest }, { form: front, ...rest }];
}

const fold = (text: string): string => foldForSearch(text);
const protectedSet = new Set(protectedWords.map(fold));
const knownSet = new Set(knownStems.map(fold));
const shRootSet = new Set(shRoots.map(fold));
const vowelDropFolded = new Map(Object.entries(vowelDrop).map(([short, full]) => [fold(short), full]));

/** -ы/-і after a consonant is a possessive unless it ends a derived word. */
function possessiveIGuard(stem: string): boolean {
  // An agent noun keeps its -шы/-ші (басшы, сайлаушы), unless the root itself ends in -ш (күш → күші).
  if (stem.endsWith('ш')) return shRootSet.has(fold(stem));
  // -ғы/-гі/-қы/-кі after a consonant makes adjectives (жылғы, бүгінгі, сыртқы, ішкі); a stem in
  // -қ/-к/-ғ/-г after a consonant is otherwise only a dropped vowel (халқы → халық).
  if (/[^аәеоөұүыіэюяёиу][ғгқк]$/.test(stem)) return vowelDropFolded.has(fold(stem));
  // No stem ends in a stop or nasal + п or м (қазақп, студентп, мұғалімм): such a word is a stem
  // plus the predicate -пын/-пін/-мын/-мін (қазақпын, мұғаліммін), not a possessive + accusative -н.
  if (/[кқпстфхцчшщбвгғджзмнң][пм]$/.test(stem)) return false;
  return true;
}

/**
 * -сы/-сі and the accusative -ны/-ні after a vowel; but not after -ы/-і, where the word is more
 * likely a stem in -ыс/-ін plus -ы (отырысы = отырыс + ы, ойыны = ойын + ы), unless the stem is an
 * agent noun in -шы/-ші (басшысы, басшыны) or a listed word (Алматыны).
 */
const afterYIGuard = (stem: string): boolean => !/[ыі]$/.test(stem) || /ш[ыі]$/.test(stem) || protectedSet.has(fold(stem)) || knownSet.has(fold(stem));

const layers: readonly (readonly Ending[])[] = [
  // 1. personal (predicate) endings
  [
    ...pair('мын', 'мін', { after: ['vowel', 'r', 'l', 'nasal'], minStem: 3 }),
    ...pair('бын', 'бін', { after: ['z'], minStem: 3 }),
    ...pair('пын', 'пін', { after: ['voiceless'], minStem: 3 }),
    ...pair('мыз', 'міз', { after: ['vowel', 'r', 'l', 'nasal'], minStem: 3 }),
    ...pair('быз', 'біз', { after: ['z'], minStem: 3 }),
    ...pair('пыз', 'піз', { after: ['voiceless'], minStem: 3 }),
    ...pair('сың', 'сің', { after: ['vowel', ...consonants], minStem: 3 }),
  ],
  // 2. case endings
  [
    ...pair('ның', 'нің', { after: ['vowel', 'nasal'] }),
    ...pair('дың', 'дің', { after: ['r', 'l', 'z'], needs: 'noPoss3' }),
    ...pair('тың', 'тің', { after: ['voiceless'], needs: 'noPoss3' }),
    // accusative -ны after a short stem is more often a possessive (саны = сан + ы)
    ...pair('ны', 'ні', { after: ['vowel'], minStem: 3, needs: 'noPoss3', guard: afterYIGuard }),
    ...pair('ды', 'ді', { after: voicedConsonants, needs: 'noPoss3' }),
    ...pair('ты', 'ті', { after: ['voiceless'], needs: 'noPoss3' }),
    { form: 'н', needs: 'poss3' },
    ...pair('ға', 'ге', { after: voiced, needs: 'noPoss3' }),
    ...pair('қа', 'ке', { after: ['voiceless'], needs: 'noPoss3' }),
    ...pair('на', 'не', { needs: 'poss3' }),
    ...pair('да', 'де', { after: voiced, needs: 'noPoss3' }),
    ...pair('та', 'те', { after: ['voiceless'], needs: 'noPoss3' }),
    ...pair('нда', 'нде', { needs: 'poss3' }),
    ...pair('дан', 'ден', { after: ['vowel', 'r', 'l', 'z'], needs: 'noPoss3' }),
    ...pair('нан', 'нен', { after: ['nasal'], needs: 'noPoss3' }),
    ...pair('нан', 'нен', { needs: 'poss3' }),
    ...pair('тан', 'тен', { after: ['voiceless'], needs: 'noPoss3' }),
    ...pair('дағы', 'дегі', { after: voiced, needs: 'noPoss3' }),
    ...pair('тағы', 'тегі', { after: ['voiceless'], needs: 'noPoss3' }),
    ...pair('ндағы', 'ндегі', { needs: 'poss3' }),
    ...['мен', 'менен'].map((form): Ending => ({ form, after: voiced, noHarmony: true })),
    ...['бен', 'бенен'].map((form): Ending => ({ form, after: ['nasal', 'z'], needs: 'noPoss3', noHarmony: true })),
    ...['пен', 'пенен'].map((form): Ending => ({ form, after: ['voiceless'], needs: 'noPoss3', noHarmony: true })),
  ],
  // 3. possessive endings
  [
    ...pair('сы', 'сі', { after: ['vowel'], is: 'poss3', minStem: 3, guard: afterYIGuard }),
    ...pair('ы', 'і', { after: consonants, is: 'poss3', guard: possessiveIGuard }),
    ...pair('мыз', 'міз', { after: ['vowel'], minStem: 3 }),
    ...pair('ымыз', 'іміз', { after: consonants }),
    ...pair('ңыз', 'ңіз', { after: ['vowel'], minStem: 3 }),
    ...pair('ыңыз', 'іңіз', { after: consonants }),
  ],
  // 4. plural
  [
    ...pair('лар', 'лер', { after: afterVowelOrR }),
    ...pair('дар', 'дер', { after: ['l', 'nasal', 'z'] }),
    ...pair('тар', 'тер', { after: ['voiceless'] }),
  ],
];

function endingHarmony(form: string): 'back' | 'front' | undefined {
  if (/[аы]/.test(form)) return 'back';
  if (/[еі]/.test(form)) return 'front';
  return undefined;
}

function fits(stem: string, ending: Ending): boolean {
  if (!hasVowel(stem) || stem.length < 2) return false;
  // A longer minimum guards against a false split (басы is бас + ы, not ба + сы); a known stem passes (аясы = ая + сы).
  if (stem.length < (ending.minStem ?? 2) && !knownSet.has(fold(stem))) return false;
  if (ending.after && !ending.after.includes(soundOf(stem))) return false;
  if (!ending.noHarmony) {
    const wanted = endingHarmony(ending.form);
    const has = harmonyOf(stem);
    if (wanted && has && wanted !== has) return false;
  }
  return ending.guard ? ending.guard(stem) : true;
}

interface Parse {
  stem: string;
  stripped: number;
}

function collectParses(form: string, layer: number, needs: Needs | undefined, stripped: number, out: Parse[]): void {
  if (protectedSet.has(fold(form))) {
    if (needs !== 'poss3') out.push({ stem: form, stripped });
    return;
  }
  const endings = layers[layer];
  if (!endings) {
    if (needs !== 'poss3') out.push({ stem: form, stripped });
    return;
  }
  if (needs !== 'poss3') collectParses(form, layer + 1, undefined, stripped, out);
  for (const ending of endings) {
    if (needs === 'poss3' && ending.is !== 'poss3') continue;
    if (needs === 'noPoss3' && ending.is === 'poss3') continue;
    if (!form.endsWith(ending.form)) continue;
    const stem = form.slice(0, -ending.form.length);
    if (!fits(stem, ending)) continue;
    collectParses(stem, layer + 1, ending.needs, stripped + 1, out);
  }
}

/** Chooses among the ways a word splits (see the note at the top). */
function bestParse(parses: readonly Parse[]): Parse {
  const better = (a: Parse, b: Parse): boolean => {
    const aKnown = knownSet.has(fold(repair(a)));
    const bKnown = knownSet.has(fold(repair(b)));
    if (aKnown !== bKnown) return aKnown;
    if (a.stripped !== b.stripped) return a.stripped > b.stripped;
    return a.stem.length < b.stem.length;
  };
  return parses.reduce((best, p) => (better(p, best) ? p : best));
}

const devoice: Record<string, string> = { б: 'п', г: 'к', ғ: 'қ' };

/** Restores a vowel dropped before a stripped ending, and devoices a final б, г, ғ. */
function repair({ stem, stripped }: Parse): string {
  const restored = (stripped > 0 ? vowelDropFolded.get(fold(stem)) : undefined) ?? stem;
  const last = restored.at(-1) ?? '';
  const voiceless = devoice[last];
  // Not in an abbreviation without vowels (РҚБ).
  return voiceless && restored.length > 1 && hasVowel(restored) ? restored.slice(0, -1) + voiceless : restored;
}

/**
 * The stem of one Kazakh word, in lower-case Cyrillic. A word in Latin letters (2021 alphabet or
 * passport spelling) is read into Cyrillic first. Never empty for a non-empty word, never longer
 * than the (Cyrillic) word.
 */
export function kazakhStem(word: string): string {
  const cyrillic = (hasLatin(word) ? latinToKazakhCyrillic(word) : word).toLowerCase().normalize('NFC').trim();
  if (!cyrillic) return '';
  const parses: Parse[] = [];
  collectParses(cyrillic, 0, undefined, 0, parses);
  return repair(bestParse(parses));
}

/**
 * The search key of one Kazakh word: its stem folded to plain Latin, so that Cyrillic, 2021 Latin,
 * passport spelling and Russian-style spelling without Kazakh letters meet (Qazaqstan, Қазақстан,
 * Казакстан → "kazakstan"; mäslihat, мәслихат, маслихат → "maslihat").
 */
export function kazakhSearchKey(word: string): string {
  return foldForSearch(kazakhStem(word));
}

/** The search keys of every word of a Kazakh text, in order. */
export function kazakhSearchKeys(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []).map(kazakhSearchKey).filter((key) => key !== '');
}
