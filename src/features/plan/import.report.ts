// The plan import's problems as text in the reader's language: the column named as the reader's
// headers name it, dates as dates, and the file problems the reading shares with the deputies' import
// told in the plan's words.
import { formatDate } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { isMessageKey, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import { planColumnHeader, type PlanColumnKey } from './import.columns.js';
import type { PlanFileProblem } from './import.parse.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** A column's name in the reader's language (in Latin letters on a Kazakh Latin page). */
export const planColumnLabel = (key: PlanColumnKey, lang: Language): string => (lang === 'kk-latn' ? toKazakhLatin(planColumnHeader(key, 'kk')) : planColumnHeader(key, lang));

/** The plan's own wording of a reading problem ("…far more than a plan"), when it has one. */
function planKey(key: MessageKey): MessageKey {
  const own = key.replace(/^import\.file\./, 'planImport.file.');
  return isMessageKey(own) ? own : key;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function planProblemText(t: Translate, lang: Language, problem: PlanFileProblem): string {
  const values: MessageValues = {};
  for (const [k, v] of Object.entries(problem.values ?? {})) values[k] = typeof v === 'string' && isoDate.test(v) ? formatDate(lang, v) : v;
  if (problem.column) values.column = planColumnLabel(problem.column, lang);
  return t(planKey(problem.messageKey), values);
}
