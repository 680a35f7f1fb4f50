// The library's office pages: the list of materials, a new material's form, a material's page (its
// details and form, files by language and edition, the state's buttons, sending it to maslikhats
// and its coverage) and the overall coverage by region.
import type { ComponentChildren } from 'preact';
import { CheckboxesField, DataTable, ErrorSummary, FileField, Form, Notice, Pagination, RadioField, SelectField, Text, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import { libraryKinds, libraryStates, type LibraryKind, type LibraryState } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { fileLanguages, lawSlots } from '../library.forms.js';
import type { CoverageLine, CoverageTotals } from '../library.service.js';
import { kindKeys, LawList, languageKeys, MaterialFiles, stateKeys, type FileView } from './shared.js';
import { BarFigure } from '../../../core/charts/bar-chart.js';
import type { QuizResults } from '../quiz.service.js';
import { QuizResultsTable } from './quiz.js';

export interface MaterialSummaryView {
  id: string;
  kind: LibraryKind;
  title: LocalizedText;
  state: LibraryState;
  updatedAt: Date;
  topics: string[];
}

export function ListPage(props: { rows: MaterialSummaryView[]; page: number; pages: number; state: string; mayCreate: boolean; mayManage: boolean; pageHref: (page: number) => string }) {
  const { t, href, dateTime } = usePage();
  return (
    <>
      <h1>{t('library.officeTitle')}</h1>
      <p>{t('library.officeLead')}</p>
      <ul>
        {props.mayCreate && (
          <li>
            <a href={href('/office/library/new')}>{t('library.newLink')}</a>
          </li>
        )}
        {props.mayManage && (
          <li>
            <a href={href('/office/library/coverage')}>{t('library.coverageLink')}</a>
          </li>
        )}
        <li>
          <a href={href('/library')}>{t('library.publicLink')}</a>
        </li>
      </ul>
      <Form action={href('/office/library')} method="get">
        <SelectField name="state" label={t('library.stateFilter')} value={props.state} placeholder={t('library.anyState')} options={libraryStates.map((s) => ({ value: s, label: t(stateKeys[s]) }))} />
        <button class="button button--secondary" type="submit">
          {t('library.filter')}
        </button>
      </Form>
      {props.rows.length === 0 ? (
        <p>{t('library.noneYet')}</p>
      ) : (
        <DataTable caption={t('library.officeTitle')} columns={[t('library.colTitle'), t('library.colKind'), t('library.colState'), t('library.colUpdated')]}>
          {props.rows.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <a href={href(`/office/library/${m.id}`)}>
                  <Text value={m.title} />
                </a>
                {m.topics.length > 0 && <span class="hint"> — {m.topics.join(', ')}</span>}
              </th>
              <td>{t(kindKeys[m.kind])}</td>
              <td>{t(stateKeys[m.state])}</td>
              <td>{dateTime(new Date(m.updatedAt))}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={props.page} pages={props.pages} pageHref={props.pageHref} />
    </>
  );
}

export type MaterialFormAnswers = Record<string, string>;

export interface AuthorChoice {
  id: string;
  name: LocalizedText;
}

function MaterialFields({ answers, problems, authors }: { answers: MaterialFormAnswers; problems: FieldProblem[]; authors: AuthorChoice[] }) {
  const { t, localize } = usePage();
  return (
    <>
      <input type="hidden" name="version" value={answers.version ?? '0'} />
      <RadioField name="kind" label={t('library.kindLabel')} value={answers.kind} options={libraryKinds.map((k) => ({ value: k, label: t(kindKeys[k]) }))} problems={problems} />
      <TextField name="titleKk" label={t('library.titleKk')} hint={t('library.titleHint')} value={answers.titleKk} problems={problems} />
      <TextField name="titleRu" label={t('library.titleRu')} value={answers.titleRu} problems={problems} />
      <TextField name="titleEn" label={t('library.titleEn')} value={answers.titleEn} problems={problems} />
      <TextAreaField name="summaryKk" label={t('library.summaryKk')} value={answers.summaryKk} problems={problems} />
      <TextAreaField name="summaryRu" label={t('library.summaryRu')} value={answers.summaryRu} problems={problems} />
      <TextAreaField name="summaryEn" label={t('library.summaryEn')} value={answers.summaryEn} problems={problems} />
      <SelectField
        name="organization"
        label={t('library.organizationLabel')}
        hint={t('library.organizationHint')}
        value={answers.organization}
        placeholder={t('library.noOrganization')}
        options={authors.map((a) => ({ value: a.id, label: localize(a.name).text }))}
        problems={problems}
      />
      <TextField name="authorName" label={t('library.authorNameLabel')} value={answers.authorName} problems={problems} />
      <TextField name="videoUrl" label={t('library.videoUrlLabel')} hint={t('library.videoUrlHint')} type="url" value={answers.videoUrl} problems={problems} />
      <TextField name="topics" label={t('library.topicsLabel')} hint={t('library.topicsHint')} value={answers.topics} problems={problems} />
      <fieldset class="fieldset">
        <legend class="label">{t('library.lawsLabel')}</legend>
        <p class="hint">{t('library.lawsHint')}</p>
        {Array.from({ length: lawSlots }, (_, i) => (
          <div key={i}>
            <TextField name={`lawTitle${i + 1}`} label={t('library.lawTitleLabel', { n: i + 1 })} value={answers[`lawTitle${i + 1}`]} problems={problems} />
            <TextField name={`lawUrl${i + 1}`} label={t('library.lawUrlLabel', { n: i + 1 })} type="url" value={answers[`lawUrl${i + 1}`]} problems={problems} />
          </div>
        ))}
      </fieldset>
    </>
  );
}

export function NewMaterialPage({ answers, problems, authors }: { answers: MaterialFormAnswers; problems: FieldProblem[]; authors: AuthorChoice[] }) {
  const { t, href } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/library')}>{t('library.backToList')}</a>
      </p>
      <h1>{t('library.newTitle')}</h1>
      <Form action={href('/office/library')}>
        <MaterialFields answers={answers} problems={problems} authors={authors} />
        <button class="button" type="submit">
          {t('library.create')}
        </button>
      </Form>
    </>
  );
}

export interface MaterialPageView {
  id: string;
  kind: LibraryKind;
  title: LocalizedText;
  summary: LocalizedText | null;
  state: LibraryState;
  authorName: string | null;
  organizationName: LocalizedText | null;
  videoUrl: string | null;
  topics: string[];
  laws: { title: string; url: string }[];
  files: FileView[];
  version: number;
}

export interface DistributionView {
  id: string;
  note: LocalizedText | null;
  remindAfterDays: number;
  sentAt: Date;
  recipients: number;
}

export interface MaterialPageProps {
  material: MaterialPageView;
  /** The form is shown (a partner's draft, or the secretariat). */
  editable: boolean;
  mayManage: boolean;
  maySubmit: boolean;
  answers: MaterialFormAnswers;
  problems: FieldProblem[];
  fileAnswers: { language: string; note: string };
  authors: AuthorChoice[];
  regions: { id: string; name: LocalizedText }[];
  distributeAnswers: { audience: string; noteKk: string; noteRu: string; noteEn: string; remindAfterDays: string; organizations: string[] };
  distributions: DistributionView[];
  coverage: { lines: CoverageLine[]; totals: CoverageTotals } | null;
  /** The self-check quiz: how many questions, and the results by region. */
  quiz: { questions: number; results: QuizResults };
  notice: string | null;
  conflict: boolean;
}

function StateButton({ action, version, label, secondary }: { action: string; version: number; label: string; secondary?: boolean }) {
  return (
    <Form action={action}>
      <input type="hidden" name="version" value={String(version)} />
      <button class={secondary ? 'button button--secondary' : 'button'} type="submit">
        {label}
      </button>
    </Form>
  );
}

export function MaterialPage(p: MaterialPageProps) {
  const { t, href, localize } = usePage();
  const m = p.material;
  const base = `/office/library/${m.id}`;
  const fileProblems = p.problems.filter((x) => x.field === 'file' || x.field === 'language' || x.field === 'note');
  const distributeProblems = p.problems.filter((x) => ['audience', 'organizations', 'noteKk', 'noteRu', 'noteEn', 'remindAfterDays'].includes(x.field ?? ''));
  const formProblems = p.problems.filter((x) => !fileProblems.includes(x) && !distributeProblems.includes(x));
  return (
    <>
      <ErrorSummary problems={p.problems} />
      {p.conflict && <Notice kind="warning">{t('library.conflict')}</Notice>}
      {p.notice && <Notice kind="success">{t(`library.notice.${p.notice}` as 'library.notice.saved')}</Notice>}
      <p>
        <a href={href('/office/library')}>{t('library.backToList')}</a>
      </p>
      <h1>
        <Text value={m.title} />
      </h1>
      <dl class="summary-list">
        <div>
          <dt>{t('library.kindLabel')}</dt>
          <dd>{t(kindKeys[m.kind])}</dd>
        </div>
        <div>
          <dt>{t('library.stateLabel')}</dt>
          <dd>{t(stateKeys[m.state])}</dd>
        </div>
        <div>
          <dt>{t('library.authorLabel')}</dt>
          <dd>{[m.organizationName ? localize(m.organizationName).text : null, m.authorName].filter(Boolean).join(', ')}</dd>
        </div>
        {m.topics.length > 0 && (
          <div>
            <dt>{t('library.topicsLabel')}</dt>
            <dd>{m.topics.join(', ')}</dd>
          </div>
        )}
        {m.state === 'published' && (
          <div>
            <dt>{t('library.publicPage')}</dt>
            <dd>
              <a href={href(`/library/${m.id}`)}>{t('library.openPublicPage')}</a>
            </dd>
          </div>
        )}
      </dl>
      <LawList laws={m.laws} />

      <h2>{t('library.actionsTitle')}</h2>
      <div class="actions">
        {p.maySubmit && m.state === 'draft' && <StateButton action={href(`${base}/submit`)} version={m.version} label={t('library.submit')} />}
        {p.mayManage && (m.state === 'submitted' || m.state === 'withdrawn') && <StateButton action={href(`${base}/publish`)} version={m.version} label={t('library.publish')} />}
        {p.mayManage && m.state === 'submitted' && <StateButton action={href(`${base}/return`)} version={m.version} label={t('library.return')} secondary />}
        {p.mayManage && m.state === 'published' && <StateButton action={href(`${base}/withdraw`)} version={m.version} label={t('library.withdraw')} secondary />}
      </div>
      <p class="hint">{t(`library.stateHint.${m.state}`)}</p>

      <h2>{t('library.filesTitle')}</h2>
      <MaterialFiles files={m.files} fileHref={(id) => href(`${base}/files/${id}`)} history showProblems headingLevel={3} />
      {p.editable && (
        <>
          <h3>{t('library.uploadTitle')}</h3>
          <Form action={href(`${base}/files`)} multipart>
            <input type="hidden" name="version" value={String(m.version)} />
            <SelectField name="language" label={t('library.fileLanguageLabel')} value={p.fileAnswers.language} placeholder="" options={fileLanguages.map((l) => ({ value: l, label: t(languageKeys[l]) }))} problems={fileProblems} />
            <FileField name="file" label={t('library.fileLabel')} hint={t('library.fileHint')} accept=".pdf,.docx,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.presentationml.presentation" problems={fileProblems} />
            <TextField name="note" label={t('library.fileNoteLabel')} hint={t('library.fileNoteHint')} value={p.fileAnswers.note} problems={fileProblems} />
            <button class="button" type="submit">
              {t('library.upload')}
            </button>
          </Form>
        </>
      )}

      {p.editable && (
        <>
          <h2>{t('library.editTitle')}</h2>
          <Form action={href(base)}>
            <MaterialFields answers={p.answers} problems={formProblems} authors={p.authors} />
            <button class="button" type="submit">
              {t('library.save')}
            </button>
          </Form>
        </>
      )}

      <h2>{t('library.quizTitle')}</h2>
      <p>{t('library.quizQuestions', { count: p.quiz.questions })}</p>
      <p>
        <a href={href(`${base}/quiz`)}>{p.editable && p.quiz.results.people === 0 ? t('library.quizEditLink') : t('library.quizOpenLink')}</a>
      </p>
      {p.quiz.results.people > 0 && <QuizResultsTable results={p.quiz.results} />}

      {p.mayManage && m.state === 'published' && <DistributeForm {...p} problems={distributeProblems} />}
      {p.mayManage && p.distributions.length > 0 && (
        <>
          <h2>{t('library.distributionsTitle')}</h2>
          <ul>
            {p.distributions.map((d) => (
              <li key={d.id}>
                {t('library.distributionLine', { when: new Date(d.sentAt).toISOString().slice(0, 10), count: Number(d.recipients), days: d.remindAfterDays })}
                {d.note && (
                  <>
                    {' '}
                    — <Text value={d.note} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.coverage && p.coverage.totals.sent > 0 && (
        <>
          <h2>{t('library.coverageTitle')}</h2>
          <CoverageTable coverage={p.coverage} csvHref={href(`${base}/coverage.csv`)} />
        </>
      )}
    </>
  );
}


function DistributeForm(p: MaterialPageProps) {
  const { t, href, localize } = usePage();
  const a = p.distributeAnswers;
  return (
    <>
      <h2>{t('library.distributeTitle')}</h2>
      <Form action={href(`/office/library/${p.material.id}/distribute`)}>
        <RadioField
          name="audience"
          label={t('library.audienceLabel')}
          value={a.audience}
          options={[
            { value: 'all', label: t('library.audienceAll') },
            { value: 'chosen', label: t('library.audienceChosen') },
          ]}
          problems={p.problems}
        />
        <CheckboxesField name="organizations" label={t('library.organizationsLabel')} values={a.organizations} options={p.regions.map((r) => ({ value: r.id, label: localize(r.name).text }))} problems={p.problems} />
        <TextAreaField name="noteKk" label={t('library.noteKk')} value={a.noteKk} rows={3} problems={p.problems} />
        <TextAreaField name="noteRu" label={t('library.noteRu')} value={a.noteRu} rows={3} problems={p.problems} />
        <TextAreaField name="noteEn" label={t('library.noteEn')} value={a.noteEn} rows={3} problems={p.problems} />
        <TextField name="remindAfterDays" label={t('library.remindLabel')} hint={t('library.remindHint')} value={a.remindAfterDays} problems={p.problems} />
        <button class="button" type="submit">
          {t('library.distribute')}
        </button>
      </Form>
    </>
  );
}

export function CoverageTable({ coverage, csvHref }: { coverage: { lines: CoverageLine[]; totals: CoverageTotals }; csvHref: string }) {
  const { t, localize, number, dateTime, lang } = usePage();
  const when = (d: Date | null) => (d ? dateTime(d) : '—');
  const { totals } = coverage;
  const stages = [
    { key: 'sent', label: t('library.stageSent'), value: totals.sent },
    { key: 'acknowledged', label: t('library.stageAcknowledged'), value: totals.acknowledged },
    { key: 'opened', label: t('library.stageOpened'), value: totals.opened },
  ];
  return (
    <>
      <p>{t('library.coverageTotals', { sent: totals.sent, acknowledged: totals.acknowledged, opened: totals.opened, regions: totals.regions })}</p>
      <BarFigure title={t('library.coverageChartTitle', { regions: totals.regions })} rows={stages} measure={t('library.coverageChartMeasure')} labelHeader={t('library.coverageChartStage')} format={number} lang={lang} id="coverage-chart" />
      <DataTable caption={t('library.coverageTitle')} columns={[t('library.colRegion'), t('library.colSent'), t('library.colAcknowledged'), t('library.colOpened'), { label: t('library.colOpens'), numeric: true }, { label: t('library.colDownloads'), numeric: true }]}>
        {coverage.lines.map((l) => (
          <tr key={l.organizationId}>
            <th scope="row">{localize(l.name).text}</th>
            <td>{l.sent ? when(l.sentAt) : t('library.notSent')}</td>
            <td>{l.sent ? when(l.acknowledgedAt) : '—'}</td>
            <td>{l.sent ? when(l.openedAt) : '—'}</td>
            <td class="numeric">{number(l.opens)}</td>
            <td class="numeric">{number(l.downloads)}</td>
          </tr>
        ))}
      </DataTable>
      <p>
        <a href={csvHref} download>
          {t('library.coverageCsv')}
        </a>
      </p>
    </>
  );
}

export function CoveragePage({ coverage, children }: { coverage: { lines: CoverageLine[]; totals: CoverageTotals }; children?: ComponentChildren }) {
  const { t, href } = usePage();
  return (
    <>
      <p>
        <a href={href('/office/library')}>{t('library.backToList')}</a>
      </p>
      <h1>{t('library.coverageOverallTitle')}</h1>
      <p>{t('library.coverageOverallLead')}</p>
      {children}
      <CoverageTable coverage={coverage} csvHref={href('/office/library/coverage.csv')} />
    </>
  );
}
