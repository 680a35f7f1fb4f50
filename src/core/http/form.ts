// Reading the answers of an HTML form (urlencoded or multipart key-values): every answer is a
// trimmed string, cut to its longest allowed length, with Windows line ends made plain; an answer
// that is missing or not a string is empty. And the page title of a form shown again with errors.
import type { Language } from '../i18n/languages.js';
import { translate } from '../i18n/messages.js';

export function formText(body: unknown, name: string, max = 500): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim().slice(0, max) : '';
}

/** Several answers at once: a list of names (each cut at `max`), or each name with its own limit. */
export function formAnswers<K extends string>(body: unknown, fields: readonly K[] | Record<K, number>, max = 500): Record<K, string> {
  const limits: [string, number][] = Array.isArray(fields) ? fields.map((name) => [name, max]) : Object.entries<number>(fields as Record<K, number>);
  return Object.fromEntries(limits.map(([name, limit]) => [name, formText(body, name, limit)])) as Record<K, string>;
}

/** "Error: Title" while the form has problems (read first by screen readers, seen in the tab), else the title. */
export function titleWithErrors(lang: Language, title: string, hasProblems: boolean | readonly unknown[]): string {
  const problems = typeof hasProblems === 'boolean' ? hasProblems : hasProblems.length > 0;
  return problems ? `${translate(lang, 'form.errorTitlePrefix')} ${title}` : title;
}
