// The search box in the site header of every page: a plain GET form to /{lang}/search.
import { usePage } from '../html/page-context.js';

export function SearchBox() {
  const { t, href } = usePage();
  return (
    <form class="site-search" action={href('/search')} method="get" role="search" aria-label={t('search.headerLabel')}>
      <label class="visually-hidden" for="site-search-q">
        {t('search.headerLabel')}
      </label>
      <input id="site-search-q" class="input" type="search" name="q" maxLength={200} />{' '}
      <button class="link-button" type="submit">
        {t('search.submit')}
      </button>
    </form>
  );
}
