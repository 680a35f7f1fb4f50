// News, mounted under /:lang. Office: a meeting's press release (GET shows it, or a draft from the
// meeting's record, creating nothing; POST saves), news items of their own (category, text), and
// for every item publishing now, scheduling, unpublishing and its lead photo; the list of all news.
// Public: the published news the public sees now (all, or a category's), newest first, and one
// item; the photos at /files/news/{name}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, can, definePolicies } from '../../core/auth/authorize.js';
import { AppError, NotFoundError, type FieldProblem } from '../../core/errors.js';
import { maxPhotoBytes, normalisePhoto } from '../../core/images.js';
import { loadSharp } from '../../core/lazy-modules.js';
import { idParam, pathParams, slugParam } from '../../core/http/params.js';
import { singleFileUploads } from '../../core/http/uploads.js';
import { emptyAnswers, uploadedFile } from '../../core/http/forms.js';
import type { LocalizedText, StoredLanguage } from '../../core/i18n/localized-text.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { pageQuery } from '../../core/http/pagination.js';
import { localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { newsPolicies } from './news.policies.js';
import { categoryForm, contentOf, newsItemForm, photoForm, pressReleaseForm, scheduleForm, scheduledAt, statusForm } from './news.forms.js';
import { createNewsService, isLive, type NewsRow, type NewsService } from './news.service.js';
import { publishedForMeetingQuery } from './news.repository.js';
import {
  answersFrom,
  CategoriesOfficePage,
  CategoryEditPage,
  NewNewsPage,
  NewsItemOfficePage,
  OfficeNewsPage,
  PressReleasePage,
  type NewsItemNotice,
  type NewsItemOfficeProps,
  type PressReleaseNotice,
  type PressReleasePageProps,
} from './views/office.js';
import { categoryFeedPath, NewsItemPage, NewsListPage } from './views/public.js';
import { newsPhotoPath } from './views/shared.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { newsSearchSource } from './search-source.js';

const officeQuery = z
  .object({ redraft: z.literal('1').optional().catch(undefined), done: z.enum(['saved', 'published', 'unpublished']).optional().catch(undefined) })
  .catch({});

const itemQuery = z.object({ done: z.enum(['saved', 'published', 'unpublished', 'scheduled', 'photo', 'photoRemoved']).optional().catch(undefined) }).catch({});

const itemParams = pathParams({ id: idParam });

/** The public list's query: a page and, optionally, a category's slug (checked against the categories: unknown is 404). */
const listQuery = z
  .object({ page: z.coerce.number().int().min(1).max(100_000).catch(1), category: z.string().optional().catch(undefined) })
  .catch({ page: 1 });

function pageTitle(lang: Language, problems: FieldProblem[]): string {
  const title = translate(lang, 'pressRelease.pageTitle');
  return titleWithErrors(lang, title, problems);
}

/** The languages an item is written in: those of its title. */
const writtenIn = (title: LocalizedText): StoredLanguage[] => (['kk', 'ru', 'en'] as const).filter((l) => Boolean(title[l]?.trim()));

/** Problems of one of the item page's forms, whose fields' ids carry its prefix (schedule-date, photo-altKk). */
const inForm = (idPrefix: 'schedule' | 'photo', problems: FieldProblem[]): FieldProblem[] => problems.map((p) => ({ ...p, idPrefix }));

const itemAnswers = (item: NewsRow) => ({ ...answersFrom(item), category: item.category });

/** The office page of an item, with one form's problems (and its answers kept) when there are some. */
async function renderItem(request: FastifyRequest, reply: FastifyReply, news: NewsService, item: NewsRow, extra: Partial<NewsItemOfficeProps> = {}, status = 200) {
  const props: NewsItemOfficeProps = {
    item,
    categories: await news.categories(),
    problems: [],
    answers: itemAnswers(item),
    schedule: { date: '', time: '' },
    photo: { altKk: item.photo?.alt.kk ?? '', altRu: item.photo?.alt.ru ?? '', altEn: item.photo?.alt.en ?? '' },
    ...extra,
  };
  const title = titleWithErrors(request.lang, localize(request.lang, item.title).text, props.problems);
  return reply.page(title, <NewsItemOfficePage {...props} />, status);
}

export async function newsOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(newsPolicies);
  await languagePrefixGuard(app);
  const news = createNewsService(app.db, opts.registry);
  const route = app.withTypeProvider<ZodTypeProvider>();

  const render = (request: FastifyRequest, reply: FastifyReply, props: PressReleasePageProps, status = 200) =>
    reply.page(pageTitle(request.lang, props.problems), <PressReleasePage {...props} />, status);

  app.get('/office/news', async (request, reply) => {
    authorize(request, 'news.manage');
    const { page } = pageQuery.parse(request.query ?? {});
    return reply.page(translate(request.lang, 'news.office.title'), <OfficeNewsPage view={await news.listAll(page)} />);
  });

  app.get('/office/news/categories', async (request, reply) => {
    authorize(request, 'news.manage');
    return reply.page(translate(request.lang, 'news.categoriesOffice.title'), <CategoriesOfficePage categories={await news.categories()} />);
  });

  const categoryParams = pathParams({ slug: slugParam });
  const categoryTitle = (lang: Language, slug: string, problems: FieldProblem[]) => titleWithErrors(lang, translate(lang, 'news.categoriesOffice.editTitle', { slug }), problems);

  route.get('/office/news/categories/:slug', { schema: { params: categoryParams } }, async (request, reply) => {
    authorize(request, 'news.manage');
    const c = await news.categoryForEdit(request.params.slug);
    const answers = { nameKk: c.name.kk ?? '', nameRu: c.name.ru ?? '', nameEn: c.name.en ?? '' };
    return reply.page(categoryTitle(request.lang, c.slug, []), <CategoryEditPage slug={c.slug} answers={answers} version={String(c.version)} problems={[]} />);
  });

  route.post('/office/news/categories/:slug', { schema: { params: categoryParams } }, async (request, reply) => {
    authorize(request, 'news.manage');
    const c = await news.categoryForEdit(request.params.slug);
    const form = parseForm(categoryForm, request.body);
    if (!form.ok) return reply.page(categoryTitle(request.lang, c.slug, form.problems), <CategoryEditPage slug={c.slug} answers={form.raw} version={form.raw.version} problems={form.problems} />, 400);
    const name: LocalizedText = { kk: form.answers.nameKk.trim(), ru: form.answers.nameRu.trim(), ...(form.answers.nameEn.trim() ? { en: form.answers.nameEn.trim() } : {}) };
    try {
      await news.renameCategory(c.slug, name, form.answers.version, request.changeContext());
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      // Someone renamed it meanwhile: keep this person's answers with the newer version, to save again knowingly.
      const now = await news.categoryForEdit(c.slug);
      const problems: FieldProblem[] = [{ field: 'nameKk', messageKey: 'news.categoriesOffice.conflict' }];
      return reply.page(categoryTitle(request.lang, c.slug, problems), <CategoryEditPage slug={c.slug} answers={form.raw} version={String(now.version)} problems={problems} />, 409);
    }
    return reply.redirect(`/${request.lang}/office/news/categories`, 303);
  });

  app.get('/office/news/new', async (request, reply) => {
    authorize(request, 'news.manage');
    const categories = await news.categories();
    const answers = { ...emptyAnswers(pressReleaseForm), category: 'announcements' };
    return reply.page(translate(request.lang, 'news.office.newTitle'), <NewNewsPage answers={answers} categories={categories} problems={[]} />);
  });

  app.post('/office/news/new', async (request, reply) => {
    authorize(request, 'news.manage');
    const categories = await news.categories();
    const form = parseForm(newsItemForm(categories.map((c) => c.slug)), request.body);
    if (!form.ok) {
      const title = titleWithErrors(request.lang, translate(request.lang, 'news.office.newTitle'), form.problems);
      return reply.page(title, <NewNewsPage answers={form.raw} categories={categories} problems={form.problems} />, 400);
    }
    const id = await news.createNews(contentOf(form.answers), form.answers.category, request.changeContext());
    return reply.redirect(`/${request.lang}/office/news/${id}?done=saved`, 303);
  });

  route.get('/office/news/:id', { schema: { params: itemParams } }, async (request, reply) => {
    authorize(request, 'news.manage');
    const { done } = itemQuery.parse(request.query ?? {});
    return renderItem(request, reply, news, await news.find(request.params.id), { notice: done as NewsItemNotice | undefined });
  });

  route.post('/office/news/:id', { schema: { params: itemParams } }, async (request, reply) => {
    authorize(request, 'news.manage');
    const item = await news.find(request.params.id);
    const categories = await news.categories();
    const form = parseForm(newsItemForm(categories.map((c) => c.slug)), request.body);
    if (!form.ok) return renderItem(request, reply, news, item, { form: 'text', problems: form.problems, answers: form.raw }, 400);
    try {
      await news.saveNews(item.id, contentOf(form.answers), form.answers.category, form.answers.version, request.changeContext());
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      // Someone saved first: keep this person's text over the newer version, to save again knowingly.
      const theirs = await news.find(item.id);
      return renderItem(request, reply, news, theirs, { form: 'text', problems: [{ field: 'titleKk', messageKey: 'pressRelease.conflict' }], answers: form.raw }, 409);
    }
    return reply.redirect(`/${request.lang}/office/news/${item.id}?done=saved`, 303);
  });

  route.post('/office/news/:id/schedule', { schema: { params: itemParams } }, async (request, reply) => {
    authorize(request, 'news.manage');
    const item = await news.find(request.params.id);
    const form = parseForm(scheduleForm(new Date()), request.body);
    const schedule = { date: form.raw.date, time: form.raw.time };
    if (!form.ok) return renderItem(request, reply, news, item, { form: 'schedule', problems: inForm('schedule', form.problems), schedule }, 400);
    // An item the public already sees is not taken back by scheduling it (the page offers no schedule then).
    if (isLive(item)) return renderItem(request, reply, news, item, { form: 'schedule', problems: [{ field: 'status', idPrefix: 'news', messageKey: 'news.schedule.live' }], schedule }, 409);
    await news.schedule(item.id, scheduledAt(form.answers), form.answers.version, request.changeContext());
    return reply.redirect(`/${request.lang}/office/news/${item.id}?done=scheduled`, 303);
  });

  // The lead photo arrives as a multipart form (its own scope: the upload parser is for this route only).
  await app.register(async (uploads) => {
    await singleFileUploads(uploads, { maxBytes: maxPhotoBytes, fields: 6 });
    uploads.withTypeProvider<ZodTypeProvider>().post('/office/news/:id/photo', { schema: { params: itemParams } }, async (request, reply) => {
      authorize(request, 'news.manage');
      const item = await news.find(request.params.id);
      const form = parseForm(photoForm(writtenIn(item.title)), request.body);
      const file = uploadedFile(request.body, 'photo');
      const result = !file ? ({ ok: false, problem: 'missing' } as const) : file.truncated ? ({ ok: false, problem: 'too_large' } as const) : await normalisePhoto(file.data);
      const problems: FieldProblem[] = [...(result.ok ? [] : [{ field: 'photo', messageKey: `photo.${result.problem}` } as const]), ...(form.ok ? [] : form.problems)];
      if (!result.ok || !form.ok) {
        return renderItem(request, reply, news, item, { form: 'photo', problems: inForm('photo', problems), photo: { altKk: form.raw.altKk, altRu: form.raw.altRu, altEn: form.raw.altEn } }, 400);
      }
      const meta = await (await loadSharp())(result.bytes).metadata();
      const name = await app.files.put(result.bytes, result.extension);
      const alt: LocalizedText = {};
      for (const l of ['kk', 'ru', 'en'] as const) {
        const value = form.answers[l === 'kk' ? 'altKk' : l === 'ru' ? 'altRu' : 'altEn'].trim();
        if (value) alt[l] = value;
      }
      await news.setPhoto(item.id, { file: name, width: meta.width ?? 1, height: meta.height ?? 1, alt }, form.answers.version, request.changeContext());
      return reply.redirect(`/${request.lang}/office/news/${item.id}?done=photo`, 303);
    });
  });

  route.post('/office/news/:id/photo/remove', { schema: { params: itemParams } }, async (request, reply) => {
    authorize(request, 'news.manage');
    const item = await news.find(request.params.id);
    const form = parseForm(statusForm, request.body);
    await news.setPhoto(item.id, null, form.ok ? form.answers.version : 0, request.changeContext());
    return reply.redirect(`/${request.lang}/office/news/${item.id}?done=photoRemoved`, 303);
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
    // Back where the button was: a press release's page, or the item's own.
    const fromItem = !item.meetingId || (form.ok && form.answers.from === 'item');
    const next = fromItem ? `/office/news/${item.id}?done=${status}` : `/office/meetings/${item.meetingId}/press-release?done=${status}`;
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
  app.related.provideQuery('meeting', 'news', {
    rows: publishedForMeetingQuery,
    links: (rows) => rows.map(({ id }) => ({ messageKey: 'pressRelease.publicLink', href: `/news/${id}` })),
  });

  app.get('/news', async (request, reply) => {
    const { page, category: slug } = listQuery.parse(request.query ?? {});
    // An empty ?category= is the whole list; any other unknown (or hostile) slug is not found.
    const [categories, category] = await Promise.all([news.categories(), slug ? news.category(slug) : undefined]);
    const view = await news.listPublished(page, category?.slug);
    const title = category ? translate(request.lang, 'news.categoryTitle', { category: localize(request.lang, category.name).text }) : translate(request.lang, 'news.title');
    const head = category ? { feeds: [{ title: translate(request.lang, 'news.categoryFeedTitle', { category: localize(request.lang, category.name).text }), path: categoryFeedPath(category.slug) }] } : undefined;
    return reply.page(title, <NewsListPage view={view} categories={categories} category={category} />, 200, head);
  });

  app.get<{ Params: { id: string } }>('/news/:id', async (request, reply) => {
    const [item, categories] = await Promise.all([news.published(request.params.id), news.categories()]);
    const lang = request.lang;
    const image = item.photo ? { path: newsPhotoPath(item.photo.file), width: item.photo.width, height: item.photo.height, alt: localize(lang, item.photo.alt).text } : undefined;
    const head = { article: { publishedTime: item.publishedAt ?? item.createdAt }, ...(image ? { image } : {}) };
    return reply.page(localize(lang, item.title).text, <NewsItemPage item={item} categories={categories} />, 200, head);
  });
}

/** A name the file store gives a photo: its SHA-256, as WebP. Anything else is not found. */
const photoParams = z.object({ name: z.string().regex(/^[0-9a-f]{64}\.webp$/) });

/** News photos: an item's the public sees now for anyone; a draft's or a scheduled one's for the office only. */
export async function newsPhotoRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const news = createNewsService(app.db, opts.registry);
  app.withTypeProvider<ZodTypeProvider>().get('/files/news/:name', { schema: { params: photoParams } }, async (request, reply) => {
    const audience = await news.photoAudience(request.params.name);
    if (!audience || (audience === 'office' && !can(request.actor, 'news.manage'))) throw NotFoundError();
    const bytes = await app.files.read(request.params.name);
    if (!bytes) throw NotFoundError();
    return reply
      .type('image/webp')
      .header('cache-control', audience === 'public' ? 'public, max-age=86400' : 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });
}
