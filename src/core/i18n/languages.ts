// The languages of the portal and how a request's language is chosen.
export const languages = ['kk', 'kk-latn', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'kk';

/** BCP 47 tags for <html lang> and hreflang. */
export const languageTags: Record<Language, string> = { kk: 'kk', 'kk-latn': 'kk-Latn', ru: 'ru', en: 'en' };

/** Each language's name in itself, for the switcher. */
export const languageNames: Record<Language, string> = {
  kk: 'Қазақша',
  'kk-latn': 'Qazaqşa',
  ru: 'Русский',
  en: 'English',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag to one of ours, or undefined. */
export function languageFromTag(tag: string): Language | undefined {
  const t = tag.trim().toLowerCase();
  if (t === 'kk-latn' || t.startsWith('kk-latn-')) return 'kk-latn';
  if (t === 'kk' || t.startsWith('kk-')) return 'kk';
  if (t === 'ru' || t.startsWith('ru-')) return 'ru';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return undefined;
}

/** Picks our best language from an Accept-Language header, honouring q-values. */
export function negotiateLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: languageFromTag(tag), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r): r is { language: Language; quality: number; index: number } => r.language !== undefined && r.quality > 0)
    .toSorted((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked[0]?.language;
}
