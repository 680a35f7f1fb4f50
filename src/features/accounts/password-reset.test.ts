import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, type TestAccount } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { startTestSmtp, type TestSmtp } from '../../../test/support/smtp.js';

/** Decodes the text part of a raw single-part message (quoted-printable or base64). */
function decodeBody(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

let t: TestApp;
let smtp: TestSmtp;
const logLines: string[] = [];

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({
    env: { SMTP_URL: smtp.url, KENES_PUBLIC_URL: 'http://kenes.test' },
    logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } },
  });
});

/** A deputy of their own for each test: links, sessions and rate limits are per address. */
const newPerson = (): Promise<TestAccount> => createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-270000000' }] });
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function requestLink(lang: string, email: string) {
  const before = smtp.received.length;
  const res = await new Browser(t.app).post(`/${lang}/password-reset`, { email });
  const mails = smtp.received.slice(before).filter((m) => m.to.includes(email));
  expect(mails.length).toBeLessThanOrEqual(1);
  return { res, mail: mails[0] };
}

/** The path of the reset link in a mail. */
const linkIn = (mail: { raw: string } | undefined) => /http:\/\/kenes\.test(\/\w+\/password-reset\/[\w-]+)/.exec(decodeBody(mail!.raw))![1]!;

describe('POST /:lang/password-reset', () => {
  it('answers the same for an unknown address and sends nothing', async () => {
    const person = await newPerson();
    const known = await requestLink('en', person.email);
    const unknown = await requestLink('en', 'nobody@example.kz');
    expect(known.res.statusCode).toBe(200);
    expect(unknown.res.statusCode).toBe(200);
    expect(page(unknown.res.body).heading).toBe('Check your email');
    expect(page(unknown.res.body).text('main')).toContain('If there is an account for that address');
    expect(page(known.res.body).text('main')).toBe(page(unknown.res.body).text('main'));
    expect(known.mail).toBeDefined();
    expect(unknown.mail).toBeUndefined();
  });

  it('explains a missing or malformed address, keeping what was typed', async () => {
    const res = await new Browser(t.app).post('/en/password-reset', { email: 'not-an-address' });
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Error: /);
    expect(form.errorSummary()).toEqual([{ text: 'Enter an email address in the right format, like name@example.kz.', href: '#field-email' }]);
    expect(form.byLabel('Email address').value).toBe('not-an-address');
    expect(page((await new Browser(t.app).post('/en/password-reset', { email: ' ' })).body).fieldError('Email address')).toBe('Enter your email address.');
  });

  it('mails a one-time link that sets a new password, ends every session and works only once', async () => {
    const person = await newPerson();
    const existing = new Browser(t.app);
    await existing.signIn(person);
    expect((await existing.get('/en/office/')).statusCode).toBe(200);

    const { mail } = await requestLink('ru', person.email);
    expect(mail!.to).toEqual([person.email]);
    const text = decodeBody(mail!.raw);
    expect(text).toContain('восстановление пароля');
    const link = /http:\/\/kenes\.test(\/ru\/password-reset\/[\w-]+)/.exec(text)![1]!;

    const browser = new Browser(t.app);
    const form = await browser.get(link);
    expect(form.statusCode).toBe(200);
    expect(page(form.body).text('main')).toContain(person.email);

    const common = await browser.post(link, { password: 'password1234', confirmation: 'password1234' });
    expect(common.statusCode).toBe(400);
    expect(page(common.body).fieldError('Новый пароль')).toContain('слишком распространён');
    const short = await browser.post(link, { password: 'short', confirmation: 'short' });
    expect(page(short.body).fieldError('Новый пароль')).toContain('не менее 12 символов');
    const mismatch = await browser.post(link, { password: 'жаңа-құпия-сөз-2026', confirmation: 'жаңа-құпия-сөз-2025' });
    expect(page(mismatch.body).errorSummary()).toEqual([{ text: expect.stringContaining('Пароли не совпадают'), href: '#field-confirmation' }]);
    expect(mismatch.body).not.toContain('жаңа-құпия-сөз-2026');

    const done = await browser.post(link, { password: 'жаңа-құпия-сөз-2026', confirmation: 'жаңа-құпия-сөз-2026' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/ru/sign-in?reset=1');
    expect(page((await browser.get('/ru/sign-in?reset=1')).body).text('[role="status"]')).toContain('Пароль изменён');

    expect((await existing.get('/en/office/')).statusCode).toBe(303);
    expect((await new Browser(t.app).signIn(person)).statusCode).toBe(400);
    const withNew = await new Browser(t.app).signIn({ ...person, password: 'жаңа-құпия-сөз-2026' });
    expect(withNew.statusCode).toBe(303);
    expect(withNew.headers.location).toBe('/en/office/');

    const reuse = await new Browser(t.app).get(link);
    expect(reuse.statusCode).toBe(410);
    expect(page(reuse.body).text('main')).toContain('Ссылка недействительна');

    const { rows } = await sql<{ action: string }>`select action from audit_event where actor_account_id = ${person.id}`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['password_reset_requested', 'password_reset']));
  });

  it('refuses an expired link', async () => {
    const person = await newPerson();
    const { mail } = await requestLink('kk', person.email);
    const link = linkIn(mail);
    await sql`update one_time_token set expires_at = now() - interval '1 second' where account_id = ${person.id} and used_at is null`.execute(t.database.db);
    const res = await new Browser(t.app).get(link);
    expect(res.statusCode).toBe(410);
    expect(page(res.body).heading).toContain('Сілтеменің мерзімі өтті');
  });

  it('a newer link replaces the older one', async () => {
    const person = await newPerson();
    const first = await requestLink('en', person.email);
    const second = await requestLink('en', person.email);
    expect((await new Browser(t.app).get(linkIn(first.mail))).statusCode).toBe(410);
    expect((await new Browser(t.app).get(linkIn(second.mail))).statusCode).toBe(200);
  });
});

