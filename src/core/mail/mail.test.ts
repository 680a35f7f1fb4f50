// The mailer: the outbox and SMTP, what each keeps and logs (never a body or a link), and mailEach, the jobs' loop.
import net, { type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import type { DatabaseHandle } from '../db/connect.js';
import { isUuid } from '../ids.js';
import { findMailMessage, listMailMessages } from './mail.repository.js';
import { createMailer, mailEach, sendOnce, type MailLogger, type Mailer } from './mailer.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const link = 'http://localhost/reset?token=abc';
const from = 'Kenes <no-reply@kenes.local>';

/** A message like the password-reset one: a one-time link in both the text and the HTML. */
function resetMessage(to: string) {
  return {
    to,
    subject: 'Reset your Kenes password',
    text: `Someone asked to reset the password of your Kenes account. To choose a new one, open ${link} within the hour. If it was not you, ignore this message.`,
    html: `<p>Someone asked to reset the password of your Kenes account.</p><p><a href="${link}">Choose a new password</a></p>`,
  };
}

function captureLogger() {
  const entries: { level: string; obj: object; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  const logger: MailLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, entries, text: () => JSON.stringify(entries) };
}

interface Received {
  raw: string;
  mailFrom: string | undefined;
  rcptTo: string[];
}

/** A real SMTP server on a free local port; `reject` makes it refuse every message with that error. */
async function startSmtpServer(reject?: Error) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        });
        callback(reject ?? null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local port nothing listens on (bound, then released). */
async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ── A just-enough MIME reader (mailparser is not a dependency): headers, and decoded text parts. ──

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const end = entity.indexOf('\r\n\r\n');
  const head = end === -1 ? entity : entity.slice(0, end);
  const body = end === -1 ? '' : entity.slice(end + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** Every decoded leaf part of the entity, with its content type. */
function textParts(entity: string): { type: string; text: string }[] {
  const { headers, body } = splitEntity(entity);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    return parts.filter((p) => !p.startsWith('--')).flatMap((p) => textParts(p.replace(/^\r\n/, '')));
  }
  return [{ type: type.split(';')[0]!.trim().toLowerCase(), text: decodeBody(body, headers.get('content-transfer-encoding')) }];
}

describe(`mailer (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('outbox mode keeps the whole message and lists it newest first with the total', async () => {
    const { logger, text: logged } = captureLogger();
    const mailer = createMailer({ db: database.db, smtpUrl: undefined, from, logger });
    const to = 'Outbox.Reader@example.kz';
    const first = await mailer.send(resetMessage(to));
    const second = await mailer.send({ to, subject: 'Second', text: 'Plain text only' });
    await mailer.send({ to: 'someone.else@example.kz', subject: 'Other', text: 'Not for the reader' });
    await mailer.close();

    expect(first.delivered).toBe(false);
    expect(isUuid(first.id)).toBe(true);
    expect(second.id).not.toBe(first.id);

    const row = await findMailMessage(database.db, first.id);
    expect(row).toMatchObject({
      recipient: to,
      subject: 'Reset your Kenes password',
      body_text: resetMessage(to).text,
      body_html: resetMessage(to).html,
      transport: 'outbox',
      sent_at: null,
      error: null,
    });
    expect(row!.created_at).toBeInstanceOf(Date);
    expect(await findMailMessage(database.db, second.id)).toMatchObject({ body_text: 'Plain text only', body_html: null });

    // Filtered by recipient (case-insensitively), newest first, with the total.
    const page = await listMailMessages(database.db, { limit: 10, offset: 0, recipient: 'outbox.reader@EXAMPLE.kz' });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.id)).toEqual([second.id, first.id]);
    const secondPage = await listMailMessages(database.db, { limit: 1, offset: 1, recipient: to });
    expect(secondPage).toMatchObject({ total: 2, rows: [{ id: first.id }] });
    const all = await listMailMessages(database.db, { limit: 2, offset: 0 });
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.rows).toHaveLength(2);
    expect(all.rows[0]!.created_at.getTime()).toBeGreaterThanOrEqual(all.rows[1]!.created_at.getTime());

    expect(await findMailMessage(database.db, 'not-a-uuid')).toBeUndefined();
    expect(logged()).not.toContain(link);
    expect(logged()).not.toContain('Plain text only');
  });

  it('accepts a pino logger', async () => {
    const logger: MailLogger = pino({ level: 'silent' });
    const mailer = createMailer({ db: database.db, smtpUrl: undefined, from, logger });
    expect((await mailer.send({ to: 'pino@example.kz', subject: 'Hello', text: 'Hello' })).delivered).toBe(false);
    await mailer.close();
  });

  it('SMTP mode delivers to a real server and keeps no body', async () => {
    const smtp = await startSmtpServer();
    const { logger, text: logged } = captureLogger();
    const mailer = createMailer({ db: database.db, smtpUrl: smtp.url, from, logger });
    try {
      const to = 'smtp.reader@example.kz';
      const before = Date.now();
      const result = await mailer.send(resetMessage(to));
      expect(result.delivered).toBe(true);

      expect(smtp.received).toHaveLength(1);
      const message = smtp.received[0]!;
      expect(message.mailFrom).toBe('no-reply@kenes.local');
      expect(message.rcptTo).toEqual([to]);
      const { headers } = splitEntity(message.raw);
      expect(headers.get('to')).toBe(to);
      expect(headers.get('from')).toBe(from);
      expect(headers.get('subject')).toBe('Reset your Kenes password');
      const parts = textParts(message.raw);
      expect(parts.map((p) => p.type).toSorted()).toEqual(['text/html', 'text/plain']);
      expect(parts.find((p) => p.type === 'text/plain')!.text).toContain(link);
      expect(parts.find((p) => p.type === 'text/html')!.text).toContain(`href="${link}"`);

      const row = await findMailMessage(database.db, result.id);
      expect(row).toMatchObject({ recipient: to, subject: 'Reset your Kenes password', transport: 'smtp', body_text: '', body_html: null, error: null });
      expect(row!.sent_at).toBeInstanceOf(Date);
      expect(row!.sent_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(logged()).not.toContain(link);
      expect(logged()).not.toContain('token=abc');
    } finally {
      await mailer.close();
      await smtp.close();
    }
  });

  it('a refused SMTP connection is recorded and logged without the body or the link, and does not throw', async () => {
    const { logger, entries, text: logged } = captureLogger();
    const mailer = createMailer({ db: database.db, smtpUrl: `smtp://127.0.0.1:${await refusedPort()}`, from, logger });
    try {
      const message = resetMessage('refused@example.kz');
      const result = await mailer.send(message);
      expect(result.delivered).toBe(false);

      const row = await findMailMessage(database.db, result.id);
      expect(row).toMatchObject({ recipient: 'refused@example.kz', transport: 'smtp', body_text: '', body_html: null, sent_at: null });
      expect(row!.error).toMatch(/ECONNREFUSED/);
      expect(row!.error).not.toMatch(/\n\s+at /); // no stack

      const warning = entries.find((e) => e.level === 'warn');
      expect(warning?.obj).toMatchObject({ mailId: result.id });
      expect(logged()).not.toContain(link);
      expect(logged()).not.toContain('token=abc');
      expect(logged()).not.toContain(message.text);
      expect(logged()).not.toContain('Someone asked');
    } finally {
      await mailer.close();
    }
  });

  it('a message the server rejects is recorded, with any link in the reply taken out of the error and the log', async () => {
    const smtp = await startSmtpServer(new Error(`Refused: ${link}`));
    const { logger, entries, text: logged } = captureLogger();
    const mailer = createMailer({ db: database.db, smtpUrl: smtp.url, from, logger });
    try {
      const result = await mailer.send(resetMessage('rejected@example.kz'));
      expect(result.delivered).toBe(false);
      expect(smtp.received).toHaveLength(1);

      const row = await findMailMessage(database.db, result.id);
      expect(row).toMatchObject({ transport: 'smtp', body_text: '', body_html: null, sent_at: null });
      expect(row!.error).toMatch(/Refused/);
      expect(row!.error).not.toContain('token=abc');
      expect(entries.some((e) => e.level === 'warn')).toBe(true);
      expect(logged()).not.toContain('token=abc');
      expect(logged()).not.toContain('Someone asked');
    } finally {
      await mailer.close();
      await smtp.close();
    }
  });
});

