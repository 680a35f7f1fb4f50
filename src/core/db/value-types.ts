// The one place that decides how PostgreSQL values become JS values, for both drivers alike:
// int8 → number (counts and sums; ids are UUIDs), numeric → string (exact), date → 'YYYY-MM-DD'.
export const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is outside the safe integer range`);
  return n;
}

/** Parsers keyed by type OID, applied to text-format values. */
export const valueParsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: (value) => value,
  [OID.DATE]: (value) => value,
};
