// One person's way into the office, end to end in a real browser: an administrator signs in and
// sets up two-factor sign-in, invites a secretariat member, reads the invitation in the mail outbox;
// the invitee (a second browser) sets a password, enrols an authenticator, signs out and in again
// with a code (in Kazakh), ends their session; their account is locked after repeated failures
// (Russian and Kazakh messages); the audit log shows it all. Everything goes through the pages
// (typing, clicking), except creating the first administrator and, to reach the lock in test time,
// clearing the enforced waits in the database (see step 7).
import type { BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, totpStep } from '../../src/core/auth/totp.js';
import type { Db } from '../../src/core/db/connect.js';
import { formatTime } from '../../src/core/i18n/format.js';
import type { Language } from '../../src/core/i18n/languages.js';
import { translate, type MessageKey } from '../../src/core/i18n/messages.js';
import { createAccount, type TestAccount } from '../support/factories.js';
import { startE2E, watchPage, type E2E, type InPageGlobals } from './support.js';

const t = (lang: Language, key: MessageKey, values?: Record<string, string | number>) => translate(lang, key, values);

const invitee = {
  name: 'Aigerim Nurlanovna Seitkali',
  email: 'a.seitkali@council.example.kz',
  weakPassword: 'password1234', // 12 characters, but "password" is on the common-password list
  password: 'quiet river under the steppe moon',
};

/** Clicks a button or link that loads a new page, and returns that page's response (after redirects). */
async function submit(page: Page, control: Locator): Promise<Response> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  const response = page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400),
  );
  await control.click();
  await navigated;
  await page.waitForLoadState('load');
  return response;
}

const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

const h1 = (page: Page) => page.locator('main h1').first().innerText();

/** The element with focus, described by the bits the checks need. */
const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as unknown as InPageGlobals).document.activeElement;
    return { className: el?.className ?? '', id: el?.id ?? '', role: el?.getAttribute('role') ?? null };
  });

