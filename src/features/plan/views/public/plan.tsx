// One plan for the public (/{lang}/plan/{id}, ?region= for a region's part): the adopting decision,
// the plan's progress, the timeline with its table, each item by section with its status, progress,
// indicators and latest accepted results, and the region-by-region table. Accepted reports only.
import { Fragment } from 'preact';
import { KazakhstanMap, MapTable } from '../../../../core/charts/kazakhstan-map.js';
import { Breadcrumbs, DataTable, Paragraphs, Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { MessageKey } from '../../../../core/i18n/messages.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { Body, BodySummary, ItemProgress, PlanProgress } from '../../progress.service.js';
import { Timeline } from '../../timeline.js';
import { Adoption } from './plans.js';
import { ItemStatusTag, share } from './status.js';

export interface PlanPageView {
  progress: PlanProgress;
  summaries: BodySummary[];
  totals: { accepted: number; due: number };
  /** The regions the plan names, for the region choice. */
  regions: { kato: string; name: LocalizedText }[];
  region: Body | null;
}

const deadlineKeys: Record<ItemProgress['deadlineKind'], MessageKey> = {
  date: 'planPublic.deadline.date',
  quarterly: 'planPublic.deadline.quarterly',
  half_yearly: 'planPublic.deadline.half_yearly',
  yearly: 'planPublic.deadline.yearly',
};

function Item({ item, bodies }: { item: ItemProgress; bodies: Map<string, Body> }) {
  const { t, date, number } = usePage();
  const percent = share(item.reports.accepted, item.reports.due);
  const names = (ids: string[]) => ids.map((id) => bodies.get(id)).filter((b): b is Body => b !== undefined);
  const leads = names(item.leadIds);
  return (
    <article class="plan-item" aria-labelledby={`item-${item.id}`}>
      <h3 id={`item-${item.id}`}>
        {item.number ? `${item.number}. ` : ''}
        <Text value={item.action} />
      </h3>
      <p>
        <ItemStatusTag status={item.status} />
      </p>
      {item.cancelled && item.cancelReason && (
        <p>
          {t('planPublic.cancelReason')} <Text value={item.cancelReason} />
        </p>
      )}
      <dl class="summary-list">
        {item.expectedResult && (
          <div>
            <dt>{t('planPublic.expectedResult')}</dt>
            <dd>
              <Paragraphs value={item.expectedResult} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('planPublic.deadlineLabel')}</dt>
          <dd>{t(deadlineKeys[item.deadlineKind], { from: date(item.startsOn), date: date(item.deadline) })}</dd>
        </div>
        <div>
          <dt>{t('planPublic.responsible')}</dt>
          <dd>
            {leads.length > 3 ? t('planPublic.bodiesCount', { count: leads.length }) : leads.map((b, i) => (
              <Fragment key={b.id}>
                {i > 0 && ', '}
                <Text value={b.name} />
              </Fragment>
            ))}
            {item.coExecutorIds.length > 0 && (
              <>
                {'; '}
                {t('planPublic.coExecutors')}{' '}
                {names(item.coExecutorIds).map((b, i) => (
                  <Fragment key={b.id}>
                    {i > 0 && ', '}
                    <Text value={b.name} />
                  </Fragment>
                ))}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('planPublic.reports')}</dt>
          <dd>
            {t('planPublic.reportsAccepted', { accepted: item.reports.accepted, due: item.reports.due })}
            {percent !== null && ` (${number(percent)} %)`}
          </dd>
        </div>
      </dl>
      {item.indicators.length > 0 && (
        <DataTable
          caption={t('planPublic.indicatorsOf', { item: item.number ?? String(item.position) })}
          columns={[t('planPublic.indicator'), { label: t('planPublic.baseline'), numeric: true }, { label: t('planPublic.target'), numeric: true }, { label: t('planPublic.achieved'), numeric: true }, { label: t('planPublic.progress'), numeric: true }]}
        >
          {item.indicators.map((x) => (
            <tr key={x.id}>
              <th scope="row">
                <Text value={x.name} /> (<Text value={x.unit} />)
              </th>
              <td class="numeric">{x.baseline === null ? '—' : number(x.baseline)}</td>
              <td class="numeric">{x.target === null ? '—' : number(x.target)}</td>
              <td class="numeric">{x.progress.value === null ? '—' : number(x.progress.value)}</td>
              <td class="numeric">{x.progress.share === null ? '—' : `${number(Math.round(x.progress.share * 100))} %`}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h4>{t('planPublic.latestResults')}</h4>
      {item.latestResults.length === 0 ? (
        <p>{t('planPublic.noResults')}</p>
      ) : (
        <ul>
          {item.latestResults.map((r) => (
            <li key={r.reportId}>
              <strong>
                {bodies.get(r.bodyId) ? <Text value={bodies.get(r.bodyId)?.name} /> : null}, {t('planPublic.periodShort', { from: date(r.periodStart, 'short'), to: date(r.periodEnd, 'short') })}
              </strong>
              <Paragraphs value={r.text} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** Each region's share of its due reports accepted (null when none is due yet), by KATO, for the map. */
export function regionShares(summaries: BodySummary[]): Map<string, number | null> {
  return new Map(summaries.filter((s) => s.body.isRegion && s.body.kato).map((s) => [s.body.kato ?? '', s.due > 0 ? s.accepted / s.due : null]));
}

/** The regions coloured by their share of due reports accepted, with the same data as a table. */
function RegionMap({ view, base }: { view: PlanPageView; base: string }) {
  const { t, lang, href, number } = usePage();
  const { plan } = view.progress;
  const values = regionShares(view.summaries);
  if (values.size === 0) return null;
  // The units and their names as on the day the plan's names are read: today, or the plan's last day.
  const asOf = view.progress.today < plan.periodEnd ? view.progress.today : plan.periodEnd;
  const named = new Set(view.regions.map((r) => r.kato));
  const map = {
    asOf,
    values,
    measure: t('planPublic.mapMeasure'),
    format: (value: number) => `${number(Math.round(value * 100))} %`,
    lang,
    domain: [0, 1] as const,
  };
  return (
    <figure class="chart-figure">
      <KazakhstanMap {...map} id="plan-map" />
      <MapTable {...map} linkFor={(kato) => (named.has(kato) ? href(`${base}?region=${kato}`) : undefined)} />
    </figure>
  );
}

export function PlanPage({ view }: { view: PlanPageView }) {
  const { t, href, date, localize } = usePage();
  const { progress, region } = view;
  const { plan } = progress;
  const bodies = new Map(progress.bodies.map((b) => [b.id, b]));
  const base = `/plan/${plan.id}`;
  const sections: { id: string | null; title: LocalizedText | null }[] = [...progress.sections, { id: null, title: null }];
  return (
    <>
      <Breadcrumbs trail={[{ path: '/plan', label: t('planPublic.title') }, ...(region ? [{ path: base, label: localize(plan.title).text }] : [])]} />
      <h1>
        <Text value={plan.title} />
        {region && (
          <>
            {': '}
            {t('planPublic.regionPart', { region: localize(region.name).text })}
          </>
        )}
      </h1>
      <dl class="summary-list">
        <div>
          <dt>{t('planPublic.periodLabel')}</dt>
          <dd>{t('planPublic.period', { from: date(plan.periodStart), to: date(plan.periodEnd) })}</dd>
        </div>
        <div>
          <dt>{t('planPublic.statusLabel')}</dt>
          <dd>{t(`planPublic.planStatus.${plan.status}`)}</dd>
        </div>
        {plan.decision && (
          <div>
            <dt>{t('planPublic.adoptedBy')}</dt>
            <dd>
              <Adoption plan={plan} /> «<Text value={plan.decision.title} />»
              {plan.decision.meetingId && (
                <>
                  {' — '}
                  <a href={href(`/meetings/${plan.decision.meetingId}`)}>{t('planPublic.meetingLink')}</a>
                </>
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('planPublic.reports')}</dt>
          <dd>{t('planPublic.reportsAccepted', { accepted: view.totals.accepted, due: view.totals.due })}</dd>
        </div>
      </dl>
      <p class="hint">{t('planPublic.acceptedOnly')}</p>

      {view.regions.length > 0 && (
        <form class="filter-form" action={href(base)} method="get" novalidate>
          <div class="form-group">
            <label class="label" for="plan-region">
              {t('planPublic.regionFilter')}
            </label>
            <select class="input" id="plan-region" name="region">
              <option value="">{t('planPublic.allRegions')}</option>
              {view.regions.map((r) => (
                <option key={r.kato} value={r.kato} selected={region?.kato === r.kato}>
                  {localize(r.name).text}
                </option>
              ))}
            </select>
          </div>
          <button class="button button--secondary" type="submit">
            {t('planPublic.show')}
          </button>
        </form>
      )}
      {region && (
        <p>
          <a href={href(base)}>{t('planPublic.wholePlan')}</a>
        </p>
      )}

      <Timeline items={progress.items} from={plan.periodStart} to={plan.periodEnd} today={progress.today} />

      <h2>{t('planPublic.items')}</h2>
      {progress.items.length === 0 && <p>{t('planPublic.noItems')}</p>}
      {sections.map((section) => {
        const items = progress.items.filter((i) => i.sectionId === section.id);
        if (items.length === 0) return null;
        return (
          <section key={section.id ?? 'none'} aria-label={section.title ? localize(section.title).text : t('planPublic.otherItems')}>
            {progress.sections.length > 0 && <h2 class="plan-section">{section.title ? <Text value={section.title} /> : t('planPublic.otherItems')}</h2>}
            {items.map((item) => (
              <Item key={item.id} item={item} bodies={bodies} />
            ))}
          </section>
        );
      })}

      {!region && view.summaries.length > 0 && (
        <section aria-labelledby="by-region">
          <h2 id="by-region">{t('planPublic.byRegion')}</h2>
          <RegionMap view={view} base={base} />
          <DataTable
            caption={t('planPublic.byRegion')}
            columns={[t('planPublic.body'), { label: t('planPublic.itemsCount'), numeric: true }, { label: t('planPublic.acceptedCount'), numeric: true }, { label: t('planPublic.dueCount'), numeric: true }, { label: t('planPublic.lateCount'), numeric: true }]}
          >
            {view.summaries.map((s) => (
              <tr key={s.body.id}>
                <th scope="row">{s.body.kato && s.body.isRegion ? <a href={href(`${base}?region=${s.body.kato}`)}><Text value={s.body.name} /></a> : <Text value={s.body.name} />}</th>
                <td class="numeric">{s.items}</td>
                <td class="numeric">{s.accepted}</td>
                <td class="numeric">{s.due}</td>
                <td class="numeric">{s.late}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      <section aria-labelledby="plan-open-data">
        <h2 id="plan-open-data">{t('planPublic.openData')}</h2>
        <ul>
          <li>
            <a href={href(`${base}/progress.csv${region?.kato ? `?region=${region.kato}` : ''}`)}>{t('planPublic.csvLink')}</a>
          </li>
          <li>
            <a href={`/api/v1/plans/${plan.id}`}>{t('planPublic.apiPlanLink')}</a>
          </li>
          <li>
            <a href={`/api/v1/plan-reports?plan=${plan.id}${region?.kato ? `&region=${region.kato}` : ''}`}>{t('planPublic.apiReportsLink')}</a>
          </li>
        </ul>
      </section>
    </>
  );
}
