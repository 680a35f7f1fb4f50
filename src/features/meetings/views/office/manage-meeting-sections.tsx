// The longer sections of a meeting's own page: the agenda tree with its buttons, the papers with the
// upload form, and the invitations with the forms that send them.
import { DataTable, FileField, Form, Recorded, SelectField, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { ManagedMeeting } from '../../office.presenters.js';
import type { EditableParts, MeetingAnswers } from './manage-meeting.js';
import { ActsOn, PaperList, SpeakersLine, type Option } from './shared.js';

export function AgendaTree({ meeting: m, parentId, editable }: { meeting: ManagedMeeting; parentId: string | null; editable: EditableParts }) {
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
              {index > 0 && <MoveButton action={href(`${base}/agenda/${item.id}/move`)} direction="up" title={item.title} />}
              {index < items.length - 1 && <MoveButton action={href(`${base}/agenda/${item.id}/move`)} direction="down" title={item.title} />}
              <a href={href(`${base}/agenda/${item.id}/edit`)}>
                {t('agendaEdit.editLink')}
                <ActsOn name={item.title} />
              </a>
              <Form action={href(`${base}/agenda/${item.id}/remove`)}>
                <button class="link-button" type="submit">
                  {t('meetingsOffice.removeItem')}
                  <ActsOn name={item.title} />
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

/** Moves an agenda item one place up or down among its siblings. */
function MoveButton({ action, direction, title }: { action: string; direction: 'up' | 'down'; title: LocalizedText }) {
  const { t } = usePage();
  return (
    <Form action={action}>
      <input type="hidden" name="direction" value={direction} />
      <button class="link-button" type="submit">
        {t(direction === 'up' ? 'agendaEdit.moveUp' : 'agendaEdit.moveDown')}
        <ActsOn name={title} />
      </button>
    </Form>
  );
}

/** The papers of the meeting itself (an item's are under the item), and the upload form while papers may change. */
export function PapersSection({ meeting: m, editable, problems, answers: paper }: { meeting: ManagedMeeting; editable: EditableParts; problems: FieldProblem[]; answers: MeetingAnswers['paper'] }) {
  const { t, href, localize } = usePage();
  const base = `/office/meetings/${m.id}`;
  const itemOptions = m.agenda.map((i) => ({ value: i.id, label: `${i.parentId ? '— ' : ''}${localize(i.title).text}` }));
  return (
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
        <Form action={href(`${base}/papers`)} multipart>
          <h3>{t('papers.add')}</h3>
          <SelectField idPrefix="paper" name="agendaItemId" label={t('papers.forLabel')} value={paper.agendaItemId} placeholder={t('papers.forMeeting')} options={itemOptions} problems={problems} />
          <TextField idPrefix="paper" name="titleKk" label={t('papers.titleKk')} value={paper.titleKk} problems={problems} />
          <TextField idPrefix="paper" name="titleRu" label={t('papers.titleRu')} value={paper.titleRu} problems={problems} />
          <FileField
            idPrefix="paper"
            name="file"
            label={t('papers.fileLabel')}
            hint={t('papers.fileHint')}
            accept=".pdf,.docx,.xlsx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.text"
            problems={problems}
          />
          <button class="button button--secondary" type="submit">
            {t('papers.upload')}
          </button>
        </Form>
      )}
    </section>
  );
}

/** Whom the meeting invites and how they answered, and the forms that invite while the agenda may change. */
export function InvitationsSection({ meeting: m, editable, problems, regionOptions }: { meeting: ManagedMeeting; editable: EditableParts; problems: FieldProblem[]; regionOptions: Option[] }) {
  const { t, href } = usePage();
  const base = `/office/meetings/${m.id}`;
  return (
    <>
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
