import { DataTable, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { AgendaEntry, AgendaSpeakerRow, InvitedOrganizationRow, MeetingView, PublicPaperRow } from '../public.service.js';
import type { StatementRow } from '../public.repository.js';
import { upperFirst } from '../../registry/views/shared.js';
import { MeetingStatus, MeetingTitle, MeetingWhen, MinutesLinks } from './public-shared.js';
import { PaperFacts } from './office.js';

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
            <blockquote lang={s.language}>«{s.quotation}»</blockquote>
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

function InvitationAnswer({ region }: { region: InvitedOrganizationRow }) {
  const { t } = usePage();
  if (region.status === 'confirmed') {
    if (region.attendanceMode === 'video') return <>{t('meetings.invitation.confirmedVideo')}</>;
    if (region.attendanceMode === 'room') return <>{t('meetings.invitation.confirmedRoom')}</>;
    return <>{t('meetings.invitation.confirmed')}</>;
  }
  return <>{t(`meetings.invitation.${region.status}`)}</>;
}

export function MeetingPage({ view, pressReleaseId }: { view: MeetingView; pressReleaseId?: string | undefined }) {
  const { t, href } = usePage();
  const { meeting } = view;
  return (
    <>
      <p>
        <a href={href('/meetings')}>{t('meetings.allMeetings')}</a>
      </p>
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
      {pressReleaseId && (
        <p>
          <a href={href(`/news/${pressReleaseId}`)}>{t('pressRelease.publicLink')}</a>
        </p>
      )}

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
                  <InvitationAnswer region={r} />
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      {view.decisions.length > 0 && (
        <section aria-labelledby="decisions">
          <h2 id="decisions">{t('meetings.decisions')}</h2>
          <DataTable describedBy="decisions" columns={[t('meetings.decision.title'), t('meetings.decision.kind'), t('meetings.decision.result')]}>
            {view.decisions.map((d) => (
              <tr key={d.id} id={`decision-${d.id}`}>
                <th scope="row">
                  <Text value={d.title} />
                  {d.number && (
                    <>
                      {' '}
                      <span class="hint">{t('meetings.decision.numbered', { number: d.number })}</span>
                    </>
                  )}
                </th>
                <td>{upperFirst(t(`decisionKind.${d.kind}`))}</td>
                <td>
                  {d.result && t(`meetings.result.${d.result}`)}
                  {d.votesFor !== null && d.votesAgainst !== null && d.votesAbstain !== null && (
                    <>
                      {d.result && <br />}
                      <span class="hint">{t('meetings.votes', { for: d.votesFor, against: d.votesAgainst, abstain: d.votesAbstain })}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </>
  );
}
