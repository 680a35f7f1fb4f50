// What every chart's SVG shares: its font and ink, and text made safe for a standalone SVG, which
// must stay well-formed XML when saved or served on its own — no characters XML forbids, no lone
// surrogates, and no "]]>" (Preact escapes < and &, not >).

/** The site's font, then common ones with Kazakh letters, for the SVG saved on its own. */
export const fontFamily = "'Noto Sans', Arial, sans-serif";
export const textColour = '#0b0c0c';
export const borderColour = '#505a5f';

// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const xmlText = (text: string): string => text.toWellFormed().replace(forbidden, '').replaceAll(']]>', ']]\u200B>');
