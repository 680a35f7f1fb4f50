// The outreach office, mounted under /:lang: /office/outreach (the events in the visitor's scope,
// filtered and paged), logging an event for a maslikhat (/office/maslikhats/{slug}/outreach/new),
// an event's page, changing it (version-checked: a 409 keeps the answers over the latest version),
// deleting it, and its photos (re-encoded, with alt text), served at /files/outreach/{name}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, authorize, definePolicies } from '../../core/auth/authorize.js';
import type { Actor } from '../../core/auth/actor.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { outreachEventKinds } from '../../core/db/database.js';
import { ForbiddenError, NotFoundError, UnauthorizedError, type FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors, uploadedFile } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { flagQuery, idParam, pathParams, slugParam } from '../../core/http/params.js';
import { sendStoredFile } from '../../core/http/stored-file.js';
import { singleFileUploads } from '../../core/http/uploads.js';
import { maxPhotoBytes } from '../../core/images.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import { deleteForm, eventFile, eventForm, eventInput, eventLists, fileForm, listProblems, maxEventFileBytes, photoForm, timedProblems, type EventAnswers, type EventLists } from './outreach.forms.js';
import { outreachPolicies } from './outreach.policies.js';
import { createOutreachService, localDate, localTime, onlyAsDeputy, seesAll, type MaslikhatRow } from './outreach.service.js';
import { maxFileBytes } from '../../core/spreadsheets/parse.js';
import { createOutreachImportService } from './import.service.js';
import { outreachImportRoutes } from './import.routes.js';
import { outreachTopicRoutes } from './topics.routes.js';
import { ChooseMaslikhatPage, EventFormPage, EventListPage, EventPage, type EventView, type FormChoices } from './views/office.js';

const noStore = 'no-store';
const slugParams = pathParams({ slug: slugParam });
const eventParams = pathParams({ id: idParam });
const photoParams = pathParams({ id: idParam, photoId: idParam });
const paperParams = pathParams({ id: idParam, fileId: idParam });
const photoFileParams = z.object({ name: z.string().regex(/^[0-9a-f]{64}\.webp$/) });
const optionalDay = z.iso.date().optional().catch(undefined);
const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  kind: z.enum(outreachEventKinds).optional().catch(undefined),
  from: optionalDay,
  to: optionalDay,
  region: z.string().regex(/^\d{9}$/).optional().catch(undefined),
});
const eventQuery = z.object({ saved: flagQuery });

type Maslikhat = MaslikhatRow & { timeZone: string };
type Loaded = Awaited<ReturnType<ReturnType<typeof createOutreachService>['event']>>;

function eventView(e: Loaded): EventView {
  return {
    id: e.id,
    organizationName: e.organizationName,
    regionName: e.regionName,
    districtName: e.districtName,
    kind: e.kind,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    timeZone: e.timeZone,
    settlement: e.settlement,
    address: e.address,
    tags: e.tags,
    audienceTotal: e.audienceTotal,
    audienceYouth: e.audienceYouth,
    audienceElderly: e.audienceElderly,
    audienceEntrepreneurs: e.audienceEntrepreneurs,
    audienceWomen: e.audienceWomen,
    audienceOther: e.audienceOther,
    summary: e.summary,
    summaryLanguage: e.summaryLanguage,
    public: e.public,
    isDemo: e.isDemo,
    version: e.version,
    deputies: e.deputies,
    topics: e.topics,
    photos: e.photos,
    files: e.files,
  };
}

/** A real calendar day within the form's range (what the form offers members around); anything else is today. */
function isPlausibleDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day < '1991-12-16' || day > '2100-12-31') return false;
  const date = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

const numberText = (n: number | null) => (n === null ? '' : String(n));

/** An event's answers as the form shows them for a change. */
function storedAnswers(e: Loaded): { answers: EventAnswers; lists: EventLists } {
  return {
    answers: emptyAnswers(eventForm, {
      kind: e.kind,
      date: localDate(e.startsAt, e.timeZone),
      time: localTime(e.startsAt, e.timeZone),
      endTime: e.endsAt ? localTime(e.endsAt, e.timeZone) : '',
      districtId: e.districtAreaId ?? '',
      settlement: e.settlement ?? '',
      address: e.address ?? '',
      tags: e.tags.join(', '),
      audienceTotal: numberText(e.audienceTotal),
      audienceYouth: numberText(e.audienceYouth),
      audienceElderly: numberText(e.audienceElderly),
      audienceEntrepreneurs: numberText(e.audienceEntrepreneurs),
      audienceWomen: numberText(e.audienceWomen),
      audienceOther: numberText(e.audienceOther),
      summary: e.summary ?? '',
      summaryLanguage: e.summaryLanguage ?? 'kk',
      public: e.public ? '1' : '',
      version: String(e.version),
    }),
    lists: { deputies: e.deputies.map((d) => d.personId), topics: e.topics.map((t) => t.id) },
  };
}

