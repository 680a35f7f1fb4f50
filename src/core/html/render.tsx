// Renders a view inside the layout to an HTML document, and wires that to Fastify's reply.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { formatDate, formatDateTime, formatNumber, formatTime, localize } from '../i18n/format.js';
import { translate } from '../i18n/messages.js';
import { isLanguage, type Language } from '../i18n/languages.js';
import type { AssetManifest } from '../http/assets.js';
import { csrfTokenFor } from '../http/csrf.js';
import { publicOrigin } from '../http/public-url.js';
import type { SiteLoader } from '../site.js';
import { Layout } from './layout.js';
import { renderingPage, type PageContext, type PageHead } from './page-context.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page in the request's language and sends it. */
    page(title: string, body: VNode, status?: number, head?: PageHead): Promise<FastifyReply>;
    /** Renders part of a page (no layout) for a script to swap in, in the request's language. */
    fragment(body: VNode): Promise<FastifyReply>;
  }
  interface FastifyInstance {
    pageContext(request: FastifyRequest, reply: FastifyReply): Promise<PageContext>;
  }
}

/** How a page in one language writes: its messages, stored texts, dates, numbers and links. */
export type LanguageHelpers = Pick<PageContext, 'lang' | 't' | 'localize' | 'date' | 'dateTime' | 'time' | 'number' | 'href'>;

const helpersByLanguage = new Map<Language, LanguageHelpers>();

/** The helpers of a page in `lang` (made once per language: they hold nothing else). */
export function inLanguage(lang: Language): LanguageHelpers {
  let helpers = helpersByLanguage.get(lang);
  if (!helpers) {
    helpers = helpersFor(lang);
    if (isLanguage(lang)) helpersByLanguage.set(lang, helpers);
  }
  return helpers;
}

function helpersFor(lang: Language): LanguageHelpers {
  return {
    lang,
    t: (key, values) => translate(lang, key, values),
    localize: (text) => localize(lang, text),
    date: (date, style) => formatDate(lang, date, style),
    dateTime: (instant, timeZone) => formatDateTime(lang, instant, timeZone),
    time: (instant) => formatTime(lang, instant),
    number: (n) => formatNumber(lang, n),
    href: (path) => `/${lang}${path === '/' ? '/' : path}`,
  };
}

export function renderDocument(ctx: PageContext, title: string, body: VNode): string {
  return `<!doctype html>\n${renderingPage(ctx, () => renderToString(<Layout title={title}>{body}</Layout>))}`;
}

/** Renders part of a page (no layout) in the context's language: for a script to swap in. */
export function renderFragment(ctx: PageContext, body: VNode): string {
  return renderingPage(ctx, () => renderToString(body));
}

export async function htmlRendering(app: FastifyInstance, deps: { assets: AssetManifest; loadSite: SiteLoader }): Promise<void> {
  app.decorate('pageContext', async (request: FastifyRequest, reply: FastifyReply): Promise<PageContext> => {
    const lang = request.lang;
    const site = await deps.loadSite();
    const pathWithoutLang = request.langFromPath ? request.url.slice(lang.length + 1) || '/' : '/';
    return {
      ...inLanguage(lang),
      pathWithoutLang,
      origin: publicOrigin(request),
      asset: (name) => deps.assets.url(name),
      // A page kept for every anonymous visitor carries no one's token (it has no form that needs one).
      csrfToken: request.publicCacheEntry ? '' : csrfTokenFor(request, reply),
      site,
      signedIn: request.actor ? { displayName: request.actor.displayName, email: request.actor.email } : undefined,
    };
  });

  app.decorateReply('page', async function (this: FastifyReply, title: string, body: VNode, status = 200, head?: PageHead) {
    const ctx = { ...(await app.pageContext(this.request, this)), head };
    // Sent as bytes: the page is encoded to UTF-8 once, not measured for its length, kept by the
    // page cache and written to the socket as three separate walks over the same text.
    return this.code(status).type('text/html; charset=utf-8').send(Buffer.from(renderDocument(ctx, title, body)));
  });

  app.decorateReply('fragment', async function (this: FastifyReply, body: VNode) {
    const ctx = await app.pageContext(this.request, this);
    const html = renderFragment(ctx, body);
    return this.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
}
