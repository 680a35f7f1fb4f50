import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, type TestAccount } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { authorize, definePolicies, type Policy } from '../../core/auth/authorize.js';
import { hashToken } from '../../core/auth/token-hash.js';
import { todayInKazakhstan } from '../../core/db/dated.js';

let t: TestApp;
let staff: TestAccount;

const probePolicies: Record<string, Policy> = { 'probe.write': () => true };

beforeAll(async () => {
  t = await createTestApp({
    extend: async (app) => {
      definePolicies(probePolicies);
      // A stand-in for the API's writes: who is acting, with which grants, through which credential.
      app.post('/api/v1/probe-write', async (request) => {
        const actor = authorize(request, 'probe.write');
        return {
          ok: true,
          account: actor.accountId,
          apiTokenId: actor.apiTokenId,
          sessionId: actor.sessionId,
          grants: actor.grants.map((g) => ({ role: g.role, organization: g.organizationSlug, scope: g.scope.length })),
        };
      });
    },
  });
  staff = await createAccount(t.database.db, { displayName: 'Aigerim Sadykova', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
});
afterAll(() => t.close());

const tokenOnPage = (body: string) => page(body).text('code.secret') || undefined;

// One signed-in browser per person (sign-ins are rate limited per address and per account).
const browsers = new Map<string, Browser>();
async function signedIn(account: TestAccount): Promise<Browser> {
  let browser = browsers.get(account.id);
  if (!browser) {
    browser = new Browser(t.app);
    const res = await browser.signIn(account);
    if (res.statusCode !== 303) throw new Error(`sign-in failed with ${res.statusCode}`);
    browsers.set(account.id, browser);
  }
  return browser;
}

/** Creates a token through the office form as the person; returns their browser and the token. */
async function newToken(account: TestAccount, form: Record<string, string> = {}) {
  const browser = await signedIn(account);
  const res = await browser.post('/en/office/api-tokens', { name: 'Schedule import', ...form });
  expect(res.statusCode).toBe(200);
  const token = tokenOnPage(res.body);
  expect(token).toBeDefined();
  const { id } = await t.database.db.selectFrom('api_token').select('id').where('token_hash', '=', hashToken(token!)).executeTakeFirstOrThrow();
  return { browser, token: token!, id, response: res };
}

const probe = (headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/probe-write', headers: { 'content-type': 'application/json', ...headers }, payload: '{}' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function tokenRow(id: string) {
  return t.database.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('POST /api/v1/probe-write (a write authenticated by an API token)', () => {
  it('refuses a write without a token: 401 JSON', async () => {
    const res = await probe();
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it.each([`Bearer kenes_${'A'.repeat(43)}`, 'Bearer not-a-token', 'Bearer', 'bearer kenes_short', `Bearer kenes_${'A'.repeat(43)} extra`])(
    'refuses a wrong token (%s), and a valid session cookie in the same request does not rescue it',
    async (authorization) => {
      const browser = await signedIn(staff);
      // A session cookie alone never authenticates an API write (no CSRF check on /api/).
      expect((await probe({ cookie: browser.cookieHeader })).statusCode).toBe(401);
      expect((await browser.get('/en/office/')).statusCode).toBe(200);
      const res = await probe({ authorization, cookie: browser.cookieHeader });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    },
  );

  it('accepts a valid token, acting as its owner with the owner\'s grants, and records when it was used', async () => {
    const { token, id } = await newToken(staff);
    expect((await tokenRow(id)).last_used_at).toBeNull();
    const res = await probe(bearer(token));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      account: staff.id,
      apiTokenId: id,
      sessionId: null,
      grants: [{ role: 'maslikhat_staff', organization: 'maslikhat-750000000', scope: expect.any(Number) }],
    });
    const firstUse = (await tokenRow(id)).last_used_at;
    expect(firstUse).toBeInstanceOf(Date);
    expect(Date.now() - firstUse!.getTime()).toBeLessThan(60_000);

    // At most one write a minute: an immediate second use leaves the time alone…
    expect((await probe(bearer(token))).statusCode).toBe(200);
    expect((await tokenRow(id)).last_used_at).toEqual(firstUse);
    // …a use more than a minute later records it again.
    await sql`update api_token set last_used_at = now() - interval '2 minutes' where id = ${id}`.execute(t.database.db);
    expect((await probe(bearer(token))).statusCode).toBe(200);
    expect(Date.now() - (await tokenRow(id)).last_used_at!.getTime()).toBeLessThan(60_000);
  });

  it('follows the owner\'s grants as they are now (a revoked grant is gone)', async () => {
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-270000000' }, { role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
    const { token } = await newToken(person);
    expect((await probe(bearer(token))).json().grants.map((g: { role: string }) => g.role).toSorted()).toEqual(['deputy', 'maslikhat_staff']);
    await sql`update role_grant set revoked_at = now() where account_id = ${person.id} and role = 'deputy'`.execute(t.database.db);
    expect((await probe(bearer(token))).json().grants).toEqual([{ role: 'maslikhat_staff', organization: 'maslikhat-750000000', scope: expect.any(Number) }]);
  });

  it('refuses a revoked token', async () => {
    const { browser, token, id } = await newToken(staff);
    expect((await probe(bearer(token))).statusCode).toBe(200);
    expect((await browser.post(`/en/office/api-tokens/${id}/revoke`)).statusCode).toBe(303);
    const res = await probe(bearer(token));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses an expired token', async () => {
    const { token, id } = await newToken(staff, { expires: '2099-12-31' });
    expect((await probe(bearer(token))).statusCode).toBe(200);
    await sql`update api_token set expires_at = now() - interval '1 second' where id = ${id}`.execute(t.database.db);
    const res = await probe(bearer(token));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses the token of a deactivated account', async () => {
    const person = await createAccount(t.database.db);
    const { token } = await newToken(person);
    expect((await probe(bearer(token))).statusCode).toBe(200);
    await sql`update account set is_active = false where id = ${person.id}`.execute(t.database.db);
    expect((await probe(bearer(token))).statusCode).toBe(401);
  });
});

describe('GET /api/v1/areas', () => {
  it('reads public data without a token', async () => {
    const res = await t.app.inject('/api/v1/areas');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.length).toBeGreaterThan(0);
  });

  it('refuses a bad token even for a public read (the client learns its token is wrong)', async () => {
    const res = await t.app.inject({ url: '/api/v1/areas', headers: bearer(`kenes_${'B'.repeat(43)}`) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('GET /:lang/office/api-tokens', () => {
  it('sends a visitor to sign in, and a bearer token does not sign anyone in outside /api/', async () => {
    const res = await t.app.inject('/en/office/api-tokens');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/sign-in?next=${encodeURIComponent('/en/office/api-tokens')}`);
    const { token } = await newToken(staff);
    const withToken = await t.app.inject({ url: '/en/office/api-tokens', headers: bearer(token) });
    expect(withToken.statusCode).toBe(303);
  });

  it('lists only the person\'s own tokens, in Kazakh and Russian too', async () => {
    const person = await createAccount(t.database.db);
    const other = await newToken(staff, { name: 'Someone else\'s token' });
    const browser = await signedIn(person);
    const empty = await browser.get('/ru/office/api-tokens');
    expect(empty.statusCode).toBe(200);
    expect(page(empty.body).text('main')).toContain('У вас пока нет API-токенов.');
    expect(empty.body).not.toContain('Someone else');
    expect(empty.body).not.toContain(other.token.slice(0, 12));
    await browser.post('/kk/office/api-tokens', { name: 'Импорт' });
    const kk = page((await browser.get('/kk/office/api-tokens')).body);
    expect(kk.heading).toBe('API токендері');
    const rows = kk.tableRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(expect.arrayContaining(['Импорт', 'Қолданылмаған', 'Мерзімсіз']));
    expect(kk.byRole('button', { name: 'Күшін жою Импорт' })).toBeDefined();
  });
});

describe('POST /:lang/office/api-tokens', () => {
  it('shows the new token once, never cached; the list then shows only its prefix', async () => {
    const { browser, token, response, id } = await newToken(staff, { name: 'Plan sync' });
    expect(token).toMatch(/^kenes_[\w-]{43}$/);
    expect(Buffer.from(token.slice(6), 'base64url')).toHaveLength(32);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = page(response.body);
    expect(created.heading).toBe('Your new API token');
    expect(created.text('main')).toContain('it is shown only this once');
    expect(created.text('main')).toContain(`Authorization: Bearer ${token}`);

    const row = await tokenRow(id);
    expect(row.token_prefix).toBe(token.slice(0, 12));
    expect(row.token_hash).toBe(hashToken(token));
    expect(row.account_id).toBe(staff.id);
    expect(row.expires_at).toBeNull();

    const list = await browser.get('/en/office/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    const listed = page(list.body).tableRows().find((r) => r.includes('Plan sync'));
    expect(listed).toEqual(expect.arrayContaining([`${token.slice(0, 12)}…`, 'Active', 'No expiry']));
  });

  it('keeps an expiry date as the end of that day in Kazakhstan', async () => {
    const { browser, id } = await newToken(staff, { name: 'Until new year', expires: '2099-12-31' });
    expect((await tokenRow(id)).expires_at!.toISOString()).toBe('2099-12-31T19:00:00.000Z');
    const list = await browser.get('/en/office/api-tokens');
    expect(page(list.body).tableRows().find((r) => r.includes('Until new year'))).toContain('31 December 2099');
  });

  it('explains bad input with the error summary and keeps what was typed', async () => {
    const browser = await signedIn(staff);
    const before = await t.database.db.selectFrom('api_token').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', staff.id).executeTakeFirstOrThrow();

    const empty = await browser.post('/en/office/api-tokens', { name: '  ', expires: '' });
    expect(empty.statusCode).toBe(400);
    expect(page(empty.body).errorSummary()).toEqual([{ text: 'Enter a name for the token.', href: '#field-name' }]);
    expect(page(empty.body).title).toMatch(/^Error: /);

    const past = await browser.post('/en/office/api-tokens', { name: 'Old import', expires: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    const pastForm = page(past.body);
    expect(pastForm.errorSummary()).toEqual([{ text: 'The last valid day must be after today.', href: '#field-expires' }]);
    expect(pastForm.byLabel('Name').value).toBe('Old import');
    expect(pastForm.byLabel('Last valid day (optional)').value).toBe('2020-01-01');

    const today = await browser.post('/en/office/api-tokens', { name: 'Today', expires: todayInKazakhstan() });
    expect(today.statusCode).toBe(400);

    const malformed = await browser.post('/ru/office/api-tokens', { name: 'Импорт <плана>', expires: '31.12.2099' });
    expect(malformed.statusCode).toBe(400);
    const malformedForm = page(malformed.body);
    expect(malformedForm.errorSummary().map((e) => e.text)).toEqual([expect.stringContaining('Введите дату в формате ГГГГ-ММ-ДД')]);
    expect(malformedForm.document.querySelector('#field-name')?.getAttribute('value')).toBe('Импорт <плана>');
    expect(malformedForm.document.querySelector('#field-expires')?.getAttribute('value')).toBe('31.12.2099');

    const long = await browser.post('/kk/office/api-tokens', { name: 'x'.repeat(101) });
    expect(long.statusCode).toBe(400);
    expect(page(long.body).errorSummary().map((e) => e.text)).toEqual(['Атауы 100 таңбадан аспауы керек.']);
    const huge = await browser.post('/en/office/api-tokens', { name: 'y'.repeat(5000), expires: '2099-02-30' });
    expect(huge.statusCode).toBe(400);
    expect(page(huge.body).errorSummary().map((e) => e.text)).toEqual(['The name must be 100 characters or fewer.', 'Enter the date as YYYY-MM-DD, for example 2030-12-31.']);

    const after = await t.database.db.selectFrom('api_token').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', staff.id).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a form without the CSRF token', async () => {
    const browser = await signedIn(staff);
    const res = await t.app.inject({
      method: 'POST',
      url: '/en/office/api-tokens',
      payload: 'name=Sneaky',
      headers: { cookie: browser.cookieHeader.replace(/kenes_csrf=[^;]*;?\s*/, ''), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /:lang/office/api-tokens/:id/revoke', () => {
  it('revokes the person\'s own token and shows it as revoked', async () => {
    const { browser, id, token } = await newToken(staff, { name: 'To be revoked' });
    const res = await browser.post(`/en/office/api-tokens/${id}/revoke`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/office/api-tokens?revoked=1');
    expect((await tokenRow(id)).revoked_at).toBeInstanceOf(Date);
    const list = await browser.get('/en/office/api-tokens?revoked=1');
    expect(list.body).not.toContain(token);
    const listed = page(list.body);
    expect(listed.text('main')).toContain('The token was revoked');
    expect(listed.tableRows().find((r) => r.includes('To be revoked'))).toContain('Revoked');
    // Revoking again changes nothing and says nothing new.
    expect((await browser.post(`/en/office/api-tokens/${id}/revoke`)).statusCode).toBe(303);
  });

  it('cannot revoke another person\'s token: it is not found, and the token keeps working', async () => {
    const other = await createAccount(t.database.db);
    const theirs = await newToken(other);
    const browser = await signedIn(staff);
    const res = await browser.post(`/en/office/api-tokens/${theirs.id}/revoke`);
    expect(res.statusCode).toBe(404);
    expect((await tokenRow(theirs.id)).revoked_at).toBeNull();
    expect((await probe(bearer(theirs.token))).statusCode).toBe(200);
    expect((await browser.post('/en/office/api-tokens/not-an-id/revoke')).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/api-tokens (audit)', () => {
  it('records each create and revoke, and never the token or its hash', async () => {
    const person = await createAccount(t.database.db);
    const { browser, token, id } = await newToken(person, { name: 'Audited' });
    await browser.post(`/en/office/api-tokens/${id}/revoke`);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_account_id', 'entity', 'entity_id', 'before', 'after'])
      .where('entity', '=', 'api_token')
      .where('entity_id', '=', id)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['created', 'revoked']);
    expect(events.every((e) => e.actor_account_id === person.id)).toBe(true);
    expect(events[0]!.after).toMatchObject({ name: 'Audited', token_prefix: token.slice(0, 12) });

    const { rows } = await sql<{ row: string }>`select row_to_json(a)::text as row from audit_event a`.execute(t.database.db);
    const everything = rows.map((r) => r.row).join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(hashToken(token));
    expect(everything).not.toContain(token.slice(12));
  });
});
