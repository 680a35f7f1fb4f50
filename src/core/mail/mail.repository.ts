// Mail messages: the outbox (embedded default) and the record of what went out over SMTP.
import type { Selectable } from 'kysely';
import type { MailMessageTable } from '../db/database.js';
import { paginate, type Executor, type Page, type Paged } from '../db/query.js';
import { isUuid } from '../ids.js';

export type MailMessageRow = Selectable<MailMessageTable>;

export interface NewMailMessage {
  id: string;
  recipient: string;
  subject: string;
  /** The full text for the outbox; the empty string for SMTP (one-time links are not kept). */
  body_text: string;
  body_html: string | null;
  transport: 'outbox' | 'smtp';
  sent_at?: Date | null;
  error?: string | null;
  /** Defaults to the database's now(). */
  created_at?: Date;
}

export async function insertMailMessage(db: Executor, row: NewMailMessage): Promise<void> {
  await db
    .insertInto('mail_message')
    .values({
      id: row.id,
      recipient: row.recipient,
      subject: row.subject,
      body_text: row.body_text,
      body_html: row.body_html,
      transport: row.transport,
      sent_at: row.sent_at ?? null,
      error: row.error ?? null,
      ...(row.created_at ? { created_at: row.created_at } : {}),
    })
    .execute();
}

export async function markMailSent(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('mail_message').set({ sent_at: at, error: null }).where('id', '=', id).execute();
}

export async function markMailFailed(db: Executor, id: string, error: string): Promise<void> {
  await db.updateTable('mail_message').set({ error }).where('id', '=', id).execute();
}

export interface ListMailOptions extends Page {
  /** Only messages to this address (compared case-insensitively, exact). */
  recipient?: string | undefined;
}

/** Newest first (created_at, then the time-ordered id), with the total count matching the filter. */
export async function listMailMessages(db: Executor, options: ListMailOptions): Promise<Paged<MailMessageRow>> {
  const recipient = options.recipient?.trim().toLowerCase();
  let base = db.selectFrom('mail_message');
  if (recipient) base = base.where((eb) => eb(eb.fn('lower', ['recipient']), '=', recipient));
  return paginate(base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'), options);
}

/** The message, or undefined (also for a string that is not a UUID, which PostgreSQL would refuse). */
export async function findMailMessage(db: Executor, id: string): Promise<MailMessageRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('mail_message').selectAll().where('id', '=', id).executeTakeFirst();
}
