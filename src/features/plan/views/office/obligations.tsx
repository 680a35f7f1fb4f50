// "Our obligations": what a maslikhat owes under the adopted work plans — each item's periods so
// far and the next, when each report is due, where it stands, what was returned — with a link to
// file or revise. A light page for a phone on a slow connection: lists, no tables, no script.
import { Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import { PeriodLabel, StandingLabel, type Standing } from './report-history.js';

export interface ObligationPeriod {
  start: string;
  end: string;
  dueOn: string;
  standing: Standing;
  late: boolean;
  comment: string | null;
  canFile: boolean;
  begun: boolean;
}

export interface ObligationItem {
  itemId: string;
  planTitle: LocalizedText;
  number: string | null;
  action: LocalizedText;
  periods: ObligationPeriod[];
}

const linkKey = { not_due: 'planReport.fileLink', missing: 'planReport.fileLink', draft: 'planReport.draftLink', returned: 'planReport.reviseLink', submitted: 'planReport.viewLink', accepted: 'planReport.viewLink' } as const;

export function ObligationsPage({ slug, bodyName, items, saved }: { slug: string; bodyName: LocalizedText; items: ObligationItem[]; saved: 'draft' | 'submitted' | null }) {
  const { t, href, date } = usePage();
  return (
    <>
      <p class="hint">
        <Text value={bodyName} />
      </p>
      <h1>{t('planReport.obligationsTitle')}</h1>
      {saved && (
        <div class="notice notice--success" role="status">
          <p>{t(saved === 'draft' ? 'planReport.savedDraft' : 'planReport.savedSubmitted')}</p>
        </div>
      )}
      <p class="lead">{t('planReport.obligationsLead')}</p>
      {items.length === 0 && <p>{t('planReport.obligationsEmpty')}</p>}
      {items.map((item) => (
        <section class="obligation" key={item.itemId} aria-labelledby={`item-${item.itemId}`}>
          <h2 id={`item-${item.itemId}`}>
            {item.number && <>{item.number}. </>}
            <Text value={item.action} />
          </h2>
          <p class="hint">
            <Text value={item.planTitle} />
          </p>
          <ul class="obligation-periods">
            {item.periods.map((p) => (
              <li key={p.start}>
                <strong>
                  <PeriodLabel period={p} />
                </strong>
                <br />
                {t('planReport.dueOn', { date: date(p.dueOn, 'medium') })}
                <br />
                {p.begun ? <StandingLabel standing={p.standing} late={p.late} /> : t('planReport.notBegun')}
                {p.comment && (
                  <blockquote class="review-comment">
                    <p>
                      {t('planReport.commentFrom')} {p.comment}
                    </p>
                  </blockquote>
                )}
                {p.begun && (
                  <>
                    <br />
                    <a href={href(`/office/maslikhats/${slug}/plan/items/${item.itemId}/periods/${p.start}`)}>{t(linkKey[p.standing])}
                      <span class="visually-hidden">
                        {' '}
                        (<PeriodLabel period={p} />)
                      </span>
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
