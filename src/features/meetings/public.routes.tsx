// The public meeting pages and calendars, mounted under /:lang: the list, one meeting, and their
// iCalendar feeds (/meetings.ics, /meetings/{id}.ics). All public GETs; drafts are never shown.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { languagePrefixGuard } from '../../core/http/language.js';
import { pageQuery } from '../../core/http/pagination.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { formatDateTime } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createPublicMeetingService, meetingHeading, organizationStanding } from './public.service.js';
import type { RelatedColumn } from './public.repository.js';
import { MeetingListPage } from './views/public-list.js';
import { MeetingPage } from './views/public-meeting.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { decisionSearchSource, meetingSearchSource } from './search-source.js';

const calendarType = 'text/calendar; charset=utf-8';

/** /meetings/{id} is the meeting's page, /meetings/{id}.ics its calendar: an id either way. */
const meetingOrCalendar = z.string().transform((value, ctx) => {
  const calendar = value.endsWith('.ics');
  const id = idParam.safeParse(calendar ? value.slice(0, -'.ics'.length) : value);
  if (!id.success) {
    ctx.addIssue({ code: 'custom', message: 'not a meeting' });
    return z.NEVER;
  }
  return { id: id.data, calendar };
});
const meetingParams = pathParams({ id: meetingOrCalendar });
/** How many of a region's meetings its hub lists (newest first; the rest are in the meetings list). */
export const hubMeetingLimit = 10;

export async function publicMeetingRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  const meetings = createPublicMeetingService(app.db, opts.registry);
  const relatedColumn: RelatedColumn = (db, meetingId) => app.related.columnFor('meeting', db, meetingId);
  for (const source of [meetingSearchSource(opts.registry), decisionSearchSource(opts.registry)]) app.searchIndex.register(source);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();

  // A region's hub (the maslikhat's page): the Council meetings it was invited to, with its part in each.
  app.related.provideSection('maslikhat', 'meetings', async (organizationId, lang) => {
    const rows = await meetings.meetingsOf(organizationId, hubMeetingLimit + 1);
    return {
      key: 'meetings',
      titleKey: 'hub.meetingsTitle',
      emptyKey: 'hub.meetingsNone',
      links: rows.slice(0, hubMeetingLimit).map((m) => ({
        messageKey: 'hub.meetingLink',
        values: { meeting: meetingHeading(lang, m) },
        href: `/meetings/${m.id}`,
        detail: { messageKey: 'hub.meetingDetail', values: { when: formatDateTime(lang, m.startsAt, m.timeZone), standing: translate(lang, organizationStanding(m)) } },
      })),
      ...(rows.length > hubMeetingLimit ? { more: { messageKey: 'hub.meetingsAll', href: '/meetings' } } : {}),
    };
  });

  /** The absolute address of a meeting's page in the request's language (for the calendars' URL). */
  const pageUrl = (request: FastifyRequest) => {
    const base = (app.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    return (id: string) => `${base}/${request.lang}/meetings/${id}`;
  };

  const sendCalendar = (reply: FastifyReply, body: string, filename: string) =>
    reply.header('content-type', calendarType).header('content-disposition', `inline; filename="${filename}"`).send(body);

  route.get('/meetings', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const { page } = request.query;
    const view = await meetings.list(page);
    return reply.page(translate(request.lang, 'meetings.list.title'), <MeetingListPage view={view} />);
  });

  route.get('/meetings.ics', async (request, reply) => sendCalendar(reply, await meetings.calendar(request.lang, pageUrl(request)), 'meetings.ics'));

  route.get('/meetings/:id', { schema: { params: meetingParams } }, async (request, reply) => {
    const { id, calendar } = request.params.id;
    if (calendar) return sendCalendar(reply, await meetings.meetingCalendar(request.lang, id, pageUrl(request)), `meeting-${id}.ics`);
    // What other features know of the meeting (its press release, its plan…), without this feature
    // importing them: their queries travel in the page's own.
    const view = await meetings.meeting(id, relatedColumn);
    const related = await app.related.linksWith('meeting', view.meeting.id, request.lang, view.related);
    return reply.page(meetingHeading(request.lang, view.meeting), <MeetingPage view={view} related={related} />);
  });
}
