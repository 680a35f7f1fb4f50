import { DataTable, ErrorSummary, Form, Text, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';

export interface OrganizationOption {
  id: string;
  name: LocalizedText;
}

function RoleAndOrganizationFields({ roles, organizations, role, organizationId, problems }: { roles: readonly string[]; organizations: OrganizationOption[]; role: string; organizationId: string; problems: FieldProblem[] }) {
  const page = usePage();
  const { t } = page;
  const roleProblem = problems.find((p) => p.field === 'role');
  const orgProblem = problems.find((p) => p.field === 'organizationId');
  return (
    <>
      <div class={roleProblem ? 'form-group form-group--error' : 'form-group'}>
        <label class="label" for="field-role">
          {t('people.role')}
        </label>
        {roleProblem && <p class="field-error" id="field-role-error">{t(roleProblem.messageKey)}</p>}
        <select class="input" id="field-role" name="role" aria-describedby={roleProblem ? 'field-role-error' : undefined}>
          <option value="">{t('people.choose')}</option>
          {roles.map((r) => (
            <option key={r} value={r} selected={r === role}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div class={orgProblem ? 'form-group form-group--error' : 'form-group'}>
        <label class="label" for="field-organizationId">
          {t('people.organization')}
        </label>
        <p class="hint" id="field-organizationId-hint">{t('people.organizationHint')}</p>
        {orgProblem && <p class="field-error" id="field-organizationId-error">{t(orgProblem.messageKey)}</p>}
        <select class="input" id="field-organizationId" name="organizationId" aria-describedby={orgProblem ? 'field-organizationId-hint field-organizationId-error' : 'field-organizationId-hint'}>
          <option value="">{t('people.choose')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id} selected={o.id === organizationId}>
              {page.localize(o.name).text}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

export interface PersonRow {
  id: string;
  email: string;
  displayName: string;
  isActive: boolean;
  totpEnabled: boolean;
  invited: boolean;
  roles: string[];
}

export function PeoplePage({ people, invited }: { people: PersonRow[]; invited: string | undefined }) {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('people.title')}</h1>
      {invited && (
        <div class="notice notice--success" role="status">
          <p>{t('people.invitedNotice', { email: invited })}</p>
        </div>
      )}
      <p>
        <a class="button" href={href('/office/admin/people/invite')}>
          {t('people.invite')}
        </a>
      </p>
      <DataTable caption={t('people.title')} columns={[t('people.name'), t('signIn.email'), t('people.roles'), t('people.status')]}>
            {people.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={href(`/office/admin/people/${p.id}`)}>{p.displayName}</a>
                </th>
                <td>{p.email}</td>
                <td>{p.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ') || '—'}</td>
                <td>
                  {!p.isActive ? t('people.statusInactive') : p.invited ? t('people.statusInvited') : t('people.statusActive')}
                  {p.totpEnabled && <span class="hint"> · {t('people.twoFactorOn')}</span>}
                </td>
              </tr>
            ))}
          </DataTable>
    </>
  );
}

export function InvitePage(props: { email: string; displayName: string; role: string; organizationId: string; roles: readonly string[]; organizations: OrganizationOption[]; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={props.problems} />
      <h1>{t('people.invite')}</h1>
      <p>{t('people.inviteLead')}</p>
      <Form action={href('/office/admin/people/invite')}>
        <TextField name="displayName" label={t('people.name')} value={props.displayName} autocomplete="off" problems={props.problems} />
        <TextField name="email" type="email" label={t('signIn.email')} value={props.email} autocomplete="off" problems={props.problems} />
        <RoleAndOrganizationFields roles={props.roles} organizations={props.organizations} role={props.role} organizationId={props.organizationId} problems={props.problems} />
        <button class="button" type="submit">
          {t('people.sendInvitation')}
        </button>
      </Form>
    </div>
  );
}

export interface GrantAnswers {
  role: string;
  organizationId: string;
  validFrom: string;
  validTo: string;
}

export interface PersonDetail {
  id: string;
  email: string;
  displayName: string;
  isActive: boolean;
  version: number;
  totpEnabledAt: Date | null;
  lastSignInAt: Date | null;
  grants: { id: string; role: string; organizationId: string; validFrom: string | null; validTo: string | null; revokedAt: Date | null; createdAt: Date }[];
}

function GrantPeriod({ validFrom, validTo }: { validFrom: string | null; validTo: string | null }) {
  const { t, date } = usePage();
  if (!validFrom && !validTo) return null;
  const from = validFrom ? date(validFrom) : '…';
  const to = validTo ? date(validTo) : '…';
  return <span class="hint"> ({t('people.period', { from, to })})</span>;
}

export function PersonPage({ person, organizations, roles, problems, answers }: { person: PersonDetail; organizations: OrganizationOption[]; roles: readonly string[]; problems: FieldProblem[]; answers?: GrantAnswers | undefined }) {
  const { t, href, dateTime } = usePage();
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{person.displayName}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t('signIn.email')}</dt>
          <dd>{person.email}</dd>
        </div>
        <div>
          <dt>{t('people.status')}</dt>
          <dd>{person.isActive ? t('people.statusActive') : t('people.statusInactive')}</dd>
        </div>
        <div>
          <dt>{t('people.twoFactor')}</dt>
          <dd>{person.totpEnabledAt ? t('people.twoFactorOn') : t('people.twoFactorOff')}</dd>
        </div>
        <div>
          <dt>{t('people.lastSignIn')}</dt>
          <dd>{person.lastSignInAt ? dateTime(person.lastSignInAt) : '—'}</dd>
        </div>
      </dl>

      <h2>{t('people.roles')}</h2>
      <ul>
        {person.grants.map((g) => (
          <li key={g.id}>
            <strong>{t(`role.${g.role}` as MessageKey)}</strong> — <Text value={orgName.get(g.organizationId)} />
            <GrantPeriod validFrom={g.validFrom} validTo={g.validTo} />
            {g.revokedAt ? (
              <span class="hint"> ({t('people.revokedOn', { date: dateTime(g.revokedAt) })})</span>
            ) : (
              <Form action={href(`/office/admin/people/${person.id}/grants/${g.id}/revoke`)}>
                <button class="button button--secondary" type="submit">
                  {t('people.revoke')}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>

      <h2>{t('people.addRole')}</h2>
      <Form action={href(`/office/admin/people/${person.id}/grants`)}>
        <RoleAndOrganizationFields roles={roles} organizations={organizations} role={answers?.role ?? ''} organizationId={answers?.organizationId ?? ''} problems={problems} />
        <TextField name="validFrom" label={t('people.validFrom')} hint={t('people.datesHint')} value={answers?.validFrom} problems={problems} />
        <TextField name="validTo" label={t('people.validTo')} hint={t('people.datesHint')} value={answers?.validTo} problems={problems} />
        <button class="button" type="submit">
          {t('people.grant')}
        </button>
      </Form>

      <h2>{t('people.accessTitle')}</h2>
      <Form action={href(`/office/admin/people/${person.id}/${person.isActive ? 'deactivate' : 'reactivate'}`)}>
        <input type="hidden" name="version" value={String(person.version)} />
        <p>{person.isActive ? t('people.deactivateHint') : t('people.reactivateHint')}</p>
        <button class="button button--secondary" type="submit">
          {person.isActive ? t('people.deactivate') : t('people.reactivate')}
        </button>
      </Form>
    </>
  );
}
