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

/** Caches the site info for a few seconds: it is read on every page and changes rarely. */
export function cachedSiteLoader(load: SiteLoader, ttlMs = 10_000): SiteLoader & { invalidate(): void } {
  let value: { at: number; info: Promise<SiteInfo> } | undefined;
  const loader = async () => {
    const now = Date.now();
    if (!value || now - value.at > ttlMs) {
      const info = load();
      value = { at: now, info };
      info.catch(() => (value = undefined));
    }
    return value.info;
  };
  return Object.assign(loader, { invalidate: () => (value = undefined) });
}
