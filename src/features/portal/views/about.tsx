import { Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { HomeOrganization } from '../../registry/registry.service.js';

export interface Source {
  id: string;
  title: LocalizedText;
  what: LocalizedText;
  licence: string | null;
}

export function AboutPage({ home, sources }: { home: HomeOrganization; sources: Source[] }) {
  const { t, localize, date } = usePage();
  return (
    <>
      <h1>{t('about.title')}</h1>
      <p class="lead">{t('about.lead', { name: localize(home.name).text })}</p>

      <h2>{t('about.institutionsTitle')}</h2>
      <p>{t('about.institutionsText')}</p>
      <dl class="summary-list">
        <div>
          <dt>{t('about.homeOrganization')}</dt>
          <dd>
            <Text value={home.name} />
            {home.foundingDate && (
              <>
                {' '}
                ({date(home.foundingDate)}
                {home.dissolutionDate ? ` – ${date(home.dissolutionDate)}` : ''})
              </>
            )}
          </dd>
        </div>
        {home.parent && (
          <div>
            <dt>{t('about.parentBody')}</dt>
            <dd>
              <Text value={home.parent.name} />
              {home.parent.dissolutionDate && <> ({t('about.until', { date: date(home.parent.dissolutionDate) })})</>}
            </dd>
          </div>
        )}
        {home.parentSuccession?.successor && (
          <div>
            <dt>{t('about.successorBody')}</dt>
            <dd>
              <Text value={home.parentSuccession.successor.name} /> ({t('about.since', { date: date(home.parentSuccession.effectiveDate) })})
            </dd>
          </div>
        )}
      </dl>

      <h2>{t('about.languagesTitle')}</h2>
      <p>{t('about.languagesText')}</p>

      <h2>{t('about.openDataTitle')}</h2>
      <p>
        {t('about.openDataText')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>

      <h2 id="sources">{t('about.sourcesTitle')}</h2>
      <p>{t('about.sourcesText')}</p>
      <ul class="source-list">
        {sources.map((s) => (
          <li key={s.id}>
            <strong>
              <Text value={s.title} />
            </strong>
            {' — '}
            <Text value={s.what} />
            {s.licence && <> ({t('about.licence', { licence: s.licence })})</>}
          </li>
        ))}
      </ul>
    </>
  );
}
