// The scheduling form: a new meeting's details, or a meeting's details changed.
import { ErrorSummary, Form, RadioField, SelectField, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import { meetingFormats, meetingKinds } from '../../../../core/db/database.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { ManagedMeeting, ScheduleAnswers } from '../../office.presenters.js';
import { MeetingName } from './shared.js';

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
        <SelectField name="kind" label={t('meetingForm.kind')} value={a.kind} options={meetingKinds.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))} problems={problems} />
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
          options={meetingFormats.map((f) => ({ value: f, label: t(`meetings.format.${f}`) }))}
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
