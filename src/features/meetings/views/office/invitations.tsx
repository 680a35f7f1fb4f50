// A maslikhat's invitations: each meeting with what its staff read ahead of it, and the answer form.
import { Form, RadioField, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { InvitationPacket, InvitationRow } from '../../office.presenters.js';
import { MeetingName, PaperList, SpeakersLine } from './shared.js';

/** The agenda as invitees read it: items and sub-items, speakers, and each item's papers. */
function InviteeAgenda({ meetingId, packet, parentId }: { meetingId: string; packet: InvitationPacket; parentId: string | null }) {
  const { href } = usePage();
  const items = packet.agenda.filter((i) => i.parentId === parentId);
  if (!items.length) return null;
  return (
    <ol>
      {items.map((item) => (
        <li key={item.id}>
          <Text value={item.title} />
          <SpeakersLine speakers={packet.speakers.filter((s) => s.agendaItemId === item.id)} />
          <PaperList papers={packet.papers.filter((p) => p.agendaItemId === item.id)} link={(p) => href(`/office/meetings/${meetingId}/papers/${p.id}`)} />
          <InviteeAgenda meetingId={meetingId} packet={packet} parentId={item.id} />
        </li>
      ))}
    </ol>
  );
}

export function InvitationsPage({ invitations, answered }: { invitations: InvitationRow[]; answered: boolean }) {
  const { t, href, dateTime } = usePage();
  return (
    <>
      <h1>{t('invitations.title')}</h1>
      {answered && (
        <div class="notice notice--success" role="status">
          <p>{t('invitations.answered')}</p>
        </div>
      )}
      {invitations.length === 0 && <p>{t('invitations.none')}</p>}
      {invitations.map((i) => (
        <section class="card" key={i.id} aria-labelledby={`invitation-${i.id}`}>
          <h2 id={`invitation-${i.id}`}>
            <MeetingName m={i.meeting} />
          </h2>
          <p>
            {dateTime(i.meeting.startsAt, i.meeting.timeZone)} · {t(`meetings.format.${i.meeting.format}`)} · <Text value={i.organizationName} />
          </p>
          {(i.meeting.videoUrl || i.meeting.status === 'in_progress') && i.status !== 'declined' && (
            <ul class="actions-list">
              {i.meeting.videoUrl && (
                <li>
                  {t('invitations.videoLink')}:{' '}
                  <a href={i.meeting.videoUrl} rel="noopener noreferrer">
                    {i.meeting.videoUrl}
                  </a>
                </li>
              )}
              {i.meeting.status === 'in_progress' && (
                <li>
                  <a href={href(`/office/meetings/${i.meeting.id}/live`)}>{t('invitations.followLive')}</a>
                </li>
              )}
            </ul>
          )}
          {i.packet && i.packet.agenda.length > 0 && (
            <>
              <h3>{t('meetingsOffice.agendaTitle')}</h3>
              <InviteeAgenda meetingId={i.meeting.id} packet={i.packet} parentId={null} />
            </>
          )}
          {i.packet && i.packet.papers.some((p) => p.agendaItemId === null) && (
            <>
              <h3>{t('papers.title')}</h3>
              <PaperList papers={i.packet.papers.filter((p) => p.agendaItemId === null)} link={(p) => href(`/office/meetings/${i.meeting.id}/papers/${p.id}`)} />
            </>
          )}
          {i.packet && i.packet.changes.length > 0 && (
            <>
              <h3>{t('meetingsOffice.changesTitle')}</h3>
              <ul>
                {i.packet.changes.map((c, n) => (
                  <li key={n}>
                    {dateTime(c.changedAt)}: <Text value={c.summary} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>
            {t('invitations.current')}: <strong>{t(`invitationStatus.${i.status}`)}</strong>
            {i.attendanceMode && ` (${t(`attendanceMode.${i.attendanceMode}`)})`}
          </p>
          <Form action={href(`/office/invitations/${i.id}/respond`)}>
            <input type="hidden" name="version" value={String(i.version)} />
            <RadioField
              idPrefix={`invitation-${i.id}`}
              name="answer"
              label={t('invitations.answerLabel')}
              value={i.status === 'declined' ? 'declined' : i.attendanceMode === 'room' ? 'room' : i.attendanceMode === 'video' ? 'video' : ''}
              options={[
                { value: 'video', label: t('invitations.confirmVideo') },
                { value: 'room', label: t('invitations.confirmRoom') },
                { value: 'declined', label: t('invitations.decline') },
              ]}
            />
            <TextField idPrefix={`invitation-${i.id}`} name="attendees" label={t('invitations.attendees')} hint={t('invitations.attendeesHint')} value={i.attendees ?? ''} />
            <button class="button" type="submit">
              {t('invitations.send')}
            </button>
          </Form>
        </section>
      ))}
    </>
  );
}
