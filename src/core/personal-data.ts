// The one place that marks fields as personal or secret. Secret fields never leave the database
// layer (not in logs, the audit log, pages or open data); personal fields never appear in logs,
// public pages or open data (the audit log, read by admins, keeps them).
export const secretFields: Record<string, readonly string[]> = {
  account: ['password_hash', 'totp_secret'],
  session: ['token_hash'],
  one_time_token: ['token_hash'],
  api_token: ['token_hash'],
  recovery_code: ['code_hash'],
  subscription: ['confirm_token_hash'],
  subscription_delivery: ['unsubscribe_token_hash'],
  subscription_notice: ['unsubscribe_token_hash'],
  citizen_question: ['tracking_token_hash'],
  citizen_question_setting: ['form_key'],
};

export const personalFields: Record<string, readonly string[]> = {
  account: ['email', 'display_name'],
  session: ['ip', 'user_agent'],
  mail_message: ['recipient', 'body_text', 'body_html'],
  audit_event: ['ip', 'user_agent', 'before', 'after'],
  person: ['iin', 'birth_date'],
  subscriber: ['email'],
  citizen_question: ['applicant_name', 'contact_email', 'contact_phone', 'settlement'],
  // A person's own self-check answers and score: shown to them only; everyone else sees sums by region.
  library_quiz_attempt: ['answers', 'correct', 'total'],
};

/** Replaces secret fields with a marker; used for the audit log's before/after values. */
export function redactPersonal(entity: string, values: Record<string, unknown>): Record<string, unknown> {
  const secrets = secretFields[entity] ?? [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) out[key] = secrets.includes(key) && value !== null && value !== undefined ? '[secret]' : value;
  return out;
}

/**
 * Paths pino removes from every log line: credentials in headers and bodies, whatever the route.
 * Request bodies are never logged by Fastify; these catch anything a handler logs by mistake.
 */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.code',
  '*.token',
  '*.totp_secret',
  '*.password_hash',
  '*.email',
];
