// What the layout shows about the organisation the platform serves. That organisation is data
// (the `home_organization` setting), never a name in code; the registry feature loads it.
import type { LocalizedText } from './i18n/localized-text.js';

export interface SiteInfo {
  name: LocalizedText;
  shortName: LocalizedText | null;
  parentName: LocalizedText | null;
  foundingDate: string | null;
  dissolutionDate: string | null;
  description: LocalizedText | null;
}

export type SiteLoader = () => Promise<SiteInfo>;

/**
 * Caches a value read on every page that changes rarely, for a few seconds (each app instance
 * holds its own copy, so a change shows everywhere within the TTL). A failed load is not cached.
 */
export function cachedForSeconds<T>(load: () => Promise<T>, ttlMs = 10_000): (() => Promise<T>) & { invalidate(): void } {
  let value: { at: number; promise: Promise<T> } | undefined;
  const loader = async () => {
    const now = Date.now();
    if (!value || now - value.at > ttlMs) {
      const promise = load();
      value = { at: now, promise };
      promise.catch(() => (value = undefined));
    }
    return value.promise;
  };
  return Object.assign(loader, { invalidate: () => (value = undefined) });
}
