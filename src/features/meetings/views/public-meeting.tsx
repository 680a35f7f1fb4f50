import { Breadcrumbs, DataTable, Paragraphs, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { showRecorded } from '../../../core/i18n/format.js';
import { regionStanding, type AgendaEntry, type AgendaSpeakerRow, type InvitedOrganizationRow, type MeetingDecisionRow, type MeetingView, type PublicPaperRow, type StatementRow } from '../public.service.js';
import { upperFirst } from '../../../core/text/upper-first.js';
import type { RelatedLink } from '../../../core/related.js';
import { MeetingStatus, MeetingTitle, MeetingWhen, MinutesLinks } from './public-shared.js';
import { PaperFacts } from './papers.js';

/** Words as they were said, marked with their language; Kazakh in the page's script (Latin on Kazakh Latin pages). */
function Quotation({ text, language }: { text: string; language: StatementRow['language'] }) {
  const { lang } = usePage();
  const shown = showRecorded(lang, text, language);
  return <blockquote lang={shown.tag}>«{shown.text}»</blockquote>;
}

/** Who spoke under an item and what they said: quotations in their own language, marked with lang. */
function Statements({ statements }: { statements: StatementRow[] }) {
  const { t, href } = usePage();
  if (!statements.length) return null;
  return (
    <div class="statements">
      <p class="hint">{t('meetings.statementsTitle')}</p>
      {statements.map((s, i) => (
        <figure class="statement" key={i}>
          {s.quotation ? (
            <Quotation text={s.quotation} language={s.language} />
          ) : (
            s.summary && (
              <p>
                <Text value={s.summary} />
              </p>
            )
          )}
          <figcaption>
            —{' '}
            {s.personId ? (
              <a href={href(`/deputies/${s.personId}`)}>
                <Text value={s.personName} />
              </a>
            ) : (
              <Text value={s.speakerLabel} />
            )}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

function Speakers({ label, speakers }: { label: string; speakers: AgendaSpeakerRow[] }) {
  const { href } = usePage();
  if (!speakers.length) return null;
  return (
    <p>
      {label}:{' '}
      {speakers.map((s, i) => (
        <span key={s.personId}>
          {i > 0 && ', '}
          <a href={href(`/deputies/${s.personId}`)}>
            <Text value={s.personName} />
          </a>
          {s.label && (
            <>
              {' '}
              (<Text value={s.label} />)
            </>
          )}
        </span>
      ))}
    </p>
  );
}

function AgendaList({ items }: { items: AgendaEntry[] }) {
  const { t } = usePage();
  return (
    <ol class="agenda">
      {items.map((item) => (
        <li key={item.id} id={`item-${item.id}`}>
          <p>
            {item.isMain ? (
              <strong>
                <Text value={item.title} />
              </strong>
            ) : (
              <Text value={item.title} />
            )}
            {item.isMain && (
              <>
                {' '}
                <span class="tag">{t('meetings.mainItem')}</span>
              </>
            )}
            {item.minutesAllotted !== null && (
              <>
                {' '}
                <span class="hint">({t('meetings.minutes', { minutes: item.minutesAllotted })})</span>
              </>
            )}
          </p>
          {item.description && (
            <p>
              <Text value={item.description} />
            </p>
          )}
          <Speakers label={t('meetings.rapporteurs', { count: item.rapporteurs.length })} speakers={item.rapporteurs} />
          <Speakers label={t('meetings.coSpeakers', { count: item.coSpeakers.length })} speakers={item.coSpeakers} />
          <Statements statements={item.statements} />
          {item.children.length > 0 && <AgendaList items={item.children} />}
        </li>
      ))}
    </ol>
  );
}

/** Titles of the agenda's items by id, sub-items included. */
function itemTitles(items: AgendaEntry[], into = new Map<string, AgendaEntry['title']>()) {
  for (const item of items) {
    into.set(item.id, item.title);
    itemTitles(item.children, into);
  }
  return into;
}

function Papers({ meetingId, papers, agenda }: { meetingId: string; papers: PublicPaperRow[]; agenda: AgendaEntry[] }) {
  const { t, href } = usePage();
  const titles = itemTitles(agenda);
  return (
    <ul class="papers">
      {papers.map((p) => (
        <li key={p.id}>
          <a href={href(`/meetings/${meetingId}/papers/${p.id}`)}>
            <Text value={p.title} />
          </a>
          <PaperFacts paper={p} />
          {p.agendaItemId && titles.has(p.agendaItemId) && (
            <>
              {' — '}
              {t('papers.toItem')}{' '}
              <a href={`#item-${p.agendaItemId}`}>
                <Text value={titles.get(p.agendaItemId)} />
              </a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** How a region took part: the roll call once the sitting has called it, else its answer to the invitation. */
function RegionPart({ region }: { region: InvitedOrganizationRow }) {
  const { t } = usePage();
  const standing = regionStanding(region);
  if (standing.from === 'rollCall') return <>{t(`meetings.attendance.${standing.presence}`)}</>;
  if (standing.status === 'confirmed') {
    if (standing.mode === 'video') return <>{t('meetings.invitation.confirmedVideo')}</>;
    if (standing.mode === 'room') return <>{t('meetings.invitation.confirmedRoom')}</>;
    return <>{t('meetings.invitation.confirmed')}</>;
  }
  return <>{t(`meetings.invitation.${standing.status}`)}</>;
}

/** A decision as the minutes give it: its title and number, its text, the item that took it, the result and votes. */
function Decision({ decision: d, itemTitle, admitted }: { decision: MeetingDecisionRow; itemTitle: AgendaEntry['title'] | undefined; admitted: MeetingView['admitted'] }) {
  const { t } = usePage();
  const votes = d.votesFor !== null && d.votesAgainst !== null && d.votesAbstain !== null;
  return (
    <article class="decision" id={`decision-${d.id}`} aria-labelledby={`decision-${d.id}-title`}>
      <h3 id={`decision-${d.id}-title`}>
        <Text value={d.title} />
        {d.number && (
          <>
            {' '}
            <span class="hint">{t('meetings.decision.numbered', { number: d.number })}</span>
          </>
        )}
      </h3>
      <Paragraphs value={d.body} />
      <dl class="summary-list">
        <div>
          <dt>{t('meetings.decision.kind')}</dt>
          <dd>{upperFirst(t(`decisionKind.${d.kind}`))}</dd>
        </div>
        {admitted.length > 0 && (
          <div>
            <dt>{t('meetings.decision.admitted')}</dt>
            <dd>
              <ul class="list">
                {admitted.map((a, i) => (
                  <li key={i}>
                    <Text value={a.name} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {d.agendaItemId && itemTitle && (
          <div>
            <dt>{t('meetings.decision.item')}</dt>
            <dd>
              <a href={`#item-${d.agendaItemId}`}>
                <Text value={itemTitle} />
              </a>
            </dd>
          </div>
        )}
        {(d.result || votes) && (
          <div>
            <dt>{t('meetings.decision.result')}</dt>
            <dd>
              {d.result && t(`meetings.result.${d.result}`)}
              {votes && (
                <>
                  {d.result && <br />}
                  <span class="hint">{t('meetings.votes', { for: d.votesFor, against: d.votesAgainst, abstain: d.votesAbstain })}</span>
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}

export function MeetingPage({ view, related = [] }: { view: MeetingView; related?: RelatedLink[] }) {
  const { t, href } = usePage();
  const { meeting } = view;
  const titles = itemTitles(view.agenda);
  return (
    <>
      <Breadcrumbs trail={[{ path: '/meetings', label: t('meetings.list.title') }]} />
      <h1>
        <MeetingTitle meeting={meeting} />
      </h1>
      <dl class="summary-list">
        {meeting.title && Object.values(meeting.title).some(Boolean) && (
          <div>
            <dt>{t('meetings.col.meeting')}</dt>
            <dd>
              {meeting.number === null
                ? t(`meetings.kind.${meeting.kind}`)
                : t('meetings.numbered', { kind: t(`meetings.kind.${meeting.kind}`), number: meeting.number })}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('meetings.col.date')}</dt>
          <dd>
            <MeetingWhen meeting={meeting} />
          </dd>
        </div>
        {meeting.place && (
          <div>
            <dt>{t('meetings.col.place')}</dt>
            <dd>
              <Text value={meeting.place} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('meetings.col.format')}</dt>
          <dd>{t(`meetings.format.${meeting.format}`)}</dd>
        </div>
        <div>
          <dt>{t('meetings.col.status')}</dt>
          <dd>
            <MeetingStatus meeting={meeting} />
          </dd>
        </div>
      </dl>
      <p>
        <a href={href(`/meetings/${meeting.id}.ics`)} type="text/calendar">
          {t('meetings.addToCalendar')}
        </a>
      </p>
      {related.map((link) => (
        <p key={link.href}>
          <a href={href(link.href)}>{t(link.messageKey, link.values)}</a>
        </p>
      ))}

      {view.minutes.length > 0 && (
        <section aria-labelledby="minutes">
          <h2 id="minutes">{t('minutes.publicTitle')}</h2>
          <MinutesLinks base={href(`/meetings/${meeting.id}/minutes`)} />
        </section>
      )}

      {view.agenda.length > 0 && (
        <section aria-labelledby="agenda">
          <h2 id="agenda">{t('meetings.agenda')}</h2>
          <AgendaList items={view.agenda} />
        </section>
      )}

      {view.papers.length > 0 && (
        <section aria-labelledby="papers">
          <h2 id="papers">{t('papers.title')}</h2>
          <Papers meetingId={meeting.id} papers={view.papers} agenda={view.agenda} />
        </section>
      )}

      {view.regions.length > 0 && (
        <section aria-labelledby="regions">
          <h2 id="regions">{t('meetings.regions')}</h2>
          <DataTable describedBy="regions" columns={[t('meetings.regions.maslikhat'), t('meetings.regions.answer')]}>
            {view.regions.map((r) => (
              <tr key={r.organizationId}>
                <th scope="row">
                  <a href={href(`/maslikhats/${r.slug}`)}>
                    <Text value={r.name} />
                  </a>
                </th>
                <td>
                  <RegionPart region={r} />
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      {view.decisions.length > 0 && (
        <section aria-labelledby="decisions">
          <h2 id="decisions">{t('meetings.decisions')}</h2>
          {view.decisions.map((d) => (
            <Decision key={d.id} decision={d} itemTitle={d.agendaItemId ? titles.get(d.agendaItemId) : undefined} admitted={view.admitted.filter((a) => a.decisionId === d.id)} />
          ))}
        </section>
      )}
    </>
  );
}
