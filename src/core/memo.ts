// Answers of pure work repeated across requests (a formatted date, a word's stem), kept by key.

/**
 * A store of answers by key, up to `limit` of them, all forgotten at once when it is full: bounded
 * whatever the keys, with no bookkeeping per read (what is still in use is made again at once).
 * Only answers are kept: a `make` that throws keeps nothing.
 */
export function rememberUpTo<V>(limit: number): (key: string, make: () => V) => V {
  const kept = new Map<string, V>();
  return (key, make) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = make();
      if (kept.size >= limit) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
