// An event's papers on its office page: the list with each file's name and size (a download), a
// remove button each and the upload form for those who may change the event. Office only.
import type { FieldProblem } from '../../../core/errors.js';
import { FileField, Form } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { maxEventFileBytes, maxFilesPerEvent } from '../outreach.forms.js';

export interface EventFileView {
  id: string;
  originalName: string;
  sizeBytes: number;
}

export function EventFiles({ eventId, version, files, canChange, problems }: { eventId: string; version: number; files: EventFileView[]; canChange: boolean; problems: FieldProblem[] }) {
  const { t, href, number } = usePage();
  const base = `/office/outreach/${eventId}/files`;
  return (
    <section aria-labelledby="event-files">
      <h2 id="event-files">{t('outreach.filesTitle')}</h2>
      <p class="hint">{t('outreach.filesLead')}</p>
      {files.length ? (
        <ul>
          {files.map((f) => (
            <li key={f.id}>
              <a href={href(`${base}/${f.id}`)} download>
                {f.originalName}
              </a>{' '}
              ({t('outreach.fileSize', { size: number(Math.max(1, Math.round(f.sizeBytes / 1024))) })})
              {canChange && (
                <Form action={href(`${base}/${f.id}/delete`)}>
                  <input type="hidden" name="version" value={String(version)} />
                  <button class="button button--secondary" type="submit">
                    {t('outreach.removeFile', { name: f.originalName })}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('outreach.filesNone')}</p>
      )}
      {canChange && files.length < maxFilesPerEvent && (
        <Form action={href(base)} multipart>
          <input type="hidden" name="version" value={String(version)} />
          <FileField name="file" label={t('outreach.fileLabel')} hint={t('outreach.fileHint', { limit: maxEventFileBytes / 1024 / 1024 })} accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" problems={problems} />
          <button class="button button--secondary" type="submit">
            {t('outreach.addFile')}
          </button>
        </Form>
      )}
    </section>
  );
}
