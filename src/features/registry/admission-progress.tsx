// How far an admission decision is entered in the registry — "1 of 3 entered: A, B" (or "2 entered"
// when the decision does not say how many) — with the way to enter the rest. Published for other
// features' pages (the meeting's office page and live sitting show it too).
import { Text } from '../../core/html/components.js';
import { usePage } from '../../core/html/page-context.js';
import type { AdmissionProgress } from './registry.service.js';

export function AdmissionProgressLine({ progress: p, action = 'link' }: { progress: AdmissionProgress; action?: 'link' | 'button' | 'none' }) {
  const { t, href } = usePage();
  return (
    <>
      {p.admissionsExpected === null ? t('admissions.enteredUnknownOf', { entered: p.entered.length }) : t('admissions.enteredOf', { entered: p.entered.length, expected: p.admissionsExpected })}
      {p.entered.length > 0 && ': '}
      {p.entered.map((e, i) => (
        <span key={e.membershipId}>
          {i > 0 && ', '}
          <Text value={e.name} />
        </span>
      ))}
      {action !== 'none' && !p.complete && (
        <>
          {' '}
          <a class={action === 'button' ? 'button button--secondary' : undefined} href={href(`/office/council/admit?decision=${p.id}`)}>
            {t('admissions.enter')}
          </a>
        </>
      )}
    </>
  );
}
