// The office's home page: the user's roles, where their work is, what needs attention, and the account's and administrators' pages.
import type { ComponentChildren } from 'preact';
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

/** One entry of a list of office pages. */
function LinkItem({ to, children }: { to: string; children: ComponentChildren }) {
  const { href } = usePage();
  return (
    <li>
      <a href={href(to)}>{children}</a>
    </li>
  );
}

/** Where each role's work is: a maslikhat's deputies for its staff, the Council for the secretariat. */
function WorkLinks({ grants }: { grants: GrantView[] }) {
  const { t } = usePage();
  const maslikhats = grants.filter((g) => g.role === 'maslikhat_staff' && g.organizationSlug.startsWith('maslikhat-'));
  const council = grants.some((g) => g.role === 'secretariat' || g.role === 'admin');
  // Deputies' outreach events: logged by a maslikhat's staff and deputies, seen by the secretariat.
  const outreach = grants.some((g) => g.role === 'maslikhat_staff' || g.role === 'deputy' || g.role === 'secretariat' || g.role === 'admin');
  // The library: what was sent to a maslikhat (its staff and deputies), and preparing materials (partners, the secretariat).
  const readers = grants.filter((g, i, all) => (g.role === 'maslikhat_staff' || g.role === 'deputy') && g.organizationSlug.startsWith('maslikhat-') && all.findIndex((o) => o.organizationSlug === g.organizationSlug && (o.role === 'maslikhat_staff' || o.role === 'deputy')) === i);
  const library = council || grants.some((g) => g.role === 'partner');
  if (!maslikhats.length && !council && !outreach && !readers.length && !library) return null;
  return (
    <>
      <h2>{t('office.workTitle')}</h2>
      <ul>
        {maslikhats.map((g) => (
          <LinkItem key={g.organizationSlug} to={`/office/maslikhats/${g.organizationSlug}/deputies`}>
            {t('office.deputiesOf')} <Text value={g.organizationName} />
          </LinkItem>
        ))}
        {maslikhats.map((g) => (
          <LinkItem key={`${g.organizationSlug}-plan`} to={`/office/maslikhats/${g.organizationSlug}/plan`}>
            {t('office.planObligationsOf')} <Text value={g.organizationName} />
          </LinkItem>
        ))}
        {maslikhats.length > 0 && <LinkItem to="/office/invitations">{t('office.invitationsLink')}</LinkItem>}
        {outreach && <LinkItem to="/office/outreach">{t('office.outreachLink')}</LinkItem>}
        {outreach && <LinkItem to="/office/outreach/analytics">{t('office.outreachAnalyticsLink')}</LinkItem>}
        {readers.map((g) => (
          <LinkItem key={`${g.organizationSlug}-library`} to={`/office/maslikhats/${g.organizationSlug}/library`}>
            {t('library.receivedOf')} <Text value={g.organizationName} />
          </LinkItem>
        ))}
        {library && <LinkItem to="/office/library">{t('library.officeHomeLink')}</LinkItem>}
        {(maslikhats.length > 0 || council) && <LinkItem to="/office/questions">{t('office.questionsLink')}</LinkItem>}
        {council && (
          <>
            <LinkItem to="/office/meetings">{t('office.meetingsLink')}</LinkItem>
            <LinkItem to="/office/council">{t('councilOffice.title')}</LinkItem>
            <LinkItem to="/office/plan">{t('office.planLink')}</LinkItem>
            <LinkItem to="/office/plan/reports">{t('office.planReportsLink')}</LinkItem>
          </>
        )}
      </ul>
    </>
  );
}

export function OfficeHomePage({ displayName, grants, isAdmin, attention }: { displayName: string; grants: GrantView[]; isAdmin: boolean; attention: AttentionItem[] }) {
  const { t } = usePage();
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
            <LinkItem key={item.messageKey} to={item.href}>
              {t(item.messageKey, item.values)}
            </LinkItem>
          ))}
        </ul>
      )}

      <h2>{t('office.yourAccountTitle')}</h2>
      <ul>
        <LinkItem to="/office/sessions">{t('office.sessionsLink')}</LinkItem>
        <LinkItem to="/office/api-tokens">{t('office.apiTokensLink')}</LinkItem>
      </ul>
      {isAdmin && (
        <>
          <h2>{t('office.adminTitle')}</h2>
          <ul>
            <LinkItem to="/office/admin/people">{t('office.peopleLink')}</LinkItem>
            <LinkItem to="/office/admin/reference">{t('reference.title')}</LinkItem>
            <LinkItem to="/office/admin/sessions">{t('adminSessions.title')}</LinkItem>
            <LinkItem to="/office/admin/audit">{t('office.auditLink')}</LinkItem>
            <LinkItem to="/office/admin/outbox">{t('office.outboxLink')}</LinkItem>
            <LinkItem to="/office/questions/retention">{t('office.questionsRetentionLink')}</LinkItem>
          </ul>
        </>
      )}
    </>
  );
}
