// The public list of plans (/{lang}/plan): the plans in force, with their progress, and the earlier ones.
import { Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { PlanHeader } from '../../progress.service.js';

export interface PlanCard {
  plan: PlanHeader;
  accepted: number;
  due: number;
}

function Adoption({ plan }: { plan: PlanHeader }) {
  const { t, date } = usePage();
  if (!plan.decision) return null;
  const { number, date: on } = plan.decision;
  return <>{number ? t('planPublic.decision', { number, date: date(on) }) : t('planPublic.decisionNoNumber', { date: date(on) })}</>;
}

export function PlansPage({ current, earlier }: { current: PlanCard[]; earlier: PlanHeader[] }) {
  const { t, href, date } = usePage();
  return (
    <>
      <h1>{t('planPublic.title')}</h1>
      <p class="lead">{t('planPublic.lead')}</p>
      <section aria-labelledby="current-plans">
        <h2 id="current-plans">{t('planPublic.current')}</h2>
        {current.length === 0 ? (
          <p>{t('planPublic.currentNone')}</p>
        ) : (
          <ul class="card-list">
            {current.map(({ plan, accepted, due }) => (
              <li class="card" key={plan.id}>
                <h3>
                  <a href={href(`/plan/${plan.id}`)}>
                    <Text value={plan.title} />
                  </a>
                </h3>
                <p>{t('planPublic.period', { from: date(plan.periodStart), to: date(plan.periodEnd) })}</p>
                <p>
                  <Adoption plan={plan} />
                </p>
                <p>{t('planPublic.reportsAccepted', { accepted, due })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {earlier.length > 0 && (
        <section aria-labelledby="earlier-plans">
          <h2 id="earlier-plans">{t('planPublic.earlier')}</h2>
          <ul>
            {earlier.map((plan) => (
              <li key={plan.id}>
                <a href={href(`/plan/${plan.id}`)}>
                  <Text value={plan.title} />
                </a>{' '}
                — {t('planPublic.period', { from: date(plan.periodStart), to: date(plan.periodEnd) })}, {t(`planPublic.planStatus.${plan.status}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href="/api/v1/plans">{t('planPublic.apiLink')}</a>
      </p>
    </>
  );
}

export { Adoption };