describe('mailEach', () => {
  it('mails each recipient in order and counts those recorded; one that throws is logged with its account, and the rest still go', async () => {
    const sent: string[] = [];
    const mailer: Mailer = {
      async send(message) {
        if (message.to === 'broken@example.kz') throw new Error('the outbox is gone');
        sent.push(message.to);
        // Refused by the server: recorded all the same, so counted.
        return { id: message.to, delivered: message.to !== 'refused@example.kz' };
      },
      async close() {},
    };
    const { logger, entries } = captureLogger();
    const recipients = ['a@example.kz', 'broken@example.kz', 'refused@example.kz'].map((email, n) => ({ accountId: `account-${n}`, email }));
    const count = await mailEach({ mailer, logger }, recipients, (r) => ({ to: r.email, subject: 'Тақырып', text: 'Мәтін' }), { message: 'notice could not be recorded', context: { meetingId: 'm1' } });
    expect(count).toBe(2);
    expect(sent).toEqual(['a@example.kz', 'refused@example.kz']);
    expect(entries.map((e) => [e.level, e.msg])).toEqual([['error', 'notice could not be recorded']]);
    expect(entries[0]!.obj).toMatchObject({ meetingId: 'm1', accountId: 'account-1' });
    expect(await mailEach({ mailer }, [], () => ({ to: '', subject: '', text: '' }), { message: 'x', context: {} })).toBe(0);
  });
});

