import { DataTable, ErrorSummary, Form, RadioField, Text, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { Role } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { registryPersonQueryMaxLength, type RegistryPersonMatch } from '../people.service.js';

export interface OrganizationOption {
  id: string;
  name: LocalizedText;
}

function RoleAndOrganizationFields({ roles, organizations, role, organizationId, problems }: { roles: readonly Role[]; organizations: OrganizationOption[]; role: string; organizationId: string; problems: FieldProblem[] }) {
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
              {t(`role.${r}`)}
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
  roles: Role[];
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
                <td>{p.roles.map((r) => t(`role.${r}`)).join(', ') || '—'}</td>
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

export function InvitePage(props: { email: string; displayName: string; role: string; organizationId: string; roles: readonly Role[]; organizations: OrganizationOption[]; problems: FieldProblem[] }) {
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
  grants: { id: string; role: Role; organizationId: string; validFrom: string | null; validTo: string | null; revokedAt: Date | null; createdAt: Date }[];
  registryPerson: RegistryPersonMatch | null;
}

function GrantPeriod({ validFrom, validTo }: { validFrom: string | null; validTo: string | null }) {
  const { t, date } = usePage();
  if (!validFrom && !validTo) return null;
  const from = validFrom ? date(validFrom) : '…';
  const to = validTo ? date(validTo) : '…';
  return <span class="hint"> ({t('people.period', { from, to })})</span>;
}

export function PersonPage({ person, organizations, roles, problems, answers }: { person: PersonDetail; organizations: OrganizationOption[]; roles: readonly Role[]; problems: FieldProblem[]; answers?: GrantAnswers | undefined }) {
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
            <strong>{t(`role.${g.role}`)}</strong> — <Text value={orgName.get(g.organizationId)} />
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

      <RegistryPersonSection person={person} />

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

// ── The registry person an account belongs to ──

/** Today's posts in one line: "member, <the Council>; deputy, <a maslikhat>". */
function usePostsText() {
  const { t, localize } = usePage();
  return (posts: RegistryPersonMatch['posts']) =>
    posts.map((p) => `${p.label ? localize(p.label).text : t(`directory.role.${p.role}`)}, ${localize(p.organizationName).text}`).join('; ') || t('accountPerson.noPosts');
}

const upperFirst = (text: string, lang: string) => text.charAt(0).toLocaleUpperCase(lang === 'kk-latn' ? 'kk' : lang) + text.slice(1);

const registryPersonSearchPath = (accountId: string) => `/office/admin/people/${accountId}/registry-person`;

function RegistryPersonSearchForm({ accountId, query, problems }: { accountId: string; query: string; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <Form method="get" action={href(registryPersonSearchPath(accountId))}>
      <TextField name="q" type="search" label={t('accountPerson.searchLabel')} hint={t('accountPerson.searchHint', { max: registryPersonQueryMaxLength })} value={query} autocomplete="off" problems={problems} />
      <button class="button" type="submit">
        {t('accountPerson.search')}
      </button>
    </Form>
  );
}

function RegistryPersonSection({ person }: { person: PersonDetail }) {
  const { t, href, lang } = usePage();
  const postsText = usePostsText();
  const linked = person.registryPerson;
  return (
    <section aria-labelledby="registry-person">
      <h2 id="registry-person">{t('accountPerson.title')}</h2>
      {linked ? (
        <>
          <p>{t('accountPerson.linkedLead')}</p>
          <dl class="summary-list">
            <div>
              <dt>{t('accountPerson.name')}</dt>
              <dd>
                <a href={href(`/deputies/${linked.id}`)}>
                  <Text value={linked.name} />
                </a>
              </dd>
            </div>
            <div>
              <dt>{t('accountPerson.posts')}</dt>
              <dd>{upperFirst(postsText(linked.posts), lang)}</dd>
            </div>
          </dl>
          <Form action={href(`${registryPersonSearchPath(person.id)}/unlink`)}>
            <input type="hidden" name="version" value={String(person.version)} />
            <button class="button button--secondary" type="submit">
              {t('accountPerson.unlink')}
            </button>
          </Form>
          <p>
            <a href={href(registryPersonSearchPath(person.id))}>{t('accountPerson.change')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('accountPerson.notLinked')}</p>
          <RegistryPersonSearchForm accountId={person.id} query="" problems={[]} />
        </>
      )}
    </section>
  );
}

export interface RegistryPersonSearch {
  query: string;
  /** Undefined until a valid query is searched for. */
  matches: RegistryPersonMatch[] | undefined;
  limited: boolean;
  chosen: string;
}

/** Finding the person an account belongs to: search by name (any spelling), then choose one. */
export function RegistryPersonPage({ account, search, problems }: { account: { id: string; displayName: string; version: number }; search: RegistryPersonSearch; problems: FieldProblem[] }) {
  const { t, href, localize } = usePage();
  const postsText = usePostsText();
  const { matches } = search;
  const optionLabel = (m: RegistryPersonMatch) => {
    const holder = m.accountId === account.id ? t('accountPerson.linkedHere') : m.accountEmail ? t('accountPerson.linkedTo', { email: m.accountEmail }) : '';
    return `${localize(m.name).text} — ${postsText(m.posts)}${holder ? ` (${holder})` : ''}`;
  };
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href(`/office/admin/people/${account.id}`)}>{t('accountPerson.back')}</a>
      </p>
      <h1>{t('accountPerson.searchTitle', { name: account.displayName })}</h1>
      <RegistryPersonSearchForm accountId={account.id} query={search.query} problems={problems} />
      {matches && (
        <section aria-labelledby="registry-person-results">
          <h2 id="registry-person-results">{t('accountPerson.resultsTitle', { query: search.query })}</h2>
          {matches.length === 0 ? (
            <p>{t('accountPerson.noMatches')}</p>
          ) : (
            <Form action={href(registryPersonSearchPath(account.id))}>
              <input type="hidden" name="version" value={String(account.version)} />
              <input type="hidden" name="q" value={search.query} />
              <RadioField name="personId" label={t('accountPerson.choose')} value={search.chosen} options={matches.map((m) => ({ value: m.id, label: optionLabel(m) }))} problems={problems} />
              {search.limited && <p class="hint">{t('accountPerson.limited', { count: matches.length })}</p>}
              <button class="button" type="submit">
                {t('accountPerson.link')}
              </button>
            </Form>
          )}
        </section>
      )}
    </>
  );
}
