// Control characters are refused at the edge, for every parameter and text field: PostgreSQL
// cannot store a zero byte in text (the query fails, which was a 500), and no person means one.
// Tab, line feed and carriage return stay allowed in query strings and bodies (pasted text,
// textareas); path parameters allow none.
import type { FastifyInstance } from 'fastify';
import { ValidationError, type FieldProblem } from '../errors.js';

// oxlint-disable-next-line no-control-regex -- finding them is the point
const inText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// oxlint-disable-next-line no-control-regex -- finding them is the point
const inPath = /[\u0000-\u001F\u007F]/;

/** The dotted names of the fields whose text holds a forbidden character (at most five). */
export function fieldsWithControlCharacters(value: unknown, prefix: string, pattern: RegExp = inText): string[] {
  const found: string[] = [];
  const visit = (v: unknown, path: string, depth: number) => {
    if (found.length >= 5 || depth > 8) return;
    if (typeof v === 'string') {
      if (pattern.test(v)) found.push(path);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}.${i}`, depth + 1));
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v) && !ArrayBuffer.isView(v)) {
      for (const [key, item] of Object.entries(v)) {
        // An uploaded file's bytes are the file's business; its name is text like any other.
        if (key === 'data' && Buffer.isBuffer(item)) continue;
        if (pattern.test(key)) found.push(path ? `${path}.${key}` : key);
        else visit(item, path ? `${path}.${key}` : key, depth + 1);
      }
    }
  };
  visit(value, prefix, 0);
  return found;
}

export function controlCharactersRefused(fields: string[]) {
  return ValidationError(fields.map((field): FieldProblem => ({ field, messageKey: 'error.field.controlCharacters', values: { field } })));
}

export async function controlCharacterGuard(app: FastifyInstance): Promise<void> {
  // Parameters and the query before anything (session lookup, handler) uses them.
  app.addHook('onRequest', async (request) => {
    const fields = [...fieldsWithControlCharacters(request.params, '', inPath), ...fieldsWithControlCharacters(request.query, '')];
    if (fields.length) throw controlCharactersRefused(fields);
  });
  // Bodies once parsed (multipart forms are checked where they are read, core/http/uploads.ts).
  app.addHook('preValidation', async (request) => {
    const fields = fieldsWithControlCharacters(request.body, '');
    if (fields.length) throw controlCharactersRefused(fields);
  });
}
