// The page shell: skip link, the organisation's name, language switcher, navigation, footer with credits;
// in the head, the canonical address, its language versions, the Atom feeds, Open Graph and Twitter card tags.
import type { ComponentChildren } from 'preact';
import { defaultLanguage, languageNames, languageTags, languages, type Language } from '../i18n/languages.js';
import type { MessageKey } from '../i18n/messages.js';
import { Text } from './components.js';
import { usePage } from './page-context.js';
import { SearchBox } from '../search/search-box.js';
import { previewText } from '../text/preview.js';

const navigation: { path: string; key: MessageKey }[] = [
  { path: '/', key: 'nav.home' },
  { path: '/maslikhats', key: 'nav.maslikhats' },
  { path: '/council', key: 'nav.council' },
  { path: '/meetings', key: 'nav.meetings' },
  { path: '/plan', key: 'nav.plan' },
  { path: '/outreach', key: 'nav.outreach' },
  { path: '/news', key: 'news.nav' },
  { path: '/library', key: 'nav.library' },
  { path: '/search', key: 'search.title' },
  { path: '/deputies', key: 'nav.findDeputy' },
  { path: '/questions/new', key: 'nav.askQuestion' },
  { path: '/about', key: 'nav.about' },
];

/** Open Graph locales (language_TERRITORY): both Kazakh scripts are kk_KZ, since the format cannot name a script. */
const ogLocales: Record<Language, string> = { kk: 'kk_KZ', 'kk-latn': 'kk_KZ', ru: 'ru_RU', en: 'en_GB' };

/** Query parameters that make a different page (a list's page, a plan's region); the rest (dates, searches) do not. */
const canonicalParams = ['page', 'region', 'category'];

/** The page's canonical path without its language: the path, keeping only the query that makes it another page. */
export function canonicalPath(pathWithoutLang: string): string {
  const [path = '/', query = ''] = pathWithoutLang.split('?', 2);
  const kept = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(query)) {
    if (!canonicalParams.includes(name) || kept.has(name) || !value || (name === 'page' && value === '1')) continue;
    kept.set(name, value);
  }
  kept.sort();
  const search = kept.toString();
  return search ? `${path}?${search}` : path;
}

/** The head's addresses and tags for search engines, feed readers and link previews. */
function FindabilityTags({ title, siteName }: { title: string; siteName: string }) {
  const page = usePage();
  const path = canonicalPath(page.pathWithoutLang);
  const url = (l: Language) => `${page.origin}/${l}${path}`;
  const feedTitle = (key: 'feed.news.title' | 'feed.meetings.title') => page.t(key, { name: siteName });
  // The organisation's description, in the sentences that fit a link preview (X shows 200 characters).
  const description = page.site.description ? previewText(page.localize(page.site.description).text, languageTags[page.lang]) : '';
  const onMeetings = isCurrent(page.pathWithoutLang, '/meetings');
  const { article, image } = page.head ?? {};
  return (
    <>
      {description && <meta name="description" content={description} />}
      <link rel="canonical" href={url(page.lang)} />
      {languages.map((l) => (
        <link key={l} rel="alternate" hreflang={languageTags[l]} href={url(l)} />
      ))}
      <link rel="alternate" hreflang="x-default" href={url(defaultLanguage)} />
      <link rel="alternate" type="application/atom+xml" title={feedTitle('feed.news.title')} href={`${page.origin}/${page.lang}/feed.atom`} />
      {onMeetings && <link rel="alternate" type="application/atom+xml" title={feedTitle('feed.meetings.title')} href={`${page.origin}/${page.lang}/meetings.atom`} />}
      {page.head?.feeds?.map((f) => (
        <link key={f.path} rel="alternate" type="application/atom+xml" title={f.title} href={`${page.origin}/${page.lang}${f.path}`} />
      ))}
      <meta property="og:site_name" content={siteName} />
      <meta property="og:title" content={title} />
      <meta property="og:type" content={article ? 'article' : 'website'} />
      {article && <meta property="article:published_time" content={article.publishedTime.toISOString()} />}
      {image && (
        <>
          <meta property="og:image" content={`${page.origin}${image.path}`} />
          <meta property="og:image:type" content="image/webp" />
          <meta property="og:image:width" content={String(image.width)} />
          <meta property="og:image:height" content={String(image.height)} />
          <meta property="og:image:alt" content={image.alt} />
        </>
      )}
      <meta property="og:url" content={url(page.lang)} />
      <meta property="og:locale" content={ogLocales[page.lang]} />
      {[...new Set(Object.values(ogLocales))]
        .filter((locale) => locale !== ogLocales[page.lang])
        .map((locale) => (
          <meta key={locale} property="og:locale:alternate" content={locale} />
        ))}
      {description && <meta property="og:description" content={description} />}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={title} />
      {description && <meta name="twitter:description" content={description} />}
    </>
  );
}

