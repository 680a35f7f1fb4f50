import { DataTable, ErrorSummary, Form, Notice, RadioField, Recorded, SelectField, Text, TextAreaField, TextField } from '../../../core/html/components.js';
import type { KeptMinutes } from '../minutes.repository.js';
import { MinutesLinks } from './public-shared.js';
import { MeetingAdmissions } from './admissions.js';
import type { AdmissionProgress } from '../../registry/registry.service.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { AttendanceMode, InvitationStatus, MeetingFormat, MeetingKind, MeetingStatus } from '../../../core/db/database.js';
import type { StatusAction } from '../meetings.service.js';

export interface MeetingRow {
  id: string;
  kind: MeetingKind;
  number: number | null;
  title: LocalizedText | null;
  startsAt: Date;
  timeZone: string;
  status: MeetingStatus;
}

function MeetingName({ m }: { m: { kind: MeetingKind; number: number | null; title: LocalizedText | null } }) {
  const { t } = usePage();
  return (
    <>
      {t(`meetings.kind.${m.kind}`)}
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
              <td>{t(`meetings.status.${m.status}`)}</td>
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

/** The scheduling form: for a new meeting, or filled in with a meeting's details to change them. */
export function ScheduleMeetingPage({
  action,
  heading,
  submitLabel,
  intro,
  meeting,
  version,
  answers: a,
  problems,
}: {
  /** Where the form goes, without the language prefix. */
  action: string;
  heading: string;
  submitLabel: string;
  /** A line under the heading (what follows from saving). */
  intro?: string | undefined;
  /** The meeting whose details change, linked back to. */
  meeting?: Pick<ManagedMeeting, 'id' | 'kind' | 'number' | 'title'>;
  /** The meeting's version the form was read at (optimistic locking). */
  version?: string;
  answers: ScheduleAnswers;
  problems: FieldProblem[];
}) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      {meeting && (
        <p>
          <a href={href(`/office/meetings/${meeting.id}`)}>
            <MeetingName m={meeting} />
          </a>
        </p>
      )}
      <ErrorSummary problems={problems} />
      <h1>{heading}</h1>
      {intro && <p>{intro}</p>}
      <Form action={href(action)}>
        {version !== undefined && <input type="hidden" name="version" value={version} />}
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
          {submitLabel}
        </button>
      </Form>
    </div>
  );
}

export interface ManagedAgendaItem {
  id: string;
  parentId: string | null;
  title: LocalizedText;
  description: LocalizedText | null;
  minutesAllotted: number | null;
  isMain: boolean;
  version: number;
}

export interface ManagedSpeaker {
  id: string;
  agendaItemId: string;
  personId: string;
  personName: LocalizedText;
  role: 'rapporteur' | 'co_speaker';
  label: LocalizedText | null;
}

export interface ManagedPaper {
  id: string;
  agendaItemId: string | null;
  title: LocalizedText;
  fileName: string;
  contentType: string;
  byteSize: number;
}

export interface ManagedMeeting extends MeetingRow {
  format: MeetingFormat;
  place: LocalizedText | null;
  videoUrl: string | null;
  statusReason: LocalizedText | null;
  version: number;
  chairPersonId: string | null;
  chairName: LocalizedText | null;
  quorumRule: string;
  /** In document order: each item, then its sub-items. */
  agenda: ManagedAgendaItem[];
  speakers: ManagedSpeaker[];
  papers: ManagedPaper[];
  /** Each invitee named as on the meeting's day. */
  invitations: { id: string; inviteeName: LocalizedText | null; status: InvitationStatus; attendanceMode: AttendanceMode | null; attendees: string | null }[];
  changes: { changedAt: Date; summary: LocalizedText }[];
  minutes: KeptMinutes[];
}

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

type Option = { value: string; label: string };

const paperTypeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
};

/** "PDF, 120 KB": the kind and size of a paper, so a reader on a slow line knows what comes. */
export function PaperFacts({ paper }: { paper: { contentType: string; byteSize: number } }) {
  const { t, number } = usePage();
  const size = paper.byteSize >= 1024 * 1024 ? t('papers.sizeMb', { size: number(Math.round((paper.byteSize / 1024 / 1024) * 10) / 10) }) : t('papers.sizeKb', { size: number(Math.max(1, Math.ceil(paper.byteSize / 1024))) });
  return (
    <span class="hint">
      {' '}
      ({paperTypeNames[paper.contentType] ?? paper.contentType}, {size})
    </span>
  );
}

