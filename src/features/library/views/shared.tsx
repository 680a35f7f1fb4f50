// Pieces every library page shares: a kind's and state's words, a material's files by language
// (current edition first, the older ones as history), its laws and topics.
import { usePage } from '../../../core/html/page-context.js';
import type { LibraryFileLanguage, LibraryKind, LibraryState } from '../../../core/db/database.js';
import type { MessageKey } from '../../../core/i18n/messages.js';

export const kindKeys: Record<LibraryKind, MessageKey> = {
  lecture: 'library.kind.lecture',
  presentation: 'library.kind.presentation',
  video_link: 'library.kind.video_link',
  memo: 'library.kind.memo',
  law_link: 'library.kind.law_link',
};

export const stateKeys: Record<LibraryState, MessageKey> = {
  draft: 'library.state.draft',
  submitted: 'library.state.submitted',
  published: 'library.state.published',
  withdrawn: 'library.state.withdrawn',
};

export const languageKeys: Record<LibraryFileLanguage, MessageKey> = { kk: 'library.language.kk', ru: 'library.language.ru', en: 'library.language.en' };

export interface FileView {
  id: string;
  language: LibraryFileLanguage;
  edition: number;
  originalName: string;
  byteSize: number;
  textProblem: string | null;
  note: string | null;
  uploadedAt: Date;
}

const sizeOf = (bytes: number, number: (n: number) => string) => (bytes >= 1024 * 1024 ? `${number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB` : `${number(Math.max(1, Math.round(bytes / 1024)))} KB`);

/**
 * The files by language: the current edition with its download link, then earlier editions (only
 * when `history`). `fileHref` makes a file's address; `showProblems` tells why text was not read.
 */
export function MaterialFiles({ files, fileHref, history, showProblems, headingLevel = 2 }: { files: FileView[]; fileHref: (id: string) => string; history: boolean; showProblems: boolean; headingLevel?: 2 | 3 }) {
  const { t, number, dateTime } = usePage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const languages = (['kk', 'ru', 'en'] as const).filter((l) => files.some((f) => f.language === l));
  if (!languages.length) return <p>{t('library.noFiles')}</p>;
  return (
    <>
      {languages.map((language) => {
        const [current, ...older] = files.filter((f) => f.language === language);
        if (!current) return null;
        return (
          <section key={language} aria-labelledby={`files-${language}`}>
            <Heading id={`files-${language}`}>{t(languageKeys[language])}</Heading>
            <p>
              <a href={fileHref(current.id)} hreflang={language} download>
                {current.originalName}
              </a>{' '}
              <span class="hint">
                ({sizeOf(current.byteSize, number)}; {t('library.edition', { edition: current.edition })})
              </span>
            </p>
            {current.note && <p class="hint">{current.note}</p>}
            {showProblems && current.textProblem && <p class="hint">{t('library.textNotRead', { reason: t(current.textProblem as MessageKey) })}</p>}
            {history && older.length > 0 && (
              <details>
                <summary>{t('library.olderEditions', { count: older.length })}</summary>
                <ul>
                  {older.map((f) => (
                    <li key={f.id}>
                      <a href={fileHref(f.id)} download>
                        {t('library.edition', { edition: f.edition })}: {f.originalName}
                      </a>{' '}
                      <span class="hint">({dateTime(new Date(f.uploadedAt))})</span>
                      {f.note && <span class="hint"> — {f.note}</span>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
    </>
  );
}

export function LawList({ laws }: { laws: { title: string; url: string }[] }) {
  const { t } = usePage();
  if (!laws.length) return null;
  return (
    <>
      <h2>{t('library.lawsTitle')}</h2>
      <ul>
        {laws.map((l) => (
          <li key={l.url}>
            <a href={l.url} rel="noopener noreferrer external">
              {l.title}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
