// One agenda item on its own page: its wording and time, and its rapporteurs and co-speakers.
import { ErrorSummary, Form, Notice, RadioField, SelectField, Text, TextAreaField, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { ItemAnswers, ManagedAgendaItem, ManagedMeeting, ManagedSpeaker } from '../../office.presenters.js';
import { ActsOn, MeetingName, type Option } from './shared.js';

export interface SpeakerAnswers {
  personId: string;
  role: string;
  labelKk: string;
  labelRu: string;
}

export const blankSpeakerAnswers: SpeakerAnswers = { personId: '', role: 'rapporteur', labelKk: '', labelRu: '' };

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
                      <ActsOn name={s.personName} />
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
