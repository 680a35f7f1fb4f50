// Kazakh Cyrillic → Kazakh Latin (2021 alphabet). The letter table is data
// (reference-data/kk-cyrl-latn-2021.csv) so a letter can be corrected without touching this code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { referenceDataDir } from '../paths.js';

const letterRows = z.array(z.object({ cyr_upper: z.string(), cyr_lower: z.string(), lat_upper: z.string(), lat_lower: z.string() }));

export interface LetterTable {
  lower: Map<string, string>;
  upper: Map<string, string>;
}

export function parseLetterTable(csv: string): LetterTable {
  const rows = letterRows.parse(parse(csv, { columns: true, skip_empty_lines: true, trim: true }));
  const table: LetterTable = { lower: new Map(), upper: new Map() };
  for (const row of rows) {
    table.lower.set(row.cyr_lower, row.lat_lower);
    table.upper.set(row.cyr_upper, row.lat_upper);
  }
  return table;
}

let defaultTable: LetterTable | undefined;
function loadDefaultTable(): LetterTable {
  defaultTable ??= parseLetterTable(readFileSync(path.join(referenceDataDir, 'kk-cyrl-latn-2021.csv'), 'utf8'));
  return defaultTable;
}

const isUpperLetter = (ch: string | undefined): boolean => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();

/**
 * Transliterates Kazakh Cyrillic text to the 2021 Latin alphabet. Other characters pass through.
 * A capital that maps to two Latin letters (Ц → Ts) is written all in capitals inside an
 * all-capitals word (ЦЕНТР → TSENTR).
 */
export function toKazakhLatin(text: string, table: LetterTable = loadDefaultTable()): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const lower = table.lower.get(ch);
    if (lower !== undefined) {
      out += lower;
      continue;
    }
    const upper = table.upper.get(ch);
    if (upper === undefined) {
      out += ch;
      continue;
    }
    const inCapitalWord = isUpperLetter(chars[i + 1]) || (isUpperLetter(chars[i - 1]) && !/\p{L}/u.test(chars[i + 1] ?? ''));
    out += inCapitalWord ? upper.toLocaleUpperCase('kk') : upper;
  }
  return out;
}
