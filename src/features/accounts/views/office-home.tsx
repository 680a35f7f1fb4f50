import { usePage } from '../../../core/html/page-context.js';
import { Text } from '../../../core/html/components.js';
import type { Role } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { AttentionItem } from '../../../core/attention.js';

export interface GrantView {
  role: Role;
  organizationSlug: string;
  organizationName: LocalizedText;
  scopeCount: number;
}

/** Where each role's work is: a maslikhat's deputies for its staff, the Council for the secretariat. */
function WorkLinks({ grants }: { grants: GrantView[] }) {
  const { t, href } = usePage();
  const maslikhats = grants.filter((g) => g.role === 'maslikhat_staff' && g.organizationSlug.startsWith('maslikhat-'));
  const council = grants.some((g) => g.role === 'secretariat' || g.role === 'admin');
  if (!maslikhats.length && !council) return null;
  return (
    <>
      <h2>{t('office.workTitle')}</h2>
      <ul>
        {maslikhats.map((g) => (
          <li key={g.organizationSlug}>
            <a href={href(`/office/maslikhats/${g.organizationSlug}/deputies`)}>
              {t('office.deputiesOf')} <Text value={g.organizationName} />
            </a>
          </li>
        ))}
        {maslikhats.map((g) => (
          <li key={`${g.organizationSlug}-plan`}>
            <a href={href(`/office/maslikhats/${g.organizationSlug}/plan`)}>
              {t('office.planObligationsOf')} <Text value={g.organizationName} />
            </a>
          </li>
        ))}
        {maslikhats.length > 0 && (
          <li>
            <a href={href('/office/invitations')}>{t('office.invitationsLink')}</a>
          </li>
        )}
        {council && (
          <>
            <li>
              <a href={href('/office/meetings')}>{t('office.meetingsLink')}</a>
            </li>
            <li>
              <a href={href('/office/council')}>{t('councilOffice.title')}</a>
            </li>
            <li>
              <a href={href('/office/plan')}>{t('office.planLink')}</a>
            </li>
            <li>
              <a href={href('/office/plan/reports')}>{t('office.planReportsLink')}</a>
            </li>
          </>
        )}
      </ul>
    </>
  );
}

export function OfficeHomePage({ displayName, grants, isAdmin, attention }: { displayName: string; grants: GrantView[]; isAdmin: boolean; attention: AttentionItem[] }) {
  const { t, href } = usePage();
  return (
    <>
      <h1>{t('office.title')}</h1>
      <p class="lead">{t('office.welcome', { name: displayName })}</p>

      <h2>{t('office.rolesTitle')}</h2>
      {grants.length === 0 ? (
        <p>{t('office.noRoles')}</p>
      ) : (
        <ul>
          {grants.map((g) => (
            <li key={`${g.role}-${g.organizationName.en}`}>
              <strong>{t(`role.${g.role}`)}</strong> — <Text value={g.organizationName} />
              {g.scopeCount > 1 && <span class="hint"> ({t('office.scopeIncludes', { count: g.scopeCount - 1 })})</span>}
            </li>
          ))}
        </ul>
      )}

      <WorkLinks grants={grants} />

      <h2>{t('office.attentionTitle')}</h2>
      {attention.length === 0 ? (
        <p>{t('office.attentionEmpty')}</p>
      ) : (
        <ul class="attention-list">
          {attention.map((item) => (
            <li key={item.messageKey}>
              <a href={href(item.href)}>{t(item.messageKey, item.values)}</a>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('office.yourAccountTitle')}</h2>
      <ul>
        <li>
          <a href={href('/office/sessions')}>{t('office.sessionsLink')}</a>
        </li>
        <li>
          <a href={href('/office/api-tokens')}>{t('office.apiTokensLink')}</a>
        </li>
      </ul>
      {isAdmin && (
        <>
          <h2>{t('office.adminTitle')}</h2>
          <ul>
            <li>
              <a href={href('/office/admin/people')}>{t('office.peopleLink')}</a>
            </li>
            <li>
              <a href={href('/office/admin/reference')}>{t('reference.title')}</a>
            </li>
            <li>
              <a href={href('/office/admin/sessions')}>{t('adminSessions.title')}</a>
            </li>
            <li>
              <a href={href('/office/admin/audit')}>{t('office.auditLink')}</a>
            </li>
            <li>
              <a href={href('/office/admin/outbox')}>{t('office.outboxLink')}</a>
            </li>
          </ul>
        </>
      )}
    </>
  );
}
