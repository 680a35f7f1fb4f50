import { DataTable, ErrorSummary, Form, Notice, RadioField, SelectField, Text, TextField } from '../../../../core/html/components.js';
import { AdmissionProgressLine } from '../../admission-progress.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { PostRecord } from '../../staff.service.js';
import type { CouncilMember } from '../../registry.service.js';
import type { AdmissionProgress } from '../../staff.service.js';
import { PersonNameFields, type PersonNameAnswers } from './person-name-fields.js';

export interface DecisionOption {
  id: string;
  number: string | null;
  decisionDate: string;
  kind: string;
  title: LocalizedText;
}

function useDecisionLabel() {
  const { localize, date, t } = usePage();
  return (d: DecisionOption) => `${d.number ? `№ ${d.number}, ` : ''}${date(d.decisionDate)} — ${localize(d.title).text}${d.kind ? ` (${t(`decisionKind.${d.kind as 'other'}`)})` : ''}`;
}

/** The Council's chair and deputy chairs, current and past, with the way to name one and to end a term. */
function Leadership({ posts }: { posts: PostRecord[] }) {
  const { t, href, date } = usePage();
  return (
    <section aria-labelledby="leadership-title">
      <h2 id="leadership-title">{t('councilPost.title')}</h2>
      {posts.length === 0 ? (
        <p>{t('councilPost.none')}</p>
      ) : (
        <DataTable caption={t('councilPost.title')} columns={[t('councilPost.colPost'), t('councilPost.colPerson'), t('councilPost.colTerm'), t('councilOffice.colActions')]}>
          {posts.map((p) => (
            <tr key={p.id}>
              <td>
                {t(`councilPost.role.${p.role}`)}
                {p.label && (
                  <span class="hint">
                    {' '}
                    (<Text value={p.label} />)
                  </span>
                )}
              </td>
              <th scope="row">
                <Text value={p.personName} />
              </th>
              <td>{p.endDate ? t('people.period', { from: p.startDate ? date(p.startDate) : '…', to: date(p.endDate) }) : t('councilPost.since', { date: p.startDate ? date(p.startDate) : '…' })}</td>
              <td>{!p.endDate && <a href={href(`/office/council/posts/${p.id}/end`)}>{t('councilPost.end')}</a>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p>
        <a class="button button--secondary" href={href('/office/council/posts/new')}>
          {t('councilPost.add')}
        </a>
      </p>
    </section>
  );
}

export function CouncilOfficePage({
  councilName,
  members,
  decisions,
  posts,
  admissions,
}: {
  councilName: LocalizedText;
  members: CouncilMember[];
  decisions: DecisionOption[];
  posts: PostRecord[];
  admissions: AdmissionProgress[];
}) {
  const { t, href, date } = usePage();
  const label = useDecisionLabel();
  const decisionById = new Map(decisions.map((d) => [d.id, d]));
  const progressById = new Map(admissions.map((a) => [a.id, a]));
  const toEnter = admissions.filter((a) => !a.complete);
  return (
    <>
      <p class="hint">
        <Text value={councilName} />
      </p>
      <h1>{t('councilOffice.title')}</h1>
      <div class="actions">
        <a class="button" href={href('/office/council/admit')}>
          {t('councilOffice.admit')}
        </a>
        <a class="button button--secondary" href={href('/office/council/decisions/new')}>
          {t('councilOffice.recordDecision')}
        </a>
      </div>
      <Leadership posts={posts} />
      {toEnter.length > 0 && (
        <section aria-labelledby="admissions-title">
          <h2 id="admissions-title">{t('admissions.title')}</h2>
          <ul>
            {toEnter.map((a) => (
              <li key={a.id}>
                {label({ ...a, kind: '' })} — <AdmissionProgressLine progress={a} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{t('councilOffice.membersTitle')}</h2>
      <DataTable caption={t('councilOffice.membersTitle')} columns={[t('councilOffice.colMember'), t('councilOffice.colKind'), t('councilOffice.colSince'), t('councilOffice.colActions')]}>
        {members.map((m) => (
          <tr key={m.id}>
            <th scope="row">
              <Text value={m.memberName} />
              {m.representatives.length > 0 && (
                <span class="hint">
                  {' '}
                  — {t('councilOffice.representedBy')}{' '}
                  {m.representatives.map((r, i) => (
                    <span key={i}>
                      {i > 0 && ', '}
                      <Text value={r} />
                    </span>
                  ))}
                </span>
              )}
            </th>
            <td>{t(m.memberOrganizationId ? 'councilOffice.collective' : 'councilOffice.individual')}</td>
            <td>
              {m.startDate ? date(m.startDate) : '—'}
              {m.startDecisionId && decisionById.get(m.startDecisionId) && <span class="hint"> ({label(decisionById.get(m.startDecisionId)!)})</span>}
            </td>
            <td>
              <a href={href(`/office/council/members/${m.id}/withdraw`)}>{t('councilOffice.withdraw')}</a>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{t('councilOffice.decisionsTitle')}</h2>
      {decisions.length === 0 ? (
        <p>{t('councilOffice.noDecisions')}</p>
      ) : (
        <ul>
          {decisions.map((d) => {
            const progress = progressById.get(d.id);
            return (
              <li key={d.id}>
                {label(d)}
                {progress && (
                  <span class="hint">
                    {' — '}
                    <AdmissionProgressLine progress={progress} action="none" />
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export interface DecisionAnswers {
  number: string;
  date: string;
  kind: string;
  /** How many members an admission admits. */
  admits: string;
  titleKk: string;
  titleRu: string;
  titleEn: string;
}

export function DecisionFormPage({ answers, problems }: { answers: DecisionAnswers; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('decisionForm.title')}</h1>
      <p>{t('decisionForm.lead')}</p>
      <Form action={href('/office/council/decisions/new')}>
        <TextField name="number" label={t('decisionForm.number')} value={answers.number} problems={problems} />
        <TextField name="date" label={t('decisionForm.date')} hint={t('deputyForm.dateHint')} value={answers.date} problems={problems} />
        <SelectField
          name="kind"
          label={t('decisionForm.kind')}
          value={answers.kind}
          placeholder={t('people.choose')}
          options={(['admission', 'withdrawal', 'plan_adoption', 'recommendation', 'other'] as const).map((k) => ({ value: k, label: t(`decisionKind.${k}`) }))}
          problems={problems}
        />
        <TextField name="admits" type="number" label={t('decisionForm.admits')} hint={t('decisionForm.admitsHint')} value={answers.admits} problems={problems} />
        <TextField name="titleKk" label={t('decisionForm.titleKk')} value={answers.titleKk} problems={problems} />
        <TextField name="titleRu" label={t('decisionForm.titleRu')} value={answers.titleRu} problems={problems} />
        <TextField name="titleEn" label={t('decisionForm.titleEn')} value={answers.titleEn} problems={problems} />
        <button class="button" type="submit">
          {t('decisionForm.save')}
        </button>
      </Form>
    </div>
  );
}

export interface AdmitAnswers extends PersonNameAnswers {
  decisionId: string;
  memberType: string;
  orgNameKk: string;
  orgNameRu: string;
  orgNameEn: string;
  orgClassification: string;
  repFamilyNameKk: string;
  repGivenNameKk: string;
  repFamilyNameRu: string;
  repGivenNameRu: string;
}

export function AdmitPage({ answers: a, decisions, problems, progress }: { answers: AdmitAnswers; decisions: DecisionOption[]; problems: FieldProblem[]; progress?: AdmissionProgress | undefined }) {
  const { t, href } = usePage();
  const label = useDecisionLabel();
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('admit.title')}</h1>
      <p>{t('admit.lead')}</p>
      {progress && (
        <Notice kind={progress.complete ? 'success' : 'info'}>
          <p>
            {label({ ...progress, kind: '' })}: <AdmissionProgressLine progress={progress} action="none" />
          </p>
        </Notice>
      )}
      {decisions.length === 0 && (
        <div class="notice notice--warning">
          <p>
            {t('admit.noDecision')} <a href={href('/office/council/decisions/new')}>{t('councilOffice.recordDecision')}</a>
          </p>
        </div>
      )}
      <Form action={href('/office/council/admit')}>
        <SelectField name="decisionId" label={t('admit.decision')} value={a.decisionId} placeholder={t('people.choose')} options={decisions.map((d) => ({ value: d.id, label: label(d) }))} problems={problems} />
        <RadioField
          name="memberType"
          label={t('admit.memberType')}
          value={a.memberType}
          options={[
            { value: 'organization', label: t('admit.typeOrganization') },
            { value: 'person', label: t('admit.typePerson') },
          ]}
          problems={problems}
        />
        <h2>{t('admit.organizationTitle')}</h2>
        <TextField name="orgNameKk" label={t('admit.orgNameKk')} value={a.orgNameKk} problems={problems} />
        <TextField name="orgNameRu" label={t('admit.orgNameRu')} value={a.orgNameRu} problems={problems} />
        <TextField name="orgNameEn" label={t('admit.orgNameEn')} value={a.orgNameEn} problems={problems} />
        <SelectField
          name="orgClassification"
          label={t('admit.classification')}
          value={a.orgClassification}
          placeholder={t('people.choose')}
          options={(['government_body', 'institute', 'media', 'association'] as const).map((c) => ({ value: c, label: t(`orgKind.${c}`) }))}
          problems={problems}
        />
        <div class="form-columns">
          <TextField name="repFamilyNameKk" label={t('admit.repFamilyNameKk')} value={a.repFamilyNameKk} problems={problems} />
          <TextField name="repGivenNameKk" label={t('admit.repGivenNameKk')} value={a.repGivenNameKk} problems={problems} />
          <TextField name="repFamilyNameRu" label={t('admit.repFamilyNameRu')} value={a.repFamilyNameRu} problems={problems} />
          <TextField name="repGivenNameRu" label={t('admit.repGivenNameRu')} value={a.repGivenNameRu} problems={problems} />
        </div>
        <h2>{t('admit.personTitle')}</h2>
        <PersonNameFields answers={a} problems={problems} />
        <button class="button" type="submit">
          {t('admit.submit')}
        </button>
      </Form>
    </>
  );
}

export function WithdrawPage({ membershipId, version, decisions, decisionId, problems }: { membershipId: string; version: number; decisions: DecisionOption[]; decisionId: string; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  const label = useDecisionLabel();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('withdraw.title')}</h1>
      <p>{t('withdraw.lead')}</p>
      <Form action={href(`/office/council/members/${membershipId}/withdraw`)}>
        <input type="hidden" name="version" value={String(version)} />
        <SelectField name="decisionId" label={t('admit.decision')} value={decisionId} placeholder={t('people.choose')} options={decisions.map((d) => ({ value: d.id, label: label(d) }))} problems={problems} />
        <button class="button" type="submit">
          {t('withdraw.submit')}
        </button>
      </Form>
    </div>
  );
}

export interface PostAnswers extends PersonNameAnswers {
  role: string;
  /** The search that found the people to choose from (kept across the form's submits). */
  q: string;
  /** A found person's id, or 'new' for a person entered below. */
  personId: string;
  labelKk: string;
  labelRu: string;
  labelEn: string;
  startDate: string;
  endDate: string;
}

export interface PersonChoice {
  id: string;
  name: LocalizedText;
}

/**
 * Names the Council's chair or a deputy chair: a person found in the registry (by name, a search
 * that works without JavaScript) or a new one, from a day and, when known, to a day.
 */
export function PostFormPage({ answers: a, found, problems }: { answers: PostAnswers; found: PersonChoice[] | undefined; problems: FieldProblem[] }) {
  const { t, href, localize } = usePage();
  const choices = [...(found ?? []).map((p) => ({ value: p.id, label: localize(p.name).text })), { value: 'new', label: t('councilPost.newPerson') }];
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('councilPost.addTitle')}</h1>
      <p>{t('councilPost.lead')}</p>
      <Form action={href('/office/council/posts/new')} method="get">
        <input type="hidden" name="role" value={a.role} />
        <TextField name="q" label={t('councilPost.find')} hint={t('councilPost.findHint')} value={a.q} problems={problems.filter((p) => p.field === 'q')} />
        <button class="button button--secondary" type="submit">
          {t('councilPost.findButton')}
        </button>
      </Form>
      {found && found.length === 0 && <p>{t('councilPost.noneFound')}</p>}
      <Form action={href('/office/council/posts/new')}>
        <input type="hidden" name="q" value={a.q} />
        <RadioField
          name="role"
          label={t('councilPost.post')}
          value={a.role}
          options={[
            { value: 'head', label: t('councilPost.role.head') },
            { value: 'deputy_head', label: t('councilPost.role.deputy_head') },
          ]}
          problems={problems}
        />
        <RadioField name="personId" label={t('councilPost.person')} value={a.personId} options={choices} problems={problems} />
        <h2>{t('councilPost.newPersonTitle')}</h2>
        <PersonNameFields answers={a} problems={problems} />
        <h2>{t('councilPost.termTitle')}</h2>
        <TextField name="labelKk" label={t('councilPost.labelKk')} hint={t('councilPost.labelHint')} value={a.labelKk} problems={problems} />
        <TextField name="labelRu" label={t('councilPost.labelRu')} value={a.labelRu} problems={problems} />
        <TextField name="labelEn" label={t('councilPost.labelEn')} value={a.labelEn} problems={problems} />
        <TextField name="startDate" label={t('councilPost.startDate')} hint={t('deputyForm.dateHint')} value={a.startDate} problems={problems} />
        <TextField name="endDate" label={t('councilPost.endDate')} hint={t('councilPost.endDateHint')} value={a.endDate} problems={problems} />
        <button class="button" type="submit">
          {t('councilPost.save')}
        </button>
      </Form>
    </>
  );
}

export function EndPostPage({ post, endDate, problems }: { post: { id: string; role: string; personName: LocalizedText | null; startDate: string | null; version: number }; endDate: string; problems: FieldProblem[] }) {
  const { t, href, date } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('councilPost.endTitle')}</h1>
      <p>
        {t(`councilPost.role.${post.role as 'head'}`)}: <Text value={post.personName} />
        {post.startDate && <> — {t('councilPost.since', { date: date(post.startDate) })}</>}
      </p>
      <Form action={href(`/office/council/posts/${post.id}/end`)}>
        <input type="hidden" name="version" value={String(post.version)} />
        <TextField name="endDate" label={t('councilPost.lastDay')} hint={t('deputyForm.dateHint')} value={endDate} problems={problems} />
        <button class="button" type="submit">
          {t('councilPost.endSubmit')}
        </button>
      </Form>
    </div>
  );
}