/** "Rapporteur: … (post); co-speakers: …" under an item. */
export function SpeakersLine({ speakers }: { speakers: { personId: string; personName: LocalizedText; role: string; label: LocalizedText | null }[] }) {
  const { t } = usePage();
  const rapporteurs = speakers.filter((s) => s.role === 'rapporteur');
  const coSpeakers = speakers.filter((s) => s.role === 'co_speaker');
  if (!speakers.length) return null;
  const names = (list: typeof speakers) =>
    list.map((s, i) => (
      <span key={s.personId}>
        {i > 0 && ', '}
        <Text value={s.personName} />
        {s.label && (
          <>
            {' '}
            (<Text value={s.label} />)
          </>
        )}
      </span>
    ));
  return (
    <p class="speakers">
      {rapporteurs.length > 0 && (
        <>
          {t('meetings.rapporteurs', { count: rapporteurs.length })}: {names(rapporteurs)}
        </>
      )}
      {rapporteurs.length > 0 && coSpeakers.length > 0 && '; '}
      {coSpeakers.length > 0 && (
        <>
          {t('meetings.coSpeakers', { count: coSpeakers.length })}: {names(coSpeakers)}
        </>
      )}
    </p>
  );
}

function PaperList({ papers, link, remove }: { papers: ManagedPaper[]; link: (p: ManagedPaper) => string; remove?: ((p: ManagedPaper) => string) | undefined }) {
  const { t } = usePage();
  if (!papers.length) return null;
  return (
    <ul class="papers">
      {papers.map((p) => (
        <li key={p.id}>
          <a href={link(p)}>
            <Text value={p.title} />
          </a>
          <PaperFacts paper={p} />
          {remove && (
            <Form action={remove(p)}>
              <button class="link-button" type="submit">
                {t('papers.remove')}
                <span class="visually-hidden">
                  {' '}
                  — <Text value={p.title} />
                </span>
              </button>
            </Form>
          )}
        </li>
      ))}
    </ul>
  );
}

