// The public meeting pages and calendars, mounted under /:lang: the list, one meeting, and their
// iCalendar feeds (/meetings.ics, /meetings/{id}.ics). All public GETs; drafts are never shown.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languagePrefixGuard } from '../../core/http/language.js';
import { pageQuery } from '../../core/http/pagination.js';
import { translate } from '../../core/i18n/messages.js';
import { createNewsService } from '../news/news.service.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createPublicMeetingService, meetingHeading } from './public.service.js';
import { MeetingListPage } from './views/public-list.js';
import { MeetingPage } from './views/public-meeting.js';

const calendarType = 'text/calendar; charset=utf-8';

export async function publicMeetingRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const meetings = createPublicMeetingService(app.db, opts.registry);
  const news = createNewsService(app.db, opts.registry);
  await languagePrefixGuard(app);

  /** The absolute address of a meeting's page in the request's language (for the calendars' URL). */
  const pageUrl = (request: FastifyRequest) => {
    const base = (app.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    return (id: string) => `${base}/${request.lang}/meetings/${id}`;
  };

  const sendCalendar = (reply: FastifyReply, body: string, filename: string) =>
    reply.header('content-type', calendarType).header('content-disposition', `inline; filename="${filename}"`).send(body);

  app.get('/meetings', async (request, reply) => {
    const { page } = pageQuery.parse(request.query ?? {});
    const view = await meetings.list(page);
    return reply.page(translate(request.lang, 'meetings.list.title'), <MeetingListPage view={view} />);
  });

  app.get('/meetings.ics', async (request, reply) => sendCalendar(reply, await meetings.calendar(request.lang, pageUrl(request)), 'meetings.ics'));

  app.get('/meetings/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (id.endsWith('.ics')) {
      const meetingId = id.slice(0, -'.ics'.length);
      return sendCalendar(reply, await meetings.meetingCalendar(request.lang, meetingId, pageUrl(request)), `meeting-${meetingId}.ics`);
    }
    const view = await meetings.meeting(id);
    const pressReleaseId = await news.publishedIdForMeeting(view.meeting.id);
    return reply.page(meetingHeading(request.lang, view.meeting), <MeetingPage view={view} pressReleaseId={pressReleaseId} />);
  });
}
