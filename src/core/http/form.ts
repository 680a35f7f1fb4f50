// Moved to forms.ts (the one way a form comes in: parseForm with a schema). These names stay until
// the last feature reading answers one by one has its `<feature>.forms.ts`.
import { formText } from './forms.js';

export { formText, titleWithErrors } from './forms.js';

/** @deprecated Read the form with `parseForm(schema, body)` from forms.ts. */
export function formAnswers<K extends string>(body: unknown, fields: readonly K[] | Record<K, number>, max = 500): Record<K, string> {
  const limits: [string, number][] = Array.isArray(fields) ? fields.map((name) => [name, max]) : Object.entries<number>(fields as Record<K, number>);
  return Object.fromEntries(limits.map(([name, limit]) => [name, formText(body, name, limit)])) as Record<K, string>;
}
