// The live sitting: the state every screen shows (swapped in place when it changes) and, for the
// secretariat, the controls that move the sitting on. Without JavaScript a reload shows the same.
import { absenceReasonChoiceOf, absenceReasonChoices } from '../absence-reason.js';
import { ErrorSummary, Form, Recorded, SelectField, Text, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { LiveState } from '../live.service.js';
import type { AgendaEntry } from '../public.service.js';
import { AdmissionProgressText } from './admissions.js';

type Item = AgendaEntry;

function flatAgenda(agenda: Item[]): { item: Item; label: string }[] {
  return agenda.flatMap((a, i) => [{ item: a, label: `${i + 1}.` }, ...a.children.map((c, j) => ({ item: c, label: `${i + 1}.${j + 1}.` }))]);
}

function SpeakerName({ name, label }: { name: LocalizedText | null; label: LocalizedText | null }) {
  return <Text value={name ?? label} />;
}

function Votes({ d }: { d: LiveState['decisions'][number] }) {
  const { t } = usePage();
  if (d.voting === 'open') return <strong class="live-vote-open">{t('live.voteOpen')}</strong>;
  if (d.voting === 'not_started') return <span class="hint">{t('live.voteNotStarted')}</span>;
  return (
    <>
      <strong>{d.result && t(`meetings.result.${d.result}`)}</strong>{' '}
      {d.votesFor !== null && <span>{t('meetings.votes', { for: d.votesFor, against: d.votesAgainst ?? 0, abstain: d.votesAbstain ?? 0 })}</span>}
    </>
  );
}

/** What every screen shows, swapped in place when the sitting changes. */
export function LiveStatePanel({ state: s }: { state: LiveState }) {
  const { t } = usePage();
  const items = flatAgenda(s.agenda);
  const current = items.find((i) => i.item.id === s.currentItemId);
  const regionsHere = s.attendance.filter((a) => a.organizationId && s.regions.some((r) => r.organizationId === a.organizationId) && a.presence !== 'absent').length;
  const decisions = current ? s.decisions.filter((d) => d.agendaItemId === current.item.id) : s.decisions.filter((d) => d.voting === 'open');
  return (
    <section id="live-state" class="live-state" aria-labelledby="live-state-title" data-sequence={String(s.sequence)}>
      <h2 id="live-state-title">{t('live.nowTitle')}</h2>
      <p class="live-status">
        {t('meetingsOffice.colStatus')}: <strong>{t(`meetings.status.${s.meeting.status}`)}</strong>
      </p>
      <div aria-live="polite">
        <p class="live-current">
          {current ? (
            <>
              {t('live.currentItem')}: <strong>{current.label} <Text value={current.item.title} /></strong>
            </>
          ) : (
            t('live.noCurrentItem')
          )}
        </p>
        <p class="live-quorum">
          {t('live.quorum', { present: s.quorum.present, members: s.quorum.members, needed: s.quorum.needed })}{' '}
          <strong>{s.quorum.reached ? t('live.quorumReached') : t('live.quorumNotReached')}</strong>
        </p>
        <p>{t('live.regionsPresent', { present: regionsHere, invited: s.regions.length })}</p>
        {decisions.length > 0 && (
          <ul class="live-decisions">
            {decisions.map((d) => (
              <li key={d.id} data-decision={d.id}>
                <Text value={d.title} /> — <Votes d={d} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {current && current.item.statements.length > 0 && (
        <>
          <h3>{t('live.statementsTitle')}</h3>
          <ol class="live-statements">
            {current.item.statements.map((st, i) => (
              <li key={i}>
                <strong>
                  <SpeakerName name={st.personName} label={st.speakerLabel} />
                </strong>
                {': '}
                {st.quotation ? (
                  <q>
                    <Recorded text={st.quotation} language={st.language} />
                  </q>
                ) : (
                  <Text value={st.summary} />
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export interface LiveAnswers {
  statement: { itemId: string; personId: string; speakerName: string; language: string; quotation: string; summaryKk: string; summaryRu: string };
  decision: { itemId: string; kind: string; number: string; admits: string; titleKk: string; titleRu: string; titleEn: string; bodyKk: string; bodyRu: string };
}

export const blankLiveAnswers = (currentItemId: string | null): LiveAnswers => ({
  statement: { itemId: currentItemId ?? '', personId: '', speakerName: '', language: 'kk', quotation: '', summaryKk: '', summaryRu: '' },
  decision: { itemId: currentItemId ?? '', kind: 'other', number: '', admits: '', titleKk: '', titleRu: '', titleEn: '', bodyKk: '', bodyRu: '' },
});

export function LivePage({ state: s, canManage, problems, answers }: { state: LiveState; canManage: boolean; problems: FieldProblem[]; answers: LiveAnswers }) {
  const { t, href, localize } = usePage();
  const base = `/office/meetings/${s.meeting.id}`;
  const items = flatAgenda(s.agenda);
  const itemOptions = items.map((i) => ({ value: i.item.id, label: `${i.label} ${localize(i.item.title).text}` }));
  const running = s.meeting.status === 'in_progress';
  const recordable = ['announced', 'in_progress', 'held'].includes(s.meeting.status);
  const statementProblems = problems.filter((p) => p.idPrefix === 'statement');
  const decisionProblems = problems.filter((p) => p.idPrefix === 'decision');
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href(canManage ? base : `/meetings/${s.meeting.id}`)}>{t('live.back')}</a>
      </p>
      <h1>
        {t('live.title')}: <Text value={s.meeting.title} />
      </h1>
      <div data-live-events={href(`${base}/live/events`)} data-live-panel={href(`${base}/live/panel`)}>
        <LiveStatePanel state={s} />
      </div>
      <noscript>
        <p class="hint">{t('live.reloadHint')}</p>
      </noscript>

      {canManage && (
        <>
          {(s.meeting.status === 'announced' || running) && (
            <Form action={href(`${base}/status`)}>
              <input type="hidden" name="action" value={running ? 'hold' : 'start'} />
              <input type="hidden" name="version" value={String(s.meeting.version)} />
              <input type="hidden" name="back" value="live" />
              <button class="button" type="submit">
                {t(running ? 'live.close' : 'live.open')}
              </button>
            </Form>
          )}

          <section aria-labelledby="live-agenda-title">
            <h2 id="live-agenda-title">{t('meetingsOffice.agendaTitle')}</h2>
            <ol class="live-agenda">
              {items.map(({ item, label }) => (
                <li key={item.id} aria-current={item.id === s.currentItemId ? 'step' : undefined} class={item.id === s.currentItemId ? 'live-agenda__current' : undefined}>
                  <span>
                    {label} <Text value={item.title} />
                  </span>
                  {running && item.id !== s.currentItemId && (
                    <Form action={href(`${base}/live/current`)}>
                      <input type="hidden" name="itemId" value={item.id} />
                      <button class="button button--secondary" type="submit">
                        {t('live.takeUp')}
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ol>
          </section>

          {recordable && <RollCall state={s} base={base} />}

          {recordable && items.length > 0 && (
            <section aria-labelledby="live-statement-title">
              <h2 id="live-statement-title">{t('live.statementTitle')}</h2>
              <Form action={href(`${base}/live/statements`)}>
                <SelectField idPrefix="statement" name="itemId" label={t('live.item')} value={answers.statement.itemId} options={itemOptions} problems={statementProblems} />
                <SelectField
                  idPrefix="statement"
                  name="personId"
                  label={t('live.speaker')}
                  value={answers.statement.personId}
                  placeholder={t('live.speakerOther')}
                  options={speakerOptions(s).map((p) => ({ value: p.id, label: localize(p.name).text }))}
                  problems={statementProblems}
                />
                <TextField idPrefix="statement" name="speakerName" label={t('live.speakerName')} hint={t('live.speakerNameHint')} value={answers.statement.speakerName} problems={statementProblems} />
                <SelectField idPrefix="statement" name="language" label={t('live.language')} value={answers.statement.language} options={(['kk', 'ru', 'en'] as const).map((l) => ({ value: l, label: t(`live.lang.${l}`) }))} problems={statementProblems} />
                <TextAreaField idPrefix="statement" name="quotation" label={t('live.quotation')} hint={t('live.quotationHint')} value={answers.statement.quotation} rows={3} problems={statementProblems} />
                <TextAreaField idPrefix="statement" name="summaryKk" label={t('live.summaryKk')} value={answers.statement.summaryKk} rows={2} problems={statementProblems} />
                <TextAreaField idPrefix="statement" name="summaryRu" label={t('live.summaryRu')} value={answers.statement.summaryRu} rows={2} problems={statementProblems} />
                <button class="button" type="submit">
                  {t('live.addStatement')}
                </button>
              </Form>
              {items.some((i) => i.item.statements.length > 0) && (
                <details>
                  <summary>{t('live.statementsSoFar', { count: items.reduce((n, i) => n + i.item.statements.length, 0) })}</summary>
                  {items
                    .filter((i) => i.item.statements.length > 0)
                    .map(({ item, label }) => (
                      <div key={item.id}>
                        <h3>
                          {label} <Text value={item.title} />
                        </h3>
                        <ol>
                          {item.statements.map((st) => (
                            <li key={st.id}>
                              <SpeakerName name={st.personName} label={st.speakerLabel} />: {st.quotation ? (
                                <q>
                                  <Recorded text={st.quotation} language={st.language} />
                                </q>
                              ) : (
                                <Text value={st.summary} />
                              )}
                              <Form action={href(`${base}/live/statements/${st.id}/remove`)}>
                                <button class="link-button" type="submit">
                                  {t('live.removeStatement')}
                                </button>
                              </Form>
                            </li>
                          ))}
                        </ol>
                      </div>
                    ))}
                </details>
              )}
            </section>
          )}

          <section aria-labelledby="live-decisions-title">
            <h2 id="live-decisions-title">{t('meetings.decisions')}</h2>
            {s.decisions.length === 0 && <p>{t('live.noDecisions')}</p>}
            {s.decisions.map((d) => (
              <DecisionControls key={d.id} state={s} decision={d} base={base} problems={problems.filter((p) => p.idPrefix === `d-${d.id}`)} />
            ))}
            {recordable && items.length > 0 && (
              <details open={decisionProblems.length > 0}>
                <summary>{t('live.addDecision')}</summary>
                <Form action={href(`${base}/live/decisions`)}>
                  <SelectField idPrefix="decision" name="itemId" label={t('live.item')} value={answers.decision.itemId} options={itemOptions} problems={decisionProblems} />
                  <SelectField
                    idPrefix="decision"
                    name="kind"
                    label={t('meetings.decision.kind')}
                    value={answers.decision.kind}
                    options={(['admission', 'plan_adoption', 'recommendation', 'withdrawal', 'other'] as const).map((k) => ({ value: k, label: t(`decisionKind.${k}`) }))}
                    problems={decisionProblems}
                  />
                  <TextField idPrefix="decision" name="number" label={t('live.decisionNumber')} value={answers.decision.number} problems={decisionProblems} />
                  <TextField idPrefix="decision" name="admits" type="number" label={t('decisionForm.admits')} hint={t('decisionForm.admitsHint')} value={answers.decision.admits} problems={decisionProblems} />
                  <TextField idPrefix="decision" name="titleKk" label={t('live.decisionTitleKk')} value={answers.decision.titleKk} problems={decisionProblems} />
                  <TextField idPrefix="decision" name="titleRu" label={t('live.decisionTitleRu')} value={answers.decision.titleRu} problems={decisionProblems} />
                  <TextField idPrefix="decision" name="titleEn" label={t('live.decisionTitleEn')} value={answers.decision.titleEn} problems={decisionProblems} />
                  <TextAreaField idPrefix="decision" name="bodyKk" label={t('live.decisionBodyKk')} value={answers.decision.bodyKk} rows={3} problems={decisionProblems} />
                  <TextAreaField idPrefix="decision" name="bodyRu" label={t('live.decisionBodyRu')} value={answers.decision.bodyRu} rows={3} problems={decisionProblems} />
                  <button class="button" type="submit">
                    {t('live.saveDecision')}
                  </button>
                </Form>
              </details>
            )}
          </section>
        </>
      )}
    </>
  );
}

function speakerOptions(s: LiveState): { id: string; name: LocalizedText | null }[] {
  const seen = new Map<string, LocalizedText | null>();
  if (s.chair) seen.set(s.chair.personId, s.chair.name);
  for (const m of s.members) if (m.personId) seen.set(m.personId, m.name);
  for (const a of s.agenda.flatMap((x) => [x, ...x.children])) for (const sp of [...a.rapporteurs, ...a.coSpeakers]) seen.set(sp.personId, sp.personName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

const presences = ['room', 'video', 'absent'] as const;

/** The roll: each member and each invited region, in the room, on video, or absent with a reason. */
function RollCall({ state: s, base }: { state: LiveState; base: string }) {
  const { t, href, localize } = usePage();
  const recorded = new Map(s.attendance.map((a) => [a.personId ?? a.organizationId, a]));
  const reason = (a: { absenceReason: string | null } | undefined) => absenceReasonChoiceOf(a?.absenceReason);
  const rows: { key: string; id: string; name: LocalizedText | null; expected: 'room' | 'video' | null }[] = [
    ...s.members.map((m) => ({ key: `${m.personId ? 'm' : 'o'}.${m.personId ?? m.memberOrganizationId}`, id: (m.personId ?? m.memberOrganizationId)!, name: m.name, expected: null })),
    ...s.regions.map((r) => ({ key: `o.${r.organizationId}`, id: r.organizationId, name: r.name, expected: r.status === 'confirmed' ? r.attendanceMode : null })),
  ];
  return (
    <section aria-labelledby="live-roll-title">
      <h2 id="live-roll-title">{t('live.rollTitle')}</h2>
      {rows.length === 0 ? (
        <p>{t('live.rollEmpty')}</p>
      ) : (
        <Form action={href(`${base}/live/attendance`)}>
          <div class="table-wrapper">
            <table class="table">
              <caption>{t('live.rollCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('live.rollName')}</th>
                  {presences.map((p) => (
                    <th scope="col" key={p}>
                      {t(`live.presence.${p}`)}
                    </th>
                  ))}
                  <th scope="col">{t('live.absenceReason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const current = recorded.get(r.id);
                  return (
                    <tr key={r.key}>
                      <th scope="row">
                        <Text value={r.name} />
                        {r.expected && <span class="hint"> ({t(`attendanceMode.${r.expected}`)})</span>}
                      </th>
                      {presences.map((p) => (
                        <td key={p}>
                          <input type="radio" name={r.key} value={p} checked={current?.presence === p} aria-label={`${localize(r.name).text}: ${t(`live.presence.${p}`)}`} />
                        </td>
                      ))}
                      <td>
                        <select class="input" name={`reasonCode.${r.id}`} aria-label={`${localize(r.name).text}: ${t('live.absenceReason')}`}>
                          <option value="" selected={reason(current).choice === ''}>
                            {t('live.absenceReasonChoice.none')}
                          </option>
                          {absenceReasonChoices.map((c) => (
                            <option key={c} value={c} selected={reason(current).choice === c}>
                              {t(`live.absenceReasonChoice.${c}`)}
                            </option>
                          ))}
                        </select>{' '}
                        <input class="input" type="text" name={`reason.${r.id}`} value={reason(current).text} aria-label={`${localize(r.name).text}: ${t('live.absenceReasonOther')}`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button class="button" type="submit">
            {t('live.saveRoll')}
          </button>
        </Form>
      )}
    </section>
  );
}

function DecisionControls({ state: s, decision: d, base, problems }: { state: LiveState; decision: LiveState['decisions'][number]; base: string; problems: FieldProblem[] }) {
  const { t, href, localize } = usePage();
  const running = s.meeting.status === 'in_progress';
  const voters = s.members.flatMap(({ personId, ...m }) => (personId && s.attendance.some((a) => a.personId === personId && a.presence !== 'absent') ? [{ ...m, personId }] : []));
  const byName = new Map(s.votes.filter((v) => v.decisionId === d.id).map((v) => [v.personId, v.choice]));
  const admission = d.kind === 'admission' && d.result === 'adopted' ? s.admissions.find((a) => a.id === d.id) : undefined;
  return (
    <article class="live-decision" aria-labelledby={`decision-${d.id}`}>
      <h3 id={`decision-${d.id}`}>
        <Text value={d.title} />
      </h3>
      <p>
        {t(`decisionKind.${d.kind}`)} — <Votes d={d} />
      </p>
      {d.voting === 'not_started' && (
        <div class="actions">
          {running && (
            <Form action={href(`${base}/live/decisions/${d.id}/open`)}>
              <button class="button" type="submit">
                {t('live.openVote')}
              </button>
            </Form>
          )}
          {['announced', 'in_progress', 'held'].includes(s.meeting.status) && (
            <Form action={href(`${base}/live/decisions/${d.id}/remove`)}>
              <button class="button button--secondary" type="submit">
                {t('live.removeDecision')}
              </button>
            </Form>
          )}
        </div>
      )}
      {running && d.voting === 'open' && (
        <Form action={href(`${base}/live/decisions/${d.id}/close`)}>
          <fieldset class="fieldset">
            <legend class="label">{t('live.countsLegend')}</legend>
            <p class="hint">{t('live.countsHint')}</p>
            <div class="inline-fields">
              {(['for', 'against', 'abstain'] as const).map((c) => (
                <TextField key={c} idPrefix={`d-${d.id}`} name={c} type="number" label={t(`live.count.${c}`)} value="" problems={problems} />
              ))}
            </div>
          </fieldset>
          {voters.length > 0 && (
            <details>
              <summary>{t('live.byMember')}</summary>
              <div class="table-wrapper">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('live.rollName')}</th>
                      {(['for', 'against', 'abstain'] as const).map((c) => (
                        <th scope="col" key={c}>
                          {t(`live.count.${c}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {voters.map((m) => (
                      <tr key={m.personId}>
                        <th scope="row">
                          <Text value={m.name} />
                        </th>
                        {(['for', 'against', 'abstain'] as const).map((c) => (
                          <td key={c}>
                            <input type="radio" name={`vote.${m.personId}`} value={c} checked={byName.get(m.personId) === c} aria-label={`${localize(m.name).text}: ${t(`live.count.${c}`)}`} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
          <button class="button" type="submit">
            {t('live.closeVote')}
          </button>
        </Form>
      )}
      {admission && (
        <p>
          <AdmissionProgressText progress={admission} />
        </p>
      )}
    </article>
  );
}
