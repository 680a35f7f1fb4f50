import { Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { HomeOrganization } from '../../registry/registry.service.js';

export function HomePage({ home, regionCount }: { home: HomeOrganization; regionCount: number }) {
  const { t, href, localize, date } = usePage();
  const succession = home.parentSuccession;
  return (
    <>
      <h1>
        <Text value={home.name} />
      </h1>
      {home.description && (
        <p class="lead">
          <Text value={home.description} />
        </p>
      )}
      {home.dissolutionDate && (
        <div class="notice notice--info">
          <p>
            {home.foundingDate
              ? t('home.workedFromTo', { from: date(home.foundingDate), to: date(home.dissolutionDate) })
              : t('home.workedUntil', { to: date(home.dissolutionDate) })}
          </p>
          {home.parent && succession?.successor && (
            <p>
              {t('home.parentSucceeded', {
                parent: localize(home.parent.name).text,
                successor: localize(succession.successor.name).text,
                date: date(succession.effectiveDate),
              })}
              {succession.note && <> ({localize(succession.note).text})</>}
            </p>
          )}
          <p>{t('home.archiveContinues')}</p>
        </div>
      )}

      <h2>{t('home.whatTitle')}</h2>
      <ul class="card-list">
        <li class="card">
          <h3>
            <a href={href('/maslikhats')}>{t('home.maslikhatsTitle')}</a>
          </h3>
          <p>{t('home.maslikhatsText', { count: regionCount })}</p>
        </li>
        <li class="card">
          <h3>
            <a href={href('/meetings')}>{t('home.meetingsTitle')}</a>
          </h3>
          <p>{t('home.meetingsText')}</p>
        </li>
        <li class="card">
          <h3>
            <a href={href('/news')}>{t('home.newsTitle')}</a>
          </h3>
          <p>{t('home.newsText')}</p>
        </li>
        <li class="card">
          <h3>
            <a href={href('/about')}>{t('home.aboutTitle')}</a>
          </h3>
          <p>{t('home.aboutText')}</p>
        </li>
        <li class="card">
          <h3>
            <a href="/api/v1/openapi.json">{t('home.openDataTitle')}</a>
          </h3>
          <p>{t('home.openDataText')}</p>
        </li>
      </ul>

      <h2>{t('home.workTitle')}</h2>
      <ul>
        <li>{t('home.work.meetings')}</li>
        <li>{t('home.work.plan')}</li>
        <li>{t('home.work.outreach')}</li>
        <li>{t('home.work.literacy')}</li>
        <li>{t('home.work.openness')}</li>
      </ul>
    </>
  );
}
