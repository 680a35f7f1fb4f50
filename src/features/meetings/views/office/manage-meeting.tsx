// A meeting's own page for the secretariat: its details and status, the minutes, the chair and
// quorum rule, the agenda, the papers and the invitations, each with its form while it may change.
import { ErrorSummary, Form, Notice, RadioField, SelectField, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { AdmissionProgress } from '../../../registry/registry.service.js';
import type { StatusAction } from '../../meetings.service.js';
import type { ManagedMeeting } from '../../office.presenters.js';
import { MeetingAdmissions } from '../admissions.js';
import { MinutesLinks } from '../public-shared.js';
import { AgendaTree, InvitationsSection, PapersSection } from './manage-meeting-sections.js';
import { MeetingName, type Option } from './shared.js';

/** What may change in the meeting's status (see editableParts in the service). */
export interface EditableParts {
  details: boolean;
  agenda: boolean;
  chair: boolean;
  papers: boolean;
}

/** Answers of the page's forms, kept when one comes back with problems. */
export interface MeetingAnswers {
  item: { titleKk: string; titleRu: string; titleEn: string; minutes: string; isMain: string; parentId: string };
  paper: { titleKk: string; titleRu: string; agendaItemId: string };
  chair: { chairPersonId: string; quorumRule: string };
}

const blankMeetingAnswers: MeetingAnswers = {
  item: { titleKk: '', titleRu: '', titleEn: '', minutes: '', isMain: '', parentId: '' },
  paper: { titleKk: '', titleRu: '', agendaItemId: '' },
  chair: { chairPersonId: '', quorumRule: '' },
};

export function ManageMeetingPage({
  meeting: m,
  actions,
  problems,
  minutesNotice,
  editable,
  chairOptions,
  regionOptions = [],
  admissions = [],
  answers,
}: {
  meeting: ManagedMeeting;
  actions: StatusAction[];
  problems: FieldProblem[];
  minutesNotice?: 'approved' | 'not-held' | undefined;
  editable: EditableParts;
  chairOptions: Option[];
  /** The regions' maslikhats not invited yet. */
  regionOptions?: Option[];
  /** The meeting's adopted admissions and how far each is entered in the registry. */
  admissions?: AdmissionProgress[];
  answers?: Partial<MeetingAnswers> | undefined;
}) {
  const { t, href, dateTime, localize } = usePage();
  const base = `/office/meetings/${m.id}`;
  const item = answers?.item ?? blankMeetingAnswers.item;
  const paper = answers?.paper ?? blankMeetingAnswers.paper;
  const chair = answers?.chair ?? { chairPersonId: m.chairPersonId ?? '', quorumRule: m.quorumRule };
  const topLevel = m.agenda.filter((i) => i.parentId === null);
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
          <dd>{t(`meetings.format.${m.format}`)}</dd>
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
          <dt>{t('chair.chair')}</dt>
          <dd>{m.chairName ? <Text value={m.chairName} /> : t('chair.none')}</dd>
        </div>
        <div>
          <dt>{t('chair.quorumRule')}</dt>
          <dd>{t(m.quorumRule === 'two_thirds' ? 'chair.twoThirds' : 'chair.moreThanHalf')}</dd>
        </div>
        <div>
          <dt>{t('meetingsOffice.colStatus')}</dt>
          <dd>
            {t(`meetings.status.${m.status}`)}
            {m.statusReason && (
              <>
                {' — '}
                <Text value={m.statusReason} />
              </>
            )}
          </dd>
        </div>
      </dl>
      {editable.details && (
        <p>
          <a href={href(`${base}/edit`)}>{t('meetingEdit.link')}</a>
        </p>
      )}
      <p>
        <a href={href(`${base}/press-release`)}>{t('pressRelease.officeLink')}</a>
      </p>

      {actions.length > 0 && (
        <section aria-labelledby="status-title">
          <h2 id="status-title">{t('meetingsOffice.statusTitle')}</h2>
          {actions.includes('reschedule') && <p class="hint">{t('meetingEdit.rescheduleHint')}</p>}
          <div class="actions">
            {actions
              .filter((a) => a !== 'postpone' && a !== 'cancel')
              .map((a) => (
                <Form key={a} action={href(`${base}/status`)}>
                  <input type="hidden" name="action" value={a} />
                  <input type="hidden" name="version" value={String(m.version)} />
                  <button class="button" type="submit">
                    {t(`meetingAction.${a}`)}
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
                options={actions.filter((a) => a === 'postpone' || a === 'cancel').map((a) => ({ value: a, label: t(`meetingAction.${a}`) }))}
                problems={problems}
              />
              <TextField name="reasonKk" label={t('meetingsOffice.reasonKk')} value="" problems={problems} />
              <TextField name="reasonRu" label={t('meetingsOffice.reasonRu')} value="" problems={problems} />
              <p class="hint">{t('meetingsOffice.stopMailHint')}</p>
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

      <MeetingAdmissions admissions={admissions} />

      {editable.chair && (
        <section aria-labelledby="chair-title">
          <h2 id="chair-title">{t('chair.title')}</h2>
          <Form action={href(`${base}/chair`)}>
            <input type="hidden" name="version" value={String(m.version)} />
            <SelectField idPrefix="chair" name="chairPersonId" label={t('chair.chair')} hint={t('chair.chairHint')} value={chair.chairPersonId} placeholder={t('chair.none')} options={chairOptions} problems={problems} />
            <RadioField
              idPrefix="chair"
              name="quorumRule"
              label={t('chair.quorumRule')}
              value={chair.quorumRule}
              options={[
                { value: 'more_than_half', label: t('chair.moreThanHalf') },
                { value: 'two_thirds', label: t('chair.twoThirds') },
              ]}
              problems={problems}
            />
            <button class="button button--secondary" type="submit">
              {t('chair.save')}
            </button>
          </Form>
        </section>
      )}

      <h2>{t('meetingsOffice.agendaTitle')}</h2>
      {m.agenda.length === 0 ? <p>{t('meetingsOffice.agendaEmpty')}</p> : <AgendaTree meeting={m} parentId={null} editable={editable} />}
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
      {editable.agenda && (
        <Form action={href(`${base}/agenda`)}>
          <h3>{t('meetingsOffice.addItem')}</h3>
          {topLevel.length > 0 && (
            <SelectField
              name="parentId"
              label={t('agendaEdit.parent')}
              hint={t('agendaEdit.parentHint')}
              value={item.parentId}
              placeholder={t('agendaEdit.parentNone')}
              options={topLevel.map((i) => ({ value: i.id, label: localize(i.title).text }))}
              problems={problems}
            />
          )}
          <TextField name="titleKk" label={t('meetingForm.titleKk')} value={item.titleKk} problems={problems} />
          <TextField name="titleRu" label={t('meetingForm.titleRu')} value={item.titleRu} problems={problems} />
          <TextField name="titleEn" label={t('meetingForm.titleEn')} value={item.titleEn} problems={problems} />
          <TextField name="minutes" label={t('meetingsOffice.minutesLabel')} value={item.minutes} problems={problems} />
          <div class="radio">
            <input type="checkbox" id="field-isMain" name="isMain" value="1" checked={item.isMain === '1'} />
            <label for="field-isMain">{t('meetingsOffice.mainItem')}</label>
          </div>
          <button class="button button--secondary" type="submit">
            {t('meetingsOffice.addItem')}
          </button>
        </Form>
      )}

      <PapersSection meeting={m} editable={editable} problems={problems} answers={paper} />

      <InvitationsSection meeting={m} editable={editable} problems={problems} regionOptions={regionOptions} />
    </>
  );
}
