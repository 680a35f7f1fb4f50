// The secretariat's side of news: a meeting's press release (drafted from the record, edited,
// published) and the list of all news with their status.
import { DataTable, ErrorSummary, FileField, Form, Notice, SelectField, Text, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { Pagination } from '../../../core/html/components.js';
import { pagePath } from '../../../core/http/pagination.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import { isLive, isScheduled, type NewsCategory, type NewsPage, type NewsRow } from '../news.service.js';
import { Paragraphs } from '../../../core/html/components.js';
import { newsPhotoPath, PublishedOn, statusKey } from './shared.js';

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
              <dd>{t(statusKey(saved))}</dd>
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
            <a href={href(`/office/news/${saved.id}`)}>{t('news.office.moreSettings')}</a>
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
      <p>
        <a class="button" href={href('/office/news/new')}>
          {t('news.office.write')}
        </a>{' '}
        <a href={href('/office/news/categories')}>{t('news.categoriesOffice.title')}</a>
      </p>
      {view.rows.length === 0 ? (
        <p>{t('news.office.none')}</p>
      ) : (
        <DataTable caption={t('news.office.title')} columns={[t('news.col.title'), t('news.col.status'), t('news.col.published')]}>
          {view.rows.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <a href={href(`/office/news/${item.id}`)}>
                  <Text value={item.title} />
                </a>
              </th>
              <td>
                {t(statusKey(item))}
                {item.status === 'published' && !isScheduled(item) && (
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

export type NewsItemAnswers = PressReleaseAnswers & { category: string };
export type ScheduleAnswers = { date: string; time: string };
export type PhotoAnswers = { altKk: string; altRu: string; altEn: string };

/** The text of a news item of its own: its category, then title, lead and body in each language. */
function NewsTextForm({ action, answers, version, categories, problems, submit }: { action: string; answers: NewsItemAnswers; version: string; categories: NewsCategory[]; problems: FieldProblem[]; submit: string }) {
  const { t, localize } = usePage();
  return (
    <Form action={action}>
      <input type="hidden" name="version" value={version} />
      <SelectField name="category" label={t('news.form.category')} value={answers.category} options={categories.map((c) => ({ value: c.slug, label: localize(c.name).text }))} problems={problems} />
      {languageSections.map(({ suffix, heading }) => (
        <fieldset class="fieldset" key={suffix}>
          <legend class="label">{t(heading)}</legend>
          <TextField name={`title${suffix}`} label={t(`pressRelease.form.title${suffix}`)} value={answers[`title${suffix}`]} problems={problems} />
          <TextAreaField name={`lead${suffix}`} label={t(`pressRelease.form.lead${suffix}`)} value={answers[`lead${suffix}`]} rows={4} problems={problems} />
          <TextAreaField name={`body${suffix}`} label={t(`pressRelease.form.body${suffix}`)} hint={t('pressRelease.form.bodyHint')} value={answers[`body${suffix}`]} rows={16} problems={problems} />
        </fieldset>
      ))}
      <button class="button" type="submit">
        {submit}
      </button>
    </Form>
  );
}

/** Writing a new news item of its own (saved as a draft). */
export function NewNewsPage({ answers, categories, problems }: { answers: NewsItemAnswers; categories: NewsCategory[]; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/news')}>{t('news.office.title')}</a>
      </p>
      <h1>{t('news.office.newTitle')}</h1>
      <NewsTextForm action={href('/office/news/new')} answers={answers} version="" categories={categories} problems={problems} submit={t('news.office.saveDraft')} />
    </>
  );
}

export type NewsItemNotice = 'saved' | 'published' | 'unpublished' | 'scheduled' | 'photo' | 'photoRemoved';

const itemNoticeKeys: Record<NewsItemNotice, MessageKey> = {
  saved: 'pressRelease.notice.saved',
  published: 'pressRelease.notice.published',
  unpublished: 'pressRelease.notice.unpublished',
  scheduled: 'news.notice.scheduled',
  photo: 'photo.saved',
  photoRemoved: 'news.notice.photoRemoved',
};

export interface NewsItemOfficeProps {
  item: NewsRow;
  categories: NewsCategory[];
  /** Which form the problems are about (the page has three). */
  form?: 'text' | 'schedule' | 'photo';
  problems: FieldProblem[];
  answers: NewsItemAnswers;
  schedule: ScheduleAnswers;
  photo: PhotoAnswers;
  notice?: NewsItemNotice | undefined;
}

/** One item in the office: its status (publish now, schedule, unpublish), its lead photo and its text. */
export function NewsItemOfficePage({ item, categories, form, problems, answers, schedule, photo, notice }: NewsItemOfficeProps) {
  const { t, href, dateTime } = usePage();
  const base = `/office/news/${item.id}`;
  const scheduled = isScheduled(item);
  const live = isLive(item);
  const problemsOf = (which: NewsItemOfficeProps['form']) => (form === which ? problems : []);
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/news')}>{t('news.office.title')}</a>
        {item.meetingId && (
          <>
            {' · '}
            <a href={href(`/office/meetings/${item.meetingId}/press-release`)}>{t('pressRelease.pageTitle')}</a>
          </>
        )}
      </p>
      <h1>
        <Text value={item.title} />
      </h1>
      {notice && (
        <Notice kind="success">
          <p>{t(itemNoticeKeys[notice])}</p>
        </Notice>
      )}

      <section aria-labelledby="news-status">
        <h2 id="news-status">{t('pressRelease.statusTitle')}</h2>
        <dl class="summary-list">
          <div>
            <dt>{t('news.col.status')}</dt>
            <dd>{t(statusKey(item))}</dd>
          </div>
          {item.status === 'published' && item.publishedAt && (
            <div>
              <dt>{t(scheduled ? 'news.col.scheduledFor' : 'news.col.published')}</dt>
              <dd>{dateTime(item.publishedAt, 'Asia/Almaty')}</dd>
            </div>
          )}
        </dl>
        <div class="actions">
          {!live && (
            <Form action={href(`${base}/publish`)}>
              <input type="hidden" name="version" value={String(item.version)} />
              <input type="hidden" name="from" value="item" />
              <button class="button" type="submit">
                {t('news.office.publishNow')}
              </button>
            </Form>
          )}
          {item.status === 'published' && (
            <Form action={href(`${base}/unpublish`)}>
              <input type="hidden" name="version" value={String(item.version)} />
              <input type="hidden" name="from" value="item" />
              <button class="button button--secondary" type="submit">
                {t(scheduled ? 'news.office.cancelSchedule' : 'pressRelease.unpublish')}
              </button>
            </Form>
          )}
          {live && <a href={href(`/news/${item.id}`)}>{t('pressRelease.viewPublic')}</a>}
        </div>
        {!live && (
          <Form action={href(`${base}/schedule`)}>
            <input type="hidden" name="version" value={String(item.version)} />
            <fieldset class="fieldset">
              <legend class="label">{t('news.schedule.legend')}</legend>
              <p class="hint">{t('news.schedule.hint')}</p>
              <TextField name="date" type="date" label={t('news.schedule.date')} value={schedule.date} problems={problemsOf('schedule')} idPrefix="schedule" />
              <TextField name="time" label={t('news.schedule.time')} hint={t('news.schedule.timeHint')} value={schedule.time} problems={problemsOf('schedule')} idPrefix="schedule" />
            </fieldset>
            <button class="button button--secondary" type="submit">
              {t('news.schedule.submit')}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="news-photo">
        <h2 id="news-photo">{t('news.photo.title')}</h2>
        {item.photo ? (
          <figure>
            <img src={newsPhotoPath(item.photo.file)} width={item.photo.width} height={item.photo.height} alt={useAlt(item.photo.alt)} class="news-photo" />
            <figcaption class="hint">{t('photo.current')}</figcaption>
          </figure>
        ) : (
          <p>{t('news.photo.none')}</p>
        )}
        <Form action={href(`${base}/photo`)} multipart>
          <input type="hidden" name="version" value={String(item.version)} />
          <FileField name="photo" label={t('photo.label')} hint={t('photo.hint')} accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp" problems={problemsOf('photo')} idPrefix="photo" />
          <p class="hint">{t('news.photo.altHint')}</p>
          <TextField name="altKk" label={t('news.photo.altKk')} value={photo.altKk} problems={problemsOf('photo')} idPrefix="photo" />
          <TextField name="altRu" label={t('news.photo.altRu')} value={photo.altRu} problems={problemsOf('photo')} idPrefix="photo" />
          <TextField name="altEn" label={t('news.photo.altEn')} value={photo.altEn} problems={problemsOf('photo')} idPrefix="photo" />
          <button class="button button--secondary" type="submit">
            {t('photo.upload')}
          </button>
        </Form>
        {item.photo && (
          <Form action={href(`${base}/photo/remove`)}>
            <input type="hidden" name="version" value={String(item.version)} />
            <button class="button button--secondary" type="submit">
              {t('news.photo.remove')}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="news-text">
        <h2 id="news-text">{t('news.office.textTitle')}</h2>
        <NewsTextForm action={href(base)} answers={answers} version={String(item.version)} categories={categories} problems={problemsOf('text')} submit={t('pressRelease.save')} />
      </section>
    </>
  );
}

/** Alt text in the page's language (a fallback when the item lacks it). */
function useAlt(alt: LocalizedText): string {
  return usePage().localize(alt).text;
}

/** The categories the secretariat keeps: each one's names, and a link to rename it. */
export function CategoriesOfficePage({ categories }: { categories: NewsCategory[] }) {
  const { t, href } = usePage();
  return (
    <>
      <p>
        <a href={href('/office/news')}>{t('news.office.title')}</a>
      </p>
      <h1>{t('news.categoriesOffice.title')}</h1>
      <p class="hint">{t('news.categoriesOffice.hint')}</p>
      <DataTable caption={t('news.categoriesOffice.title')} columns={[t('news.categoriesOffice.nameKk'), t('news.categoriesOffice.nameRu'), t('news.categoriesOffice.nameEn'), t('news.categoriesOffice.address')]}>
        {categories.map((c) => (
          <tr key={c.slug}>
            <th scope="row">
              <a href={href(`/office/news/categories/${c.slug}`)}>{c.name.kk ?? c.slug}</a>
            </th>
            <td>{c.name.ru ?? ''}</td>
            <td>{c.name.en ?? ''}</td>
            <td>
              <code>{c.slug}</code>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export type CategoryAnswers = { nameKk: string; nameRu: string; nameEn: string };

/** Renaming a category (its address stays). */
export function CategoryEditPage({ slug, answers, version, problems }: { slug: string; answers: CategoryAnswers; version: string; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/news/categories')}>{t('news.categoriesOffice.title')}</a>
      </p>
      <h1>{t('news.categoriesOffice.editTitle', { slug })}</h1>
      <Form action={href(`/office/news/categories/${slug}`)}>
        <input type="hidden" name="version" value={version} />
        <TextField name="nameKk" label={t('news.categoriesOffice.nameKk')} value={answers.nameKk} problems={problems} />
        <TextField name="nameRu" label={t('news.categoriesOffice.nameRu')} value={answers.nameRu} problems={problems} />
        <TextField name="nameEn" label={t('news.categoriesOffice.nameEn')} value={answers.nameEn} problems={problems} />
        <button class="button" type="submit">
          {t('pressRelease.save')}
        </button>
      </Form>
    </>
  );
}
