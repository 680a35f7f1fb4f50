import { usePage } from '../../../core/html/page-context.js';
import { Text } from '../../../core/html/components.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { AttentionItem } from '../../../core/attention.js';

export interface GrantView {
  role: string;
  organizationName: LocalizedText;
  scopeCount: number;
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
              <strong>{t(`role.${g.role}` as MessageKey)}</strong> — <Text value={g.organizationName} />
              {g.scopeCount > 1 && <span class="hint"> ({t('office.scopeIncludes', { count: g.scopeCount - 1 })})</span>}
            </li>
          ))}
        </ul>
      )}

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
