import { DataTable, ErrorSummary, Form, Notice, RadioField, SelectField, Text, TextField } from '../../../core/html/components.js';
import type { KeptMinutes } from '../minutes.repository.js';
import { MinutesLinks } from './public-shared.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import type { StatusAction } from '../meetings.service.js';

export interface MeetingRow {
  id: string;
  kind: string;
  number: number | null;
  title: LocalizedText | null;
  startsAt: Date;
  timeZone: string;
  status: string;
}

function MeetingName({ m }: { m: { kind: string; number: number | null; title: LocalizedText | null } }) {
  const { t } = usePage();
  return (
    <>
      {t(`meetings.kind.${m.kind}` as MessageKey)}
      {m.number !== null && ` № ${m.number}`}
      {m.title && (
        <>
          {' — '}
          <Text value={m.title} />
        </>
      )}
    </>
  );
}

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
              <td>{t(`meetings.status.${m.status}` as MessageKey)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export interface ScheduleAnswers {
  kind: string;
  number: string;
  date: string;
  time: string;
  titleKk: string;
  titleRu: string;
  titleEn: string;
  placeKk: string;
  placeRu: string;
  format: string;
  videoUrl: string;
}

export function ScheduleMeetingPage({ answers: a, problems }: { answers: ScheduleAnswers; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('meetingsOffice.schedule')}</h1>
      <Form action={href('/office/meetings/new')}>
        <SelectField name="kind" label={t('meetingForm.kind')} value={a.kind} options={(['regular', 'extraordinary', 'field'] as const).map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))} problems={problems} />
        <TextField name="number" label={t('meetingForm.number')} value={a.number} problems={problems} />
        <TextField name="date" label={t('meetingForm.date')} hint={t('deputyForm.dateHint')} value={a.date} problems={problems} />
        <TextField name="time" label={t('meetingForm.time')} hint={t('meetingForm.timeHint')} value={a.time} problems={problems} />
        <TextField name="titleKk" label={t('meetingForm.titleKk')} value={a.titleKk} problems={problems} />
        <TextField name="titleRu" label={t('meetingForm.titleRu')} value={a.titleRu} problems={problems} />
        <TextField name="titleEn" label={t('meetingForm.titleEn')} value={a.titleEn} problems={problems} />
        <TextField name="placeKk" label={t('meetingForm.placeKk')} value={a.placeKk} problems={problems} />
        <TextField name="placeRu" label={t('meetingForm.placeRu')} value={a.placeRu} problems={problems} />
        <RadioField
          name="format"
          label={t('meetingForm.format')}
          value={a.format}
          options={(['in_person', 'online', 'hybrid'] as const).map((f) => ({ value: f, label: t(`meetings.format.${f}`) }))}
          problems={problems}
        />
        <TextField name="videoUrl" type="url" label={t('meetingForm.videoUrl')} hint={t('meetingForm.videoUrlHint')} value={a.videoUrl} problems={problems} />
        <button class="button" type="submit">
          {t('meetingForm.save')}
        </button>
      </Form>
    </div>
  );
}

export interface ManagedMeeting extends MeetingRow {
  format: string;
  place: LocalizedText | null;
  videoUrl: string | null;
  statusReason: LocalizedText | null;
  version: number;
  agenda: { id: string; title: LocalizedText; minutesAllotted: number | null; isMain: boolean }[];
  invitations: { id: string; organizationName: LocalizedText | null; status: string; attendanceMode: string | null; attendees: string | null }[];
  changes: { changedAt: Date; summary: LocalizedText }[];
  minutes: KeptMinutes[];
}