function AgendaTree({ meeting: m, parentId, editable }: { meeting: ManagedMeeting; parentId: string | null; editable: EditableParts }) {
  const { t, href } = usePage();
  const base = `/office/meetings/${m.id}`;
  const items = m.agenda.filter((i) => i.parentId === parentId);
  if (!items.length) return null;
  return (
    <ol>
      {items.map((item, index) => (
        <li key={item.id} id={`item-${item.id}`}>
          <Text value={item.title} />
          {item.isMain && <strong class="tag">{t('meetingsOffice.mainItem')}</strong>}
          {item.minutesAllotted && <span class="hint"> ({t('meetingsOffice.minutes', { count: item.minutesAllotted })})</span>}
          <SpeakersLine speakers={m.speakers.filter((s) => s.agendaItemId === item.id)} />
          <PaperList
            papers={m.papers.filter((p) => p.agendaItemId === item.id)}
            link={(p) => href(`${base}/papers/${p.id}`)}
            remove={editable.papers ? (p) => href(`${base}/papers/${p.id}/remove`) : undefined}
          />
          {editable.agenda && (
            <div class="actions">
              {index > 0 && (
                <Form action={href(`${base}/agenda/${item.id}/move`)}>
                  <input type="hidden" name="direction" value="up" />
                  <button class="link-button" type="submit">
                    {t('agendaEdit.moveUp')}
                    <span class="visually-hidden">
                      {' '}
                      — <Text value={item.title} />
                    </span>
                  </button>
                </Form>
              )}
              {index < items.length - 1 && (
                <Form action={href(`${base}/agenda/${item.id}/move`)}>
                  <input type="hidden" name="direction" value="down" />
                  <button class="link-button" type="submit">
                    {t('agendaEdit.moveDown')}
                    <span class="visually-hidden">
                      {' '}
                      — <Text value={item.title} />
                    </span>
                  </button>
                </Form>
              )}
              <a href={href(`${base}/agenda/${item.id}/edit`)}>
                {t('agendaEdit.editLink')}
                <span class="visually-hidden">
                  {' '}
                  — <Text value={item.title} />
                </span>
              </a>
              <Form action={href(`${base}/agenda/${item.id}/remove`)}>
                <button class="link-button" type="submit">
                  {t('meetingsOffice.removeItem')}
                  <span class="visually-hidden">
                    {' '}
                    — <Text value={item.title} />
                  </span>
                </button>
              </Form>
            </div>
          )}
          <AgendaTree meeting={m} parentId={item.id} editable={editable} />
        </li>
      ))}
    </ol>
  );
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
  const { t, href, dateTime, localize, csrfToken } = usePage();
  const base = `/office/meetings/${m.id}`;
  const item = answers?.item ?? blankMeetingAnswers.item;
  const paper = answers?.paper ?? blankMeetingAnswers.paper;
  const chair = answers?.chair ?? { chairPersonId: m.chairPersonId ?? '', quorumRule: m.quorumRule };
  const topLevel = m.agenda.filter((i) => i.parentId === null);
  const itemOptions = m.agenda.map((i) => ({ value: i.id, label: `${i.parentId ? '— ' : ''}${localize(i.title).text}` }));
  const fileProblem = problems.find((p) => p.idPrefix === 'paper' && p.field === 'file');
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

      <section aria-labelledby="papers-title">
        <h2 id="papers-title">{t('papers.title')}</h2>
        {m.papers.length === 0 ? (
          <p>{t('papers.none')}</p>
        ) : (
          <>
            <PaperList papers={m.papers.filter((p) => p.agendaItemId === null)} link={(p) => href(`${base}/papers/${p.id}`)} remove={editable.papers ? (p) => href(`${base}/papers/${p.id}/remove`) : undefined} />
            {m.papers.some((p) => p.agendaItemId !== null) && <p class="hint">{t('papers.itemPapersHint')}</p>}
          </>
        )}
        {editable.papers && (
          <form action={href(`${base}/papers`)} method="post" enctype="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <h3>{t('papers.add')}</h3>
            <SelectField idPrefix="paper" name="agendaItemId" label={t('papers.forLabel')} value={paper.agendaItemId} placeholder={t('papers.forMeeting')} options={itemOptions} problems={problems} />
            <TextField idPrefix="paper" name="titleKk" label={t('papers.titleKk')} value={paper.titleKk} problems={problems} />
            <TextField idPrefix="paper" name="titleRu" label={t('papers.titleRu')} value={paper.titleRu} problems={problems} />
            <div class={fileProblem ? 'form-group form-group--error' : 'form-group'}>
              <label class="label" for="paper-file">
                {t('papers.fileLabel')}
              </label>
              <p class="hint" id="paper-file-hint">
                {t('papers.fileHint')}
              </p>
              {fileProblem && (
                <p class="field-error" id="paper-file-error">
                  <span class="visually-hidden">{t('form.errorPrefix')}</span> {t(fileProblem.messageKey, fileProblem.values)}
                </p>
              )}
              <input
                class={fileProblem ? 'input input--error' : 'input'}
                id="paper-file"
                name="file"
                type="file"
                accept=".pdf,.docx,.xlsx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.text"
                aria-describedby={fileProblem ? 'paper-file-hint paper-file-error' : 'paper-file-hint'}
                aria-invalid={fileProblem ? 'true' : undefined}
              />
            </div>
            <button class="button button--secondary" type="submit">
              {t('papers.upload')}
            </button>
          </form>
        )}
      </section>

      <h2>{t('meetingsOffice.invitationsTitle')}</h2>
      {editable.agenda && (
        <div class="actions">
          {regionOptions.length > 0 && (
            <Form action={href(`${base}/invitations`)}>
              <input type="hidden" name="scope" value="all" />
              <button class="button button--secondary" type="submit">
                {t('meetingsOffice.inviteAll')}
              </button>
            </Form>
          )}
          <Form action={href(`${base}/invitations`)}>
            <input type="hidden" name="scope" value="members" />
            <button class="button button--secondary" type="submit">
              {t('meetingsOffice.inviteMembers')}
            </button>
          </Form>
        </div>
      )}
      {editable.agenda && regionOptions.length > 0 && (
        <details open={problems.some((p) => p.idPrefix === 'invite')}>
          <summary>{t('meetingsOffice.inviteChosen')}</summary>
          <Form action={href(`${base}/invitations`)}>
            <input type="hidden" name="scope" value="chosen" />
            <div class={problems.some((p) => p.idPrefix === 'invite') ? 'form-group form-group--error' : 'form-group'}>
              <fieldset class="fieldset" id="invite-organizationId" aria-describedby={problems.some((p) => p.idPrefix === 'invite') ? 'invite-organizationId-error' : undefined}>
                <legend class="label">{t('meetingsOffice.chooseRegionsLegend')}</legend>
                {problems.some((p) => p.idPrefix === 'invite') && (
                  <p class="field-error" id="invite-organizationId-error">
                    <span class="visually-hidden">{t('form.errorPrefix')}</span> {t('meetingsOffice.chooseRegions')}
                  </p>
                )}
                {regionOptions.map((o) => (
                  <div class="radio" key={o.value}>
                    <input type="checkbox" id={`invite-${o.value}`} name="organizationId" value={o.value} />
                    <label for={`invite-${o.value}`}>{o.label}</label>
                  </div>
                ))}
              </fieldset>
            </div>
            <button class="button button--secondary" type="submit">
              {t('meetingsOffice.inviteChosenSubmit')}
            </button>
          </Form>
        </details>
      )}
      {m.invitations.length > 0 && (
        <DataTable caption={t('meetingsOffice.invitationsTitle')} columns={[t('meetingsOffice.colRegion'), t('meetingsOffice.colAnswer'), t('meetingsOffice.colAttendees')]}>
          {m.invitations.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                <Text value={i.inviteeName} />
              </th>
              <td>
                {t(`invitationStatus.${i.status}`)}
                {i.attendanceMode && ` (${t(`attendanceMode.${i.attendanceMode}`)})`}
              </td>
              <td>{i.attendees ? <Recorded text={i.attendees} /> : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export interface ItemAnswers {
  titleKk: string;
  titleRu: string;
  titleEn: string;
  descriptionKk: string;
  descriptionRu: string;
  minutes: string;
  isMain: string;
  version: string;
}

export interface SpeakerAnswers {
  personId: string;
  role: string;
  labelKk: string;
  labelRu: string;
}

export const blankSpeakerAnswers: SpeakerAnswers = { personId: '', role: 'rapporteur', labelKk: '', labelRu: '' };

export function itemAnswersOf(item: ManagedAgendaItem): ItemAnswers {
  return {
    titleKk: item.title.kk ?? '',
    titleRu: item.title.ru ?? '',
    titleEn: item.title.en ?? '',
    descriptionKk: item.description?.kk ?? '',
    descriptionRu: item.description?.ru ?? '',
    minutes: item.minutesAllotted ? String(item.minutesAllotted) : '',
    isMain: item.isMain ? '1' : '',
    version: String(item.version),
  };
}

/** One agenda item on its own page: its wording and time, and its rapporteurs and co-speakers. */
export function AgendaItemPage({
  meeting: m,
  item,
  answers: a,
  speakers,
  personOptions,
  speakerAnswers,
  problems,
  editable,
}: {
  meeting: Pick<ManagedMeeting, 'id' | 'kind' | 'number' | 'title'>;
  item: ManagedAgendaItem;
  answers: ItemAnswers;
  speakers: ManagedSpeaker[];
  personOptions: Option[];
  speakerAnswers: SpeakerAnswers;
  problems: FieldProblem[];
  editable: boolean;
}) {
  const { t, href } = usePage();
  const base = `/office/meetings/${m.id}`;
  return (
    <div class="form-narrow">
      <p>
        <a href={href(base)}>
          <MeetingName m={m} />
        </a>
      </p>
      <ErrorSummary problems={problems} />
      <h1>{t('agendaEdit.title')}</h1>
      {!editable && <Notice kind="warning">{t('meetingsOffice.notAllowed')}</Notice>}
      <Form action={href(`${base}/agenda/${item.id}/edit`)}>
        <input type="hidden" name="version" value={a.version} />
        <TextField name="titleKk" label={t('meetingForm.titleKk')} value={a.titleKk} problems={problems} />
        <TextField name="titleRu" label={t('meetingForm.titleRu')} value={a.titleRu} problems={problems} />
        <TextField name="titleEn" label={t('meetingForm.titleEn')} value={a.titleEn} problems={problems} />
        <TextAreaField name="descriptionKk" label={t('agendaEdit.descriptionKk')} value={a.descriptionKk} rows={3} problems={problems} />
        <TextAreaField name="descriptionRu" label={t('agendaEdit.descriptionRu')} value={a.descriptionRu} rows={3} problems={problems} />
        <TextField name="minutes" label={t('meetingsOffice.minutesLabel')} value={a.minutes} problems={problems} />
        <div class="radio">
          <input type="checkbox" id="field-isMain" name="isMain" value="1" checked={a.isMain === '1'} />
          <label for="field-isMain">{t('meetingsOffice.mainItem')}</label>
        </div>
        {editable && (
          <button class="button" type="submit">
            {t('agendaEdit.save')}
          </button>
        )}
      </Form>

      <section aria-labelledby="speakers-title">
        <h2 id="speakers-title">{t('agendaEdit.speakersTitle')}</h2>
        {speakers.length === 0 ? (
          <p>{t('agendaEdit.noSpeakers')}</p>
        ) : (
          <ul>
            {speakers.map((s) => (
              <li key={s.id}>
                {t(s.role === 'rapporteur' ? 'agendaEdit.roleRapporteur' : 'agendaEdit.roleCoSpeaker')}: <Text value={s.personName} />
                {s.label && (
                  <>
                    {' '}
                    (<Text value={s.label} />)
                  </>
                )}
                {editable && (
                  <Form action={href(`${base}/agenda/${item.id}/speakers/${s.id}/remove`)}>
                    <button class="link-button" type="submit">
                      {t('agendaEdit.removeSpeaker')}
                      <span class="visually-hidden">
                        {' '}
                        — <Text value={s.personName} />
                      </span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <Form action={href(`${base}/agenda/${item.id}/speakers`)}>
            <h3>{t('agendaEdit.addSpeaker')}</h3>
            <SelectField idPrefix="speaker" name="personId" label={t('agendaEdit.person')} hint={t('agendaEdit.personHint')} value={speakerAnswers.personId} placeholder={t('people.choose')} options={personOptions} problems={problems} />
            <RadioField
              idPrefix="speaker"
              name="role"
              label={t('agendaEdit.role')}
              value={speakerAnswers.role}
              options={[
                { value: 'rapporteur', label: t('agendaEdit.roleRapporteur') },
                { value: 'co_speaker', label: t('agendaEdit.roleCoSpeaker') },
              ]}
              problems={problems}
            />
            <TextField idPrefix="speaker" name="labelKk" label={t('agendaEdit.labelKk')} hint={t('agendaEdit.labelHint')} value={speakerAnswers.labelKk} problems={problems} />
            <TextField idPrefix="speaker" name="labelRu" label={t('agendaEdit.labelRu')} value={speakerAnswers.labelRu} problems={problems} />
            <button class="button button--secondary" type="submit">
              {t('agendaEdit.addSpeaker')}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}

export interface InvitationPacket {
  agenda: ManagedAgendaItem[];
  speakers: ManagedSpeaker[];
  papers: ManagedPaper[];
  changes: { changedAt: Date; summary: LocalizedText }[];
}

export interface InvitationRow {
  id: string;
  organizationName: LocalizedText | null;
  status: InvitationStatus;
  attendanceMode: AttendanceMode | null;
  attendees: string | null;
  version: number;
  meeting: { id: string; kind: MeetingKind; number: number | null; title: LocalizedText | null; startsAt: Date; timeZone: string; format: MeetingFormat; videoUrl: string | null; status: MeetingStatus };
  packet: InvitationPacket | undefined;
}

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
