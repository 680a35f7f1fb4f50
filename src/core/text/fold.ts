// Folding names for search: Cyrillic (Kazakh or Russian spelling) and Latin (2021 alphabet or
// passport spelling) fold to the same plain lowercase Latin, so "Мұқашев", "Мукашев", "Muqashev" and
// "Mukashev" meet. Used for the person.search_text column and for queries alike.
const cyrillic: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i',
  к: 'k', қ: 'k', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ұ: 'u', ү: 'u', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'y', і: 'i', ь: '',
  э: 'e', ю: 'iu', я: 'ia',
};

// Latin spellings that stand for one Cyrillic letter, reduced the same way.
const latinDigraphs: [RegExp, string][] = [
  [/ş/g, 'sh'], [/ç/g, 'ch'], [/ğ/g, 'g'], [/ñ/g, 'n'], [/[äáà]/g, 'a'], [/[öó]/g, 'o'], [/[üūúù]/g, 'u'],
  [/[ıíìİ]/g, 'i'], [/j/g, 'zh'], [/q/g, 'k'], [/x/g, 'h'], [/w/g, 'u'], [/yu/g, 'iu'], [/ya/g, 'ia'], [/kh/g, 'h'],
];

export function foldForSearch(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += cyrillic[ch] ?? ch;
  for (const [pattern, replacement] of latinDigraphs) out = out.replace(pattern, replacement);
  return out
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
