import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, type TestAccount } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let staff: TestAccount;

beforeAll(async () => {
  t = await createTestApp();
  staff = await createAccount(t.database.db, { displayName: 'Aigerim Sadykova', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
});
afterAll(() => t.close());

async function auditActions(accountId: string) {
  const { rows } = await sql<{ action: string }>`select action from audit_event where actor_account_id = ${accountId} order by occurred_at, id`.execute(t.database.db);
  return rows.map((r) => r.action);
}

describe('POST /:lang/sign-in', () => {
  it('signs in with a new session and shows the office with the person\'s roles and scope', async () => {
    const browser = new Browser(t.app);
    await browser.get('/en/sign-in');
    const res = await browser.signIn(staff);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/office/');
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('kenes_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const res2 = await browser.get('/en/office/');
    expect(res2.statusCode).toBe(200);
    const office = page(res2.body);
    expect(office.heading).toBe('Office');
    expect(office.text('.lead')).toBe('Welcome, Aigerim Sadykova.');
    expect(office.byRole('heading', { name: 'Your roles' }).nextElementSibling?.textContent).toMatch(/^Maslikhat staff — Almaty City Maslikhat/);
    expect(await auditActions(staff.id)).toContain('signed_in');
  });

  it('issues a different session id at every sign-in', async () => {
    const browser = new Browser(t.app);
    await browser.signIn(staff);
    const first = browser.cookie('kenes_session');
    await browser.signIn(staff);
    const second = browser.cookie('kenes_session');
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
    // The first session was ended when the second began.
    const res = await t.app.inject({ url: '/en/office/', headers: { cookie: `kenes_session=${first}` } });
    expect(res.statusCode).toBe(303);
  });

  it('keeps the email, never the password, and explains a missing field', async () => {
    const res = await new Browser(t.app).post('/ru/sign-in', { email: 'someone@example.kz', password: '' });
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Ошибка: /);
    expect(form.errorSummary()).toEqual([{ text: 'Введите пароль.', href: '#field-password' }]);
    expect(form.fieldError('Пароль')).toBe('Введите пароль.');
    expect(form.byLabel('Электронная почта').value).toBe('someone@example.kz');
    expect(form.byLabel('Пароль').value).toBe('');
  });

  it('does not tell whether an address exists', async () => {
    const unknown = await new Browser(t.app).post('/en/sign-in', { email: 'nobody@example.kz', password: 'whatever-it-is' });
    const wrong = await new Browser(t.app).post('/en/sign-in', { email: staff.email, password: 'not-the-password' });
    expect(unknown.statusCode).toBe(400);
    expect(wrong.statusCode).toBe(400);
    expect(page(unknown.body).errorSummary()).toEqual([{ text: 'The email address or password is wrong.', href: '#field-email' }]);
    expect(page(wrong.body).errorSummary()).toEqual(page(unknown.body).errorSummary());
  });

  it('slows down repeated failures, then locks the account for a while, saying until when (kk and ru)', async () => {
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-270000000' }] });
    const browser = new Browser(t.app);
    const attempt = (lang: string) => browser.post(`/${lang}/sign-in`, { email: person.email, password: 'wrong-password-here' });
    await attempt('kk');
    await attempt('kk');
    const third = await attempt('kk');
    expect(page(third.body).fieldError('Электрондық пошта')).toMatch(/Қауіпсіздік үшін келесі әрекетті сағат \d\d:\d\d болған соң/);
    const during = await browser.post('/ru/sign-in', { email: person.email, password: person.password });
    expect(during.statusCode).toBe(429);
    expect(page(during.body).errorSummary()[0]?.text).toMatch(/Попробуйте снова после \d\d:\d\d/);

    // Skip the waits: each further failure happens after the previous wait has passed.
    for (let i = 0; i < 4; i++) {
      await sql`update account set locked_until = null where id = ${person.id}`.execute(t.database.db);
      await attempt('ru');
    }
    const locked = await browser.post('/ru/sign-in', { email: person.email, password: person.password });
    expect(locked.statusCode).toBe(429);
    expect(page(locked.body).errorSummary()[0]?.text).toContain('временно заблокирована');
    const lockedKk = await browser.post('/kk/sign-in', { email: person.email, password: person.password });
    expect(page(lockedKk.body).errorSummary()[0]?.text).toContain('уақытша бұғатталды');
    const { rows } = await sql<{ locked_until: Date }>`select locked_until from account where id = ${person.id}`.execute(t.database.db);
    expect(rows[0]!.locked_until.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(await auditActions(person.id)).toContain('locked');
  });

  it('sends an admin (TOTP required) to enrol a second factor instead of the office', async () => {
    const admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
    const browser = new Browser(t.app);
    const res = await browser.signIn(admin);
    expect(res.headers.location).toMatch(/^\/en\/office\/account\/two-factor\?next=/);
    const office = await browser.get('/en/office/');
    expect(office.statusCode).toBe(303);
    expect(office.headers.location).toMatch(/^\/en\/office\/account\/two-factor/);
  });

  it('only follows a next address inside the site', async () => {
    const res = await new Browser(t.app).post('/en/sign-in', { email: staff.email, password: staff.password, next: '//evil.example/x' });
    expect(res.headers.location).toBe('/en/office/');
    const ok = await new Browser(t.app).post('/en/sign-in', { email: staff.email, password: staff.password, next: '/en/office/sessions' });
    expect(ok.headers.location).toBe('/en/office/sessions');
  });
});

describe('GET /:lang/office', () => {
  it('sends a visitor to sign in and back', async () => {
    const res = await t.app.inject('/kk/office/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/kk/sign-in?next=${encodeURIComponent('/kk/office/')}`);
  });

  it('ends an idle session', async () => {
    const browser = new Browser(t.app);
    await browser.signIn(staff);
    await sql`update session set last_seen_at = now() - interval '2 hours' where account_id = ${staff.id} and ended_at is null`.execute(t.database.db);
    const res = await browser.get('/en/office/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/en\/sign-in/);
  });

  it('ends a session past its absolute lifetime', async () => {
    const browser = new Browser(t.app);
    await browser.signIn(staff);
    await sql`update session set expires_at = now() - interval '1 minute' where account_id = ${staff.id} and ended_at is null`.execute(t.database.db);
    expect((await browser.get('/en/office/')).statusCode).toBe(303);
  });
});

describe('GET /:lang/office/sessions', () => {
  it('lists the person\'s sessions and ends the others', async () => {
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const laptop = new Browser(t.app);
    const phone = new Browser(t.app);
    await laptop.signIn(person);
    await phone.signIn(person);
    const sessions = page((await laptop.get('/en/office/sessions')).body);
    expect(sessions.heading).toBe('Active sessions');
    const rows = sessions.tableRows('Active sessions');
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r[0]!.includes('this session'))).toHaveLength(1);
    const ended = await laptop.post('/en/office/sessions/end-others');
    expect(ended.headers.location).toBe('/en/office/sessions?ended=1');
    expect(page((await laptop.get(ended.headers.location as string)).body).text('main')).toContain('1 session ended.');
    expect((await phone.get('/en/office/')).statusCode).toBe(303);
    expect((await laptop.get('/en/office/')).statusCode).toBe(200);
  });

});

describe('POST /:lang/office/sessions/:id/end', () => {
  it('cannot end another person\'s session: it is not found', async () => {
    const other = await createAccount(t.database.db);
    const otherBrowser = new Browser(t.app);
    await otherBrowser.signIn(other);
    const { rows } = await sql<{ id: string }>`select id from session where account_id = ${other.id} and ended_at is null`.execute(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(staff);
    const res = await browser.post(`/en/office/sessions/${rows[0]!.id}/end`);
    expect(res.statusCode).toBe(404);
    expect((await otherBrowser.get('/en/office/')).statusCode).toBe(200);
    expect((await browser.post('/en/office/sessions/not-a-session/end')).statusCode).toBe(404);
  });
});

describe('POST /:lang/sign-out', () => {
  it('ends the session', async () => {
    const browser = new Browser(t.app);
    await browser.signIn(staff);
    const token = browser.cookie('kenes_session');
    const res = await browser.post('/en/sign-out');
    expect(res.headers.location).toBe('/en/');
    const replay = await t.app.inject({ url: '/en/office/', headers: { cookie: `kenes_session=${token}` } });
    expect(replay.statusCode).toBe(303);
  });
});

describe('audit_event', () => {
  it('cannot be changed or deleted, even by the database owner', async () => {
    // A row to change: the guard is a row trigger, so an empty table would prove nothing.
    await new Browser(t.app).signIn(staff);
    expect(await auditActions(staff.id)).toContain('signed_in');
    await expect(sql`update audit_event set action = 'x'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});

describe('POST /:lang/sign-in/code', () => {
  it('enrols an admin, shows recovery codes once, then asks for a code at every sign-in and refuses a replayed one', async () => {
    const { currentTotp, totpStep } = await import('../../core/auth/totp.js');
    const admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
    const browser = new Browser(t.app);
    await browser.signIn(admin);
    const enrol = await browser.get('/en/office/account/two-factor?next=%2Fen%2Foffice%2F');
    expect(enrol.statusCode).toBe(200);
    const enrolPage = page(enrol.body);
    expect(enrolPage.heading).toBe('Set up two-factor sign-in');
    expect(enrolPage.document.querySelector('main svg')).not.toBeNull();
    expect(enrolPage.text('main')).toContain('Your role requires a second factor');
    const secret = page(enrol.body).text('code.secret').replaceAll(' ', '');

    const wrong = await browser.post('/en/office/account/two-factor', { code: '000000', next: '/en/office/' });
    expect(wrong.statusCode).toBe(400);
    expect(page(wrong.body).fieldError('Code from the app')).toMatch(/^That code did not match/);

    // Enrol with the code of the previous time step, so the next sign-in has a fresh one to use.
    const earlier = Date.now() - 30_000;
    const done = await browser.post('/en/office/account/two-factor', { code: currentTotp(secret, earlier), next: '/en/office/' });
    expect(done.statusCode).toBe(200);
    const codes = [...page(done.body).document.querySelectorAll('main code')].map((c) => c.textContent!).filter((c) => /^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/.test(c));
    expect(codes).toHaveLength(10);
    expect(done.headers['cache-control']).toBe('no-store');
    expect((await browser.get('/en/office/')).statusCode).toBe(200);

    await browser.post('/en/sign-out');
    const again = await browser.signIn(admin);
    expect(again.headers.location).toMatch(/^\/en\/sign-in\/code\?next=/);
    expect((await browser.get('/en/office/')).headers.location).toMatch(/^\/en\/sign-in\/code/);
    const stepOfCode = totpStep();
    const code = currentTotp(secret);
    const accepted = await browser.post('/en/sign-in/code', { code, next: '/en/office/' });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/en/office/');
    expect((await browser.get('/en/office/')).statusCode).toBe(200);

    // The same code cannot be used for a second sign-in in the same 30 seconds.
    const thief = new Browser(t.app);
    await thief.signIn(admin);
    const replay = await thief.post('/ru/sign-in/code', { code, next: '/ru/office/' });
    // The accepted step is remembered, so the code is refused however soon it comes back.
    expect(replay.statusCode).toBe(400);
    expect(page(replay.body).errorSummary()[0]?.text).toMatch(/^Код неверен или устарел/);
    expect(totpStep() - stepOfCode).toBeLessThanOrEqual(1);
    // A recovery code works once.
    const recovered = await thief.post('/en/sign-in/code', { code: codes[0]!.toUpperCase().replaceAll('-', ' '), next: '/en/office/' });
    expect(recovered.statusCode).toBe(303);
    const third = new Browser(t.app);
    await third.signIn(admin);
    expect((await third.post('/en/sign-in/code', { code: codes[0]!, next: '/en/office/' })).statusCode).toBe(400);
    expect(await auditActions(admin.id)).toEqual(expect.arrayContaining(['two_factor_enabled', 'second_factor_passed', 'recovery_code_used']));
  });
});

describe('GET /:lang/office (needs your attention)', () => {
  it('asks a person without a second factor to set one up, and stops asking once it is on', async () => {
    const { currentTotp, totpStep } = await import('../../core/auth/totp.js');
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const browser = new Browser(t.app);
    await browser.signIn(person);
    const before = page((await browser.get('/en/office/')).body);
    expect(before.byRole('link', { name: 'Protect your account: set up two-factor sign-in.' }).getAttribute('href')).toBe('/en/office/account/two-factor');

    const enrol = await browser.get('/en/office/account/two-factor');
    const secret = page(enrol.body).text('code.secret').replaceAll(' ', '');
    const stepNow = totpStep();
    expect((await browser.post('/en/office/account/two-factor', { code: currentTotp(secret, (stepNow - 1) * 30_000), next: '/en/office/' })).statusCode).toBe(200);
    expect(page((await browser.get('/en/office/')).body).allByRole('link', { name: /^Protect your account/ })).toEqual([]);

    // Visiting the page again shows the status and leaves the second factor on.
    const status = await browser.get('/en/office/account/two-factor');
    expect(page(status.body).text('main')).toContain('10 unused recovery codes left.');
    const { totp_enabled_at } = await t.database.db.selectFrom('account').select('totp_enabled_at').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(totp_enabled_at).not.toBeNull();

    // Moving to a new device needs a current code.
    expect((await browser.post('/en/office/account/two-factor/restart', { code: '123456' })).statusCode).toBe(400);
    const restarted = await browser.post('/en/office/account/two-factor/restart', { code: currentTotp(secret) });
    expect(restarted.statusCode).toBe(303);
    const fresh = await browser.get('/en/office/account/two-factor');
    const newSecret = page(fresh.body).text('code.secret').replaceAll(' ', '');
    expect(newSecret).not.toBe(secret);
  });

  it('tells an administrator about invitations not yet accepted', async () => {
    const { signInFully } = await import('../../../test/support/factories.js');
    const admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
    await t.database.db.insertInto('account').values({ id: (await import('../../core/ids.js')).newId(), email: 'pending@example.kz', display_name: 'Pending', password_hash: null }).execute();
    await sql`delete from rate_limit`.execute(t.database.db); // this file signs in far more than one office would
    const browser = new Browser(t.app);
    await signInFully(browser, t.database.db, admin);
    const office = page((await browser.get('/ru/office/')).body);
    expect(office.text('.attention-list')).toMatch(/\d+ приглашени[ея] ещё не принят/);
  });
});
