// The portal's Atom feeds, mounted under /:lang: the published news (/feed.atom) and the public
// meetings (/meetings.atom, beside the iCalendar), each in the path's language, kept and ETagged as
// public pages; and a news category's (/news/category/{slug}/feed.atom); Last-Modified is the newest entry's time.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pathParams, slugParam } from '../../core/http/params.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { publicOrigin } from '../../core/http/public-url.js';
import { formatDateTime, localize } from '../../core/i18n/format.js';
import { languages, languageTags, type Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { createPublicMeetingService, kindAndNumber, meetingHeading, type PublicMeetingRow } from '../meetings/public.service.js';
import { createNewsService, type NewsRow } from '../news/news.service.js';
import type { RegistryService } from '../registry/registry.service.js';
import { atomId, paragraphsHtml, writeAtom, type AtomEntry, type AtomLink, type AtomText } from './atom.js';

export const atomType = 'application/atom+xml; charset=utf-8';

/** Who publishes the feeds: the name in titles, the author, and the date of an empty feed. */
interface Publisher {
  name: string;
  author: string;
  since: Date;
}

/** A stored text in the feed's language; a fallback says which language it is in. */
function atomText(lang: Language, value: LocalizedText | null | undefined): AtomText {
  const l = localize(lang, value);
  return l.fallback ? { text: l.text, lang: l.tag } : { text: l.text };
}

/** The page in each language: the feed's own first (readers take the first alternate), then the others. */
function pageLinks(origin: string, lang: Language, path: string): AtomLink[] {
  return [lang, ...languages.filter((l) => l !== lang)].map((l) => ({ rel: 'alternate', type: 'text/html', hreflang: languageTags[l], href: `${origin}/${l}${path}` }));
}

/** A news item as an entry: its lead the summary, its body the content (paragraphs as HTML). */
function newsEntry(origin: string, lang: Language, item: NewsRow): AtomEntry {
  const body = atomText(lang, item.body);
  const published = item.publishedAt ?? item.updatedAt;
  return {
    id: atomId('news', item.id, lang),
    title: atomText(lang, item.title),
    // Published after its last edit (a draft published as it was): the publication is the change.
    updated: item.updatedAt > published ? item.updatedAt : published,
    published,
    links: pageLinks(origin, lang, `/news/${item.id}`),
    summary: atomText(lang, item.lead),
    content: { ...body, text: paragraphsHtml(body.text), type: 'html' },
  };
}

export async function feedRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  await languagePrefixGuard(app);
  const news = createNewsService(app.db, opts.registry);
  const meetings = createPublicMeetingService(app.db, opts.registry);

  /** The feed's name, publisher and date for an empty feed (the organisation's founding, else the epoch: stable, so the ETag is). */
  async function publisher(lang: Language): Promise<Publisher> {
    const home = await opts.registry.homeOrganization();
    const name = localize(lang, home.shortName ?? home.name).text;
    return { name, author: localize(lang, home.name).text, since: new Date(home.foundingDate ? `${home.foundingDate}T00:00:00Z` : 0) };
  }

  const feedLinks = (origin: string, lang: Language, feedPath: string, pagePath: string): AtomLink[] => [
    { rel: 'self', type: 'application/atom+xml', href: `${origin}/${lang}${feedPath}` },
    ...pageLinks(origin, lang, pagePath),
    ...languages.filter((l) => l !== lang).map((l): AtomLink => ({ rel: 'alternate', type: 'application/atom+xml', hreflang: languageTags[l], href: `${origin}/${l}${feedPath}` })),
  ];

  /** One of the portal's feeds in a language, titled and authored by the publisher. */
  // Last-Modified is the newest entry's time; the page cache keeps it and answers If-Modified-Since.
  const sendFeed = (reply: FastifyReply, lang: Language, who: Publisher, feed: 'news' | 'meetings' | { id: string; title: string }, links: AtomLink[], entries: AtomEntry[]) => {
    const { id, title } = typeof feed === 'string' ? { id: atomId('feed', feed, lang), title: translate(lang, `feed.${feed}.title`, { name: who.name }) } : feed;
    return reply
      .header('content-type', atomType)
      .header('last-modified', entries.reduce((max, e) => (e.updated > max ? e.updated : max), who.since).toUTCString())
      .send(writeAtom({ id, lang: languageTags[lang], title, author: who.author, updated: who.since, links, entries }));
  };

  // A news category's feed, kept by the page cache like the others (its ETag, and its Last-Modified
  // from the newest item, answer conditional requests). A scheduled item is in it from its time.
  app.withTypeProvider<ZodTypeProvider>().get('/news/category/:slug/feed.atom', { schema: { params: pathParams({ slug: slugParam }) } }, async (request, reply) => {
    const lang = request.lang;
    const origin = publicOrigin(request);
    const category = await news.category(request.params.slug);
    const [who, latest] = await Promise.all([publisher(lang), news.listPublished(1, category.slug)]);
    const entries = latest.rows.map((item) => newsEntry(origin, lang, item));
    const title = translate(lang, 'news.categoryFeedTitle', { category: localize(lang, category.name).text }) + ` — ${who.name}`;
    const feedPath = `/news/category/${category.slug}/feed.atom`;
    return sendFeed(reply, lang, who, { id: atomId('feed', 'news', category.slug, lang), title }, feedLinks(origin, lang, feedPath, `/news?category=${category.slug}`), entries);
  });

  app.get('/feed.atom', async (request: FastifyRequest, reply) => {
    const lang = request.lang;
    const origin = publicOrigin(request);
    const [who, latest] = await Promise.all([publisher(lang), news.listPublished(1)]);
    const entries = latest.rows.map((item) => newsEntry(origin, lang, item));
    return sendFeed(reply, lang, who, 'news', feedLinks(origin, lang, '/feed.atom', '/news'), entries);
  });

  /** A meeting's summary: when, where, how, and its status. */
  const meetingSummary = (lang: Language, m: PublicMeetingRow): string =>
    [
      kindAndNumber(lang, m),
      formatDateTime(lang, m.startsAt, m.timeZone),
      m.place ? localize(lang, m.place).text : '',
      translate(lang, `meetings.format.${m.format}`),
      translate(lang, `meetings.status.${m.status}`) + (m.statusReason && (m.status === 'cancelled' || m.status === 'postponed') ? `: ${localize(lang, m.statusReason).text}` : ''),
    ]
      .filter(Boolean)
      .join('. ');

  app.get('/meetings.atom', async (request: FastifyRequest, reply) => {
    const lang = request.lang;
    const origin = publicOrigin(request);
    const [who, list] = await Promise.all([publisher(lang), meetings.list(1)]);
    // The upcoming meetings and the latest past ones, the most recently changed first.
    const shown = [...list.upcoming, ...list.past].toSorted((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? -1 : 1));
    const entries = shown.map((m) => ({
      id: atomId('meeting', m.id, lang),
      title: { text: meetingHeading(lang, m) },
      updated: m.updatedAt,
      links: pageLinks(origin, lang, `/meetings/${m.id}`),
      summary: { text: meetingSummary(lang, m) },
    }));
    const calendar: AtomLink = { rel: 'related', type: 'text/calendar', href: `${origin}/${lang}/meetings.ics` };
    return sendFeed(reply, lang, who, 'meetings', [...feedLinks(origin, lang, '/meetings.atom', '/meetings'), calendar], entries);
  });
}
