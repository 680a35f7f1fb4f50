// How far a meeting's admissions are entered in the registry: "1 of 3 entered: …", with the way to
// enter the rest until all are. Shown on the live sitting and on the meeting's office page (which
// stays reachable after the minutes are approved).
import { Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { AdmissionProgress } from '../../registry/registry.service.js';
import { AdmissionProgressLine } from '../../registry/admission-progress.js';

/** The progress as a hint, with the action as a button (the meeting's pages put it beside a decision's title). */
export function AdmissionProgressText({ progress }: { progress: AdmissionProgress }) {
  return (
    <span class="hint">
      <AdmissionProgressLine progress={progress} action="button" />
    </span>
  );
}

/** The meeting's adopted admissions, each with its progress; nothing when it adopted none. */
export function MeetingAdmissions({ admissions }: { admissions: AdmissionProgress[] }) {
  const { t } = usePage();
  if (!admissions.length) return null;
  return (
    <section aria-labelledby="admissions-title">
      <h2 id="admissions-title">{t('admissions.meetingTitle')}</h2>
      <ul>
        {admissions.map((a) => (
          <li key={a.id}>
            <Text value={a.title} /> — <AdmissionProgressText progress={a} />
          </li>
        ))}
      </ul>
    </section>
  );
}
