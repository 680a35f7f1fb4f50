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
import { createNewsService, type NewsContent } from './news.service.js';
import { answersFrom, OfficeNewsPage, pressReleaseFields, PressReleasePage, type PressReleaseAnswers, type PressReleaseNotice, type PressReleasePageProps } from './views/office.js';
import { NewsItemPage, NewsListPage } from './views/public.js';
import { formAnswers, formText, titleWithErrors } from '../../core/http/form.js';
import { localizedText, textOrNull } from '../../core/i18n/localized-text.js';

const officeQuery = z
  .object({ redraft: z.literal('1').optional().catch(undefined), done: z.enum(['saved', 'published', 'unpublished']).optional().catch(undefined) })
  .catch({});

/** Longest text kept per field; longer answers are refused (never cut), so nothing typed is lost. */
const limits = { title: 300, lead: 2000, body: 30_000 } as const;


function readAnswers(body: unknown): PressReleaseAnswers {
  // Read whole: the lengths are checked, and a text over its limit is shown again, not cut.
  return formAnswers(body, pressReleaseFields, Number.POSITIVE_INFINITY) as PressReleaseAnswers;
}

function check(a: PressReleaseAnswers): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!a.titleKk && !a.titleRu) problems.push({ field: 'titleKk', messageKey: 'pressRelease.form.titleMissing' });
  for (const name of pressReleaseFields) {
    const max = limits[name.startsWith('title') ? 'title' : name.startsWith('lead') ? 'lead' : 'body'];
    if (a[name].length > max) problems.push({ field: name, messageKey: 'pressRelease.form.tooLong', values: { max } });
  }
  return problems;
}

function contentOf(a: PressReleaseAnswers): NewsContent {
  return {
    title: localizedText(a.titleKk, a.titleRu, a.titleEn),
    lead: textOrNull(localizedText(a.leadKk, a.leadRu, a.leadEn)),
    body: textOrNull(localizedText(a.bodyKk, a.bodyRu, a.bodyEn)),
  };
}

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
    const answers = readAnswers(request.body);
    const versionField = formText(request.body, 'version');
    const version = /^\d{1,9}$/.test(versionField) ? Number(versionField) : null;
    const problems = check(answers);
    if (problems.length) {
      const { meetingId, saved } = await news.pressRelease(request.params.id, 'never');
      return render(request, reply, { meetingId, saved, answers, version: versionField, problems }, 400);
    }
    try {
      await news.savePressRelease(request.params.id, contentOf(answers), version, request.changeContext());
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
    const versionField = formText(request.body, 'version');
    const item = await news.setStatus(request.params.id, status === 'published' ? 'published' : 'draft', /^\d{1,9}$/.test(versionField) ? Number(versionField) : 0, request.changeContext());
    const next = item.meetingId ? `/office/meetings/${item.meetingId}/press-release?done=${status}` : '/office/news';
    return reply.redirect(`/${request.lang}${next}`, 303);
  };
  app.post('/office/news/:id/publish', statusRoute('published'));
  app.post('/office/news/:id/unpublish', statusRoute('unpublished'));
}

export async function publicNewsRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  await languagePrefixGuard(app);
  const news = createNewsService(app.db, opts.registry);
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
