// The public library: published materials (filter by topic, law and language; paginated) and one
// material's page (summary, files in each language, the laws, how many regions received it); a
// withdrawn one's page says so.
import { Form, Notice, Pagination, Paragraphs, SelectField, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { LibraryKind } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { fileLanguages } from '../library.forms.js';
import { kindKeys, LawList, languageKeys, MaterialFiles, type FileView } from './shared.js';
import type { QuizResults } from '../quiz.service.js';
import { QuizResultsTable } from './quiz.js';

export interface PublicCard {
  id: string;
  kind: LibraryKind;
  title: LocalizedText;
  summary: LocalizedText | null;
  publishedAt: Date | null;
  topics: string[];
  received: number;
}

export interface PublicFilterView {
  topic: string;
  law: string;
  language: string;
}

export function PublicListPage(props: { cards: PublicCard[]; filter: PublicFilterView; topics: string[]; laws: { url: string; title: string | null }[]; page: number; pages: number; total: number; pageHref: (page: number) => string }) {
  const { t, href, localize, dateTime } = usePage();
  const { filter } = props;
  return (
    <>
      <h1>{t('library.publicTitle')}</h1>
      <p class="lead">{t('library.publicLead')}</p>
      <Form action={href('/library')} method="get">
        <SelectField name="topic" label={t('library.topicFilter')} value={filter.topic} placeholder={t('library.anyTopic')} options={props.topics.map((x) => ({ value: x, label: x }))} />
        <SelectField name="law" label={t('library.lawFilter')} value={filter.law} placeholder={t('library.anyLaw')} options={props.laws.map((l) => ({ value: l.url, label: l.title ?? l.url }))} />
        <SelectField name="language" label={t('library.languageFilter')} value={filter.language} placeholder={t('library.anyLanguage')} options={fileLanguages.map((l) => ({ value: l, label: t(languageKeys[l]) }))} />
        <button class="button button--secondary" type="submit">
          {t('library.filter')}
        </button>
      </Form>
      <p>{t('library.found', { count: props.total })}</p>
      {props.cards.length === 0 ? (
        <p>{t('library.publicNone')}</p>
      ) : (
        <ul class="card-list">
          {props.cards.map((c) => (
            <li key={c.id}>
              <h2>
                <a href={href(`/library/${c.id}`)}>
                  <Text value={c.title} />
                </a>
              </h2>
              <p class="hint">
                {t(kindKeys[c.kind])}
                {c.publishedAt && <> · {dateTime(new Date(c.publishedAt))}</>}
                {c.topics.length > 0 && <> · {c.topics.join(', ')}</>}
              </p>
              {c.summary && <p>{localize(c.summary).text.slice(0, 300)}</p>}
              <p class="hint">{t('library.receivedBy', { count: c.received })}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={props.page} pages={props.pages} pageHref={props.pageHref} />
    </>
  );
}

export interface PublicMaterialView {
  id: string;
  kind: LibraryKind;
  title: LocalizedText;
  summary: LocalizedText | null;
  authorName: string | null;
  organizationName: LocalizedText | null;
  videoUrl: string | null;
  publishedAt: Date | null;
  topics: string[];
  laws: { title: string; url: string }[];
  files: FileView[];
}

export function PublicMaterialPage({ material: m, received, quiz }: { material: PublicMaterialView; received: number; quiz: { questions: number; results: QuizResults } }) {
  const { t, href, localize, dateTime } = usePage();
  const author = [m.organizationName ? localize(m.organizationName).text : null, m.authorName].filter(Boolean).join(', ');
  return (
    <>
      <p>
        <a href={href('/library')}>{t('library.backToPublic')}</a>
      </p>
      <h1>
        <Text value={m.title} />
      </h1>
      <dl class="summary-list">
        <div>
          <dt>{t('library.kindLabel')}</dt>
          <dd>{t(kindKeys[m.kind])}</dd>
        </div>
        {author && (
          <div>
            <dt>{t('library.authorLabel')}</dt>
            <dd>{author}</dd>
          </div>
        )}
        {m.publishedAt && (
          <div>
            <dt>{t('library.publishedLabel')}</dt>
            <dd>{dateTime(new Date(m.publishedAt))}</dd>
          </div>
        )}
        {m.topics.length > 0 && (
          <div>
            <dt>{t('library.topicsLabel')}</dt>
            <dd>
              {m.topics.map((x, i) => (
                <span key={x}>
                  {i > 0 && ', '}
                  <a href={href(`/library?topic=${encodeURIComponent(x)}`)}>{x}</a>
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('library.receivedLabel')}</dt>
          <dd>{t('library.receivedBy', { count: received })}</dd>
        </div>
      </dl>
      {m.summary && <Paragraphs value={m.summary} />}
      {m.videoUrl && (
        <p>
          <a href={m.videoUrl} rel="noopener noreferrer external">
            {t('library.watchVideo')}
          </a>
        </p>
      )}
      <h2>{t('library.filesTitle')}</h2>
      <MaterialFiles files={m.files} fileHref={(id) => href(`/library/${m.id}/files/${id}`)} history={false} showProblems={false} headingLevel={3} />
      <LawList laws={m.laws} />
      {quiz.questions > 0 && (
        <>
          <h2>{t('library.quizTitle')}</h2>
          <p>{t('library.quizPublic', { count: quiz.questions })}</p>
          <QuizResultsTable results={quiz.results} />
        </>
      )}
    </>
  );
}

export function WithdrawnPage() {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('library.withdrawnTitle')}</h1>
      <Notice kind="warning">{t('library.withdrawnText')}</Notice>
      <p>
        <a href={href('/library')}>{t('library.backToPublic')}</a>
      </p>
    </>
  );
}
