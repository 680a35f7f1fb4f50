// Pieces both public meeting pages use: the title, the date and time in the meeting's zone, the status.
import { Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { dayInZone, formatTime, utcOffset } from '../../../core/i18n/format.js';
import { minutesFiles, minutesFileName } from '../minutes-files.js';
import { kindAndNumber, type PublicMeetingRow } from '../public.service.js';

/** The meeting's own title (with the fallback marker), else its kind and number. */
export function MeetingTitle({ meeting }: { meeting: PublicMeetingRow }) {
  const { lang } = usePage();
  return meeting.title && Object.values(meeting.title).some(Boolean) ? <Text value={meeting.title} /> : <>{kindAndNumber(lang, meeting)}</>;
}

/** "October 21, 2020, 11:00–13:00 (UTC+06:00)": in the meeting's zone, with that day's offset. */
export function MeetingWhen({ meeting }: { meeting: PublicMeetingRow }) {
  const { t, lang, date } = usePage();
  const values = {
    date: date(dayInZone(meeting.startsAt, meeting.timeZone)),
    time: formatTime(lang, meeting.startsAt, meeting.timeZone),
    offset: utcOffset(meeting.startsAt, meeting.timeZone),
  };
  return (
    <time dateTime={meeting.startsAt.toISOString()}>
      {meeting.endsAt
        ? t('meetings.dateTimeRange', { ...values, endTime: formatTime(lang, meeting.endsAt, meeting.timeZone) })
        : t('meetings.dateTime', values)}
    </time>
  );
}

/** The status, with the reason when the meeting was cancelled or postponed. */
export function MeetingStatus({ meeting }: { meeting: PublicMeetingRow }) {
  const { t } = usePage();
  const status = t(`meetings.status.${meeting.status}`);
  if ((meeting.status === 'cancelled' || meeting.status === 'postponed') && meeting.statusReason) {
    return (
      <>
        {status}: <Text value={meeting.statusReason} />
      </>
    );
  }
  return <>{status}</>;
}

/** Links to a meeting's minutes: the protocol in Kazakh and Russian (PDF, DOCX) and the Akoma Ntoso XML. */
export function MinutesLinks({ base }: { base: string }) {
  const { t } = usePage();
  return (
    <ul class="minutes-links">
      {minutesFiles.map((f) => (
        <li key={minutesFileName(f)}>
          <a href={`${base}/${minutesFileName(f)}`} download>
            {f.format === 'akn' ? t('minutes.file.akn') : t('minutes.file.protocol', { language: t(`live.lang.${f.language}`), format: f.format.toUpperCase() })}
          </a>
        </li>
      ))}
    </ul>
  );
}
