// An import's report as text: each problem in a language, its column named in that language.
import type { Language } from '../../../core/i18n/languages.js';
import type { StoredLanguage } from '../../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../../core/i18n/messages.js';
import { toKazakhLatin } from '../../../core/i18n/transliterate.js';
import { columnHeader, type ColumnKey } from './columns.js';
import type { ImportProblem } from './parse.js';
import type { ImportCounts, Validation } from './validate.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The stored language a page's language reads: Kazakh Latin is derived from Kazakh. */
export const storedLanguageOf = (lang: Language): StoredLanguage => (lang === 'kk-latn' ? 'kk' : lang);

/** A column's name in the reader's language (in Latin letters on a Kazakh Latin page). */
export const columnLabel = (key: ColumnKey, lang: Language): string => (lang === 'kk-latn' ? toKazakhLatin(columnHeader(key, 'kk')) : columnHeader(key, lang));

/** A problem's message with its column named in the reader's language. */
export function problemText(t: Translate, lang: Language, problem: ImportProblem): string {
  const values: MessageValues = { ...problem.values };
  if (problem.column) values.column = columnLabel(problem.column, lang);
  return t(problem.messageKey, values);
}

const en: Translate = (key, values) => translate('en', key, values);

/** The report of a file with problems, in English, one line per problem (the CLI). */
export function formatReport(file: string, validation: Validation): string {
  const lines: string[] = [];
  if (validation.fileProblems.length) {
    lines.push(`${file}: ${en('import.fileProblemsLead')}`);
    for (const p of validation.fileProblems) lines.push(`  ${problemText(en, 'en', p)}`);
  } else {
    lines.push(`${file}: ${en('import.reportLead', { bad: validation.badRows, total: validation.totalRows })}`);
    for (const p of validation.problems) lines.push(`  row ${String(p.row).padEnd(6)} ${p.column ? `${columnHeader(p.column, 'en')}: ` : ''}${problemText(en, 'en', p)}`);
  }
  return `${lines.join('\n')}\n`;
}

const countKeys = ['maslikhatsCreated', 'personsCreated', 'personsMatched', 'personsUpdated', 'membershipsCreated', 'membershipsUpdated', 'membershipsUnchanged'] as const satisfies readonly (keyof ImportCounts)[];

/** What an import did (or would do), in English, one count a line. */
export function formatCounts(counts: ImportCounts): string {
  return countKeys.map((k) => `  ${en(`import.count.${k}`)}: ${counts[k]}`).join('\n') + '\n';
}