/** A six-digit code that is not valid for any step the server could accept around now (nor the next one). */
function wrongCode(secret: string): string {
  const step = totpStep();
  const valid = new Set([-1, 0, 1, 2].map((d) => currentTotp(secret, (step + d) * 30_000)));
  for (let n = 0; ; n++) {
    const code = String((123_456 + n * 7_919) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/** Enrols an authenticator on the page that asks for it: reads the manual key, types its current code. */
async function enrolTotp(page: Page, lang: Language): Promise<string> {
  expect(await h1(page)).toBe(t(lang, 'twoFactor.enrolTitle'));
  await expect.poll(() => page.locator('.qr svg[role="img"]').count(), { message: 'the QR code is shown' }).toBe(1);
  const shown = (await page.locator('code.secret').innerText()).trim();
  expect(shown, 'the key is shown in groups of four').toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const secret = shown.replace(/\s+/g, '');
  await page.getByLabel(t(lang, 'twoFactor.codeLabel')).fill(currentTotp(secret));
  const response = await submit(page, page.getByRole('button', { name: t(lang, 'twoFactor.confirm') }));
  expect(response.status()).toBe(200);
  expect(await h1(page)).toBe(t(lang, 'twoFactor.recoveryTitle'));
  await expect.poll(() => page.getByRole('status').innerText()).toContain(t(lang, 'twoFactor.enabled'));
  const codes = await page.locator('ul.recovery-codes code').allInnerTexts();
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  return secret;
}

let e2e: E2E;
let db: Db;
let admin: TestAccount;
let adminContext: BrowserContext;
let inviteeContext: BrowserContext;
let lockContext: BrowserContext;
let adminPage: Page;
let inviteePage: Page;
/** What watchPage() saw on each page: console errors, CSP refusals, failed subresources. */
const watched: string[][] = [];
/** Shared between the steps. */
let invitationPath = '';
let inviteeSecret = '';

beforeAll(async () => {
  e2e = await startE2E();
  db = e2e.t.database.db;
  admin = await createAccount(db, { displayName: 'Dana Administrator', grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  adminContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
  adminPage = await adminContext.newPage();
  watched.push(watchPage(adminPage).problems);
});

afterAll(async () => {
  await lockContext?.close();
  await inviteeContext?.close();
  await adminContext?.close();
  await e2e?.close();
});

describe('invitation flow: invite, accept, two-factor, sessions, lock-out, audit', () => {
  it('1. the administrator signs in, is sent to set up two-factor sign-in, sees the recovery codes, reaches the office', async () => {
    const page = adminPage;
    await page.goto(`${e2e.baseUrl}/en/sign-in`);
    expect(await h1(page)).toBe(t('en', 'signIn.title'));
    await page.getByLabel(t('en', 'signIn.email')).fill(admin.email);
    await page.getByLabel(t('en', 'signIn.password')).fill(admin.password);
    await submit(page, page.locator('main').getByRole('button', { name: t('en', 'signIn.submit') }));
    expect(path(page)).toBe(`/en/office/account/two-factor?next=${encodeURIComponent('/en/office/')}`);
    expect(await page.locator('.notice--info').innerText()).toBe(t('en', 'twoFactor.requiredForRole'));

    await enrolTotp(page, 'en');
    await submit(page, page.getByRole('link', { name: t('en', 'twoFactor.continue') }));
    expect(path(page)).toBe('/en/office/');
    expect(await h1(page)).toBe(t('en', 'office.title'));
    expect(await page.locator('main').innerText()).toContain(t('en', 'office.welcome', { name: 'Dana Administrator' }));
  });

  it('2. the administrator invites a secretariat member of the council', async () => {
    const page = adminPage;
    await submit(page, page.getByRole('link', { name: t('en', 'office.peopleLink') }));
    expect(path(page)).toBe('/en/office/admin/people');
    await submit(page, page.getByRole('link', { name: t('en', 'people.invite') }));
    expect(path(page)).toBe('/en/office/admin/people/invite');
    expect(await h1(page)).toBe(t('en', 'people.invite'));

    await page.getByLabel(t('en', 'people.name')).fill(invitee.name);
    await page.getByLabel(t('en', 'signIn.email')).fill(invitee.email);
    await page.getByLabel(t('en', 'people.role')).selectOption({ label: t('en', 'role.secretariat') });
    await page.getByLabel(t('en', 'people.organization')).selectOption({ label: 'Council for Interaction with Local Representative Bodies (Maslikhats) under the Senate' });
    const response = await submit(page, page.getByRole('button', { name: t('en', 'people.sendInvitation') }));
    expect(response.status()).toBe(200);
    expect(path(page)).toBe(`/en/office/admin/people?invited=${encodeURIComponent(invitee.email)}`);
    expect(await page.getByRole('status').innerText()).toBe(t('en', 'people.invitedNotice', { email: invitee.email }));
    const row = page.locator('tbody tr', { hasText: invitee.email });
    expect(await row.innerText()).toContain(t('en', 'role.secretariat'));
    expect(await row.innerText()).toContain(t('en', 'people.statusInvited'));
  });

  it('3. the administrator reads the invitation link in the mail outbox', async () => {
    const page = adminPage;
    await submit(page, page.locator('header').getByRole('link', { name: t('en', 'nav.office') }));
    await submit(page, page.getByRole('link', { name: t('en', 'office.outboxLink') }));
    expect(path(page)).toBe('/en/office/admin/outbox');
    const row = page.locator('tbody tr', { hasText: invitee.email });
    await submit(page, row.getByRole('link', { name: t('en', 'invitation.mailSubject') }));
    expect(path(page)).toMatch(/^\/en\/office\/admin\/outbox\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(t('en', 'invitation.mailSubject'));

    const text = await page.locator('pre.mail-body').innerText();
    expect(text).toContain(`Hello ${invitee.name},`);
    const link = /https?:\/\/\S+\/invitation\/\S+/.exec(text)?.[0];
    expect(link, 'the mail has an invitation link').toBeDefined();
    const url = new URL(link!);
    // The link is built from the configured address (the test app keeps the default localhost:3000).
    expect(url.host).toBe(`${e2e.t.config.host}:${e2e.t.config.port}`);
    expect(url.pathname).toMatch(/^\/en\/invitation\/[A-Za-z0-9_-]{43}$/);
    invitationPath = url.pathname;
  });

  it('4. the invitee opens the link, is refused a weak password, sets a good one, and must enrol an authenticator', async () => {
    expect(invitationPath).not.toBe('');
    inviteeContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    inviteePage = await inviteeContext.newPage();
    watched.push(watchPage(inviteePage).problems);
    const page = inviteePage;

    const opened = await page.goto(`${e2e.baseUrl}${invitationPath}`);
    expect(opened?.status()).toBe(200);
    expect(await h1(page)).toBe(t('en', 'invitation.title'));
    expect(await page.locator('main').innerText()).toContain(t('en', 'password.forAccount', { email: invitee.email }));

    // A weak password first: the GOV.UK-style error summary takes focus and names the problem.
    await page.getByLabel(t('en', 'password.new'), { exact: true }).fill(invitee.weakPassword);
    await page.getByLabel(t('en', 'password.confirm')).fill(invitee.weakPassword);
    const refused = await submit(page, page.getByRole('button', { name: t('en', 'password.save') }));
    expect(refused.status()).toBe(400);
    expect(await page.title()).toMatch(new RegExp(`^${t('en', 'form.errorTitlePrefix')} ${t('en', 'invitation.title')}`));
    const summary = page.locator('.error-summary[role="alert"]');
    expect(await summary.locator('h2').innerText()).toBe(t('en', 'form.errorSummaryTitle'));
    const summaryLinks = summary.locator('a');
    expect(await summaryLinks.allInnerTexts()).toEqual([t('en', 'password.common')]);
    expect(await summaryLinks.first().getAttribute('href')).toBe('#field-password');
    await expect.poll(() => focusedElement(page), { message: 'the error summary has focus' }).toMatchObject({ className: 'error-summary', role: 'alert' });
    const field = page.locator('#field-password');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('field-password-hint field-password-error');
    expect(await page.locator('#field-password-error').innerText()).toContain(t('en', 'password.common'));
    expect(await field.inputValue(), 'a refused password is not sent back').toBe('');
    // The summary's link takes the person to the field.
    await summaryLinks.first().click();
    await expect.poll(() => focusedElement(page)).toMatchObject({ id: 'field-password' });

    await page.getByLabel(t('en', 'password.new'), { exact: true }).fill(invitee.password);
    await page.getByLabel(t('en', 'password.confirm')).fill(invitee.password);
    const accepted = await submit(page, page.getByRole('button', { name: t('en', 'password.save') }));
    expect(accepted.status()).toBe(200);
    // The secretariat role requires a second factor: the office sends the invitee to enrol first.
    expect(path(page)).toBe(`/en/office/account/two-factor?next=${encodeURIComponent('/en/office/')}`);
    expect(await page.locator('.notice--info').innerText()).toBe(t('en', 'twoFactor.requiredForRole'));

    inviteeSecret = await enrolTotp(page, 'en');
    await submit(page, page.getByRole('link', { name: t('en', 'twoFactor.continue') }));
    expect(path(page)).toBe('/en/office/');
    const main = await page.locator('main').innerText();
    expect(main).toContain(t('en', 'office.welcome', { name: invitee.name }));
    expect(main).toContain(t('en', 'role.secretariat'));
    expect(main, 'no administration links for the secretariat').not.toContain(t('en', 'office.peopleLink'));
  });

  it('5. the invitee signs out and back in (in Kazakh): a wrong code is refused clearly, the right one lets them in', async () => {
    expect(inviteeSecret).not.toBe('');
    const page = inviteePage;
    await submit(page, page.locator('header').getByRole('button', { name: t('en', 'nav.signOut') }));
    expect(path(page)).toBe('/en/');
    await expect.poll(() => page.locator('header').getByRole('link', { name: t('en', 'nav.signIn') }).count()).toBe(1);

    await page.goto(`${e2e.baseUrl}/kk/sign-in`);
    expect(await h1(page)).toBe(t('kk', 'signIn.title'));
    await page.getByLabel(t('kk', 'signIn.email')).fill(invitee.email);
    await page.getByLabel(t('kk', 'signIn.password')).fill(invitee.password);
    await submit(page, page.locator('main').getByRole('button', { name: t('kk', 'signIn.submit') }));
    expect(path(page)).toBe(`/kk/sign-in/code?next=${encodeURIComponent('/kk/office/')}`);
    expect(await h1(page)).toBe(t('kk', 'signInCode.title'));

    await page.getByLabel(t('kk', 'signInCode.codeLabel')).fill(wrongCode(inviteeSecret));
    const refused = await submit(page, page.locator('main').getByRole('button', { name: t('kk', 'signIn.submit') }));
    expect(refused.status()).toBe(400);
    const message = t('kk', 'signInCode.wrong');
    expect(message).toBe('Код қате немесе оның мерзімі өтіп кеткен. Қолданбадағы жаңа кодты енгізіңіз.');
    expect(await page.title()).toMatch(new RegExp(`^${t('kk', 'form.errorTitlePrefix')} `));
    expect(await page.locator('.error-summary h2').innerText()).toBe(t('kk', 'form.errorSummaryTitle'));
    expect(await page.locator('.error-summary a').allInnerTexts()).toEqual([message]);
    expect(await page.locator('#field-code-error').innerText()).toContain(message);
    await expect.poll(() => focusedElement(page)).toMatchObject({ className: 'error-summary' });

    // The code used at enrolment may not be used again (replay protection); the server accepts the
    // next time step as well, so the next step's code is good now, with no wait.
    await page.getByLabel(t('kk', 'signInCode.codeLabel')).fill(currentTotp(inviteeSecret, Date.now() + 30_000));
    const accepted = await submit(page, page.locator('main').getByRole('button', { name: t('kk', 'signIn.submit') }));
    expect(accepted.status()).toBe(200);
    expect(path(page)).toBe('/kk/office/');
    expect(await h1(page)).toBe(t('kk', 'office.title'));
    expect(await page.locator('main').innerText()).toContain(t('kk', 'role.secretariat'));
  });

  it('6. the invitee ends the current session on the sessions page and is signed out', async () => {
    const page = inviteePage;
    await submit(page, page.getByRole('link', { name: t('kk', 'office.sessionsLink') }));
    expect(path(page)).toBe('/kk/office/sessions');
    expect(await h1(page)).toBe(t('kk', 'sessions.title'));
    const rows = page.locator('main tbody tr');
    expect(await rows.count(), 'one live session: the one in this browser').toBe(1);
    const current = rows.filter({ hasText: t('kk', 'sessions.current') });
    expect(await current.count()).toBe(1);
    const ended = await submit(page, current.getByRole('button', { name: t('kk', 'sessions.endCurrent') }));
    expect(ended.status()).toBe(200);
    expect(path(page)).toBe('/kk/');
    expect(await page.locator('header').getByRole('link', { name: t('kk', 'nav.signIn') }).count()).toBe(1);

    await page.goto(`${e2e.baseUrl}/kk/office/`);
    expect(path(page)).toBe(`/kk/sign-in?next=${encodeURIComponent('/kk/office/')}`);
    expect(await h1(page)).toBe(t('kk', 'signIn.title'));
  });

  it('7. repeated wrong passwords: waits, then a lock, each said clearly in Russian (and the lock in Kazakh)', async () => {
    lockContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await lockContext.newPage();
    watched.push(watchPage(page).problems);
    const lockedUntil = async () =>
      (await db.selectFrom('account').select(['locked_until', 'failed_sign_ins']).where('email', '=', invitee.email).executeTakeFirstOrThrow());

    const attempt = async (lang: Language, password = 'not the right password at all') => {
      await page.goto(`${e2e.baseUrl}/${lang}/sign-in`);
      await page.getByLabel(t(lang, 'signIn.email')).fill(invitee.email);
      await page.getByLabel(t(lang, 'signIn.password')).fill(password);
      const response = await submit(page, page.locator('main').getByRole('button', { name: t(lang, 'signIn.submit') }));
      const summary = page.locator('.error-summary a');
      expect(await summary.count(), 'one problem in the summary').toBe(1);
      const text = await summary.innerText();
      expect(await page.locator('#field-email-error').innerText()).toContain(text);
      await expect.poll(() => focusedElement(page)).toMatchObject({ className: 'error-summary' });
      return { status: response.status(), text };
    };
    const time = (lang: Language, until: Date | string | null) => formatTime(lang, new Date(until!));

    // Mind the per-address sign-in rate limit (10 attempts per 15 minutes, src/core/rate-limit.ts):
    // step 5's sign-in and the 9 attempts below make exactly 10.
    // The first three failures: "wrong", "wrong", then "wrong, and try again after HH:MM".
    for (const n of [1, 2]) {
      expect(await attempt('ru'), `failure ${n}`).toEqual({ status: 400, text: t('ru', 'signIn.invalid') });
    }
    const third = await attempt('ru');
    let state = await lockedUntil();
    expect(state.failed_sign_ins).toBe(3);
    expect(third).toEqual({ status: 400, text: t('ru', 'signIn.invalidWait', { time: time('ru', state.locked_until) }) });

    // During the wait the next attempt is refused without checking the password.
    const refused = await attempt('ru');
    expect(refused.status).toBe(429);
    expect(refused.text).toBe(t('ru', 'signIn.wait', { time: time('ru', state.locked_until) }));
    expect(refused.text).toMatch(/Попробуйте снова после \d{2}:\d{2}\./);
    expect((await lockedUntil()).failed_sign_ins, 'a refused attempt does not count').toBe(3);

    // The waits (30 s, 1, 2, 4 minutes) are enforced by the server; to reach the lock in test time we
    // end each wait by clearing account.locked_until in the database, as the inject tests do. The
    // failure count is kept, so the 4th–6th failures each set a longer wait and the 7th locks.
    for (const n of [4, 5, 6]) {
      await db.updateTable('account').set({ locked_until: null }).where('email', '=', invitee.email).execute();
      const result = await attempt('ru');
      state = await lockedUntil();
      expect(state.failed_sign_ins).toBe(n);
      expect(result, `failure ${n}`).toEqual({ status: 400, text: t('ru', 'signIn.invalidWait', { time: time('ru', state.locked_until) }) });
    }
    await db.updateTable('account').set({ locked_until: null }).where('email', '=', invitee.email).execute();
    const locked = await attempt('ru');
    state = await lockedUntil();
    expect(state.failed_sign_ins).toBe(7);
    expect(new Date(state.locked_until!).getTime() - Date.now(), 'locked for 15 minutes').toBeGreaterThan(14 * 60_000);
    expect(locked.status).toBe(429);
    expect(locked.text).toBe(t('ru', 'signIn.locked', { time: time('ru', state.locked_until) }));
    expect(locked.text).toContain('временно заблокирована');
    expect(locked.text).toMatch(/Попробуйте снова после \d{2}:\d{2}/);

    // In Kazakh, even with the right password, while locked.
    const lockedKk = await attempt('kk', invitee.password);
    expect(lockedKk.status).toBe(429);
    expect(lockedKk.text).toBe(t('kk', 'signIn.locked', { time: time('kk', state.locked_until) }));
    expect(lockedKk.text).toContain('уақытша бұғатталды');
    expect(path(page), 'not signed in').toBe('/kk/sign-in');
  });

  it('8. the audit log lists the events of this flow', async () => {
    const page = adminPage;
    await page.goto(`${e2e.baseUrl}/en/office/`);
    await submit(page, page.getByRole('link', { name: t('en', 'office.auditLink') }));
    expect(path(page)).toBe('/en/office/admin/audit');
    expect(await h1(page)).toBe(t('en', 'adminAudit.title'));

    /** Rows of the log filtered by an action (chosen in the filter form), as [who, entity, action]. */
    const rowsFor = async (action: string) => {
      await page.getByLabel(t('en', 'adminAudit.actionLabel'), { exact: true }).selectOption(action);
      const response = await submit(page, page.getByRole('button', { name: t('en', 'adminAudit.show') }));
      expect(response.status()).toBe(200);
      expect(new URL(page.url()).searchParams.get('action')).toBe(action);
      const rows = await page.locator('main table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = (tr as unknown as { querySelectorAll(s: string): Iterable<{ textContent: string | null }> }).querySelectorAll('td');
          const text = [...cells].map((c) => (c.textContent ?? '').trim());
          return { who: text[1] ?? '', entity: text[2] ?? '', action: text[4] ?? '' };
        }),
      );
      expect(rows.every((r) => r.action === action)).toBe(true);
      return rows;
    };

    const expected: [action: string, who: string, entity: string, count: number][] = [
      ['invited', admin.email, 'account', 1],
      ['granted', admin.email, 'role_grant', 1],
      ['invitation_accepted', invitee.email, 'account', 1],
      ['two_factor_enabled', admin.email, 'account', 1],
      ['two_factor_enabled', invitee.email, 'account', 1],
      ['signed_in', admin.email, 'account', 1],
      ['signed_in', invitee.email, 'account', 1],
      ['second_factor_passed', invitee.email, 'session', 1],
      ['signed_out', invitee.email, 'session', 1],
      ['ended', invitee.email, 'session', 1],
      ['sign_in_failed', invitee.email, 'account', 6], // failures 1–6; the 7th is 'locked',
      ['locked', invitee.email, 'account', 1],
    ];
    const seen = new Map<string, Awaited<ReturnType<typeof rowsFor>>>();
    for (const [action, who, entity, count] of expected) {
      if (!seen.has(action)) seen.set(action, await rowsFor(action));
      const rows = seen.get(action)!.filter((r) => r.who === who);
      expect.soft(rows.length, `${action} by ${who}`).toBe(count);
      expect.soft(rows.every((r) => r.entity === entity), `${action} is about ${entity}`).toBe(true);
    }
  });

  it('no page had console errors, CSP refusals or failed subresources', () => {
    expect(watched.flat()).toEqual([]);
  });
});
