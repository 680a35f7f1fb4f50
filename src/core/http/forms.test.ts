import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { choice, fieldProblem, optionalDate, parseForm, requiredDate, requiredText, text, version, wholeNumber } from './forms.js';
import { idParam, pathParams } from './params.js';

const schema = z
  .object({
    name: requiredText('areasAdmin.nameKkMissing', 10),
    note: text(5),
    kind: choice(['a', 'b'], 'decisionForm.kindMissing'),
    start: requiredDate('deputyForm.dateMissing', 'people.dateInvalid'),
    end: optionalDate('people.dateInvalid'),
    count: wholeNumber('areasAdmin.populationMissing', 'areasAdmin.populationInvalid', { max: 100 }),
    version: version(),
  })
  .superRefine((a, ctx) => {
    if (a.end && a.start && a.end < a.start) ctx.addIssue(fieldProblem('end', 'people.dateOrder'));
  });

describe('parseForm', () => {
  it('gives typed answers for a good form', () => {
    const form = parseForm(schema, { name: '  Abai \r\n', kind: 'a', start: '2020-10-21', end: '', count: '1 000'.replace('000', '00'), version: '3' });
    expect(form).toMatchObject({ ok: true, answers: { name: 'Abai', note: '', kind: 'a', start: '2020-10-21', end: null, count: 100, version: 3 } });
  });

  it('keeps every answer and gives one problem per field, with our keys, in the form order', () => {
    const form = parseForm(schema, { name: '', note: 'too long', kind: ['a', 'b'], start: '2020-02-30', end: 'x', count: '-1', version: 'v' });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.answers).toEqual({ name: '', note: 'too long', kind: '', start: '2020-02-30', end: 'x', count: '-1', version: 'v' });
    expect(form.problems.map((p) => [p.field, p.messageKey])).toEqual([
      ['name', 'areasAdmin.nameKkMissing'],
      ['note', 'form.tooLong'],
      ['kind', 'decisionForm.kindMissing'],
      ['start', 'people.dateInvalid'],
      ['end', 'people.dateInvalid'],
      ['count', 'areasAdmin.populationInvalid'],
    ]);
    expect(form.problems[1]!.values).toMatchObject({ limit: 5 });
  });

  it('runs the checks across fields when the fields themselves are fine', () => {
    const form = parseForm(schema, { name: 'x', kind: 'b', start: '2020-10-21', end: '2020-10-20', count: '5' });
    expect(form.ok || form.problems).toEqual([{ field: 'end', messageKey: 'people.dateOrder', values: { field: 'end' } }]);
  });
});

describe('path parameters', () => {
  it('read a UUID in any case as lower case, and refuse anything else', () => {
    const params = pathParams({ id: idParam });
    expect(params.parse({ lang: 'en', id: '0190C8A0-0000-7000-8000-00000000000A' })).toEqual({ lang: 'en', id: '0190c8a0-0000-7000-8000-00000000000a' });
    expect(params.safeParse({ lang: 'en', id: 'not-a-uuid' }).success).toBe(false);
    expect(params.safeParse({ lang: 'xx', id: '0190c8a0-0000-7000-8000-00000000000a' }).success).toBe(false);
  });
});
