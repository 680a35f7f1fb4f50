// Reads a Kazakh word typed in Latin (the 2021 alphabet, the 2018 acute variant or passport spelling)
// back into Cyrillic, so the stemmer can see its endings and vowel harmony.
//
// Not the reverse of kk-cyrl-latn-2021.csv (used by core/i18n/transliterate.ts): that table maps
// both И and Й to "i", and people type "i" for І far more often than for И, so here i → і (both fold
// to the same search key), or й after a vowel; ia, iu, io are Я, Ю, Ё as in that table. Passport digraphs (sh, zh, kh…) are read too. The result only needs to be
// good enough for the endings: the search key is folded afterwards (core/text/fold.ts), which
// erases the remaining differences (қ/к, ұ/у, і/и…).

const digraphs: [string, string][] = [
  ['şş', 'щ'], ['tş', 'ч'], ['sh', 'ш'], ['ch', 'ч'], ['zh', 'ж'], ['kh', 'х'], ['gh', 'ғ'], ['ya', 'я'], ['yu', 'ю'], ['yo', 'ё'], ['ia', 'я'], ['iu', 'ю'], ['io', 'ё'],
];

const letters: Record<string, string> = {
  a: 'а', ä: 'ә', á: 'ә', b: 'б', c: 'ц', ç: 'ч', d: 'д', e: 'е', é: 'е', f: 'ф', g: 'г', ğ: 'ғ', ǵ: 'ғ', h: 'х', ı: 'і', i: 'і',
  j: 'ж', k: 'к', l: 'л', m: 'м', n: 'н', ñ: 'ң', ń: 'ң', ŋ: 'ң', o: 'о', ö: 'ө', ó: 'ө', p: 'п', q: 'қ', r: 'р', s: 'с',
  ş: 'ш', t: 'т', u: 'у', ū: 'ұ', ü: 'ү', ú: 'ү', v: 'в', w: 'у', x: 'х', y: 'ы', ý: 'у', z: 'з',
};

const latinLetter = /[a-zäáçéğǵıñńŋöóşūüúý]/;

/** True when the word has a Latin letter (Cyrillic words pass through the stemmer untouched). */
export const hasLatin = (word: string): boolean => latinLetter.test(word.toLowerCase());

/**
 * Kazakh Latin → Cyrillic, lower case. Letters it does not know (and Cyrillic ones, such as a
 * Latin "a" typed inside a Cyrillic word) pass through.
 */
export function latinToKazakhCyrillic(word: string): string {
  // İ lower-cases to i + a combining dot by default; the Kazakh (and Turkish) pairs are İ/i and I/ı.
  const lower = word.replaceAll('İ', 'i').replaceAll('I', 'ı').toLowerCase().normalize('NFC');
  let out = '';
  for (let i = 0; i < lower.length; ) {
    const pair = digraphs.find(([latin]) => lower.startsWith(latin, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
      continue;
    }
    const ch = lower[i]!;
    // The 2021 "i" is И or Й: after a vowel it is Й (üi = үй, sailau = сайлау), which the endings
    // depend on (үйі, not үіі); elsewhere І, as most people type it.
    out += ch === 'i' && /[аәеоөұүыіэюяё]$/.test(out) ? 'й' : (letters[ch] ?? ch);
    i += 1;
  }
  return out;
}
