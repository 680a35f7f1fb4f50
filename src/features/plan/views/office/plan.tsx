// One plan in the office: its standing (adopted by which decision, replaced by which plan), its
// sections and items grouped by section, each item with its bodies, deadline, derived status,
// links and indicators; and the ways to change it while it may change.
import type { FieldProblem } from '../../../../core/errors.js';
import { DataTable, ErrorSummary, Form, Notice, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { ItemView, PlanRecord, PlanSummary, SectionRow } from '../../plan.service.js';
import { usePlanWords, type DecisionLabelData } from './plan-fields.js';

export interface MeetingLabelData {
  id: string;
  number: number | null;
  date: string;
  title: LocalizedText | null;
}

export interface PlanPageProps {
  plan: PlanSummary;
  predecessors: PlanRecord[];
  sections: SectionRow[];
  items: ItemView[];
  decisions: (DecisionLabelData & { id: string })[];
  meetings: MeetingLabelData[];
  /** The person may change this plan (and it is not completed or superseded). */
  canEdit: boolean;
  /** The person may adopt, complete or supersede it. */
  canManage: boolean;
  sectionAnswers: { titleKk: string; titleRu: string; titleEn: string };
  problems: FieldProblem[];
}

function Item({ item, decisions, meetings, canEdit, planId }: { item: ItemView; decisions: PlanPageProps['decisions']; meetings: MeetingLabelData[]; canEdit: boolean; planId: string }) {
  const { t, href, date, number, localize } = usePage();
  const words = usePlanWords();
  const leads = item.responsible.filter((r) => r.role === 'lead');
  const coExecutors = item.responsible.filter((r) => r.role === 'co_executor');
  const bodyName = (r: (typeof item.responsible)[number]) => (r.bodyGroup === 'region_maslikhats' ? t('planItem.allRegionMaslikhats') : localize(r.name).text);
  const priorities = item.links.filter((l) => l.priorityId);
  const linkedMeetings = item.links.flatMap((l) => meetings.filter((m) => m.id === l.meetingId));
  const linkedDecisions = item.links.flatMap((l) => decisions.filter((d) => d.id === l.decisionId));
  return (
    <article class="card" id={`item-${item.id}`} aria-labelledby={`item-${item.id}-title`}>
      <h3 id={`item-${item.id}-title`}>
        {item.number && `${item.number}. `}
        <Text value={item.action} />
      </h3>
      <dl class="summary-list">
        {item.expectedResult && (
          <div>
            <dt>{t('planItem.expectedResult')}</dt>
            <dd>
              <Text value={item.expectedResult} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('planItem.responsible')}</dt>
          <dd>{leads.map(bodyName).join('; ') || '—'}</dd>
        </div>
        {coExecutors.length > 0 && (
          <div>
            <dt>{t('planItem.coExecutors')}</dt>
            <dd>{coExecutors.map(bodyName).join('; ')}</dd>
          </div>
        )}
        <div>
          <dt>{t('planItem.term')}</dt>
          <dd>{t('planItem.termValue', { from: date(item.startsOn), deadline: words.deadline(item) })}</dd>
        </div>
        <div>
          <dt>{t('planItem.statusLabel')}</dt>
          <dd>
            <strong class="tag">{t(`planItem.status.${item.status}`)}</strong> {item.reports.due > 0 && t('planItem.reportsAccepted', { accepted: item.reports.accepted, due: item.reports.due })}
            {item.cancelReason && (
              <>
                {' '}
                — <Text value={item.cancelReason} />
              </>
            )}
          </dd>
        </div>
        {(priorities.length > 0 || linkedMeetings.length > 0 || linkedDecisions.length > 0) && (
          <div>
            <dt>{t('planItem.serves')}</dt>
            <dd>
              <ul>
                {priorities.map((p) => (
                  <li key={p.priorityId}>
                    <Text value={p.priorityTitle} />
                  </li>
                ))}
                {linkedMeetings.map((m) => (
                  <li key={m.id}>
                    <a href={href(`/office/meetings/${m.id}`)}>{t('planItem.meetingLabel', { number: m.number ?? '—', date: date(m.date) })}</a>
                  </li>
                ))}
                {linkedDecisions.map((d) => (
                  <li key={d.id}>{words.decision(d)}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {item.indicators.length > 0 && (
        <DataTable caption={t('planItem.indicatorsCaption')} columns={[t('planItem.colIndicator'), { label: t('planItem.colBaseline'), numeric: true }, { label: t('planItem.colTarget'), numeric: true }, { label: t('planItem.colValue'), numeric: true }]}>
          {item.indicators.map((i) => {
            const progress = item.indicatorProgress.get(i.id);
            return (
              <tr key={i.id}>
                <th scope="row">
                  <Text value={i.name} /> (<Text value={i.unit} />)
                </th>
                <td class="numeric">{i.baseline === null ? '—' : number(Number(i.baseline))}</td>
                <td class="numeric">{i.target === null ? '—' : number(Number(i.target))}</td>
                <td class="numeric">
                  {progress === undefined || progress.value === null ? '—' : number(progress.value)}
                  {progress !== undefined && progress.share !== null && ` (${number(Math.round(progress.share * 100))} %)`}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {canEdit && !item.cancelledAt && (
        <p class="actions">
          <a href={href(`/office/plan/${planId}/items/${item.id}/edit`)}>{t('planItem.edit')}</a> <a href={href(`/office/plan/${planId}/items/${item.id}/cancel`)}>{t('planItem.cancel')}</a>
        </p>
      )}
    </article>
  );
}

export function PlanPage(props: PlanPageProps) {
  const { plan, sections, items, canEdit, canManage, problems } = props;
  const { t, href } = usePage();
  const words = usePlanWords();
  const groups: { id: string | null; position: number; title: LocalizedText | null }[] = [...sections.map((s) => ({ id: s.id, position: s.position, title: s.title })), { id: null, position: 0, title: null }];
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/plan')}>{t('plan.backToList')}</a>
      </p>
      <p class="hint">
        <Text value={plan.organizationName} />
      </p>
      <h1>
        <Text value={plan.title} />
      </h1>
      <dl class="summary-list">
        <div>
          <dt>{t('plan.colPeriod')}</dt>
          <dd>{words.period(plan)}</dd>
        </div>
        <div>
          <dt>{t('plan.colStatus')}</dt>
          <dd>
            <strong class="tag">{words.status(plan.status)}</strong>
          </dd>
        </div>
        {plan.adoptionDecision && (
          <div>
            <dt>{t('plan.colAdoptedBy')}</dt>
            <dd>{words.decision(plan.adoptionDecision)}</dd>
          </div>
        )}
        {plan.supersededBy && (
          <div>
            <dt>{t('plan.supersededBy')}</dt>
            <dd>
              <a href={href(`/office/plan/${plan.supersededBy.id}`)}>
                <Text value={plan.supersededBy.title} />
              </a>
            </dd>
          </div>
        )}
        {props.predecessors.length > 0 && (
          <div>
            <dt>{t('plan.replaces')}</dt>
            <dd>
              {props.predecessors.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && '; '}
                  <a href={href(`/office/plan/${p.id}`)}>
                    <Text value={p.title} />
                  </a>
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {!canEdit && (plan.status === 'completed' || plan.status === 'superseded') && (
        <Notice>
          <p>{t('plan.readOnlyNotice')}</p>
        </Notice>
      )}
      {canManage && (
        <div class="actions">
          {canEdit && (
            <>
              <a class="button" href={href(`/office/plan/${plan.id}/items/new`)}>
                {t('planItem.add')}
              </a>
              <a class="button button--secondary" href={href(`/office/plan/${plan.id}/edit`)}>
                {t('plan.edit')}
              </a>
            </>
          )}
          {plan.status === 'draft' && (
            <>
              <a class="button button--secondary" href={href(`/office/plan/import?plan=${plan.id}`)}>
                {t('planImport.link')}
              </a>
              <a class="button button--secondary" href={href(`/office/plan/${plan.id}/adopt`)}>
                {t('plan.adopt')}
              </a>
            </>
          )}
          {plan.status === 'adopted' && (
            <>
              <a class="button button--secondary" href={href(`/office/plan/${plan.id}/complete`)}>
                {t('plan.complete')}
              </a>
              <a class="button button--secondary" href={href(`/office/plan/${plan.id}/supersede`)}>
                {t('plan.supersede')}
              </a>
            </>
          )}
        </div>
      )}
      {items.length === 0 && <p>{t('planItem.none')}</p>}
      {groups.map((g) => {
        const inGroup = items.filter((i) => i.sectionId === g.id);
        if (g.id === null && inGroup.length === 0) return null;
        return (
          <section key={g.id ?? 'none'} aria-labelledby={`section-${g.id ?? 'none'}`}>
            <h2 id={`section-${g.id ?? 'none'}`}>{g.title ? <>{t('planForm.sectionHeading', { n: g.position })} <Text value={g.title} /></> : t('planForm.noSection')}</h2>
            {inGroup.length === 0 && <p class="hint">{t('planForm.sectionEmpty')}</p>}
            {inGroup.map((i) => (
              <Item key={i.id} item={i} decisions={props.decisions} meetings={props.meetings} canEdit={canEdit} planId={plan.id} />
            ))}
            {canEdit && g.id && <RenameSection planId={plan.id} version={plan.version} section={{ id: g.id, position: g.position, title: g.title }} problems={problems} />}
          </section>
        );
      })}
      {canEdit && (
        <section aria-labelledby="add-section-title" class="form-narrow">
          <h2 id="add-section-title">{t('planForm.addSection')}</h2>
          <Form action={href(`/office/plan/${plan.id}/sections`)}>
            <input type="hidden" name="version" value={String(plan.version)} />
            <TextField name="titleKk" label={t('planForm.sectionKk')} value={props.sectionAnswers.titleKk} problems={problems} />
            <TextField name="titleRu" label={t('planForm.sectionRu')} value={props.sectionAnswers.titleRu} problems={problems} />
            <TextField name="titleEn" label={t('planForm.sectionEn')} value={props.sectionAnswers.titleEn} problems={problems} />
            <button class="button button--secondary" type="submit">
              {t('planForm.addSectionSubmit')}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}

function RenameSection({ planId, version, section, problems }: { planId: string; version: number; section: { id: string; position: number; title: LocalizedText | null }; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  const idPrefix = `section-${section.id}`;
  const mine = problems.filter((p) => p.idPrefix === idPrefix);
  return (
    <details open={mine.length > 0}>
      <summary>{t('planForm.renameSection')}</summary>
      <Form action={href(`/office/plan/${planId}/sections/${section.id}`)}>
        <input type="hidden" name="version" value={String(version)} />
        <TextField idPrefix={idPrefix} name="titleKk" label={t('planForm.sectionKkOf', { n: section.position })} value={section.title?.kk ?? ''} problems={mine} />
        <TextField idPrefix={idPrefix} name="titleRu" label={t('planForm.sectionRuOf', { n: section.position })} value={section.title?.ru ?? ''} problems={mine} />
        <TextField idPrefix={idPrefix} name="titleEn" label={t('planForm.sectionEnOf', { n: section.position })} value={section.title?.en ?? ''} problems={mine} />
        <button class="button button--secondary" type="submit">
          {t('planForm.renameSectionSubmit')}
        </button>
      </Form>
    </details>
  );
}
