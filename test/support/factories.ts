// Test data factories: accounts with grants, signed-in browsers (cookie jars) for inject().
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/core/auth/passwords.js';
import type { Db } from '../../src/core/db/connect.js';
import type { Role } from '../../src/core/db/database.js';
import { newId } from '../../src/core/ids.js';
import type { MailMessageRow } from '../../src/core/mail/mail.repository.js';

export const defaultPassword = 'correct-horse-battery-staple';
let passwordHash: Promise<string> | undefined;

export interface TestAccount {
  id: string;
  email: string;
  password: string;
}

export async function createAccount(
  db: Db,
  options: {
    email?: string;
    password?: string;
    grants?: { role: Role; organizationSlug: string }[];
    displayName?: string;
    /** The language mail is written in (default Kazakh). */
    language?: 'kk' | 'kk-latn' | 'ru' | 'en';
    /** The registry person the account belongs to. */
    personId?: string;
    /** false: a deactivated account. */
    active?: boolean;
  } = {},
): Promise<TestAccount> {
  const id = newId();
  const email = options.email ?? `person-${id.slice(-8)}@example.kz`;
  const password = options.password ?? defaultPassword;
  const hash = password === defaultPassword ? await (passwordHash ??= hashPassword(defaultPassword)) : await hashPassword(password);
  await db
    .insertInto('account')
    .values({
      id,
      email,
      display_name: options.displayName ?? 'Test Person',
      password_hash: hash,
      ...(options.language ? { preferred_language: options.language } : {}),
      ...(options.personId ? { person_id: options.personId } : {}),
      ...(options.active === false ? { is_active: false } : {}),
    })
    .execute();
  for (const grant of options.grants ?? []) {
    const org = await db.selectFrom('organization').select('id').where('slug', '=', grant.organizationSlug).executeTakeFirstOrThrow();
    await db.insertInto('role_grant').values({ id: newId(), account_id: id, role: grant.role, organization_id: org.id, valid_from: null, valid_to: null, created_by: null, revoked_at: null, revoked_by: null }).execute();
  }
  return { id, email, password };
}

/** A cookie jar over app.inject(), like one browser. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private remember(setCookie: string | string[] | undefined) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...rest] = pair.split('=');
      const value = rest.join('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } });
    this.remember(res.headers['set-cookie']);
    return res;
  }

  /** Posts a form with the CSRF token taken from the cookie (as the page would embed it); a list value repeats the field. */
  async post(url: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = {}) {
    // The sign-in form always hands out a token (a public page kept by the page cache does not).
    if (!this.cookies.has('kenes_csrf')) await this.get('/kk/sign-in');
    // A list is sent as the same field repeated (checkboxes).
    const payload = new URLSearchParams([['_csrf', this.cookies.get('kenes_csrf') ?? ''], ...Object.entries(form).flatMap(([k, v]) => [v].flat().map((one) => [k, one] as [string, string]))]).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    this.remember(res.headers['set-cookie']);
    return res;
  }

  async signIn(account: TestAccount, lang = 'en') {
    return this.post(`/${lang}/sign-in`, { email: account.email, password: account.password });
  }
}

/** Signs in and, for roles that need a second factor, marks it done (as if the code step had passed). */
export async function signInFully(browser: Browser, db: Db, account: TestAccount, lang = 'en') {
  await browser.signIn(account, lang);
  await db.updateTable('account').set({ totp_enabled_at: new Date() }).where('id', '=', account.id).execute();
  await db.updateTable('session').set({ second_factor_at: new Date() }).where('account_id', '=', account.id).where('ended_at', 'is', null).execute();
}

/** Roles the office asks a second factor of. */
const secondFactorRoles: readonly Role[] = ['admin', 'secretariat'];

/** A browser signed in as a new account with one grant (the second factor done for the roles that need it). */
export async function signedIn(app: FastifyInstance, db: Db, grant: { role: Role; organizationSlug: string }): Promise<Browser> {
  const browser = new Browser(app);
  const account = await createAccount(db, { grants: [grant] });
  if (secondFactorRoles.includes(grant.role)) await signInFully(browser, db, account);
  else await browser.signIn(account);
  return browser;
}

/** Runs something that sends mail and returns what it wrote to the outbox, by recipient. */
export async function mailsWrittenBy<T>(db: Db, run: () => Promise<T>): Promise<{ result: T; mails: MailMessageRow[] }> {
  const before = new Set((await db.selectFrom('mail_message').select('id').execute()).map((r) => r.id));
  const result = await run();
  const all = await db.selectFrom('mail_message').selectAll().orderBy('recipient').execute();
  return { result, mails: all.filter((m) => !before.has(m.id)) };
}

/** A browser signed in (second factor done) as one account with every staff role: admin and secretariat of the Council, staff of West Kazakhstan's maslikhat — it reaches nearly every route. */
export async function signedInWithEveryStaffRole(app: FastifyInstance, db: Db): Promise<{ browser: Browser; account: TestAccount }> {
  const account = await createAccount(db, {
    grants: [
      { role: 'admin', organizationSlug: 'council-senate' },
      { role: 'secretariat', organizationSlug: 'council-senate' },
      { role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' },
    ],
  });
  const browser = new Browser(app);
  await signInFully(browser, db, account);
  return { browser, account };
}
