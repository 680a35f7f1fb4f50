// The secretariat's side of news: a meeting's press release (drafted from the record, edited,
// published) and the list of all news with their status.
import { DataTable, ErrorSummary, Form, Notice, Text, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { Pagination } from '../../../core/html/components.js';
import { pagePath } from '../../../core/http/pagination.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import type { NewsPage, NewsRow } from '../news.service.js';
import { Paragraphs } from '../../../core/html/components.js';
import { PublishedOn, statusKey } from './shared.js';

export const pressReleaseFields = ['titleKk', 'titleRu', 'titleEn', 'leadKk', 'leadRu', 'leadEn', 'bodyKk', 'bodyRu', 'bodyEn'] as const;
export type PressReleaseAnswers = Record<(typeof pressReleaseFields)[number], string>;

/** The form's answers from stored (or drafted) text. */
export function answersFrom(text: { title: LocalizedText; lead: LocalizedText | null; body: LocalizedText | null } | undefined): PressReleaseAnswers {
  return {
    titleKk: text?.title.kk ?? '',
    titleRu: text?.title.ru ?? '',
    titleEn: text?.title.en ?? '',
    leadKk: text?.lead?.kk ?? '',
    leadRu: text?.lead?.ru ?? '',
    leadEn: text?.lead?.en ?? '',
    bodyKk: text?.body?.kk ?? '',
    bodyRu: text?.body?.ru ?? '',
    bodyEn: text?.body?.en ?? '',
  };
}

/** What the page says above the form. */
export type PressReleaseNotice = 'drafted' | 'redrafted' | 'noRecord' | 'saved' | 'published' | 'unpublished';

const noticeKeys: Record<PressReleaseNotice, MessageKey> = {
  drafted: 'pressRelease.notice.drafted',
  redrafted: 'pressRelease.notice.redrafted',
  noRecord: 'pressRelease.notice.noRecord',
  saved: 'pressRelease.notice.saved',
  published: 'pressRelease.notice.published',
  unpublished: 'pressRelease.notice.unpublished',
};

const languageSections = [
  { suffix: 'Kk', heading: 'pressRelease.form.kk' },
  { suffix: 'Ru', heading: 'pressRelease.form.ru' },
  { suffix: 'En', heading: 'pressRelease.form.en' },
] as const;

export interface PressReleasePageProps {
  meetingId: string;
  saved: NewsRow | undefined;
  answers: PressReleaseAnswers;
  /** The version the form was opened at; empty when nothing is saved yet. */
  version: string;
  problems: FieldProblem[];
  notice?: PressReleaseNotice | undefined;
  /** On a conflict: the text someone else saved meanwhile, shown beside the person's own. */
  theirs?: NewsRow | undefined;
}

export function PressReleasePage({ meetingId, saved, answers, version, problems, notice, theirs }: PressReleasePageProps) {
  const { t, href } = usePage();
  const action = href(`/office/meetings/${meetingId}/press-release`);
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href(`/office/meetings/${meetingId}`)}>{t('pressRelease.backToMeeting')}</a> · <a href={href('/office/news')}>{t('news.office.title')}</a>
      </p>
      <h1>{t('pressRelease.pageTitle')}</h1>
      {notice && (
        <Notice kind={notice === 'noRecord' ? 'warning' : notice === 'drafted' || notice === 'redrafted' ? 'info' : 'success'}>
          <p>{t(noticeKeys[notice])}</p>
        </Notice>
      )}

      {saved && (
        <section aria-labelledby="press-release-status">
          <h2 id="press-release-status">{t('pressRelease.statusTitle')}</h2>
          <dl class="summary-list">
            <div>
              <dt>{t('news.col.status')}</dt>
              <dd>{t(statusKey(saved.status))}</dd>
            </div>
            {saved.publishedAt && (
              <div>
                <dt>{t('news.col.published')}</dt>
                <dd>
                  <PublishedOn at={saved.publishedAt} />
                </dd>
              </div>
            )}
          </dl>
          <div class="actions">
            <Form action={href(`/office/news/${saved.id}/${saved.status === 'published' ? 'unpublish' : 'publish'}`)}>
              <input type="hidden" name="version" value={String(saved.version)} />
              <button class={saved.status === 'published' ? 'button button--secondary' : 'button'} type="submit">
                {t(saved.status === 'published' ? 'pressRelease.unpublish' : 'pressRelease.publish')}
              </button>
            </Form>
            {saved.status === 'published' && <a href={href(`/news/${saved.id}`)}>{t('pressRelease.viewPublic')}</a>}
            <a href={`${action}?redraft=1`}>{t('pressRelease.redraft')}</a>
          </div>
        </section>
      )}

      {theirs && (
        <details open>
          <summary>{t('pressRelease.theirVersion')}</summary>
          <h3>
            <Text value={theirs.title} />
          </h3>
          {theirs.lead && (
            <p class="lead">
              <Text value={theirs.lead} />
            </p>
          )}
          <Paragraphs value={theirs.body} />
        </details>
      )}

      <Form action={action}>
        <input type="hidden" name="version" value={version} />
        {languageSections.map(({ suffix, heading }) => (
          <fieldset class="fieldset" key={suffix}>
            <legend class="label">{t(heading)}</legend>
            <TextField name={`title${suffix}`} label={t(`pressRelease.form.title${suffix}`)} value={answers[`title${suffix}`]} problems={problems} />
            <TextAreaField name={`lead${suffix}`} label={t(`pressRelease.form.lead${suffix}`)} value={answers[`lead${suffix}`]} rows={4} problems={problems} />
            <TextAreaField
              name={`body${suffix}`}
              label={t(`pressRelease.form.body${suffix}`)}
              hint={t('pressRelease.form.bodyHint')}
              value={answers[`body${suffix}`]}
              rows={16}
              problems={problems}
            />
          </fieldset>
        ))}
        <button class="button" type="submit">
          {t('pressRelease.save')}
        </button>
      </Form>
    </>
  );
}

export function OfficeNewsPage({ view }: { view: NewsPage<NewsRow> }) {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('news.office.title')}</h1>
      <p class="hint">{t('news.office.hint')}</p>
      {view.rows.length === 0 ? (
        <p>{t('news.office.none')}</p>
      ) : (
        <DataTable caption={t('news.office.title')} columns={[t('news.col.title'), t('news.col.status'), t('news.col.published')]}>
          {view.rows.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                {item.meetingId ? (
                  <a href={href(`/office/meetings/${item.meetingId}/press-release`)}>
                    <Text value={item.title} />
                  </a>
                ) : (
                  <Text value={item.title} />
                )}
              </th>
              <td>
                {t(statusKey(item.status))}
                {item.status === 'published' && (
                  <>
                    {' '}
                    <a href={href(`/news/${item.id}`)}>{t('pressRelease.viewPublic')}</a>
                  </>
                )}
              </td>
              <td>
                <PublishedOn at={item.publishedAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={view.page} pages={view.pages} pageHref={(p) => href(pagePath('/office/news', p))} />
    </>
  );
}
