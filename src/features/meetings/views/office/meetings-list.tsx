// The secretariat's list of the Council's meetings.
import { DataTable } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { MeetingRow } from '../../office.presenters.js';
import { MeetingName } from './shared.js';

export function OfficeMeetingsPage({ meetings }: { meetings: MeetingRow[] }) {
  const { t, href, dateTime } = usePage();
  return (
    <>
      <h1>{t('meetingsOffice.title')}</h1>
      <p>
        <a class="button" href={href('/office/meetings/new')}>
          {t('meetingsOffice.schedule')}
        </a>
      </p>
      {meetings.length === 0 ? (
        <p>{t('meetingsOffice.none')}</p>
      ) : (
        <DataTable caption={t('meetingsOffice.title')} columns={[t('meetingsOffice.colMeeting'), t('meetingsOffice.colWhen'), t('meetingsOffice.colStatus')]}>
          {meetings.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <a href={href(`/office/meetings/${m.id}`)}>
                  <MeetingName m={m} />
                </a>
              </th>
              <td>{dateTime(m.startsAt, m.timeZone)}</td>
              <td>{t(`meetings.status.${m.status}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