describe('the request log', () => {
  it('holds no password, reset token, link, TOTP secret, API token or session token', async () => {
    const person = await newPerson();
    // A password reset by link, start to end.
    const { mail } = await requestLink('en', person.email);
    const link = linkIn(mail);
    const resetToken = link.split('/').at(-1)!;
    expect((await new Browser(t.app).get(link)).statusCode).toBe(200);
    expect((await new Browser(t.app).post(link, { password: 'жаңа-құпия-сөз-2026', confirmation: 'жаңа-құпия-сөз-2026' })).statusCode).toBe(303);
    const { createApiToken } = await import('../../core/auth/api-tokens.js');
    const { systemContext } = await import('../../core/audit/audit.js');
    // Token use: a read and a write with a bearer token, and a bad one.
    const apiToken = await createApiToken(t.database.db, { accountId: person.id, name: 'logging test', expiresAt: null }, systemContext('test'));
    expect((await t.app.inject({ url: '/api/v1/areas', headers: { authorization: `Bearer ${apiToken.token}` } })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/areas', headers: { authorization: `Bearer ${apiToken.token}` }, payload: { a: 1 } });
    expect((await t.app.inject({ url: '/api/v1/areas', headers: { authorization: `Bearer ${apiToken.token}x` } })).statusCode).toBe(401);
    // A TOTP secret shown while enrolling.
    const browser = new Browser(t.app);
    await browser.signIn({ ...person, password: 'жаңа-құпия-сөз-2026' });
    const enrol = await browser.get('/en/office/account/two-factor');
    const secret = page(enrol.body).text('code.secret').replaceAll(' ', '');
    const log = logLines.join('\n');
    expect(log.length).toBeGreaterThan(1000);
    expect(log).not.toContain('жаңа-құпия-сөз-2026');
    expect(log).not.toContain(person.password);
    expect(log).not.toContain('kenes_session=');
    expect(log).not.toContain('kenes_csrf=');
    expect(log).not.toContain(apiToken.token);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(browser.cookie('kenes_session'));
    expect(log).toContain('/password-reset/[redacted]');
    expect(logLines.find((l) => l.includes(resetToken))).toBeUndefined();
  });
});
