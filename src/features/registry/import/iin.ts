// Kazakhstan's individual identification number (ЖСН / ИИН): 12 digits. The first six are the birth
// date (YYMMDD), the seventh the century and gender (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd male,
// even female), the twelfth a check digit: the weighted sum of the first eleven digits modulo 11 with
// weights 1…11; when that gives 10, again with weights 3…11, 1, 2; 10 a second time means the number
// is not valid (such numbers are never issued).

export type IinProblem = 'format' | 'date' | 'checksum';

export interface IinInfo {
  birthDate: string;
  gender: 'female' | 'male';
}

const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit for the first eleven digits, or null when no digit can be valid. */
export function iinCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const sum = (weights: number[]) => digits.reduce((s, d, i) => s + d * weights[i]!, 0) % 11;
  const first = sum(firstWeights);
  if (first !== 10) return first;
  const second = sum(secondWeights);
  return second === 10 ? null : second;
}

/** 'YYYY-MM-DD' when the date exists in the calendar. */
export function realDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** What is wrong with the number, or null when it is a valid IIN. */
export function iinProblem(iin: string): IinProblem | null {
  if (!/^\d{12}$/.test(iin)) return 'format';
  if (!iinBirthInfo(iin)) return 'date';
  return iinCheckDigit(iin.slice(0, 11)) === Number(iin[11]) ? null : 'checksum';
}

export const isValidIin = (iin: string): boolean => iinProblem(iin) === null;

/** The birth date and gender the number encodes (without checking the check digit). */
export function iinBirthInfo(iin: string): IinInfo | null {
  if (!/^\d{12}$/.test(iin)) return null;
  const centuryDigit = Number(iin[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return null;
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
  const date = realDate(century + Number(iin.slice(0, 2)), Number(iin.slice(2, 4)), Number(iin.slice(4, 6)));
  if (!date) return null;
  return { birthDate: date, gender: centuryDigit % 2 === 1 ? 'male' : 'female' };
}

/**
 * A valid IIN for a birth date, gender and serial (0–9999), for demo data and tests; null when the
 * serial gives no valid check digit (try the next one).
 */
export function makeIin(birthDate: string, gender: 'female' | 'male', serial: number): string | null {
  const [y, m, d] = birthDate.split('-');
  const year = Number(y);
  const centuryDigit = (Math.floor((year - 1800) / 100) * 2) + (gender === 'male' ? 1 : 2);
  const first11 = `${y!.slice(2)}${m}${d}${centuryDigit}${String(serial).padStart(4, '0')}`;
  const check = iinCheckDigit(first11);
  return check === null ? null : `${first11}${check}`;
}
