// /sitemap.xml (every public page, each with its kk, kk-Latn, ru, en and x-default versions) and
// /robots.txt (the public portal open to crawlers, the office closed), kept and ETagged as public pages.
// A sitemap holds at most 50,000 addresses: when the portal's pages (with the deputies', thousands
// of them) need more, /sitemap.xml is a sitemap index of parts: /sitemaps/pages.xml (all but the
// deputies) and /sitemaps/deputies-{n}.xml (a bounded window of deputies each).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import { countDeputies, listDeputies } from './sitemap.repository.js';
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

/** A sitemap holds at most 50,000 addresses: each page is four (one per language), so 12,500 pages. */
export const pagesPerSitemap = 12_500;

/** The pages but the deputies' are bounded below one sitemap (the rest of it is for deputies while they fit). */
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

/** A sitemap index naming each part by its absolute address. */
export function writeSitemapIndex(origin: string, parts: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map((p) => `  <sitemap><loc>${escapeXml(`${origin}${p}`)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/**
 * How the sitemap is laid out: one sitemap when every page fits (`deputies` of them read into it),
 * else an index of the other pages' part and as many deputies' parts as their count needs.
 */
export function sitemapLayout(otherPages: number, deputies: number, perSitemap = pagesPerSitemap): { kind: 'single' } | { kind: 'index'; parts: string[] } {
  if (otherPages + deputies <= perSitemap) return { kind: 'single' };
  const deputyParts = Math.ceil(deputies / perSitemap);
  return { kind: 'index', parts: ['/sitemaps/pages.xml', ...Array.from({ length: deputyParts }, (_, i) => `/sitemaps/deputies-${i + 1}.xml`)] };
}

const partParams = z.object({ name: z.string().regex(/^(pages|deputies-[1-9]\d{0,3})\.xml$/) });

const deputyPage = (d: { id: string; updatedAt: Date }): SitemapPage => ({ path: `/deputies/${d.id}`, lastModified: d.updatedAt });

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
    const [maslikhats, meetingRows, newsRows, plans, categories] = await Promise.all([
      registry.listRegionMaslikhats(),
      allPages(async (page) => {
        const list = await meetings.list(page);
        return { rows: page === 1 ? [...list.upcoming, ...list.past] : list.past, pages: list.pages };
      }, maxPages),
      allPages((page) => news.listPublished(page), maxPages),
      planListing.publicPlans(app.db),
      news.categories(),
    ]);
    return [
      ...fixedPages.map((path) => ({ path })),
      ...maslikhats.map((m) => ({ path: `/maslikhats/${m.slug}` })),
      ...categories.map((c) => ({ path: `/news?category=${c.slug}` })),
      ...meetingRows.map((m) => ({ path: `/meetings/${m.id}`, lastModified: m.updatedAt })),
      ...newsRows.map((n) => ({ path: `/news/${n.id}`, lastModified: n.updatedAt })),
      ...plans.map((p) => ({ path: `/plan/${p.id}` })),
    ].slice(0, maxPages);
  }

  const xml = 'application/xml; charset=utf-8';

  app.get('/sitemap.xml', async (request, reply) => {
    const origin = publicOrigin(request);
    const [pages, deputies] = await Promise.all([publicPages(), countDeputies(app.db)]);
    const layout = sitemapLayout(pages.length, deputies);
    if (layout.kind === 'index') return reply.header('content-type', xml).send(writeSitemapIndex(origin, layout.parts));
    const deputyPages = (await listDeputies(app.db, 0, pagesPerSitemap - pages.length)).map(deputyPage);
    return reply.header('content-type', xml).send(writeSitemap(origin, [...pages, ...deputyPages]));
  });

  // The parts of a sitemap index (answered whenever asked: a part past the end is empty, not an error).
  app.withTypeProvider<ZodTypeProvider>().get('/sitemaps/:name', { schema: { params: partParams } }, async (request, reply) => {
    const origin = publicOrigin(request);
    const { name } = request.params;
    if (name === 'pages.xml') return reply.header('content-type', xml).send(writeSitemap(origin, await publicPages()));
    const part = Number(/^deputies-(\d+)\.xml$/.exec(name)?.[1]);
    const deputies = await listDeputies(app.db, (part - 1) * pagesPerSitemap, pagesPerSitemap);
    if (part > 1 && deputies.length === 0) throw NotFoundError();
    return reply.header('content-type', xml).send(writeSitemap(origin, deputies.map(deputyPage)));
  });

  app.get('/robots.txt', async (request, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .send(['User-agent: *', 'Allow: /', 'Disallow: /*/office/', '', `Sitemap: ${publicOrigin(request)}/sitemap.xml`, ''].join('\n')),
  );
}
