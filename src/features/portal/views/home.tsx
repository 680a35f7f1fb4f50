// The home page: the council and its state, what is next (meetings, the plan's report deadlines),
// the latest decisions and news, and a way into every capability of the portal.
import { Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { RelatedSections } from '../../../core/html/related-sections.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import type { HomeOrganization } from '../../registry/registry.service.js';
import type { HomeNext } from '../home.presenter.js';

function Notice({ home }: { home: HomeOrganization }) {
  const { t, localize, date } = usePage();
  const succession = home.parentSuccession;
  if (!home.dissolutionDate) return null;
  return (
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
  );
}

function WhatIsNext({ next }: { next: HomeNext }) {
  const { t, href, dateTime } = usePage();
  return (
    <section aria-labelledby="home-next">
      <h2 id="home-next">{t('home.nextTitle')}</h2>
      <section aria-labelledby="home-next-meetings">
        <h3 id="home-next-meetings">{t('home.nextMeetingsTitle')}</h3>
        {next.meetings.length ? (
          <ul>
            {next.meetings.map((m) => (
              <li key={m.id}>
                <a href={href(`/meetings/${m.id}`)}>{m.heading}</a> — {dateTime(m.startsAt, m.timeZone)}
                {m.place && (
                  <>
                    , <Text value={m.place} />
                  </>
                )}
                {m.status !== 'announced' && <> ({t(`meetings.status.${m.status}`)})</>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{t('home.nextMeetingsNone')}</p>
        )}
        <p>
          <a href={href('/meetings')}>{t('home.allMeetings')}</a>
        </p>
      </section>
      <RelatedSections sections={next.sections} level={3} idPrefix="home-next" />
    </section>
  );
}

function Latest({ next }: { next: HomeNext }) {
  const { t, href, date } = usePage();
  return (
    <>
      <section aria-labelledby="home-decisions">
        <h2 id="home-decisions">{t('home.decisionsTitle')}</h2>
        {next.decisions.length ? (
          <ul>
            {next.decisions.map((d) => (
              <li key={d.id}>
                <a href={href(`/meetings/${d.meetingId}#decision-${d.id}`)}>
                  <Text value={d.title} />
                </a>{' '}
                — {d.number ? t('home.decisionNumbered', { number: d.number, date: date(d.date), meeting: d.meetingHeading }) : t('home.decisionOf', { date: date(d.date), meeting: d.meetingHeading })}
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{t('home.decisionsNone')}</p>
        )}
      </section>
      <section aria-labelledby="home-news">
        <h2 id="home-news">{t('home.latestNewsTitle')}</h2>
        {next.news.length ? (
          <ul>
            {next.news.map((n) => (
              <li key={n.id}>
                <a href={href(`/news/${n.id}`)}>
                  <Text value={n.title} />
                </a>
                {n.publishedOn && <> — {date(n.publishedOn)}</>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{t('home.newsNone')}</p>
        )}
        <p>
          <a href={href('/news')}>{t('home.allNews')}</a>
        </p>
      </section>
    </>
  );
}

/** A way into each capability: its page and a line on what is there. */
const capabilities: { path: string; title: MessageKey; text: MessageKey }[] = [
  { path: '/maslikhats', title: 'home.maslikhatsTitle', text: 'home.maslikhatsText' },
  { path: '/council', title: 'home.councilTitle', text: 'home.councilText' },
  { path: '/deputies', title: 'home.findDeputyTitle', text: 'home.findDeputyText' },
  { path: '/meetings', title: 'home.meetingsTitle', text: 'home.meetingsText' },
  { path: '/plan', title: 'home.planTitle', text: 'home.planText' },
  { path: '/news', title: 'home.newsTitle', text: 'home.newsText' },
  { path: '/open-data', title: 'home.openDataTitle', text: 'home.openDataText' },
  { path: '/about', title: 'home.aboutTitle', text: 'home.aboutText' },
];

export function HomePage({ home, regionCount, next }: { home: HomeOrganization; regionCount: number; next: HomeNext }) {
  const { t, href } = usePage();
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
      <Notice home={home} />

      <WhatIsNext next={next} />
      <Latest next={next} />

      <h2 id="home-what">{t('home.whatTitle')}</h2>
      <ul class="card-list" aria-labelledby="home-what">
        {capabilities.map((c) => (
          <li class="card" key={c.path}>
            <h3>
              <a href={href(c.path)}>{t(c.title)}</a>
            </h3>
            <p>{t(c.text, { count: regionCount })}</p>
          </li>
        ))}
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
