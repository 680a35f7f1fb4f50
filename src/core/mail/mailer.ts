// The product's one way to send mail. Embedded default: the message goes to the outbox table,
// body and all, where admins read what would have been sent. With SMTP_URL: it goes out over SMTP
// and only its envelope (recipient, subject, times, error) is kept — the body carries one-time
// sign-in links. Sending never throws for a mail failure, so callers such as password reset
// behave the same whether or not mail works. Neither the body nor any link in it is ever logged.
import type { Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { newId } from '../ids.js';
import { insertMailMessage, markMailFailed, markMailSent } from './mail.repository.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (List-Unsubscribe…), sent over SMTP; the outbox keeps the body only. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** `delivered` is true only when the SMTP server accepted the message. */
  send(message: MailMessage): Promise<{ id: string; delivered: boolean }>;
  close(): Promise<void>;
}

type LogFn = (obj: object, msg?: string) => void;

/** What the mailer needs of a logger (pino and Fastify's logger fit). */
export interface MailLogger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/** What a scheduled job that mails people needs: the database, the mailer, the site's address for its links, a logger. */
export interface MailJobDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  /** The site's address without a trailing slash, for the links in the mail. */
  baseUrl: string;
  logger?: Pick<MailLogger, 'info' | 'error'>;
}

/**
 * Sends each recipient their mail, in order, and returns how many were recorded. A mail the server
 * refused still counts (the mailer records SMTP failures itself); one that throws — the database
 * failing under the mailer — is logged as `failure.message` with `failure.context` and the
 * recipient's account, and the others still go.
 */
export async function mailEach<R extends { accountId: string }>(
  deps: { mailer: Mailer; logger?: Pick<MailLogger, 'error'> | undefined },
  recipients: Iterable<R>,
  mail: (recipient: R) => MailMessage,
  failure: { message: string; context: object },
): Promise<number> {
  let sent = 0;
  for (const recipient of recipients) {
    try {
      await deps.mailer.send(mail(recipient));
      sent++;
    } catch (err) {
      deps.logger?.error({ err, ...failure.context, accountId: recipient.accountId }, failure.message);
    }
  }
  return sent;
}

/**
 * One notice (a reminder, an alert) sent at most once, however many instances run the job: with
 * nobody to tell yet it stays unclaimed for a later run (null); otherwise `claim` decides (true for
 * exactly one caller), each recipient is mailed, the count recorded with `record` and logged
 * ("`name` sent", with `context`). Returns how many it went to, or null when this call did not send it.
 */
export async function sendOnce<R extends { accountId: string }>(
  deps: Pick<MailJobDeps, 'mailer' | 'logger'>,
  notice: {
    recipients: readonly R[];
    claim: () => Promise<boolean>;
    mail: (recipient: R) => MailMessage;
    record: (sent: number) => Promise<void>;
    /** What the notice is, in the log: 'plan reminder'. */
    name: string;
    context: object;
  },
): Promise<number | null> {
  if (!notice.recipients.length) return null;
  if (!(await notice.claim())) return null;
  const sent = await mailEach(deps, notice.recipients, notice.mail, { message: `${notice.name} could not be recorded`, context: notice.context });
  await notice.record(sent);
  deps.logger?.info({ ...notice.context, recipients: sent }, `${notice.name} sent`);
  return sent;
}

export interface CreateMailerOptions {
  db: Kysely<Database>;
  /** smtp:// or smtps:// (query options such as ?ignoreTLS=true are honoured); undefined: the outbox. */
  smtpUrl: string | undefined;
  /** The sender, e.g. 'Kenes <no-reply@kenes.local>'. */
  from: string;
  logger: MailLogger;
}

// A mail server that does not answer must not hold a request (a password reset) for minutes.
// Options given in the URL's query take precedence over these.
const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createMailer(options: CreateMailerOptions): Mailer {
  const { db, logger } = options;
  if (!options.smtpUrl) {
    return {
      async send(message) {
        const id = newId();
        await insertMailMessage(db, {
          id,
          recipient: message.to,
          subject: message.subject,
          body_text: message.text,
          body_html: message.html ?? null,
          transport: 'outbox',
        });
        logger.info({ mailId: id, transport: 'outbox' }, 'mail written to the outbox');
        return { id, delivered: false };
      },
      async close() {},
    };
  }

  // nodemailer is loaded with the first mail, not at start (about 170 ms of module loading).
  const smtpUrl = options.smtpUrl;
  let made: Promise<Transporter> | undefined;
  const transport = (): Promise<Transporter> =>
    (made ??= import('nodemailer').then((m) => m.default.createTransport({ ...smtpTimeouts, url: smtpUrl }, { from: options.from })));
  return {
    async send(message) {
      const id = newId();
      // Recorded before sending, so a message in flight (or lost to a crash) still leaves a trace.
      await insertMailMessage(db, { id, recipient: message.to, subject: message.subject, body_text: '', body_html: null, transport: 'smtp' });
      try {
        await (await transport()).sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          ...(message.headers === undefined ? {} : { headers: message.headers }),
        });
      } catch (err) {
        const error = describeError(err, message);
        await markMailFailed(db, id, error);
        logger.warn({ mailId: id, transport: 'smtp', error }, 'mail could not be sent');
        return { id, delivered: false };
      }
      await markMailSent(db, id, new Date());
      logger.info({ mailId: id, transport: 'smtp' }, 'mail sent');
      return { id, delivered: true };
    },
    async close() {
      if (made) (await made).close();
    },
  };
}

const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

/** The error's message only (no stack), with the body, and any URL, taken out. */
function describeError(err: unknown, message: MailMessage): string {
  let text = err instanceof Error ? err.message : String(err);
  for (const body of [message.text, message.html]) {
    if (body && body.length >= 8) text = text.split(body).join('[body]');
  }
  text = text.replace(urlPattern, '[link]');
  return (text.length > 500 ? `${text.slice(0, 500)}…` : text) || 'unknown error';
}
