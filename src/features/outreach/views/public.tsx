// The public outreach pages: receptions and meetings with voters ahead (by region, with the
// calendar to subscribe to), and one public event (ahead or held).
import { DataTable, Form, Pagination, Recorded, SelectField, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { OutreachEventKind } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { kindKeys } from './office.js';

export interface PublicEventView {
  id: string;
  kind: OutreachEventKind;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  organizationName: LocalizedText | null;
  regionName: LocalizedText | null;
  districtName: LocalizedText | null;
  settlement: string | null;
  address: string | null;
  audienceTotal: number | null;
  summary: string | null;
  summaryLanguage: 'kk' | 'ru' | 'en' | null;
  deputies: { personId: string; name: LocalizedText }[];
  topics: { id: string; title: LocalizedText }[];
  photos: { id: string; fileName: string; altText: string }[];
}

function Place({ event }: { event: Pick<PublicEventView, 'regionName' | 'districtName' | 'settlement' | 'address'> }) {
  const parts = [event.districtName, event.regionName].filter((n): n is LocalizedText => !!n);
  return (
    <>
      <Recorded text={[event.settlement, event.address].filter(Boolean).join(', ')} />
      {parts.map((n, i) => (
        <span key={i}>
          {(i > 0 || event.settlement || event.address) && ', '}
          <Text value={n} />
        </span>
      ))}
    </>
  );
}

function Deputies({ deputies }: { deputies: PublicEventView['deputies'] }) {
  return (
    <>
      {deputies.map((d, i) => (
        <span key={d.personId}>
          {i > 0 && ', '}
          <Text value={d.name} />
        </span>
      ))}
    </>
  );
}

export function ReceptionsPage({
  rows,
  page,
  pages,
  regions,
  region,
  regionName,
  pageHref,
}: {
  rows: Omit<PublicEventView, 'photos' | 'endsAt' | 'summary' | 'summaryLanguage' | 'audienceTotal'>[];
  page: number;
  pages: number;
  regions: { kato: string; name: LocalizedText | null }[];
  region: string;
  regionName: LocalizedText | null;
  pageHref: (page: number) => string;
}) {
  const { t, href, dateTime, localize } = usePage();
  const ics = href(`/receptions.ics${region ? `?region=${region}` : ''}`);
  return (
    <>
      <h1>{regionName ? t('receptions.regionTitle', { region: localize(regionName).text }) : t('receptions.title')}</h1>
      <p class="lead">{t('receptions.lead')}</p>
      <Form action={href('/receptions')} method="get">
        <SelectField name="region" label={t('receptions.regionLabel')} value={region} placeholder={t('receptions.allRegions')} options={regions.map((r) => ({ value: r.kato, label: localize(r.name).text }))} />
        <button class="button button--secondary" type="submit">
          {t('receptions.show')}
        </button>
      </Form>
      <p>
        <a href={ics}>{t('receptions.calendarLink')}</a>
      </p>
      <p>
        <a href={href('/subscribe?topic=receptions')}>{t('receptions.subscribeLink')}</a>
      </p>
      {rows.length === 0 ? (
        <p>{t('receptions.none')}</p>
      ) : (
        <DataTable caption={t('receptions.caption')} columns={[t('receptions.colWhen'), t('receptions.colKind'), t('receptions.colPlace'), t('receptions.colDeputies')]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={href(`/receptions/${r.id}`)}>{dateTime(r.startsAt, r.timeZone)}</a>
              </th>
              <td>{t(kindKeys[r.kind])}</td>
              <td>
                <Place event={r} />
              </td>
              <td>
                <Deputies deputies={r.deputies} />
                {r.deputies.length === 0 && <Text value={r.organizationName} />}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} pageHref={pageHref} />
    </>
  );
}

export function PublicEventPage({ event, held }: { event: PublicEventView; held: boolean }) {
  const { t, href, dateTime, number } = usePage();
  return (
    <>
      <p>
        <a href={href('/receptions')}>{t('receptions.back')}</a>
      </p>
      <h1>
        {t(kindKeys[event.kind])}: {dateTime(event.startsAt, event.timeZone)}
      </h1>
      <dl class="summary-list">
        <dt>{t('receptions.colMaslikhat')}</dt>
        <dd>
          <Text value={event.organizationName} />
        </dd>
        {event.endsAt && (
          <>
            <dt>{t('receptions.colEnds')}</dt>
            <dd>{dateTime(event.endsAt, event.timeZone)}</dd>
          </>
        )}
        <dt>{t('receptions.colPlace')}</dt>
        <dd>
          <Place event={event} />
        </dd>
        <dt>{t('receptions.colDeputies')}</dt>
        <dd>{event.deputies.length ? <Deputies deputies={event.deputies} /> : '—'}</dd>
        {event.topics.length > 0 && (
          <>
            <dt>{t('receptions.colTopics')}</dt>
            <dd>
              <ul>
                {event.topics.map((tp) => (
                  <li key={tp.id}>
                    <Text value={tp.title} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {held && event.audienceTotal !== null && (
          <>
            <dt>{t('receptions.colAudience')}</dt>
            <dd>{number(event.audienceTotal)}</dd>
          </>
        )}
        {held && event.summary && (
          <>
            <dt>{t('receptions.colSummary')}</dt>
            <dd>
              <Recorded text={event.summary} language={event.summaryLanguage} />
            </dd>
          </>
        )}
      </dl>
      {event.photos.length > 0 && (
        <ul class="photo-list">
          {event.photos.map((p) => (
            <li key={p.id}>
              <img src={`/files/outreach/${p.fileName}`} alt={p.altText} width={300} loading="lazy" />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
