// Checks over every interface message in kk, ru and en: the same values printed in each language,
// and plural branches that mean what they say (Russian `one` is also 21, 31, 101…).
import { parse, TYPE, type MessageFormatElement, type PluralElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { loadCatalogue, messageLanguages, translate } from './messages.js';

const catalogues = Object.fromEntries(messageLanguages.map((l) => [l, loadCatalogue(l)]));
const keys = Object.keys(catalogues.en!).toSorted();

/** The names of the values a message prints (a plural prints its number where a branch has `#`). */
function printedArguments(elements: MessageFormatElement[], plural?: string): Set<string> {
  const names = new Set<string>();
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) names.add(el.value);
    if (el.type === TYPE.pound && plural) names.add(plural);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) {
        for (const name of printedArguments(option.value, el.type === TYPE.plural ? el.value : plural)) names.add(name);
      }
    }
    if (el.type === TYPE.tag) for (const name of printedArguments(el.children, plural)) names.add(name);
  }
  return names;
}

/** Every plural in a message, however deeply nested in selects, plurals and tags. */
function plurals(elements: MessageFormatElement[]): PluralElement[] {
  return elements.flatMap((el) => {
    if (el.type === TYPE.plural) return [el, ...Object.values(el.options).flatMap((o) => plurals(o.value))];
    if (el.type === TYPE.select) return Object.values(el.options).flatMap((o) => plurals(o.value));
    if (el.type === TYPE.tag) return plurals(el.children);
    return [];
  });
}

/** Whether a branch prints its own plural's number (`#` outside any nested plural). */
function printsNumber(elements: MessageFormatElement[]): boolean {
  return elements.some((el) => {
    if (el.type === TYPE.pound) return true;
    if (el.type === TYPE.select) return Object.values(el.options).some((o) => printsNumber(o.value));
    if (el.type === TYPE.tag) return printsNumber(el.children);
    return false;
  });
}

/** A branch's text without source positions, to compare two branches. */
const shape = (elements: MessageFormatElement[]): string => JSON.stringify(elements, (k, v: unknown) => (k === 'location' ? undefined : v));

/** The smallest number above 1 that a language's `one` category also covers (21 in Russian), if any. */
function otherOneNumber(lang: string): number | undefined {
  const rules = new Intl.PluralRules(lang);
  for (let n = 2; n <= 1000; n++) if (rules.select(n) === 'one') return n;
  return undefined;
}

describe('every message in every language', () => {
  // That every key is in all three files is checked in i18n.test.ts.
  it('prints the same values in kk, ru and en (a plural or select may be used by one language only)', () => {
    expect(keys.length).toBeGreaterThan(1000);
    const mismatched = keys.flatMap((key) => {
      const [first, ...rest] = messageLanguages.map((lang) => [...printedArguments(parse(catalogues[lang]![key]!))].toSorted().join(','));
      return rest.every((names) => names === first) ? [] : [`${key}: ${messageLanguages.map((l) => `${l} {${[...printedArguments(parse(catalogues[l]![key]!))].join(', ')}}`).join(' ')}`];
    });
    expect(mismatched).toEqual([]);
  });
});

describe('plural branches', () => {
  const languagesWithWideOne = messageLanguages.filter((lang) => otherOneNumber(lang) !== undefined);

  it('are checked at least for Russian, whose `one` also covers 21', () => {
    expect(languagesWithWideOne).toContain('ru');
    expect(otherOneNumber('ru')).toBe(21);
    expect(otherOneNumber('kk')).toBeUndefined();
    expect(otherOneNumber('en')).toBeUndefined();
  });

  it.each(languagesWithWideOne)('%s: a `one` branch without `#` says what the branch for many says (a text for exactly one belongs in `=1`)', (lang) => {
    const many = new Intl.PluralRules(lang).select(5);
    let checked = 0;
    const wrong = keys.flatMap((key) =>
      plurals(parse(catalogues[lang]![key]!)).flatMap((plural) => {
        const one = plural.options.one;
        const reference = plural.options[many] ?? plural.options.other;
        if (!one || !reference || printsNumber(one.value)) return [];
        checked++;
        return shape(one.value) === shape(reference.value) ? [] : [`${key} (${plural.value}, as for ${otherOneNumber(lang)})`];
      }),
    );
    expect(checked).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });

  it('reads right in Russian for 1 and for 21', () => {
    expect(translate('ru', 'meetings.rapporteurs', { count: 1 })).toBe('Докладчик');
    expect(translate('ru', 'meetings.rapporteurs', { count: 21 })).toBe('Докладчики');
    expect(translate('ru', 'meetings.coSpeakers', { count: 21 })).toBe('Содокладчики');
    expect(translate('ru', 'pressRelease.body.coSpeakers', { count: 21, names: 'N' })).toBe('Содокладчики: N.');
    expect(translate('ru', 'pressRelease.body.rapporteurs', { count: 1, item: 'I', names: 'N' })).toBe('Докладчик по вопросу I — N.');
    expect(translate('ru', 'pressRelease.body.rapporteurs', { count: 31, item: 'I', names: 'N' })).toBe('Докладчики по вопросу I: N.');
  });
});

describe('Kazakh wording', () => {
  // Forms found wrong in a reading of every message; each pattern names what to write instead.
  const wrong: [RegExp, string][] = [
    [/\{time\} кейін/, 'a time of day takes "сағат {time} болған соң", not "{time} кейін"'],
    [/ЖСН-(ы|нан|ға|ды|ның)(?!\p{L})/u, 'ЖСН ends in a front vowel: ЖСН-і, ЖСН-нен, ЖСН-ге, ЖСН-ді, ЖСН-нің'],
    [/округт(ың|ан|а|ы)(?!\p{L})/iu, 'округ takes front-vowel endings: округтің, округтен, округке, округті'],
    [/[Кк]еңсе/, 'the signed-in area is "Жеке кабинет" ("кеңсе" reads as a chancellery, one letter from "Кеңес")'],
    [/[Өө]ткізу түр/, 'a meeting\'s format is "өткізу нысаны"'],
    [/(?<!\p{L})форма(ны|сы|ның)?(?!\p{L})|[Нн]ысан (соны|толтыр)/u, 'a web form is "пішін"'],
    [/API кілт/, 'one term: "API токені"'],
  ];

  it.each(wrong)('kk has no %s', (pattern, instead) => {
    const kk = catalogues.kk!;
    // The reason travels with the keys, so a failure says what to write instead.
    expect({ instead, keys: Object.keys(kk).filter((key) => pattern.test(kk[key]!)) }).toEqual({ instead, keys: [] });
  });
});