/** The summary's language by default: the page's (Kazakh for Kazakh Latin). */
const entryLanguage = (lang: Language) => (lang === 'ru' || lang === 'en' ? lang : 'kk');

export async function outreachOfficeRoutes(app: FastifyInstance): Promise<void> {
  definePolicies(outreachPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createOutreachService(app.db, app.files);

  const actorOf = (request: FastifyRequest): Actor => {
    if (!request.actor) throw UnauthorizedError();
    return request.actor;
  };

  /** An event the visitor may see (403 for another maslikhat's), with whether they may change it. */
  async function visibleEvent(request: FastifyRequest, id: string) {
    const actor = actorOf(request);
    const event = await service.event(id);
    authorize(request, 'outreach.view', { organizationId: event.organizationId });
    return { actor, event, canChange: can(actor, 'outreach.log', { organizationId: event.organizationId }) && (!onlyAsDeputy(actor, event.organizationId) || (await mayChangeAsDeputy(actor, event))) };
  }

  /** A deputy logging alone changes only events they were at. */
  async function mayChangeAsDeputy(actor: Actor, event: Loaded): Promise<boolean> {
    const own = await service.ownPerson(actor.accountId);
    return !!own && event.deputies.some((d) => d.personId === own);
  }

  async function changeableEvent(request: FastifyRequest, id: string) {
    const seen = await visibleEvent(request, id);
    if (!seen.canChange) throw ForbiddenError();
    return seen;
  }

  async function formChoices(maslikhat: Maslikhat, day: string, topics: readonly string[]): Promise<FormChoices> {
    return service.formChoices(maslikhat, isPlausibleDay(day) ? day : todayInKazakhstan(), topics);
  }

  interface Shown {
    action: string;
    backHref: string;
    maslikhat: Maslikhat;
    editing: boolean;
    answers: EventAnswers;
    lists: EventLists;
    problems: FieldProblem[];
    status?: number;
    conflict?: boolean;
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, shown: Shown) {
    const title = titleWithErrors(request.lang, translate(request.lang, shown.editing ? 'outreach.editTitle' : 'outreach.newTitle'), shown.problems);
    const choices = await formChoices(shown.maslikhat, shown.answers.date, shown.lists.topics);
    return reply
      .header('cache-control', noStore)
      .page(
        title,
        <EventFormPage
          action={shown.action}
          backHref={shown.backHref}
          maslikhatName={shown.maslikhat.name}
          timeZone={shown.maslikhat.timeZone}
          editing={shown.editing}
          answers={shown.answers}
          lists={shown.lists}
          choices={choices}
          problems={shown.problems}
          conflict={shown.conflict ?? false}
          importHref={shown.editing ? undefined : `/${request.lang}/office/maslikhats/${shown.maslikhat.slug}/outreach/import`}
        />,
        shown.status ?? 200,
      );
  }

  /** Reads the posted form and checks it against the maslikhat's choices, its zone and the clock. */
  async function readForm(request: FastifyRequest, maslikhat: Maslikhat) {
    const form = parseForm(eventForm, request.body);
    const lists = eventLists(request.body);
    const choices = await formChoices(maslikhat, form.raw.date, lists.topics);
    const offered = { deputies: choices.deputies.map((d) => d.id), topics: choices.topics.map((t) => t.id), districts: choices.districts.map((d) => d.id) };
    const problems = [...(form.ok ? timedProblems(form.answers, maslikhat.timeZone, new Date()) : form.problems), ...listProblems(form.raw, lists, offered)];
    return { form, lists, problems };
  }

  // ── The list ──

  route.get('/office/outreach', { schema: { querystring: listQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    if (!service.mayUseOffice(actor)) throw ForbiddenError();
    const all = seesAll(actor);
    const { page, kind, from, to, region } = request.query;
    const regions = all ? await service.regions() : null;
    const regionAreaId = region && regions ? regions.find((r) => r.kato === region)?.id : undefined;
    const result = await service.list(actor, { kind, from, to, regionAreaId }, page);
    const filters = { kind: kind ?? '', from: from ?? '', to: to ?? '', region: regionAreaId ? (region ?? '') : '' };
    const pageHref = (p: number) => {
      const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
      if (p > 1) q.set('page', String(p));
      const query = q.toString();
      return `/${request.lang}/office/outreach${query ? `?${query}` : ''}`;
    };
    const canLog = (await service.loggable(actor)).length > 0;
    return reply
      .header('cache-control', noStore)
      .page(translate(request.lang, 'outreach.officeTitle'), <EventListPage rows={result.rows} page={result.page} pages={result.pages} total={result.total} filters={filters} regions={regions} canLog={canLog} canManageTopics={can(actor, 'outreach.topics.manage')} pageHref={pageHref} />);
  });

  // ── Logging an event ──

  route.get('/office/outreach/new', async (request, reply) => {
    const actor = actorOf(request);
    const maslikhats = await service.loggable(actor);
    if (!maslikhats.length) throw ForbiddenError();
    if (maslikhats.length === 1) return reply.redirect(`/${request.lang}/office/maslikhats/${maslikhats[0]!.slug}/outreach/new`, 303);
    return reply.header('cache-control', noStore).page(translate(request.lang, 'outreach.chooseMaslikhat'), <ChooseMaslikhatPage maslikhats={maslikhats} />);
  });

  async function maslikhatFor(request: FastifyRequest, slug: string): Promise<Maslikhat> {
    actorOf(request);
    const id = await service.maslikhatIdBySlug(slug);
    if (!id) throw NotFoundError();
    authorize(request, 'outreach.log', { organizationId: id });
    return service.maslikhat(id);
  }

  route.get('/office/maslikhats/:slug/outreach/new', { schema: { params: slugParams } }, async (request, reply) => {
    const maslikhat = await maslikhatFor(request, request.params.slug);
    const actor = actorOf(request);
    const own = onlyAsDeputy(actor, maslikhat.id) ? await service.ownPerson(actor.accountId) : null;
    const answers = emptyAnswers(eventForm, { kind: 'meeting_with_voters', date: localDate(new Date(), maslikhat.timeZone), summaryLanguage: entryLanguage(request.lang), public: '1', version: '0' });
    const path = `/${request.lang}/office/maslikhats/${maslikhat.slug}/outreach/new`;
    return showForm(request, reply, { action: path, backHref: `/${request.lang}/office/outreach`, maslikhat, editing: false, answers, lists: { deputies: own ? [own] : [], topics: [] }, problems: [] });
  });

  route.post('/office/maslikhats/:slug/outreach/new', { schema: { params: slugParams } }, async (request, reply) => {
    const maslikhat = await maslikhatFor(request, request.params.slug);
    const { form, lists, problems } = await readForm(request, maslikhat);
    const shown = { action: `/${request.lang}/office/maslikhats/${maslikhat.slug}/outreach/new`, backHref: `/${request.lang}/office/outreach`, maslikhat, editing: false, answers: form.raw, lists };
    if (!form.ok || problems.length) return showForm(request, reply, { ...shown, problems, status: 400 });
    const outcome = await service.create(actorOf(request), maslikhat, eventInput(form.answers, lists, maslikhat.timeZone), request.changeContext());
    if (!outcome.ok) return showForm(request, reply, { ...shown, problems: outcome.problems, status: 400 });
    return reply.redirect(`/${request.lang}/office/outreach/${outcome.value}?saved=1`, 303);
  });

  // ── An event ──

  route.get('/office/outreach/:id', { schema: { params: eventParams, querystring: eventQuery } }, async (request, reply) => {
    const { event, canChange } = await visibleEvent(request, request.params.id);
    const view = eventView(event);
    return reply.header('cache-control', noStore).page(translate(request.lang, 'outreach.eventTitle'), <EventPage event={view} related={await app.related.sectionsFor('outreach_event', view.id, request.lang)} canChange={canChange} photoProblems={[]} saved={request.query.saved} />);
  });

  route.get('/office/outreach/:id/edit', { schema: { params: eventParams } }, async (request, reply) => {
    const { event } = await changeableEvent(request, request.params.id);
    const maslikhat = await service.maslikhat(event.organizationId);
    const { answers, lists } = storedAnswers(event);
    const path = `/${request.lang}/office/outreach/${event.id}`;
    return showForm(request, reply, { action: `${path}/edit`, backHref: path, maslikhat, editing: true, answers, lists, problems: [] });
  });

  route.post('/office/outreach/:id/edit', { schema: { params: eventParams } }, async (request, reply) => {
    const { actor, event } = await changeableEvent(request, request.params.id);
    const maslikhat = await service.maslikhat(event.organizationId);
    const { form, lists, problems } = await readForm(request, maslikhat);
    const path = `/${request.lang}/office/outreach/${event.id}`;
    const shown = { action: `${path}/edit`, backHref: path, maslikhat, editing: true, answers: form.raw, lists };
    if (!form.ok || problems.length) return showForm(request, reply, { ...shown, problems, status: 400 });
    const outcome = await service.update(actor, maslikhat, event.id, eventInput(form.answers, lists, maslikhat.timeZone), form.answers.version, request.changeContext());
    if (!outcome.ok && outcome.conflict) {
      // Someone saved the event first: this person's answers are kept over the latest version, to check and save again.
      const latest = await service.event(event.id);
      return showForm(request, reply, { ...shown, answers: { ...form.raw, version: String(latest.version) }, problems: outcome.problems, status: 409, conflict: true });
    }
    if (!outcome.ok) return showForm(request, reply, { ...shown, problems: outcome.problems, status: 400 });
    return reply.redirect(`${path}?saved=1`, 303);
  });

  route.post('/office/outreach/:id/delete', { schema: { params: eventParams } }, async (request, reply) => {
    const { event } = await changeableEvent(request, request.params.id);
    const form = parseForm(deleteForm, request.body);
    const version = form.ok ? form.answers.version : 0;
    if (!(await service.remove(event.id, version, request.changeContext()))) {
      const latest = await service.event(event.id);
      return reply.page(translate(request.lang, 'outreach.eventTitle'), <EventPage event={eventView(latest)} related={await app.related.sectionsFor('outreach_event', latest.id, request.lang)} canChange photoProblems={[{ field: 'version', messageKey: 'outreach.conflictDelete' }]} saved={false} />, 409);
    }
    return reply.redirect(`/${request.lang}/office/outreach`, 303);
  });

  // ── The managed list of topics ──

  outreachTopicRoutes(route, app.db);

  // ── Photos ──

  // The photo form: one file, its alt text and the version; the kind is told from the bytes. (The
  // import's form, with its larger file, is read in a plugin of its own.)
  await app.register(async (photos) => {
    await singleFileUploads(photos, { maxBytes: maxPhotoBytes, fields: 5 });
    photos.withTypeProvider<ZodTypeProvider>().post('/office/outreach/:id/photos', { schema: { params: eventParams } }, async (request, reply) => {
    const { event } = await changeableEvent(request, request.params.id);
    const form = parseForm(photoForm, request.body);
    const file = uploadedFile(request.body, 'photo');
    const problems: FieldProblem[] = [...(file ? (file.truncated ? [{ field: 'photo', messageKey: 'outreach.photoTooLarge' as const }] : []) : [{ field: 'photo', messageKey: 'outreach.photoMissing' as const }]), ...(form.ok ? [] : form.problems)];
    const refuse = async (shown: FieldProblem[], status: number) => {
      const latest = await service.event(event.id);
      return reply.page(titleWithErrors(request.lang, translate(request.lang, 'outreach.eventTitle'), shown), <EventPage event={eventView(latest)} related={await app.related.sectionsFor('outreach_event', latest.id, request.lang)} canChange photoProblems={shown} saved={false} />, status);
    };
    if (problems.length || !file || !form.ok) return refuse(problems, 400);
    const outcome = await service.addPhoto(event.id, file.data, form.answers.altText, form.answers.version, request.changeContext());
    if (!outcome.ok) return refuse(outcome.problems, outcome.conflict ? 409 : 400);
    return reply.redirect(`/${request.lang}/office/outreach/${event.id}`, 303);
    });
  });

  // ── Papers (office only) ──

  /** The event page again with what went wrong at its file form. */
  async function refuseFile(request: FastifyRequest, reply: FastifyReply, eventId: string, problems: FieldProblem[], status: number) {
    const latest = await service.event(eventId);
    const title = titleWithErrors(request.lang, translate(request.lang, 'outreach.eventTitle'), problems);
    return reply.page(title, <EventPage event={eventView(latest)} related={await app.related.sectionsFor('outreach_event', latest.id, request.lang)} canChange photoProblems={problems} saved={false} />, status);
  }

  await app.register(async (papers) => {
    await singleFileUploads(papers, { maxBytes: maxEventFileBytes, fields: 4 });
    papers.withTypeProvider<ZodTypeProvider>().post('/office/outreach/:id/files', { schema: { params: eventParams } }, async (request, reply) => {
      const { event } = await changeableEvent(request, request.params.id);
      const form = parseForm(fileForm, request.body);
      const upload = eventFile(uploadedFile(request.body, 'file'));
      if (!upload.ok || !form.ok) return refuseFile(request, reply, event.id, [...(upload.ok ? [] : [upload.problem]), ...(form.ok ? [] : form.problems)], 400);
      const outcome = await service.addFile(event.id, upload.file, form.answers.version, request.changeContext());
      if (!outcome.ok) return refuseFile(request, reply, event.id, outcome.problems, outcome.conflict ? 409 : 400);
      return reply.redirect(`/${request.lang}/office/outreach/${event.id}#event-files`, 303);
    });
  });

  route.post('/office/outreach/:id/files/:fileId/delete', { schema: { params: paperParams } }, async (request, reply) => {
    const { event } = await changeableEvent(request, request.params.id);
    if (!event.files.some((f) => f.id === request.params.fileId)) throw NotFoundError();
    const form = parseForm(deleteForm, request.body);
    const result = await service.removeFile(event.id, request.params.fileId, form.ok ? form.answers.version : 0, request.changeContext());
    if (result === 'conflict') return refuseFile(request, reply, event.id, [{ field: 'file', messageKey: 'outreach.conflict' }], 409);
    return reply.redirect(`/${request.lang}/office/outreach/${event.id}#event-files`, 303);
  });

  // A paper, to those who see the event in the office (never cached: it may name people).
  route.get('/office/outreach/:id/files/:fileId', { schema: { params: paperParams } }, async (request, reply) => {
    const { event } = await visibleEvent(request, request.params.id);
    const paper = event.files.find((f) => f.id === request.params.fileId);
    if (!paper) throw NotFoundError();
    return sendStoredFile(reply, app.files, { storedName: paper.fileName, contentType: paper.contentType, downloadName: paper.originalName }, { cache: 'private, no-store' });
  });

  await app.register(async (imports) => {
    await singleFileUploads(imports, { maxBytes: maxFileBytes, fields: 4 });
    outreachImportRoutes(imports.withTypeProvider<ZodTypeProvider>(), { service, importer: createOutreachImportService(app.db), maslikhatFor, actorOf });
  });

  route.post('/office/outreach/:id/photos/:photoId/delete', { schema: { params: photoParams } }, async (request, reply) => {
    const { event } = await changeableEvent(request, request.params.id);
    if (!event.photos.some((p) => p.id === request.params.photoId)) throw NotFoundError();
    const form = parseForm(deleteForm, request.body);
    const result = await service.removePhoto(event.id, request.params.photoId, form.ok ? form.answers.version : 0, request.changeContext());
    if (result === 'conflict') {
      const latest = await service.event(event.id);
      return reply.page(translate(request.lang, 'outreach.eventTitle'), <EventPage event={eventView(latest)} related={await app.related.sectionsFor('outreach_event', latest.id, request.lang)} canChange photoProblems={[{ field: 'photo', messageKey: 'outreach.conflict' }]} saved={false} />, 409);
    }
    return reply.redirect(`/${request.lang}/office/outreach/${event.id}`, 303);
  });
}

/** An event's photos: a public event's to anyone (kept by browsers), another's only to those who see its maslikhat's events. */
export async function outreachPhotoRoutes(app: FastifyInstance): Promise<void> {
  const service = createOutreachService(app.db, app.files);
  app.withTypeProvider<ZodTypeProvider>().get('/files/outreach/:name', { schema: { params: photoFileParams } }, async (request, reply) => {
    const owner = await service.photoOwner(request.params.name);
    if (!owner) throw NotFoundError();
    if (!owner.public && !can(request.actor, 'outreach.view', { organizationId: owner.organizationId })) throw NotFoundError();
    const bytes = await app.files.read(request.params.name);
    if (!bytes) throw NotFoundError();
    return reply
      .type('image/webp')
      .header('cache-control', owner.public ? 'public, max-age=86400' : 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });
}
