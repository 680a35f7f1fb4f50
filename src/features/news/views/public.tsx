// The portal's news: the list of published items (newest first; all, or one category's) and one item.
import { Breadcrumbs, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { Pagination } from '../../../core/html/components.js';
import type { NewsCategory, NewsPage, NewsRow } from '../news.service.js';
import { Paragraphs } from '../../../core/html/components.js';
import { newsPhotoPath, PublishedOn } from './shared.js';

/** The list's address: all news or a category's, at a page. */
export function newsListPath(category: string | undefined, page = 1): string {
  const query = new URLSearchParams();
  if (category) query.set('category', category);
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return search ? `/news?${search}` : '/news';
}

/** A category's feed, inside a language. */
export const categoryFeedPath = (slug: string): string => `/news/category/${encodeURIComponent(slug)}/feed.atom`;

function CategoryLink({ slug, categories }: { slug: string; categories: NewsCategory[] }) {
  const { href } = usePage();
  const category = categories.find((c) => c.slug === slug);
  if (!category) return null;
  return (
    <a href={href(newsListPath(slug))} class="news-category">
      <Text value={category.name} />
    </a>
  );
}

export function NewsListPage({ view, categories, category }: { view: NewsPage<NewsRow>; categories: NewsCategory[]; category?: NewsCategory | undefined }) {
  const { t, href, localize } = usePage();
  return (
    <>
      {category && <Breadcrumbs trail={[{ path: '/news', label: t('news.title') }]} />}
      <h1>{category ? t('news.categoryTitle', { category: localize(category.name).text }) : t('news.title')}</h1>
      <p>
        <a href={href('/subscribe?topic=news')}>{t('subscribe.newsLink')}</a>
        {category && (
          <>
            {' · '}
            <a href={href(categoryFeedPath(category.slug))} type="application/atom+xml">
              {t('news.categoryFeed')}
            </a>
          </>
        )}
      </p>
      <nav aria-label={t('news.categories')}>
        <ul class="news-categories">
          <li>
            <a href={href('/news')} aria-current={category ? undefined : 'page'}>
              {t('news.allCategories')}
            </a>
          </li>
          {categories.map((c) => (
            <li key={c.slug}>
              <a href={href(newsListPath(c.slug))} aria-current={category?.slug === c.slug ? 'page' : undefined}>
                <Text value={c.name} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {view.rows.length === 0 ? (
        <p>{t('news.none')}</p>
      ) : (
        <div>
          {view.rows.map((item) => (
            <article key={item.id} aria-labelledby={`news-${item.id}`}>
              <h2 id={`news-${item.id}`}>
                <a href={href(`/news/${item.id}`)}>
                  <Text value={item.title} />
                </a>
              </h2>
              <p class="hint">
                <PublishedOn at={item.publishedAt} /> · <CategoryLink slug={item.category} categories={categories} />
              </p>
              {item.lead && Object.values(item.lead).some(Boolean) && (
                <p>
                  <Text value={item.lead} />
                </p>
              )}
            </article>
          ))}
        </div>
      )}
      <Pagination page={view.page} pages={view.pages} pageHref={(p) => href(newsListPath(category?.slug, p))} />
    </>
  );
}

export function NewsItemPage({ item, categories }: { item: NewsRow & { publicMeetingId: string | null }; categories: NewsCategory[] }) {
  const { t, href, localize } = usePage();
  return (
    <article>
      <Breadcrumbs trail={[{ path: '/news', label: t('news.title') }]} />
      <h1>
        <Text value={item.title} />
      </h1>
      <p class="hint">
        <PublishedOn at={item.publishedAt} /> · <CategoryLink slug={item.category} categories={categories} />
      </p>
      {item.photo && (
        <figure>
          <img src={newsPhotoPath(item.photo.file)} width={item.photo.width} height={item.photo.height} alt={localize(item.photo.alt).text} class="news-photo" />
        </figure>
      )}
      {item.lead && Object.values(item.lead).some(Boolean) && (
        <p class="lead">
          <Text value={item.lead} />
        </p>
      )}
      <Paragraphs value={item.body} />
      {item.publicMeetingId && (
        <p>
          <a href={href(`/meetings/${item.publicMeetingId}`)}>{t('news.aboutMeeting')}</a>
        </p>
      )}
    </article>
  );
}
