// The sign-in throttle under concurrency: failures are counted atomically before a password is
// checked, so parallel guesses cannot slip past the waits, and the per-address limit (by address and
// source) counts failures only. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../test/support/factories.js';
import { createSharedTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { Db } from '../../core/db/connect.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Any well-formed token: the CSRF check only compares the cookie with the form field. */
const csrf = 'c'.repeat(43);

/** One sign-in form post from a browser at the address `ip`. */
function signIn(app: TestApp['app'], ip: string, email: string, password: string) {
  return app.inject({
    method: 'POST',
    url: '/en/sign-in',
    remoteAddress: ip,
    payload: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
    headers: { cookie: `kenes_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** Failed attempts whose password was actually checked: only those are written to the audit log. */
async function checkedFailures(db: Db, accountId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_event where entity_id = ${accountId} and action in ('sign_in_failed', 'locked')`.execute(db);
  return rows[0]!.n;
}

async function liveSessions(db: Db, accountId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from session where account_id = ${accountId}`.execute(db);
  return rows[0]!.n;
}

async function failedSignIns(db: Db, accountId: string): Promise<number> {
  return (await db.selectFrom('account').select('failed_sign_ins').where('id', '=', accountId).executeTakeFirstOrThrow()).failed_sign_ins;
}

describe('POST /:lang/sign-in (throttle under concurrency)', () => {
  it('checks at most three of ten concurrent wrong passwords; the rest are told to wait', async () => {
    const person = await createAccount(t.database.db);
    const responses = await Promise.all(Array.from({ length: 10 }, () => signIn(t.app, '198.51.100.10', person.email, 'wrong-password-here')));
    const checked = responses.filter((r) => r.statusCode === 400);
    const refused = responses.filter((r) => r.statusCode === 429);
    expect(checked).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.body).toMatch(/too many failed attempts\. You can try again after \d\d:\d\d/);
    expect(checked.filter((r) => /try again after \d\d:\d\d/.test(r.body))).toHaveLength(1);
    expect(await checkedFailures(t.database.db, person.id)).toBe(3);
    expect(await failedSignIns(t.database.db, person.id)).toBe(3);
  });

  it('refuses the right password sent while nine wrong ones are in flight, and starts no session', async () => {
    const person = await createAccount(t.database.db);
    const wrong = Array.from({ length: 9 }, () => signIn(t.app, '198.51.100.11', person.email, 'wrong-password-here'));
    // The right one goes out once the wrong ones have taken the three free attempts (while their
    // passwords are still being checked), so the test does not depend on which request the
    // database serves first.
    await expect.poll(() => failedSignIns(t.database.db, person.id), { timeout: 10_000, interval: 5 }).toBeGreaterThanOrEqual(3);
    const right = await signIn(t.app, '198.51.100.11', person.email, person.password);
    const responses = await Promise.all(wrong);
    expect(right.statusCode).toBe(429);
    expect(right.body).toMatch(/You can try again after \d\d:\d\d/);
    expect(responses.filter((r) => r.statusCode === 400)).toHaveLength(3);
    expect(await liveSessions(t.database.db, person.id)).toBe(0);
    expect(await checkedFailures(t.database.db, person.id)).toBe(3);
  });

  it('sends nine wrong passwords and the right one together: whichever is checked, at most three are', async () => {
    const person = await createAccount(t.database.db);
    const guesses = [...Array.from({ length: 9 }, () => 'wrong-password-here'), person.password];
    const responses = await Promise.all(guesses.map((password) => signIn(t.app, '198.51.100.12', person.email, password)));
    const signedIn = responses.filter((r) => r.statusCode === 303);
    const checkedWrong = responses.filter((r) => r.statusCode === 400);
    expect(signedIn.length + checkedWrong.length).toBeLessThanOrEqual(3);
    expect(await checkedFailures(t.database.db, person.id)).toBe(checkedWrong.length);
    // The right password can only succeed as one of the three free attempts, exactly as it would
    // one after another. PGlite serves its one connection in order, so there, sent last, it never is.
    expect(await liveSessions(t.database.db, person.id)).toBe(signedIn.length);
    expect(signedIn.length).toBeLessThanOrEqual(usingPostgres ? 1 : 0);
  });

  it('holds across two app instances sharing one PostgreSQL database', async (context) => {
    const shared = await createSharedTestDatabase();
    if (!shared) return context.skip('PostgreSQL only: PGlite lives inside one process');
    const a = await createTestApp({ database: shared[0] });
    const b = await createTestApp({ database: shared[1] });
    try {
      const person = await createAccount(shared[0].db);
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(i % 2 ? a.app : b.app, '198.51.100.13', person.email, 'wrong-password-here')));
      expect(responses.filter((r) => r.statusCode === 400)).toHaveLength(3);
      expect(responses.filter((r) => r.statusCode === 429)).toHaveLength(7);
      expect(await checkedFailures(shared[0].db, person.id)).toBe(3);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('POST /:lang/sign-in (per-address limit)', () => {
  it('does not count successful sign-ins: twelve in a row all work', async () => {
    const person = await createAccount(t.database.db);
    for (let i = 0; i < 12; i++) {
      const res = await signIn(t.app, '198.51.100.20', person.email, person.password);
      expect(res.statusCode, `sign-in ${i + 1}`).toBe(303);
    }
  });

  it('limits failures per address and source: an attacker at one IP does not stop the owner at another once the account lock has passed', async () => {
    const person = await createAccount(t.database.db);
    const attacker = '203.0.113.66';
    // Ten failures from the attacker's address (each wait skipped, as if it had passed): the account
    // locks at the 7th; the 11th attempt from that address hits the per-address-and-source limit.
    for (let i = 0; i < 10; i++) {
      await sql`update account set locked_until = null where id = ${person.id}`.execute(t.database.db);
      await signIn(t.app, attacker, person.email, 'wrong-password-here');
    }
    const limited = await signIn(t.app, attacker, person.email, person.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toMatch(/Too many requests\. Try again in \d+ seconds?\./);

    // The account lock (set by the 10th failure) applies to everyone: the owner, elsewhere, waits it out too.
    const owner = '192.0.2.7';
    const whileLocked = await signIn(t.app, owner, person.email, person.password);
    expect(whileLocked.statusCode).toBe(429);
    expect(whileLocked.body).toContain('the account is locked for now');

    // Once the lock has passed, the owner signs in from their own address; the attacker's address stays limited.
    await sql`update account set locked_until = null where id = ${person.id}`.execute(t.database.db);
    const ownerIn = await signIn(t.app, owner, person.email, person.password);
    expect(ownerIn.statusCode).toBe(303);
    expect(await failedSignIns(t.database.db, person.id)).toBe(0);
    expect((await signIn(t.app, attacker, person.email, person.password)).statusCode).toBe(429);
  });
});
