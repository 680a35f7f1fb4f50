// Signing in replaces the CSRF token: one planted in the browser before sign-in (or read from a
// page served to the signed-out visitor) no longer passes once the person is signed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret, totpStep } from '../../core/auth/totp.js';
import { Browser, createAccount } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A form post with the browser's cookies but the given CSRF token in the form. */
function postWithToken(browser: Browser, url: string, token: string) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ _csrf: token }).toString(),
    headers: { cookie: browser.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('POST /:lang/sign-in (CSRF token)', () => {
  it('issues a new token at sign-in: the one from before is refused, the new one works', async () => {
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const browser = new Browser(t.app);
    await browser.get('/en/sign-in');
    const before = browser.cookie('kenes_csrf');
    expect(before).toMatch(/^[\w-]{43}$/);

    const res = await browser.signIn(person);
    expect(res.statusCode).toBe(303);
    const after = browser.cookie('kenes_csrf');
    expect(after).toMatch(/^[\w-]{43}$/);
    expect(after).not.toBe(before);
    expect([res.headers['set-cookie']].flat().find((c) => c?.startsWith('kenes_csrf='))).toMatch(/HttpOnly/);

    const stale = await postWithToken(browser, '/en/office/sessions/end-others', before!);
    expect(stale.statusCode).toBe(403);
    const fresh = await postWithToken(browser, '/en/office/sessions/end-others', after!);
    expect(fresh.statusCode).toBe(303);
    // Pages served after sign-in embed the new token.
    expect((await browser.get('/en/office/sessions')).body).toContain(after);
  });

  it('issues another at the second-factor step, where the sign-in is finally complete', async () => {
    const secret = newTotpSecret();
    const admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
    await t.database.db
      .updateTable('account')
      .set({ totp_secret: secret, totp_enabled_at: new Date(), totp_last_step: totpStep() - 2 })
      .where('id', '=', admin.id)
      .execute();
    const browser = new Browser(t.app);
    const first = await browser.signIn(admin);
    expect(first.headers.location).toMatch(/^\/en\/sign-in\/code/);
    const halfway = browser.cookie('kenes_csrf')!;

    const done = await browser.post('/en/sign-in/code', { code: currentTotp(secret), next: '/en/office/' });
    expect(done.statusCode).toBe(303);
    const signedIn = browser.cookie('kenes_csrf')!;
    expect(signedIn).not.toBe(halfway);
    expect((await postWithToken(browser, '/en/office/sessions/end-others', halfway)).statusCode).toBe(403);
    expect((await postWithToken(browser, '/en/office/sessions/end-others', signedIn)).statusCode).toBe(303);
  });
});
