// What every view can read while rendering: the language, messages, formatting, the site, the CSRF token.
import type { Language } from '../i18n/languages.js';
import type { MessageKey, MessageValues } from '../i18n/messages.js';
import type { Localized } from '../i18n/format.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import type { SiteInfo } from '../site.js';

export interface PageContext {
  lang: Language;
  t(key: MessageKey, values?: MessageValues): string;
  localize(text: LocalizedText | null | undefined): Localized;
  date(date: string, style?: 'long' | 'medium' | 'short'): string;
  dateTime(instant: Date, timeZone?: string): string;
  /** Hours and minutes of an instant in Kazakhstan (for "try again at 14:05"). */
  time(instant: Date): string;
  number(n: number): string;
  /** A path inside the current language: href('/about') → '/kk/about'. */
  href(path: string): string;
  /** The current path without its language prefix, with its query (for the language switcher). */
  pathWithoutLang: string;
  /** The site's absolute origin (KENES_PUBLIC_URL, else the request's scheme and host), for canonical and shared links. */
  origin: string;
  asset(name: string): string;
  csrfToken: string;
  site: SiteInfo;
  /** The signed-in person, for the header; undefined for visitors. */
  signedIn: { displayName: string; email: string } | undefined;
  /** Set by a page that adds to the head (reply.page's fourth argument). */
  head?: PageHead | undefined;
}

/** What a page adds to the head beyond the usual: an article's Open Graph tags, a photo, its own feeds. */
export interface PageHead {
  /** An article (a news item): og:type article with its publication time. */
  article?: { publishedTime: Date };
  /** The page's image for link previews: a path on this site, its size and alt text. */
  image?: { path: string; width: number; height: number; alt: string };
  /** Feeds of this page besides the language's news feed: a path inside the language ('/news/category/x/feed.atom'). */
  feeds?: { title: string; path: string }[];
}

/**
 * The context of the render under way. Rendering to a string is synchronous (preact-render-to-string's
 * renderToString runs every component before it returns), so the page's context is kept here for
 * that call instead of in a Preact context: reading one needs preact/hooks, whose option hooks run
 * for every element of every page, and each reading component subscribed itself to the provider.
 * Without them the demo meeting page renders in about half the time.
 */
let rendering: PageContext | undefined;

/** Runs a synchronous render with `ctx` as the page every component reads (a render inside it keeps its own). */
export function renderingPage<T>(ctx: PageContext, render: () => T): T {
  const outer = rendering;
  rendering = ctx;
  try {
    return render();
  } finally {
    rendering = outer;
  }
}

/** The page being rendered: its language, messages, formatting, site and token. */
export function usePage(): PageContext {
  if (!rendering) throw new Error('usePage() outside a page render');
  return rendering;
}