describe('sendOnce', () => {
  const recordingMailer = (sent: string[]): Mailer => ({
    async send(message) {
      sent.push(message.to);
      return { id: message.to, delivered: true };
    },
    async close() {},
  });
  const mail = (r: { email: string }) => ({ to: r.email, subject: 'Еске салу', text: 'Мәтін' });

  it('leaves a notice with nobody to tell unclaimed, sends nothing when another caller holds the claim, and otherwise mails, records and logs once', async () => {
    const sent: string[] = [];
    const claims: string[] = [];
    const recorded: number[] = [];
    const { logger, entries } = captureLogger();
    const deps = { mailer: recordingMailer(sent), logger };
    const notice = (recipients: { accountId: string; email: string }[], won: boolean) => ({
      recipients,
      claim: async () => {
        claims.push(recipients.map((r) => r.email).join());
        return won;
      },
      mail,
      record: async (count: number) => void recorded.push(count),
      name: 'plan reminder',
      context: { itemId: 'i1' },
    });
    const two = [
      { accountId: 'a1', email: 'one@example.kz' },
      { accountId: 'a2', email: 'two@example.kz' },
    ];
    expect(await sendOnce(deps, notice([], true))).toBeNull();
    expect(await sendOnce(deps, notice(two, false))).toBeNull();
    expect({ sent, recorded }).toEqual({ sent: [], recorded: [] });
    expect(await sendOnce(deps, notice(two, true))).toBe(2);
    expect({ claims, sent, recorded }).toEqual({ claims: ['one@example.kz,two@example.kz', 'one@example.kz,two@example.kz'], sent: ['one@example.kz', 'two@example.kz'], recorded: [2] });
    expect(entries.map((e) => [e.level, e.msg, e.obj])).toEqual([['info', 'plan reminder sent', { itemId: 'i1', recipients: 2 }]]);
  });
});
