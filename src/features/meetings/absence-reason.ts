// A reason for absence as the roll call takes it: a choice (illness, business trip, leave) stored
// as its code, so the minutes word it in their own language, or "other" with the words typed,
// stored as typed. Reasons typed before the choice existed stay as they were (the minutes still
// read known phrases as codes: absenceReasonCode).
import { absenceReasonCodes, type AbsenceReasonCode } from './minutes/minutes-content.js';

export const absenceReasonChoices = [...absenceReasonCodes, 'other'] as const;
export type AbsenceReasonChoice = (typeof absenceReasonChoices)[number];

const isCode = (value: string): value is AbsenceReasonCode => (absenceReasonCodes as readonly string[]).includes(value);

/** What to store from the form's choice and text: the code of a known choice, else the text typed (or nothing). */
export function storedAbsenceReason(choice: string, text: string): string | null {
  if (isCode(choice)) return choice;
  return text.trim() || null;
}

/** How the form shows a stored reason: a code as its choice, any other text as "other" with that text. */
export function absenceReasonChoiceOf(stored: string | null | undefined): { choice: AbsenceReasonChoice | ''; text: string } {
  if (!stored) return { choice: '', text: '' };
  return isCode(stored) ? { choice: stored, text: '' } : { choice: 'other', text: stored };
}
