// Accounts, sessions, one-time tokens, rate limits, the audit log, the mail outbox, API tokens and role grants.
import type { Generated } from 'kysely';
import type { DateString, Json, Timestamp } from './column-types.js';

export interface AccountTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_active: Generated<boolean>;
  preferred_language: Generated<'kk' | 'kk-latn' | 'ru' | 'en'>;
  /** Base32 TOTP secret; set while enrolling, confirmed when totp_enabled_at is set. */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number | null;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  deactivated_at: Timestamp | null;
  /** The registry person the account belongs to (at most one account per person). */
  person_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RecoveryCodeTable {
  id: string;
  account_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  second_factor_at: Timestamp | null;
}

export interface OneTimeTokenTable {
  id: string;
  account_id: string;
  purpose: 'password_reset' | 'invitation';
  token_hash: string;
  created_at: Timestamp;
  created_by: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditEventTable {
  id: string;
  occurred_at: Timestamp;
  actor_account_id: string | null;
  actor_label: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface MailMessageTable {
  id: string;
  created_at: Timestamp;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  transport: 'outbox' | 'smtp';
  sent_at: Timestamp | null;
  error: string | null;
}

export interface ApiTokenTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type Role = 'admin' | 'secretariat' | 'council_member' | 'maslikhat_staff' | 'deputy' | 'partner';

export interface RoleGrantTable {
  id: string;
  account_id: string;
  role: Role;
  organization_id: string;
  valid_from: DateString | null;
  valid_to: DateString | null;
  created_at: Timestamp;
  created_by: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface AccountsTables {
  account: AccountTable;
  role_grant: RoleGrantTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  one_time_token: OneTimeTokenTable;
  rate_limit: RateLimitTable;
  audit_event: AuditEventTable;
  mail_message: MailMessageTable;
  api_token: ApiTokenTable;
}
