// The portal's news: the list of published items (newest first) and one item.
import { Breadcrumbs, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { Pagination } from '../../../core/html/components.js';
import { pagePath } from '../../../core/http/pagination.js';
import type { NewsPage, NewsRow } from '../news.service.js';
import { Paragraphs } from '../../../core/html/components.js';
import { PublishedOn } from './shared.js';

export function NewsListPage({ view }: { view: NewsPage<NewsRow> }) {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('news.title')}</h1>
      <p>
        <a href={href('/subscribe?topic=news')}>{t('subscribe.newsLink')}</a>
      </p>
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
                <PublishedOn at={item.publishedAt} />
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
      <Pagination page={view.page} pages={view.pages} pageHref={(p) => href(pagePath('/news', p))} />
    </>
  );
}

export function NewsItemPage({ item }: { item: NewsRow & { publicMeetingId: string | null } }) {
  const { t, href } = usePage();
  return (
    <article>
      <Breadcrumbs trail={[{ path: '/news', label: t('news.title') }]} />
      <h1>
        <Text value={item.title} />
      </h1>
      <p class="hint">
        <PublishedOn at={item.publishedAt} />
      </p>
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
