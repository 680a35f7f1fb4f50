import { DataTable, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { CouncilView, DecisionRow } from '../directory.service.js';
import { AsOfForm, AsOfLine, DateRange, DemoNotice, PersonLink, Problems, useDatedHref, type AsOfProps } from './shared.js';
import { upperFirst } from '../../../core/text/upper-first.js';

function DecisionRef({ decision }: { decision: DecisionRow | undefined }) {
  const { t, date } = usePage();
  if (!decision) return null;
  const label = decision.number
    ? t('directory.council.decisionNumbered', { date: date(decision.decisionDate), number: decision.number })
    : t('directory.council.decision', { date: date(decision.decisionDate) });
  return <a href={`#decision-${decision.id}`}>{label}</a>;
}

/** A member's post: the chair's title of the day, a deputy chair, or the role; with the post's own words (e.g. "by post: Deputy Chairman of the Senate"). */
/** When a membership ran, with the decision that began it. */
function Term({ member: m, decisions }: { member: { startDate: string | null; endDate: string | null; startDecisionId: string | null }; decisions: Map<string, DecisionRow> }) {
  return (
    <>
      <DateRange start={m.startDate} end={m.endDate} />
      {m.startDecisionId && (
        <>
          {' '}
          (<DecisionRef decision={decisions.get(m.startDecisionId)} />)
        </>
      )}
    </>
  );
}

function MemberPost({ member: m }: { member: CouncilView['members'][number] }) {
  const page = usePage();
  const { t } = page;
  const leadership = m.role === 'head' || m.role === 'deputy_head';
  if (!leadership) return m.label ? <Text value={m.label} /> : <>{t(`directory.role.${m.role}`)}</>;
  const title = m.title ? upperFirst(page.localize(m.title).text) : upperFirst(t(`councilPost.role.${m.role === 'head' ? 'head' : 'deputy_head'}`));
  return (
    <>
      {title}
      {m.label && (
        <span class="hint">
          {' '}
          (<Text value={m.label} />)
        </span>
      )}
    </>
  );
}

export function CouncilPage({ view, date, today, dateInput, problems }: { view: CouncilView } & AsOfProps) {
  const page = usePage();
  const { t } = page;
  const dated = useDatedHref(date, today);
  const decisions = new Map(view.decisions.map((d) => [d.id, d]));
  const hasDemo = view.members.some((m) => m.isDemo) || view.collectiveMembers.some((m) => m.isDemo);
  return (
    <>
      <Problems problems={problems} />
      <h1>
        <Text value={view.organization.name} />
      </h1>
      <p class="lead">{t('directory.council.lead')}</p>
      {view.ended ? (
        <div class="notice notice--info">
          <p>{t('directory.council.ended', { date: page.date(view.asOf) })}</p>
        </div>
      ) : (
        <AsOfLine date={date} today={today} />
      )}
      {view.notYetFounded && view.organization.foundingDate && (
        <div class="notice notice--info">
          <p>{t('directory.council.notYet', { date: page.date(view.organization.foundingDate) })}</p>
        </div>
      )}
      {hasDemo && <DemoNotice />}

      <AsOfForm action="/council" dateInput={dateInput} problems={problems} />

      <h2 id="members">{t('directory.council.membersTitle')}</h2>
      {view.members.length ? (
        <DataTable describedBy="members" columns={[t('directory.colName'), t('directory.colPost'), t('directory.colSince')]}>
          {view.members.map((m) => (
            <tr key={m.membershipId}>
              <th scope="row">
                <PersonLink seat={m} dated={dated} />
              </th>
              <td>
                <MemberPost member={m} />
              </td>
              <td>
                <Term member={m} decisions={decisions} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p class="hint">{t('directory.council.noMembers')}</p>
      )}

      <h2 id="collective-members">{t('directory.council.collectiveTitle')}</h2>
      {view.collectiveMembers.length ? (
        <DataTable describedBy="collective-members" columns={[t('directory.colOrganization'), t('directory.colRepresentative'), t('directory.colSince')]}>
          {view.collectiveMembers.map((m) => (
            <tr key={m.membershipId}>
              <th scope="row">
                <Text value={m.memberOrganizationName} />
              </th>
              <td>
                {m.representatives.length ? (
                  m.representatives.map((r, i) => (
                    <span key={r.membershipId}>
                      {i > 0 && ', '}
                      <PersonLink seat={r} dated={dated} />
                    </span>
                  ))
                ) : (
                  <span class="hint">{t('directory.council.noRepresentative')}</span>
                )}
              </td>
              <td>
                <Term member={m} decisions={decisions} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p class="hint">{t('directory.council.noCollective')}</p>
      )}

      {view.decisions.length > 0 && (
        <>
          <h2 id="decisions">{t('directory.council.decisionsTitle')}</h2>
          {view.decisions.map((d) => (
            <section key={d.id} id={`decision-${d.id}`} aria-labelledby={`decision-${d.id}-title`}>
              <h3 id={`decision-${d.id}-title`}>
                <Text value={d.title} />
              </h3>
              <p class="hint">
                {d.number
                  ? t('directory.council.decisionNumbered', { date: page.date(d.decisionDate), number: d.number })
                  : t('directory.council.decision', { date: page.date(d.decisionDate) })}
              </p>
              {d.body && (
                <p>
                  <Text value={d.body} />
                </p>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}
