import { DataTable, Pagination, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { pagePath } from '../../../core/http/pagination.js';
import type { MeetingListView, PublicMeetingRow } from '../public.service.js';
import { MeetingStatus, MeetingTitle, MeetingWhen } from './public-shared.js';

function MeetingTable({ id, meetings }: { id: string; meetings: PublicMeetingRow[] }) {
  const { t, href } = usePage();
  return (
    <DataTable
      describedBy={id}
      columns={[t('meetings.col.date'), t('meetings.col.meeting'), t('meetings.col.format'), t('meetings.col.place'), t('meetings.col.status')]}
    >
      {meetings.map((m) => (
        <tr key={m.id}>
          <td>
            <MeetingWhen meeting={m} />
          </td>
          <th scope="row">
            <a href={href(`/meetings/${m.id}`)}>
              <MeetingTitle meeting={m} />
            </a>
            {m.title && m.number !== null && (
              <>
                <br />
                <span class="hint">{t('meetings.numbered', { kind: t(`meetings.kind.${m.kind}`), number: m.number })}</span>
              </>
            )}
            {m.title && m.number === null && (
              <>
                <br />
                <span class="hint">{t(`meetings.kind.${m.kind}`)}</span>
              </>
            )}
          </th>
          <td>{t(`meetings.format.${m.format}`)}</td>
          <td>{m.place ? <Text value={m.place} /> : null}</td>
          <td>
            <MeetingStatus meeting={m} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function MeetingListPage({ view }: { view: MeetingListView }) {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('meetings.list.title')}</h1>
      <p class="lead">{t('meetings.list.lead')}</p>
      <p>
        <a href={href('/meetings.ics')} type="text/calendar">
          {t('meetings.subscribe')}
        </a>
      </p>
      {view.upcoming.length === 0 && view.past.length === 0 && view.page === 1 && <p>{t('meetings.list.none')}</p>}
      {view.upcoming.length > 0 && view.page === 1 && (
        <>
          <h2 id="upcoming">{t('meetings.list.upcoming')}</h2>
          <MeetingTable id="upcoming" meetings={view.upcoming} />
        </>
      )}
      {view.past.length > 0 && (
        <>
          <h2 id="past">{t('meetings.list.past')}</h2>
          <MeetingTable id="past" meetings={view.past} />
        </>
      )}
      <Pagination page={view.page} pages={view.pages} pageHref={(p) => href(pagePath('/meetings', p))} />
    </>
  );
}
