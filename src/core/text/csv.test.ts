// CSV cells: quoting, and formula triggers neutralised while numbers and phone numbers stay data.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';

describe('csvCell', () => {
  it('quotes what needs quoting and neutralises formula triggers', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}A1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1+2,3')).toBe('"\'=1+2,3"');
    // Phone numbers and negative numbers are data, not formulas: kept as they are.
    expect(csvCell('+7 701 123 45 67')).toBe('+7 701 123 45 67');
    expect(csvCell('+7 (7172) 74-77-77')).toBe('+7 (7172) 74-77-77');
    expect(csvCell('-12.5')).toBe('-12.5');
    // Anything with a letter, a formula sign or a separator after the start is still neutralised.
    for (const risky of ['+SUM(1,2)', '-2+3+cmd|calc', '=1', '@A1', '-', '+7 701|x', '\t12']) expect(csvCell(risky).replace(/^"/, '')).toMatch(/^'/);
  });
});

describe('csvLine', () => {
  it('joins the cells with commas and ends the line with CRLF', () => {
    expect(csvLine(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n');
  });
});
