// Word lists the Kazakh stemmer consults where suffix rules alone cannot decide (see kazakh-stemmer.ts).
// They are compared after foldForSearch, so a form typed without Kazakh letters or in Latin matches too.

/**
 * Words left exactly as they are: function words, numerals and pronouns that look inflected
 * (басқа "other" is not бас + dative, арқылы "through" is not a possessive), stems whose end
 * looks like a case ending (Қазақстан is not Қазақс + ablative -тан, төраға is not төра + dative),
 * and nouns in -ын/-ін that would otherwise lose an "accusative" -н (орын, шығын, бүгін).
 * Inflected forms of these words still lose their endings (Қазақстанның → Қазақстан).
 */
export const protectedWords: readonly string[] = [
  // Function words, postpositions, conjunctions, particles.
  'және', 'мен', 'бен', 'пен', 'да', 'де', 'та', 'те', 'ма', 'ме', 'ба', 'бе', 'па', 'пе', 'ғой', 'әрі', 'немесе',
  'бірақ', 'үшін', 'туралы', 'арқылы', 'бойынша', 'сияқты', 'кейін', 'дейін', 'бірге', 'қарай', 'басқа', 'ғана',
  'қана', 'ең', 'өте', 'тек', 'тиіс', 'керек', 'қажет', 'әрбір', 'барлық', 'бәрі', 'жөнінде', 'жөніндегі', 'сайын',
  'алдын', 'сондай', 'мұндай', 'қандай', 'осындай', 'сонда', 'мұнда', 'қайда', 'онда', 'сондай-ақ',
  // Pronouns.
  'мен', 'сен', 'ол', 'біз', 'сіз', 'олар', 'бұл', 'осы', 'сол', 'анау', 'мынау', 'кім', 'не', 'оның', 'оны', 'оған',
  'одан', 'онымен', 'өз', 'өзі', 'өзара',
  // Numerals.
  'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз', 'он', 'жиырма', 'отыз', 'қырық', 'елу',
  'алпыс', 'жетпіс', 'сексен', 'тоқсан', 'жүз', 'мың',
  // Stems that end like a case ending.
  'төраға', 'аға', 'қазақстан', 'түркістан', 'өзбекстан', 'тәжікстан', 'қырғызстан', 'түрікменстан', 'ауғанстан',
  'пәкістан', 'үндістан', 'татарстан', 'башқұртстан', 'дағыстан', 'арыстан', 'ақорда', 'орда', 'команда', 'бригада',
  'пропаганда', 'канада', 'легенда', 'почта', 'тема', 'схема', 'жаңа', 'алматы',
  // Nouns and adverbs in -ын/-ін (not -ы/-і + accusative -н).
  'орын', 'ойын', 'шығын', 'жиын', 'бүгін', 'ақын', 'түйін', 'тұрғын', 'ағын', 'тегін', 'келін', 'ерін', 'қарын',
  'мұрын', 'қиын', 'жалын', 'қайын', 'мойын', 'қойын',
];

/**
 * Stems to prefer when a word splits two ways that the rules cannot tell apart: кеңесі is
 * кеңес + і ("its council"), not кеңе + сі; органы is орган + ы, not орга + accusative -ны.
 * Needed for stems ending in -с or -н after a vowel, stems in -ы/-і that take -сы/-сі, and stems
 * shorter than an ending's minimum (see the ambiguity note in kazakh-stemmer.ts).
 */
export const knownStems: readonly string[] = [
  'кеңес', 'күрес', 'процесс', 'процес', 'прогресс', 'конгресс', 'курс', 'ресурс', 'бизнес', 'интерес', 'келіс',
  'орган', 'заман', 'жан', 'сан', 'хан', 'қан', 'экран', 'план', 'заң', 'ұран', 'баян', 'аймақ', 'тұрғын', 'шығын',
  'жалақы', 'ақы', 'құн', 'күн', 'ғылым', 'әкім', 'мекен', 'ден', 'дін', 'тілек', 'ықылас', 'ырыс', 'тұрмыс',
  'отан', 'астана', 'кітап', 'бағдарлама', 'палата', 'сенат', 'парламент', 'мәслихат', 'депутат', 'комиссия',
  'тұлға', 'мүше', 'жүйе', 'мәселе', 'президент', 'министрлік', 'облыс', 'аудан', 'қала', 'ауыл', 'өңір', 'ел',
  // stems in -ы/-і that take -сы/-сі (қорытындысы), and short ones (аясында = ая + сы + нда)
  'қорытынды', 'туынды', 'ая', 'екен',
];

/**
 * Stems that drop their last vowel before a vowel-initial ending (орын → орны, халық → халқы), keyed
 * by the shortened form; the stemmer restores the full stem so all forms meet.
 */
export const vowelDrop: Readonly<Record<string, string>> = {
  орн: 'орын', мұрн: 'мұрын', ерн: 'ерін', қарн: 'қарын', халқ: 'халық', ауз: 'ауыз', ерк: 'ерік', бөрк: 'бөрік',
  көрк: 'көрік', әрп: 'әріп', нарқ: 'нарық', қойн: 'қойын', мойн: 'мойын', көңл: 'көңіл', ырқ: 'ырық', парқ: 'парық',
  ғұрп: 'ғұрып', құлқ: 'құлық', қалп: 'қалып', даус: 'дауыс', қырқ: 'қырық', баур: 'бауыр', тұрқ: 'тұрық',
};

/**
 * Roots ending in -ш that take the possessive -ы/-і (күш → күші). Any other word in -шы/-ші is taken
 * for an agent noun (басшы, сайлаушы) whose -ы/-і is part of the stem, not a possessive.
 */
export const shRoots: readonly string[] = ['күш', 'іш', 'ағаш', 'қамыш', 'қыш', 'жеміш', 'кеш', 'төш'];
