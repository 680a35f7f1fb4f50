// What a plan report's pages share: its standing as words and a sign (readable without colour), the
// period, and its history — every version filed, newest first, with its values, file and review.
import { Fragment } from 'preact';
import { Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import { toKazakhLatin } from '../../../../core/i18n/transliterate.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';

export type Standing = 'not_due' | 'missing' | 'draft' | 'submitted' | 'returned' | 'accepted';

const signs: Record<Standing, string> = { not_due: '○', missing: '⚠', draft: '✎', submitted: '⧗', returned: '↩', accepted: '✓' };

/** "⚠ Not filed, overdue", with "late" when a filed report came after its due day. */
export function StandingLabel({ standing, late }: { standing: Standing; late: boolean }) {
  const { t } = usePage();
  return (
    <span class="report-standing">
      <span aria-hidden="true">{signs[standing]}</span> <strong>{t(`planReport.standing.${standing}`)}</strong>
      {late && standing !== 'missing' && <span class="tag"> {t('planReport.late')}</span>}
    </span>
  );
}

/** What a report is about (plan, item, period, due day) and where it stands: the rows every report page opens with, inside a summary list. */
export function ReportFacts(props: {
  item: { planTitle: LocalizedText; number: string | null; action: LocalizedText };
  period: { start: string; end: string };
  dueOn: string;
  standing: Standing;
  late: boolean;
}) {
  const { t, date } = usePage();
  const { item } = props;
  return (
    <>
      <div>
        <dt>{t('planReport.planLabel')}</dt>
        <dd>
          <Text value={item.planTitle} />
        </dd>
      </div>
      <div>
        <dt>{t('planReport.itemLabel')}</dt>
        <dd>
          {item.number && <>{item.number}. </>}
          <Text value={item.action} />
        </dd>
      </div>
      <div>
        <dt>{t('planReport.periodLabel')}</dt>
        <dd>
          <PeriodLabel period={props.period} />
        </dd>
      </div>
      <div>
        <dt>{t('planReport.dueLabel')}</dt>
        <dd>{date(props.dueOn)}</dd>
      </div>
      <div>
        <dt>{t('planReport.standingLabel')}</dt>
        <dd>
          <StandingLabel standing={props.standing} late={props.late} />
        </dd>
      </div>
    </>
  );
}

export function PeriodLabel({ period }: { period: { start: string; end: string } }) {
  const { t, date } = usePage();
  return <>{t('planReport.period', { start: date(period.start, 'medium'), end: date(period.end, 'medium') })}</>;
}

export interface IndicatorView {
  id: string;
  name: LocalizedText;
  unit: LocalizedText;
}

export interface RevisionView {
  id: string;
  revision: number;
  body: LocalizedText;
  submittedAt: Date;
  submittedBy: string | null;
  review: 'accepted' | 'returned' | null;
  reviewComment: string | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  values: { indicatorId: string; value: number }[];
  attachment: { id: string; originalName: string; sizeBytes: number } | null;
}

/** A file's size in KB or MB. */
export function FileSize({ bytes }: { bytes: number }) {
  const { t, number } = usePage();
  return <>{bytes >= 1024 * 1024 ? t('papers.sizeMb', { size: number(Math.round((bytes / 1024 / 1024) * 10) / 10) }) : t('papers.sizeKb', { size: number(Math.max(1, Math.round(bytes / 1024))) })}</>;
}

/** A text in paragraphs at blank lines (line breaks kept), as written: its heading names its language. */
function WrittenText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\r?\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split(/\r?\n/).map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}

/**
 * The report's text in each language it was written in, under a heading (in the page's language)
 * that names the language, the text marked with its own — not as a fallback ("[RU]") for the
 * page's language. Kazakh is in Latin letters on the kk-latn pages, as all Kazakh text there.
 */
function ReportText({ body }: { body: LocalizedText }) {
  const { t, lang } = usePage();
  const kazakhLatin = lang === 'kk-latn';
  return (
    <>
      {body.kk && (
        <>
          <h4>{t('planReport.textKk')}</h4>
          <div lang={kazakhLatin ? 'kk-Latn' : 'kk'}>
            <WrittenText text={kazakhLatin ? toKazakhLatin(body.kk) : body.kk} />
          </div>
        </>
      )}
      {body.ru && (
        <>
          <h4>{t('planReport.textRu')}</h4>
          <div lang="ru">
            <WrittenText text={body.ru} />
          </div>
        </>
      )}
    </>
  );
}

export function ReportHistory({ reportId, revisions, indicators }: { reportId: string; revisions: RevisionView[]; indicators: IndicatorView[] }) {
  const { t, href, dateTime, number } = usePage();
  if (!revisions.length) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('planReport.historyTitle')}</h2>
      {revisions.map((r) => (
        <article class="report-revision" key={r.id} aria-labelledby={`revision-${r.revision}`}>
          <h3 id={`revision-${r.revision}`}>{t('planReport.revisionTitle', { revision: r.revision })}</h3>
          <dl class="summary-list">
            <div>
              <dt>{t('planReport.filedAt')}</dt>
              <dd>
                {dateTime(r.submittedAt)}
                {r.submittedBy && <> — {r.submittedBy}</>}
              </dd>
            </div>
            {indicators.map((i) => {
              const value = r.values.find((v) => v.indicatorId === i.id);
              return (
                <div key={i.id}>
                  <dt>
                    <Text value={i.name} />
                  </dt>
                  <dd>
                    {value ? number(value.value) : '—'} <Text value={i.unit} />
                  </dd>
                </div>
              );
            })}
            {r.attachment && (
              <div>
                <dt>{t('planReport.attachmentLabel')}</dt>
                <dd>
                  <a href={href(`/office/plan/reports/${reportId}/attachments/${r.attachment.id}`)}>{r.attachment.originalName}</a> (<FileSize bytes={r.attachment.sizeBytes} />)
                </dd>
              </div>
            )}
            <div>
              <dt>{t('planReport.reviewLabel')}</dt>
              <dd>
                {r.review === null ? (
                  <StandingLabel standing="submitted" late={false} />
                ) : (
                  <>
                    <StandingLabel standing={r.review} late={false} />
                    {r.reviewedAt && <> {t('planReport.reviewedAt', { when: dateTime(r.reviewedAt), who: r.reviewedBy ?? '—' })}</>}
                    {r.reviewComment && (
                      <blockquote class="review-comment">
                        <p>{r.reviewComment}</p>
                      </blockquote>
                    )}
                  </>
                )}
              </dd>
            </div>
          </dl>
          <ReportText body={r.body} />
        </article>
      ))}
    </section>
  );
}
