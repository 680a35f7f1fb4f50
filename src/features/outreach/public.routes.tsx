// The public outreach pages, mounted under /:lang: /receptions (public receptions and meetings with
// voters ahead, ?region=<KATO>), /receptions.ics (the same as a calendar, all or a region's) and
// /receptions/{id} (one public event). A maslikhat's page lists its latest public events held, and
// the home page the next few ahead.
// Public events only; applicants and internal events never.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { formatDateTime, localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import { writeCalendar, type CalendarEvent } from '../meetings/calendar.js';
import { createPublicOutreachService, type PublicEventRow } from './outreach.service.js';
import { PublicEventPage, ReceptionsPage } from './views/public.js';
import { kindKeys } from './views/office.js';

const listQuery = z.object({
  region: z.string().regex(/^\d{9}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const calendarQuery = z.object({ region: z.string().regex(/^\d{9}$/).optional().catch(undefined) });
const eventParams = pathParams({ id: idParam });
/** How many past events a maslikhat's page lists. */
const hubLimit = 5;
/** How many receptions ahead the home page lists. */
const homeLimit = 3;
/** The calendar keeps events of the last 30 days too, so a subscribed calendar does not lose them at once. */
const calendarPastMs = 30 * 24 * 3600 * 1000;
const calendarLimit = 1000;

export async function publicOutreachRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const outreach = createPublicOutreachService(app.db);

  app.related.provideSection('maslikhat', 'outreach', async (organizationId, lang) => {
    const rows = await outreach.pastOf(organizationId, new Date(), hubLimit);
    return {
      key: 'outreach',
      titleKey: 'receptions.hubTitle',
      links: rows.map((r) => ({
        messageKey: kindKeys[r.kind],
        href: `/receptions/${r.id}`,
        detail: { messageKey: 'receptions.hubDetail', values: { when: formatDateTime(lang, r.startsAt, r.timeZone), place: r.settlement ?? '—' } },
      })),
    };
  });

  // The home page's "what is next": the public receptions and meetings with voters ahead, in every region.
  app.related.provideSection('home', 'outreach', async (_organizationId, lang) => {
    const rows = await outreach.soonest(new Date(), homeLimit);
    return {
      key: 'receptions',
      titleKey: 'home.receptionsTitle',
      links: rows.map((r) => ({
        messageKey: 'home.reception',
        values: { kind: translate(lang, kindKeys[r.kind]), region: localize(lang, r.regionName ?? r.organizationName).text },
        href: `/receptions/${r.id}`,
        detail: { messageKey: 'receptions.hubDetail', values: { when: formatDateTime(lang, r.startsAt, r.timeZone), place: r.settlement ?? '—' } },
      })),
      more: { messageKey: 'home.allReceptions', href: '/receptions' },
    };
  });

  /** The region a ?region= names (a KATO code of an area), or none. */
  async function regionOf(kato: string | undefined) {
    const regions = await outreach.regions();
    const region = kato ? regions.find((r) => r.kato === kato) : undefined;
    return { regions, region };
  }

  route.get('/receptions', { schema: { querystring: listQuery } }, async (request, reply) => {
    const { regions, region } = await regionOf(request.query.region);
    const result = await outreach.ahead(region?.id, request.query.page, new Date());
    const pageHref = (p: number) => {
      const q = new URLSearchParams();
      if (region) q.set('region', region.kato);
      if (p > 1) q.set('page', String(p));
      const query = q.toString();
      return `/${request.lang}/receptions${query ? `?${query}` : ''}`;
    };
    const title = region ? translate(request.lang, 'receptions.regionTitle', { region: localize(request.lang, region.name).text }) : translate(request.lang, 'receptions.title');
    return reply.page(title, <ReceptionsPage rows={result.rows} page={result.page} pages={result.pages} regions={regions} region={region?.kato ?? ''} regionName={region?.name ?? null} pageHref={pageHref} />);
  });

  const base = (request: FastifyRequest) => (app.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  function toEvent(lang: Language, e: PublicEventRow & { deputies: { name: Record<string, string> }[] }, url: string): CalendarEvent {
    const place = [e.settlement, e.address, e.districtName && localize(lang, e.districtName).text, e.regionName && localize(lang, e.regionName).text].filter(Boolean).join(', ');
    const deputies = e.deputies.map((d) => localize(lang, d.name).text).join(', ');
    return {
      uid: `outreach-${e.id}@kenes`,
      stamp: e.updatedAt,
      start: e.startsAt,
      end: e.endsAt,
      summary: `${translate(lang, kindKeys[e.kind])}${e.organizationName ? ` — ${localize(lang, e.organizationName).text}` : ''}`,
      location: place || null,
      description: deputies ? translate(lang, 'receptions.calendarDeputies', { deputies }) : null,
      url,
      status: 'CONFIRMED',
      sequence: Math.max(0, e.version - 1),
    };
  }

  route.get('/receptions.ics', { schema: { querystring: calendarQuery } }, async (request, reply) => {
    const { region } = await regionOf(request.query.region);
    const result = await outreach.ahead(region?.id, 1, new Date(Date.now() - calendarPastMs), calendarLimit);
    const lang = request.lang;
    const name = region ? translate(lang, 'receptions.regionTitle', { region: localize(lang, region.name).text }) : translate(lang, 'receptions.title');
    const body = writeCalendar({ prodId: '-//Kenes//Receptions//EN', name, events: result.rows.map((e) => toEvent(lang, e, `${base(request)}/${lang}/receptions/${e.id}`)) });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="kenes-receptions${region ? `-${region.kato}` : ''}.ics"`)
      .header('cache-control', 'public, max-age=300')
      .send(body);
  });

  route.get('/receptions/:id', { schema: { params: eventParams } }, async (request, reply) => {
    const event = await outreach.event(request.params.id);
    const title = `${translate(request.lang, kindKeys[event.kind])}: ${formatDateTime(request.lang, event.startsAt, event.timeZone)}`;
    return reply.page(title, <PublicEventPage event={event} held={event.startsAt <= new Date()} />);
  });
}
