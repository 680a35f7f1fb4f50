// News, mounted under /:lang. Office: a meeting's press release (GET shows it, or a draft from the
// meeting's record, creating nothing; POST saves), publishing and the list of all news. Public:
// the published news, newest first, and one item.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { AppError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { pageQuery } from '../../core/http/pagination.js';
import { localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { newsPolicies } from './news.policies.js';
import { contentOf, pressReleaseForm, statusForm } from './news.forms.js';
import { createNewsService } from './news.service.js';
import { answersFrom, OfficeNewsPage, PressReleasePage, type PressReleaseNotice, type PressReleasePageProps } from './views/office.js';
import { NewsItemPage, NewsListPage } from './views/public.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { newsSearchSource } from './search-source.js';

const officeQuery = z
  .object({ redraft: z.literal('1').optional().catch(undefined), done: z.enum(['saved', 'published', 'unpublished']).optional().catch(undefined) })
  .catch({});

function pageTitle(lang: Language, problems: FieldProblem[]): string {
  const title = translate(lang, 'pressRelease.pageTitle');
  return titleWithErrors(lang, title, problems);
}

export async function newsOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(newsPolicies);
  await languagePrefixGuard(app);
  const news = createNewsService(app.db, opts.registry);

  const render = (request: FastifyRequest, reply: FastifyReply, props: PressReleasePageProps, status = 200) =>
    reply.page(pageTitle(request.lang, props.problems), <PressReleasePage {...props} />, status);

  app.get('/office/news', async (request, reply) => {
    authorize(request, 'news.manage');
    const { page } = pageQuery.parse(request.query ?? {});
    return reply.page(translate(request.lang, 'news.office.title'), <OfficeNewsPage view={await news.listAll(page)} />);
  });

  app.get<{ Params: { id: string } }>('/office/meetings/:id/press-release', async (request, reply) => {
    authorize(request, 'news.manage');
    const { redraft, done } = officeQuery.parse(request.query ?? {});
    const view = await news.pressRelease(request.params.id, redraft ? 'always' : 'ifNew');
    const { saved, draft } = view;
    let notice: PressReleaseNotice | undefined = done;
    if (!saved) notice = draft ? 'drafted' : 'noRecord';
    else if (redraft) notice = draft ? 'redrafted' : 'noRecord';
    // A redraft replaces the form's text only when there is a record to draft from.
    const answers = answersFrom(saved && !(redraft && draft) ? saved : draft);
    return render(request, reply, { meetingId: view.meetingId, saved, answers, version: saved ? String(saved.version) : '', problems: [], notice });
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/press-release', async (request, reply) => {
    authorize(request, 'news.manage');
    const form = parseForm(pressReleaseForm, request.body);
    const answers = form.raw;
    if (!form.ok) {
      const { meetingId, saved } = await news.pressRelease(request.params.id, 'never');
      return render(request, reply, { meetingId, saved, answers, version: form.raw.version, problems: form.problems }, 400);
    }
    try {
      await news.savePressRelease(request.params.id, contentOf(form.answers), form.answers.version, request.changeContext());
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      // Someone saved first: keep this person's text, show theirs, and let a second save replace it knowingly.
      const { meetingId, saved } = await news.pressRelease(request.params.id, 'never');
      const conflict: FieldProblem[] = [{ field: 'titleKk', messageKey: 'pressRelease.conflict' }];
      return render(request, reply, { meetingId, saved, answers, version: saved ? String(saved.version) : '', problems: conflict, theirs: saved }, 409);
    }
    return reply.redirect(`/${request.lang}/office/meetings/${request.params.id.toLowerCase()}/press-release?done=saved`, 303);
  });

  const statusRoute = (status: 'published' | 'unpublished') => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    authorize(request, 'news.manage');
    const form = parseForm(statusForm, request.body);
    const item = await news.setStatus(request.params.id, status === 'published' ? 'published' : 'draft', form.ok ? form.answers.version : 0, request.changeContext());
    const next = item.meetingId ? `/office/meetings/${item.meetingId}/press-release?done=${status}` : '/office/news';
    return reply.redirect(`/${request.lang}${next}`, 303);
  };
  app.post('/office/news/:id/publish', statusRoute('published'));
  app.post('/office/news/:id/unpublish', statusRoute('unpublished'));
}

export async function publicNewsRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  await languagePrefixGuard(app);
  const news = createNewsService(app.db, opts.registry);
  app.searchIndex.register(newsSearchSource(opts.registry));
  // A meeting's public page links to its published press release.
  app.related.provide('meeting', 'news', async (meetingId) => {
    const id = await news.publishedIdForMeeting(meetingId);
    return id ? [{ messageKey: 'pressRelease.publicLink', href: `/news/${id}` }] : [];
  });

  app.get('/news', async (request, reply) => {
    const { page } = pageQuery.parse(request.query ?? {});
    return reply.page(translate(request.lang, 'news.title'), <NewsListPage view={await news.listPublished(page)} />);
  });

  app.get<{ Params: { id: string } }>('/news/:id', async (request, reply) => {
    const item = await news.published(request.params.id);
    return reply.page(localize(request.lang, item.title).text, <NewsItemPage item={item} />);
  });
}
