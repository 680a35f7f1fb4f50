import { DataTable, ErrorSummary, Form, RadioField, SelectField, Text, TextField } from '../../../../core/html/components.js';
import { usePage } from '../../../../core/html/page-context.js';
import type { FieldProblem } from '../../../../core/errors.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { CouncilMember } from '../../registry.service.js';

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

export function CouncilOfficePage({ councilName, members, decisions }: { councilName: LocalizedText; members: CouncilMember[]; decisions: DecisionOption[] }) {
  const { t, href, date } = usePage();
  const label = useDecisionLabel();
  const decisionById = new Map(decisions.map((d) => [d.id, d]));
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
          {decisions.map((d) => (
            <li key={d.id}>{label(d)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface DecisionAnswers {
  number: string;
  date: string;
  kind: string;
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

export interface AdmitAnswers {
  decisionId: string;
  memberType: string;
  familyNameKk: string;
  givenNameKk: string;
  patronymicKk: string;
  familyNameRu: string;
  givenNameRu: string;
  patronymicRu: string;
  orgNameKk: string;
  orgNameRu: string;
  orgNameEn: string;
  orgClassification: string;
  repFamilyNameKk: string;
  repGivenNameKk: string;
  repFamilyNameRu: string;
  repGivenNameRu: string;
}

export function AdmitPage({ answers: a, decisions, problems }: { answers: AdmitAnswers; decisions: DecisionOption[]; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  const label = useDecisionLabel();
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('admit.title')}</h1>
      <p>{t('admit.lead')}</p>
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
        <div class="form-columns">
          <TextField name="familyNameKk" label={`${t('deputyForm.familyName')} (${t('deputyForm.inKazakh')})`} value={a.familyNameKk} problems={problems} />
          <TextField name="givenNameKk" label={`${t('deputyForm.givenName')} (${t('deputyForm.inKazakh')})`} value={a.givenNameKk} problems={problems} />
          <TextField name="patronymicKk" label={`${t('deputyForm.patronymic')} (${t('deputyForm.inKazakh')})`} value={a.patronymicKk} problems={problems} />
          <TextField name="familyNameRu" label={`${t('deputyForm.familyName')} (${t('deputyForm.inRussian')})`} value={a.familyNameRu} problems={problems} />
          <TextField name="givenNameRu" label={`${t('deputyForm.givenName')} (${t('deputyForm.inRussian')})`} value={a.givenNameRu} problems={problems} />
          <TextField name="patronymicRu" label={`${t('deputyForm.patronymic')} (${t('deputyForm.inRussian')})`} value={a.patronymicRu} problems={problems} />
        </div>
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
