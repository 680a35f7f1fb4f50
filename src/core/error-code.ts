// What a caught value says about itself, without casting it: `catch (err)` gives `unknown`.

/** The `code` of a Node system error ('ENOENT', 'EEXIST'…) or a driver's error (a PostgreSQL SQLSTATE such as '23505'); undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The message of an Error, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
