// What the secretariat's and the invitees' meeting pages share: a meeting's name, the speakers under
// an item, a list of papers, and the hidden words that name what a button acts on.
import { Form, Text } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { MeetingKind } from '../../../../core/db/database.js';
import type { ManagedPaper } from '../../office.presenters.js';
import { PaperFacts } from '../papers.js';

/** A choice in a select or a list of radios. */
export type Option = { value: string; label: string };

export function MeetingName({ m }: { m: { kind: MeetingKind; number: number | null; title: LocalizedText | null } }) {
  const { t } = usePage();
  return (
    <>
      {t(`meetings.kind.${m.kind}`)}
      {m.number !== null && ` № ${m.number}`}
      {m.title && (
        <>
          {' — '}
          <Text value={m.title} />
        </>
      )}
    </>
  );
}

/** "Rapporteur: … (post); co-speakers: …" under an item. */
export function SpeakersLine({ speakers }: { speakers: { personId: string; personName: LocalizedText; role: string; label: LocalizedText | null }[] }) {
  const { t } = usePage();
  const rapporteurs = speakers.filter((s) => s.role === 'rapporteur');
  const coSpeakers = speakers.filter((s) => s.role === 'co_speaker');
  if (!speakers.length) return null;
  const names = (list: typeof speakers) =>
    list.map((s, i) => (
      <span key={s.personId}>
        {i > 0 && ', '}
        <Text value={s.personName} />
        {s.label && (
          <>
            {' '}
            (<Text value={s.label} />)
          </>
        )}
      </span>
    ));
  return (
    <p class="speakers">
      {rapporteurs.length > 0 && (
        <>
          {t('meetings.rapporteurs', { count: rapporteurs.length })}: {names(rapporteurs)}
        </>
      )}
      {rapporteurs.length > 0 && coSpeakers.length > 0 && '; '}
      {coSpeakers.length > 0 && (
        <>
          {t('meetings.coSpeakers', { count: coSpeakers.length })}: {names(coSpeakers)}
        </>
      )}
    </p>
  );
}

/** What an action button or link acts on, for screen readers: "Remove — <title>" where the eye sees "Remove". */
export function ActsOn({ name }: { name: LocalizedText }) {
  return (
    <span class="visually-hidden">
      {' '}
      — <Text value={name} />
    </span>
  );
}

export function PaperList({ papers, link, remove }: { papers: ManagedPaper[]; link: (p: ManagedPaper) => string; remove?: ((p: ManagedPaper) => string) | undefined }) {
  const { t } = usePage();
  if (!papers.length) return null;
  return (
    <ul class="papers">
      {papers.map((p) => (
        <li key={p.id}>
          <a href={link(p)}>
            <Text value={p.title} />
          </a>
          <PaperFacts paper={p} />
          {remove && (
            <Form action={remove(p)}>
              <button class="link-button" type="submit">
                {t('papers.remove')}
                <ActsOn name={p.title} />
              </button>
            </Form>
          )}
        </li>
      ))}
    </ul>
  );
}
