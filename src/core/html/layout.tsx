// The page shell: skip link, the organisation's name, language switcher, navigation, footer with credits.
import type { ComponentChildren } from 'preact';
import { languageNames, languageTags, languages } from '../i18n/languages.js';
import type { MessageKey } from '../i18n/messages.js';
import { Text } from './components.js';
import { usePage } from './page-context.js';

const navigation: { path: string; key: MessageKey }[] = [
  { path: '/', key: 'nav.home' },
  { path: '/maslikhats', key: 'nav.maslikhats' },
  { path: '/council', key: 'nav.council' },
  { path: '/meetings', key: 'nav.meetings' },
  { path: '/news', key: 'news.nav' },
  { path: '/deputies', key: 'nav.findDeputy' },
  { path: '/about', key: 'nav.about' },
];

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
  return (
    <html lang={languageTags[page.lang]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${page.localize(site.shortName ?? site.name).text}`}</title>
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <link rel="stylesheet" href={page.asset('kenes.css')} />
        <link rel="icon" href={page.asset('favicon.svg')} type="image/svg+xml" />
        {languages.map((l) => (
          <link key={l} rel="alternate" hreflang={languageTags[l]} href={`/${l}${page.pathWithoutLang}`} />
        ))}
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
          </div>
        </footer>
      </body>
    </html>
  );
}
