// The data side of paged HTML lists: the ?page= a list reads, and the address of each page.
import { z } from 'zod';

/** ?page=N from 1; anything else (missing, not a whole number, past 100 000) is page 1, never an error. */
export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) }).catch({ page: 1 });

/** A page of the list at `path`: page 1 is the path itself, so each page has one address. */
export function pagePath(path: string, page: number): string {
  return page > 1 ? `${path}?page=${page}` : path;
}
