// The secretariat's side of plan reports: the list of filed reports (awaiting review first by
// default, filtered by plan, maslikhat and state) and one report with its history, to accept or to
// return with a comment.
import { DataTable, ErrorSummary, Form, Pagination, SelectField, Text, TextAreaField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import { PeriodLabel, ReportFacts, ReportHistory, StandingLabel, type IndicatorView, type RevisionView, type Standing } from './report-history.js';

export const reviewStates = ['submitted', 'returned', 'accepted'] as const;

export interface ReviewFilterAnswers {
  plan: string;
  body: string;
  /** A state, or '' for every state. */
  state: string;
}

export interface ReviewRow {
  id: string;
  bodyName: LocalizedText | null;
  planTitle: LocalizedText;
  itemNumber: string | null;
  itemAction: LocalizedText;
  periodStart: string;
  periodEnd: string;
  state: Standing;
  revision: number;
  updatedAt: Date;
}

export function ReviewListPage(props: {
  filter: ReviewFilterAnswers;
  plans: { id: string; title: LocalizedText }[];
  bodies: { id: string; name: LocalizedText }[];
  list: { rows: ReviewRow[]; total: number; page: number; pages: number };
  pageHref: (page: number) => string;
}) {
  const { t, href, localize, dateTime } = usePage();
  const { filter, list } = props;
  return (
    <>
      <h1>{t('planReport.reviewTitle')}</h1>
      <form class="filter-form" action={href('/office/plan/reports')} method="get" novalidate>
        <SelectField name="plan" label={t('planReport.filterPlan')} value={filter.plan} placeholder={t('planReport.any')} options={props.plans.map((p) => ({ value: p.id, label: localize(p.title).text }))} />
        <SelectField name="body" label={t('planReport.filterBody')} value={filter.body} placeholder={t('planReport.any')} options={props.bodies.map((b) => ({ value: b.id, label: localize(b.name).text }))} />
        <SelectField
          name="state"
          label={t('planReport.filterState')}
          value={filter.state || 'any'}
          options={[...reviewStates.map((s) => ({ value: s, label: t(`planReport.standing.${s}`) })), { value: 'any', label: t('planReport.any') }]}
        />
        <button class="button" type="submit">
          {t('planReport.show')}
        </button>
      </form>
      <p>{t('planReport.count', { count: list.total })}</p>
      {list.rows.length > 0 && (
        <DataTable caption={t('planReport.reviewTitle')} columns={[t('planReport.colBody'), t('planReport.colItem'), t('planReport.periodLabel'), t('planReport.standingLabel'), t('planReport.colUpdated')]}>
          {list.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={href(`/office/plan/reports/${r.id}`)}>
                  <Text value={r.bodyName} />
                </a>
              </th>
              <td>
                {r.itemNumber && <>{r.itemNumber}. </>}
                <Text value={r.itemAction} />
                <br />
                <span class="hint">
                  <Text value={r.planTitle} />
                </span>
              </td>
              <td>
                <PeriodLabel period={{ start: r.periodStart, end: r.periodEnd }} />
              </td>
              <td>
                <StandingLabel standing={r.state} late={false} /> {t('planReport.revisionShort', { revision: r.revision })}
              </td>
              <td>{dateTime(r.updatedAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={list.page} pages={list.pages} pageHref={props.pageHref} />
    </>
  );
}

export interface ReviewReportProps {
  report: { id: string; state: Standing; version: number; periodStart: string; periodEnd: string; dueOn: string; bodyName: LocalizedText | null };
  item: { planTitle: LocalizedText; number: string | null; action: LocalizedText };
  late: boolean;
  indicators: IndicatorView[];
  history: RevisionView[];
  comment: string;
  problems: FieldProblem[];
  notice: 'reviewed' | 'conflict' | null;
}

export function ReviewReportPage({ report, item, late, indicators, history, comment, problems, notice }: ReviewReportProps) {
  const { t, href } = usePage();
  const base = `/office/plan/reports/${report.id}`;
  return (
    <>
      <ErrorSummary problems={problems} />
      <p class="hint">
        <a href={href('/office/plan/reports')}>{t('planReport.reviewTitle')}</a>
      </p>
      <h1>
        <Text value={report.bodyName} />
      </h1>
      {notice && (
        <div class={notice === 'conflict' ? 'notice notice--warning' : 'notice notice--success'} role={notice === 'conflict' ? 'alert' : 'status'}>
          <p>{t(notice === 'conflict' ? 'planReport.changedMeanwhile' : 'planReport.reviewSaved')}</p>
        </div>
      )}
      <dl class="summary-list">
        <ReportFacts item={item} period={{ start: report.periodStart, end: report.periodEnd }} dueOn={report.dueOn} standing={report.state} late={late} />
      </dl>
      {report.state === 'submitted' && (
        <section aria-labelledby="review-title">
          <h2 id="review-title">{t('planReport.reviewFormTitle')}</h2>
          <Form action={href(`${base}/accept`)}>
            <input type="hidden" name="version" value={String(report.version)} />
            <button class="button" type="submit">
              {t('planReport.accept')}
            </button>
          </Form>
          <Form action={href(`${base}/return`)}>
            <input type="hidden" name="version" value={String(report.version)} />
            <TextAreaField name="comment" label={t('planReport.commentLabel')} hint={t('planReport.commentHint')} value={comment} rows={4} problems={problems} />
            <button class="button button--secondary" type="submit">
              {t('planReport.return')}
            </button>
          </Form>
        </section>
      )}
      <ReportHistory reportId={report.id} revisions={history} indicators={indicators} />
    </>
  );
}
