// A capital first letter for text stored in running-text case (titles, posts, message fragments).

/** "мәслихат хатшысы" → "Мәслихат хатшысы". */
export const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
