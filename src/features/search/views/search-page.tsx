// The search page: one GET form (works without JavaScript), the results best first with the words
// found marked, filters, pages, and advice when nothing is found.
import { ErrorSummary, Pagination, SelectField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { languageTags } from '../../../core/i18n/languages.js';
import type { SnippetPart } from '../../../core/search/analyse.js';
import type { SearchInput, SearchView, ShownHit } from '../search.service.js';

function Marked({ parts }: { parts: SnippetPart[] }) {
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

/** The search address with these values (empty ones left out). */
function searchPath(input: SearchInput, changes: Partial<SearchInput> = {}): string {
  const values = { ...input, ...changes };
  const params = new URLSearchParams();
  for (const name of ['q', 'type', 'region', 'from', 'to'] as const) if (values[name]) params.set(name, values[name]);
  if (values.page > 1) params.set('page', String(values.page));
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

function Hit({ hit }: { hit: ShownHit }) {
  const { t, href, date, localize, lang } = usePage();
  const pageLanguage = lang === 'kk-latn' ? 'kk' : lang;
  const tag = lang === 'kk-latn' && hit.language === 'kk' ? languageTags['kk-latn'] : hit.language;
  return (
    <li class="search-hit">
      <h3>
        <a href={href(hit.path)} lang={hit.language !== pageLanguage ? tag : undefined}>
          <Marked parts={hit.title} />
        </a>
      </h3>
      <p class="hint">
        {t(hit.typeLabelKey)}
        {hit.date && <> · {date(hit.date)}</>}
        {hit.regionName && <> · {localize(hit.regionName).text}</>}
        {hit.language !== pageLanguage && <> · {t(`search.foundIn.${hit.language}`)}</>}
        {hit.office && (
          <>
            {' '}
            <span class="tag">{t('search.officeOnly')}</span>
          </>
        )}
      </p>
      {hit.snippet.length > 0 && (
        <p lang={hit.language !== pageLanguage ? tag : undefined}>
          <Marked parts={hit.snippet} />
        </p>
      )}
    </li>
  );
}

function NothingFound({ view }: { view: SearchView }) {
  const { t, href } = usePage();
  return (
    <div class="search-none">
      <p>
        <strong>{view.results?.empty ? t('search.noWords') : t('search.nothingFound', { q: view.input.q })}</strong>
      </p>
      <p>{t('search.suggestionsTitle')}</p>
      <ul>
        <li>{t('search.suggestSpelling')}</li>
        <li>{t('search.suggestFewerWords')}</li>
        <li>{t('search.suggestOtherLanguage')}</li>
        {view.filtered && (
          <li>
            <a href={href(searchPath({ ...view.input, type: '', region: '', from: '', to: '', page: 1 }))}>{t('search.suggestNoFilters')}</a>
          </li>
        )}
      </ul>
      <p>
        {t('search.browse')} <a href={href('/meetings')}>{t('search.browseMeetings')}</a>, <a href={href('/news')}>{t('search.browseNews')}</a>,{' '}
        <a href={href('/deputies')}>{t('search.browseDeputies')}</a>, <a href={href('/plan')}>{t('search.browsePlan')}</a>.
      </p>
    </div>
  );
}

export function SearchPage({ view }: { view: SearchView }) {
  const { t, href, localize, lang } = usePage();
  const { input, results } = view;
  const collation = lang === 'kk-latn' ? 'kk' : lang;
  return (
    <>
      <ErrorSummary problems={view.problems} />
      <h1>{t('search.title')}</h1>
      <form class="form-narrow search-form" action={href('/search')} method="get" role="search" aria-label={t('search.formLabel')}>
        <TextField name="q" type="search" label={t('search.qLabel')} hint={t('search.qHint')} value={input.q} />
        <details open={view.filtered || undefined}>
          <summary>{t('search.filters')}</summary>
          <SelectField
            name="type"
            label={t('search.typeLabel')}
            value={input.type}
            placeholder={t('search.typeAll')}
            options={view.types.map((o) => ({ value: o.value, label: t(o.labelKey) }))}
          />
          <SelectField
            name="region"
            label={t('search.regionLabel')}
            value={input.region}
            placeholder={t('search.regionAll')}
            options={view.regions.map((r) => ({ value: r.kato, label: localize(r.name).text })).toSorted((a, b) => a.label.localeCompare(b.label, collation))}
          />
          <TextField name="from" type="date" label={t('search.fromLabel')} hint={t('search.dateHint')} value={input.from} problems={view.problems} />
          <TextField name="to" type="date" label={t('search.toLabel')} hint={t('search.dateHint')} value={input.to} problems={view.problems} />
        </details>
        <button class="button" type="submit">
          {t('search.submit')}
        </button>
      </form>

      {results && (
        <section aria-labelledby="search-results">
          <h2 id="search-results">{t('search.resultsTitle')}</h2>
          {results.hits.length === 0 ? (
            <NothingFound view={view} />
          ) : (
            <>
              <p role="status">{results.capped ? t('search.countCapped', { count: results.total }) : t('search.count', { count: results.total })}</p>
              <ol class="search-results">
                {results.hits.map((hit) => (
                  <Hit key={`${hit.type}-${hit.path}`} hit={hit} />
                ))}
              </ol>
              <Pagination page={results.page} pages={results.pages} pageHref={(p) => href(searchPath(input, { page: p }))} />
            </>
          )}
        </section>
      )}
    </>
  );
}