export function ManageMeetingPage({ meeting: m, actions, problems, minutesNotice }: { meeting: ManagedMeeting; actions: StatusAction[]; problems: FieldProblem[]; minutesNotice?: 'approved' | 'not-held' | undefined }) {
  const { t, href, dateTime } = usePage();
  const base = `/office/meetings/${m.id}`;
  const editable = ['draft', 'announced', 'postponed'].includes(m.status);
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>
        <MeetingName m={m} />
      </h1>
      <dl class="summary-list">
        <div>
          <dt>{t('meetingsOffice.colWhen')}</dt>
          <dd>{dateTime(m.startsAt, m.timeZone)}</dd>
        </div>
        <div>
          <dt>{t('meetingForm.format')}</dt>
          <dd>{t(`meetings.format.${m.format}` as MessageKey)}</dd>
        </div>
        {m.place && (
          <div>
            <dt>{t('meetingForm.place')}</dt>
            <dd>
              <Text value={m.place} />
            </dd>
          </div>
        )}
        {m.videoUrl && (
          <div>
            <dt>{t('meetingForm.videoUrl')}</dt>
            <dd>
              <a href={m.videoUrl} rel="noopener noreferrer">
                {m.videoUrl}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('meetingsOffice.colStatus')}</dt>
          <dd>
            {t(`meetings.status.${m.status}` as MessageKey)}
            {m.statusReason && (
              <>
                {' — '}
                <Text value={m.statusReason} />
              </>
            )}
          </dd>
        </div>
      </dl>
      <p>
        <a href={href(`${base}/press-release`)}>{t('pressRelease.officeLink')}</a>
      </p>

      {actions.length > 0 && (
        <section aria-labelledby="status-title">
          <h2 id="status-title">{t('meetingsOffice.statusTitle')}</h2>
          <div class="actions">
            {actions
              .filter((a) => a !== 'postpone' && a !== 'cancel')
              .map((a) => (
                <Form key={a} action={href(`${base}/status`)}>
                  <input type="hidden" name="action" value={a} />
                  <input type="hidden" name="version" value={String(m.version)} />
                  <button class="button" type="submit">
                    {t(`meetingAction.${a}` as MessageKey)}
                  </button>
                </Form>
              ))}
          </div>
          {actions.some((a) => a === 'postpone' || a === 'cancel') && (
            <Form action={href(`${base}/status`)}>
              <input type="hidden" name="version" value={String(m.version)} />
              <SelectField
                name="action"
                label={t('meetingsOffice.stopLabel')}
                value=""
                placeholder={t('people.choose')}
                options={actions.filter((a) => a === 'postpone' || a === 'cancel').map((a) => ({ value: a, label: t(`meetingAction.${a}` as MessageKey) }))}
                problems={problems}
              />
              <TextField name="reasonKk" label={t('meetingsOffice.reasonKk')} value="" problems={problems} />
              <TextField name="reasonRu" label={t('meetingsOffice.reasonRu')} value="" problems={problems} />
              <button class="button button--secondary" type="submit">
                {t('meetingsOffice.confirmStop')}
              </button>
            </Form>
          )}
        </section>
      )}

      {['announced', 'in_progress', 'held'].includes(m.status) && (
        <p>
          <a class="button button--secondary" href={href(`${base}/live`)}>
            {t('live.openLink')}
          </a>
        </p>
      )}

      {['in_progress', 'held', 'minutes_approved'].includes(m.status) && (
        <section aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t(m.status === 'minutes_approved' ? 'minutes.approvedTitle' : 'minutes.draftTitle')}</h2>
          {minutesNotice === 'approved' && <Notice kind="success">{t('minutes.approvedNotice')}</Notice>}
          {minutesNotice === 'not-held' && <Notice kind="warning">{t('minutes.notHeld')}</Notice>}
          <MinutesLinks base={href(`${base}/minutes`)} />
          {m.status === 'held' && (
            <Form action={href(`${base}/minutes/approve`)}>
              <p class="hint">{t('minutes.approveHint')}</p>
              <button class="button" type="submit">
                {t('minutes.approve')}
              </button>
            </Form>
          )}
        </section>
      )}

      <h2>{t('meetingsOffice.agendaTitle')}</h2>
      {m.agenda.length === 0 ? (
        <p>{t('meetingsOffice.agendaEmpty')}</p>
      ) : (
        <ol>
          {m.agenda.map((item) => (
            <li key={item.id}>
              <Text value={item.title} />
              {item.isMain && <strong class="tag">{t('meetingsOffice.mainItem')}</strong>}
              {item.minutesAllotted && <span class="hint"> ({t('meetingsOffice.minutes', { count: item.minutesAllotted })})</span>}
              {editable && (
                <Form action={href(`${base}/agenda/${item.id}/remove`)}>
                  <button class="link-button" type="submit">
                    {t('meetingsOffice.removeItem')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
      {m.changes.length > 0 && (
        <>
          <h3>{t('meetingsOffice.changesTitle')}</h3>
          <ul>
            {m.changes.map((c, i) => (
              <li key={i}>
                {dateTime(c.changedAt)}: <Text value={c.summary} />
              </li>
            ))}
          </ul>
        </>
      )}
      {editable && (
        <Form action={href(`${base}/agenda`)}>
          <h3>{t('meetingsOffice.addItem')}</h3>
          <TextField name="titleKk" label={t('meetingForm.titleKk')} value="" problems={problems} />
          <TextField name="titleRu" label={t('meetingForm.titleRu')} value="" problems={problems} />
          <TextField name="titleEn" label={t('meetingForm.titleEn')} value="" problems={problems} />
          <TextField name="minutes" label={t('meetingsOffice.minutesLabel')} value="" problems={problems} />
          <div class="radio">
            <input type="checkbox" id="field-isMain" name="isMain" value="1" />
            <label for="field-isMain">{t('meetingsOffice.mainItem')}</label>
          </div>
          <button class="button button--secondary" type="submit">
            {t('meetingsOffice.addItem')}
          </button>
        </Form>
      )}

      <h2>{t('meetingsOffice.invitationsTitle')}</h2>
      {editable && (
        <Form action={href(`${base}/invitations`)}>
          <button class="button button--secondary" type="submit">
            {t('meetingsOffice.inviteAll')}
          </button>
        </Form>
      )}
      {m.invitations.length > 0 && (
        <DataTable caption={t('meetingsOffice.invitationsTitle')} columns={[t('meetingsOffice.colRegion'), t('meetingsOffice.colAnswer'), t('meetingsOffice.colAttendees')]}>
          {m.invitations.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                <Text value={i.organizationName} />
              </th>
              <td>
                {t(`invitationStatus.${i.status}` as MessageKey)}
                {i.attendanceMode && ` (${t(`attendanceMode.${i.attendanceMode}` as MessageKey)})`}
              </td>
              <td>{i.attendees ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export interface InvitationRow {
  id: string;
  organizationName: LocalizedText | null;
  status: string;
  attendanceMode: string | null;
  attendees: string | null;
  version: number;
  meeting: { kind: string; number: number | null; title: LocalizedText | null; startsAt: Date; timeZone: string; format: string };
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
            {dateTime(i.meeting.startsAt, i.meeting.timeZone)} · {t(`meetings.format.${i.meeting.format}` as MessageKey)} · <Text value={i.organizationName} />
          </p>
          <p>
            {t('invitations.current')}: <strong>{t(`invitationStatus.${i.status}` as MessageKey)}</strong>
            {i.attendanceMode && ` (${t(`attendanceMode.${i.attendanceMode}` as MessageKey)})`}
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
