// /sitemap.xml (every public page, each with its kk, kk-Latn, ru, en and x-default versions) and
// /robots.txt (the public portal open to crawlers, the office closed), kept and ETagged as public pages.
import type { FastifyInstance } from 'fastify';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { publicOrigin } from '../../core/http/public-url.js';
import { defaultLanguage, languages, languageTags } from '../../core/i18n/languages.js';
import { createPublicMeetingService } from '../meetings/public.service.js';
import { createNewsService } from '../news/news.service.js';
import { planListing } from '../plan/progress.service.js';
import type { RegistryService } from '../registry/registry.service.js';
import { escapeXml, rfc3339 } from '../feeds/atom.js';

/** A public page by its path inside a language ('/news/…'), with when it last changed where that is known. */
export interface SitemapPage {
  path: string;
  lastModified?: Date;
}

/** A sitemap holds at most 50,000 addresses: each page is four (one per language). */
const maxPages = 12_000;

/** The portal's pages that are always there. */
const fixedPages = ['/', '/about', '/maslikhats', '/council', '/deputies', '/meetings', '/news', '/plan'];

/** The sitemap: each page in every language, each address naming all its language versions and the default (Kazakh). */
export function writeSitemap(origin: string, pages: SitemapPage[]): string {
  const url = (lang: string, path: string) => escapeXml(`${origin}/${lang}${path}`);
  const entries = pages.flatMap((page) => {
    const alternates = [
      ...languages.map((l) => `    <xhtml:link rel="alternate" hreflang="${languageTags[l]}" href="${url(l, page.path)}"/>`),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${url(defaultLanguage, page.path)}"/>`,
    ];
    return languages.map((lang) =>
      ['  <url>', `    <loc>${url(lang, page.path)}</loc>`, ...(page.lastModified ? [`    <lastmod>${rfc3339(page.lastModified)}</lastmod>`] : []), ...alternates, '  </url>'].join('\n'),
    );
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n');
}

/** Reads every page of a paged list (page 1 tells how many there are), up to a bound. */
async function allPages<T>(read: (page: number) => Promise<{ rows: T[]; pages: number }>, bound: number): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; rows.length < bound; page++) {
    const next = await read(page);
    rows.push(...next.rows);
    if (page >= next.pages) break;
  }
  return rows.slice(0, bound);
}

export async function sitemapRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  const { registry } = opts;
  const news = createNewsService(app.db, registry);
  const meetings = createPublicMeetingService(app.db, registry);

  /** Every public page, through each feature's service (drafts are none of theirs to give). */
  async function publicPages(): Promise<SitemapPage[]> {
    const [maslikhats, meetingRows, newsRows, plans] = await Promise.all([
      registry.listRegionMaslikhats(),
      allPages(async (page) => {
        const list = await meetings.list(page);
        return { rows: page === 1 ? [...list.upcoming, ...list.past] : list.past, pages: list.pages };
      }, maxPages),
      allPages((page) => news.listPublished(page), maxPages),
      planListing.publicPlans(app.db),
    ]);
    return [
      ...fixedPages.map((path) => ({ path })),
      ...maslikhats.map((m) => ({ path: `/maslikhats/${m.slug}` })),
      ...meetingRows.map((m) => ({ path: `/meetings/${m.id}`, lastModified: m.updatedAt })),
      ...newsRows.map((n) => ({ path: `/news/${n.id}`, lastModified: n.updatedAt })),
      ...plans.map((p) => ({ path: `/plan/${p.id}` })),
    ].slice(0, maxPages);
  }

  app.get('/sitemap.xml', async (request, reply) =>
    reply.header('content-type', 'application/xml; charset=utf-8').send(writeSitemap(publicOrigin(request), await publicPages())),
  );

  app.get('/robots.txt', async (request, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .send(['User-agent: *', 'Allow: /', 'Disallow: /*/office/', '', `Sitemap: ${publicOrigin(request)}/sitemap.xml`, ''].join('\n')),
  );
}
