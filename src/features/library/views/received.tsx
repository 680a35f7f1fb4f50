// A maslikhat's received library materials: the list (new ones marked) and one material's page
// with its covering notes, files and the button to acknowledge receipt.
import { DataTable, Form, Notice, Pagination, Paragraphs, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { LibraryKind, LibraryState } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { kindKeys, LawList, MaterialFiles, type FileView } from './shared.js';

export interface ReceivedRow {
  id: string;
  kind: LibraryKind;
  title: LocalizedText;
  state: LibraryState;
  sentAt: Date | string | null;
  acknowledgedAt: Date | string | null;
}

export function ReceivedListPage({ slug, bodyName, rows, page, pages }: { slug: string; bodyName: LocalizedText; rows: ReceivedRow[]; page: number; pages: number }) {
  const { t, href, dateTime } = usePage();
  const base = `/office/maslikhats/${slug}/library`;
  return (
    <>
      <h1>{t('library.receivedTitle')}</h1>
      <p class="lead">
        <Text value={bodyName} />
      </p>
      <p>{t('library.receivedLead')}</p>
      {rows.length === 0 ? (
        <p>{t('library.receivedNone')}</p>
      ) : (
        <DataTable caption={t('library.receivedTitle')} columns={[t('library.colTitle'), t('library.colKind'), t('library.colReceived'), t('library.colAcknowledged')]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={href(`${base}/${r.id}`)}>
                  <Text value={r.title} />
                </a>
                {!r.acknowledgedAt && r.state === 'published' && <strong class="tag"> {t('library.newBadge')}</strong>}
                {r.state === 'withdrawn' && <span class="hint"> ({t('library.state.withdrawn')})</span>}
              </th>
              <td>{t(kindKeys[r.kind])}</td>
              <td>{r.sentAt ? dateTime(new Date(r.sentAt)) : '—'}</td>
              <td>{r.acknowledgedAt ? dateTime(new Date(r.acknowledgedAt)) : t('library.notYet')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} pageHref={(n) => href(`${base}?page=${n}`)} />
    </>
  );
}

export interface ReceivedMaterialView {
  id: string;
  kind: LibraryKind;
  title: LocalizedText;
  summary: LocalizedText | null;
  state: LibraryState;
  videoUrl: string | null;
  laws: { title: string; url: string }[];
  files: FileView[];
}

export function ReceivedMaterialPage(props: { slug: string; material: ReceivedMaterialView; notes: { note: LocalizedText | null; sentAt: Date }[]; acknowledgedAt: Date | null; mayAcknowledge: boolean; quizQuestions: number; notice: boolean }) {
  const { t, href, dateTime } = usePage();
  const m = props.material;
  const base = `/office/maslikhats/${props.slug}/library`;
  return (
    <>
      {props.notice && <Notice kind="success">{t('library.notice.acknowledged')}</Notice>}
      <p>
        <a href={href(base)}>{t('library.backToReceived')}</a>
      </p>
      <h1>
        <Text value={m.title} />
      </h1>
      <p class="hint">{t(kindKeys[m.kind])}</p>
      {m.state === 'withdrawn' ? (
        <Notice kind="warning">{t('library.withdrawnText')}</Notice>
      ) : (
        <>
          {props.acknowledgedAt ? (
            <p>{t('library.acknowledgedOn', { when: dateTime(props.acknowledgedAt) })}</p>
          ) : (
            props.mayAcknowledge && (
              <Form action={href(`${base}/${m.id}/acknowledge`)}>
                <button class="button" type="submit">
                  {t('library.acknowledge')}
                </button>
              </Form>
            )
          )}
          {props.notes.some((n) => n.note) && (
            <>
              <h2>{t('library.coveringNote')}</h2>
              {props.notes.map((n) =>
                n.note ? (
                  <div key={String(n.sentAt)}>
                    <p class="hint">{dateTime(new Date(n.sentAt))}</p>
                    <Paragraphs value={n.note} />
                  </div>
                ) : null,
              )}
            </>
          )}
          {m.summary && <Paragraphs value={m.summary} />}
          {m.videoUrl && (
            <p>
              <a href={m.videoUrl} rel="noopener noreferrer external">
                {t('library.watchVideo')}
              </a>
            </p>
          )}
          <h2>{t('library.filesTitle')}</h2>
          <MaterialFiles files={m.files} fileHref={(id) => href(`${base}/${m.id}/files/${id}`)} history={false} showProblems={false} headingLevel={3} />
          <LawList laws={m.laws} />
          {props.quizQuestions > 0 && (
            <>
              <h2>{t('library.quizTitle')}</h2>
              <p>
                <a href={href(`${base}/${m.id}/quiz`)}>{t('library.quizTakeLink', { count: props.quizQuestions })}</a>
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}