function isCurrent(current: string, path: string): boolean {
  const bare = current.split('?')[0] || '/';
  return path === '/' ? bare === '/' : bare === path || bare.startsWith(`${path}/`);
}

function LanguageSwitcher() {
  const page = usePage();
  return (
    <nav class="language-switcher" aria-label={page.t('nav.languages')}>
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <a
              href={`/${l}${page.pathWithoutLang}`}
              hreflang={languageTags[l]}
              lang={languageTags[l]}
              aria-current={l === page.lang ? 'true' : undefined}
            >
              {languageNames[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AccountLinks() {
  const page = usePage();
  if (!page.signedIn) {
    return (
      <a class="site-header__account" href={page.href('/sign-in')}>
        {page.t('nav.signIn')}
      </a>
    );
  }
  return (
    <form class="site-header__account" action={page.href('/sign-out')} method="post">
      <input type="hidden" name="_csrf" value={page.csrfToken} />
      <a href={page.href('/office/')}>{page.t('nav.office')}</a>{' '}
      <button type="submit" class="link-button">
        {page.t('nav.signOut')}
      </button>
    </form>
  );
}

export function Layout({ title, children }: { title: string; children: ComponentChildren }) {
  const page = usePage();
  const { t, site } = page;
  const headerCsrf = { 'hx-headers:inherited': JSON.stringify({ 'x-csrf-token': page.csrfToken }) };
  const siteName = page.localize(site.shortName ?? site.name).text;
  return (
    <html lang={languageTags[page.lang]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${siteName}`}</title>
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <link rel="stylesheet" href={page.asset('kenes.css')} />
        <link rel="icon" href={page.asset('favicon.svg')} type="image/svg+xml" />
        <FindabilityTags title={title} siteName={siteName} />
        <script src={page.asset('htmx.js')} defer />
        <script src={page.asset('kenes.js')} defer />
      </head>
      <body {...headerCsrf}>
        <a class="skip-link" href="#main">
          {t('nav.skipToContent')}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="site-header__name" href={page.href('/')}>
              <Text value={site.name} />
            </a>
            <div class="site-header__tools">
              <SearchBox />
              <LanguageSwitcher />
              <AccountLinks />
            </div>
          </div>
          <nav class="main-nav" aria-label={t('nav.main')}>
            <ul class="container">
              {navigation.map((item) => (
                <li key={item.path}>
                  <a href={page.href(item.path)} aria-current={isCurrent(page.pathWithoutLang, item.path) ? 'page' : undefined}>
                    {t(item.key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              <Text value={site.name} />
              {site.parentName && (
                <>
                  {' — '}
                  <Text value={site.parentName} />
                </>
              )}
            </p>
            <p>
              {t('footer.credits')} <a href={page.href('/about#sources')}>{t('footer.sourcesLink')}</a>
            </p>
            <p>
              <a href={page.href('/open-data')}>{t('openData.footerLink')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
