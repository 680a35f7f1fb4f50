// How far a meeting's admissions are entered in the registry: "1 of 3 entered: …", with the way to
// enter the rest until all are. Shown on the live sitting and on the meeting's office page (which
// stays reachable after the minutes are approved).
import { Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { AdmissionProgress } from '../../registry/registry.service.js';

export function AdmissionProgressText({ progress: p }: { progress: AdmissionProgress }) {
  const { t, href } = usePage();
  return (
    <>
      <span class="hint">
        {p.admissionsExpected === null ? t('admissions.enteredUnknownOf', { entered: p.entered.length }) : t('admissions.enteredOf', { entered: p.entered.length, expected: p.admissionsExpected })}
        {p.entered.length > 0 && ': '}
        {p.entered.map((e, i) => (
          <span key={e.membershipId}>
            {i > 0 && ', '}
            <Text value={e.name} />
          </span>
        ))}
      </span>
      {!p.complete && (
        <>
          {' '}
          <a class="button button--secondary" href={href(`/office/council/admit?decision=${p.id}`)}>
            {t('admissions.enter')}
          </a>
        </>
      )}
    </>
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
