import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChange, systemContext } from '../../core/audit/audit.js';
import { createMailer } from '../../core/mail/mailer.js';
import { Browser, createAccount, type TestAccount } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { csvCell, startOfDay } from './admin.service.js';

let t: TestApp;
let staff: TestAccount;
let admin: TestAccount;
let adminBrowser: Browser;
let staffBrowser: Browser;

/** An admin who has completed the second-factor step, as after entering the TOTP code. */
async function signInAdmin(account: TestAccount): Promise<Browser> {
  const browser = new Browser(t.app);
  await browser.signIn(account);
  await sql`update account set totp_enabled_at = now() where id = ${account.id}`.execute(t.database.db);
  await sql`update session set second_factor_at = now() where account_id = ${account.id} and ended_at is null`.execute(t.database.db);
  return browser;
}

/** The rows of the page's table body. */
function tableRows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return body.split('</tr>').filter((r) => r.includes('<tr'));
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
  admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  staffBrowser = new Browser(t.app);
  await staffBrowser.signIn(staff);
  adminBrowser = await signInAdmin(admin);
});
afterAll(() => t.close());

describe('GET /:lang/office/admin/audit', () => {
  it('sends a visitor to sign in and back', async () => {
    const res = await t.app.inject('/kk/office/admin/audit?action=signed_in');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/kk/sign-in?next=${encodeURIComponent('/kk/office/admin/audit?action=signed_in')}`);
  });

  it('refuses a signed-in person who is not an admin, in the page\'s language', async () => {
    const res = await staffBrowser.get('/ru/office/admin/audit');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<html lang="ru"');
    expect(res.body).toContain('У вас нет прав на это действие.');
  });

  it('shows an admin the sign-ins, newest first, with time, actor, entity, action and values', async () => {
    const res = await adminBrowser.get('/en/office/admin/audit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<caption class="visually-hidden">Audit log, newest first</caption>');
    const rows = tableRows(res.body);
    const staffRow = rows.find((r) => r.includes(staff.email) && r.includes('signed_in'))!;
    expect(staffRow).toBeDefined();
    expect(staffRow).toContain(`<code>${staff.id}</code>`);
    expect(staffRow).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">/);
    expect(staffRow).toContain('<details><summary>Show the values</summary>');
    expect(staffRow).toContain('&quot;failed_sign_ins&quot;: 0');
    // The admin's own sign-in came later, so it is listed above the staff member's.
    expect(rows.findIndex((r) => r.includes(admin.email))).toBeLessThan(rows.indexOf(staffRow));
    // The filter offers the values that occur.
    expect(res.body).toMatch(/<option value="signed_in"[^>]*>signed_in<\/option>/);
    expect(res.body).toMatch(/<option value="account"[^>]*>account<\/option>/);
  });

  it('filters by action and by the actor\'s email, whatever its case, keeping the input', async () => {
    await recordChange(t.database.db, { ...systemContext(staff.email), actorAccountId: staff.id }, { entity: 'account', entityId: staff.id, action: 'renamed', after: { display_name: 'A' } });
    const byAction = await adminBrowser.get('/en/office/admin/audit?action=renamed');
    expect(tableRows(byAction.body)).toHaveLength(1);
    expect(byAction.body).toContain('1 entry found.');
    expect(byAction.body).toMatch(/<option value="renamed" selected[^>]*>renamed<\/option>/);

    const byActor = await adminBrowser.get(`/en/office/admin/audit?actor=${encodeURIComponent(staff.email.toUpperCase())}`);
    expect(byActor.statusCode).toBe(200);
    const rows = tableRows(byActor.body);
    const { rows: expected } = await sql<{ n: number }>`select count(*)::int as n from audit_event where actor_account_id = ${staff.id}`.execute(t.database.db);
    expect(rows).toHaveLength(expected[0]!.n);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.includes(staff.email))).toBe(true);
    expect(byActor.body).not.toContain(admin.email);
    expect(byActor.body).toContain(`value="${staff.email.toUpperCase()}"`);

    const both = await adminBrowser.get(`/en/office/admin/audit?actor=${encodeURIComponent(staff.email)}&action=signed_in`);
    expect(tableRows(both.body).every((r) => r.includes('signed_in'))).toBe(true);

    const nobody = await adminBrowser.get('/en/office/admin/audit?actor=nobody%40example.kz');
    expect(nobody.statusCode).toBe(200);
    expect(nobody.body).toContain('No entries match the filter.');
  });

  it('filters by days in Kazakhstan time, the to date included', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
    const inRange = await adminBrowser.get(`/en/office/admin/audit?action=signed_in&from=${today}&to=${today}`);
    expect(tableRows(inRange.body).length).toBeGreaterThanOrEqual(2);
    const before = await adminBrowser.get('/en/office/admin/audit?action=signed_in&from=2020-01-01&to=2020-12-31');
    expect(before.body).toContain('No entries match the filter.');
    expect(startOfDay('2026-03-15').toISOString()).toBe('2026-03-14T19:00:00.000Z');
    expect(startOfDay('2023-03-15').toISOString()).toBe('2023-03-14T18:00:00.000Z');
  });

  it('explains a bad date at the field and in the error summary, keeping every answer (kk and en)', async () => {
    const res = await adminBrowser.get('/en/office/admin/audit?action=signed_in&actor=someone%40example.kz&from=15.03.2026&to=2026-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<title>Error: Audit log/);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('<a href="#field-from">Enter the from date as YYYY-MM-DD, for example 2026-03-15.</a>');
    expect(res.body).toContain('<a href="#field-to">Enter the to date as YYYY-MM-DD');
    expect(res.body).toContain('value="15.03.2026"');
    expect(res.body).toContain('value="2026-02-30"');
    expect(res.body).toContain('value="someone@example.kz"');
    expect(res.body).toMatch(/<option value="signed_in" selected/);
    expect(res.body).not.toContain('<tbody>');

    const reversed = await adminBrowser.get('/kk/office/admin/audit?from=2026-03-15&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('Аяқталу күні басталу күнімен бірдей немесе одан кейін болуы керек.');
  });

  it('pages 50 at a time, the links keeping the filters', async () => {
    for (let i = 0; i < 120; i++) await recordChange(t.database.db, systemContext('pager'), { entity: 'pager_test', entityId: null, action: 'paged', after: { i } });
    const first = await adminBrowser.get('/en/office/admin/audit?entity=pager_test&action=paged');
    expect(first.body).toContain('120 entries found.');
    expect(tableRows(first.body)).toHaveLength(50);
    expect(first.body).toContain('Page 1 of 3');
    expect(first.body).toContain('href="/en/office/admin/audit?entity=pager_test&amp;action=paged&amp;page=2" rel="next"');
    expect(first.body).toContain('&quot;i&quot;: 119');

    const last = await adminBrowser.get('/en/office/admin/audit?entity=pager_test&action=paged&page=3');
    expect(tableRows(last.body)).toHaveLength(20);
    expect(last.body).toContain('Page 3 of 3');
    expect(last.body).toContain('href="/en/office/admin/audit?entity=pager_test&amp;action=paged&amp;page=2" rel="prev"');
    expect(last.body).not.toContain('rel="next"');
    expect(last.body).toContain('&quot;i&quot;: 0');

    const past = await adminBrowser.get('/ru/office/admin/audit?entity=pager_test&action=paged&page=99');
    expect(past.body).toContain('Страница 3 из 3');
    const kk = await adminBrowser.get('/kk/office/admin/audit?entity=pager_test&action=paged&page=2');
    expect(kk.body).toContain('3 беттің 2-беті');
    expect(kk.body).toContain('href="/kk/office/admin/audit.csv?entity=pager_test&amp;action=paged"');
  });

  it('shows stored values escaped, never as markup', async () => {
    await recordChange(t.database.db, systemContext('<b>label</b>'), { entity: 'escape_test', entityId: null, action: 'noted', after: { note: '<script>alert(1)</script>' } });
    const res = await adminBrowser.get('/en/office/admin/audit?entity=escape_test');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('<b>label</b>');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
  });
});

describe('GET /:lang/office/admin/audit.csv', () => {
  it('is for admins only', async () => {
    const visitor = await t.app.inject('/en/office/admin/audit.csv');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/en\/sign-in\?next=/);
    expect((await staffBrowser.get('/en/office/admin/audit.csv')).statusCode).toBe(403);
  });

  it('downloads every matching event as UTF-8 CSV with a BOM, quoted, formulas neutralised', async () => {
    await recordChange(t.database.db, { ...systemContext('=HYPERLINK("x")'), userAgent: 'Agent\r\nX' }, {
      entity: 'csv_test',
      entityId: '-1',
      action: '@SUM(A1)',
      after: { name: 'Қазақстан, "Астана"', lines: 'one\ntwo' },
    });
    await recordChange(t.database.db, systemContext('+cmd'), { entity: 'csv_test', entityId: null, action: 'plain' });
    const res = await adminBrowser.get('/en/office/admin/audit.csv?entity=csv_test');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="kenes-audit-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('time,actor_email,actor_label,ip,user_agent,request_id,entity,entity_id,action,before,after');
    expect(lines.at(-1)).toBe('');
    // Newest first: the second event, then the first (whose user agent holds a line break, so it spans two lines).
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,,'\+cmd,,,,csv_test,,plain,,$/);
    expect(lines).toHaveLength(5);
    const record = lines.slice(2, -1).join('\r\n');
    expect(record).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,,"'=HYPERLINK\(""x""\)",,"Agent\r\nX",,csv_test,-1,'@SUM\(A1\),,"/);
    expect(record).toContain('"{""name"":""Қазақстан, \\""Астана\\"""",""lines"":""one\\ntwo""}"');
  });

  it('has one line per event for the same filters as the page', async () => {
    const res = await adminBrowser.get('/en/office/admin/audit.csv?entity=pager_test&action=paged');
    const lines = res.rawPayload.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(121);
    expect(lines[1]).toContain('"{""i"":119}"');
    expect(lines[120]).toContain('"{""i"":0}"');
  });

  it('refuses bad dates', async () => {
    const res = await adminBrowser.get('/en/office/admin/audit.csv?from=yesterday');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter the from date as YYYY-MM-DD');
  });
});

describe('csvCell', () => {
  it('quotes what needs quoting and neutralises formula triggers', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}A1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1+2,3')).toBe('"\'=1+2,3"');
    // Phone numbers and negative numbers are data, not formulas: kept as they are.
    expect(csvCell('+7 701 123 45 67')).toBe('+7 701 123 45 67');
    expect(csvCell('+7 (7172) 74-77-77')).toBe('+7 (7172) 74-77-77');
    expect(csvCell('-12.5')).toBe('-12.5');
    // Anything with a letter, a formula sign or a separator after the start is still neutralised.
    for (const risky of ['+SUM(1,2)', '-2+3+cmd|calc', '=1', '@A1', '-', '+7 701|x', '\t12']) expect(csvCell(risky).replace(/^"/, '')).toMatch(/^'/);
  });
});

describe('GET /:lang/office/admin/outbox', () => {
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  let messageId: string;

  beforeAll(async () => {
    const mailer = createMailer({ db: t.database.db, smtpUrl: undefined, from: 'x@y', logger });
    ({ id: messageId } = await mailer.send({
      to: 'voter@example.kz',
      subject: 'Your <b>question</b>',
      text: 'Hello,\n<script>alert(1)</script>\nKenes',
      html: '<p>Hello <img src=x onerror=alert(2)></p>',
    }));
  });

  it('is for admins only', async () => {
    const visitor = await t.app.inject('/kk/office/admin/outbox');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe(`/kk/sign-in?next=${encodeURIComponent('/kk/office/admin/outbox')}`);
    const staffRes = await staffBrowser.get('/kk/office/admin/outbox');
    expect(staffRes.statusCode).toBe(403);
    expect(staffRes.body).toContain('Бұл әрекетке рұқсатыңыз жоқ.');
    expect((await staffBrowser.get(`/en/office/admin/outbox/${messageId}`)).statusCode).toBe(403);
  });

  it('lists the messages, newest first, each linking to its text', async () => {
    const res = await adminBrowser.get('/en/office/admin/outbox');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = tableRows(res.body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('voter@example.kz');
    expect(rows[0]).toContain(`<a href="/en/office/admin/outbox/${messageId}">Your &lt;b>question&lt;/b></a>`);
    expect(rows[0]).toContain('Kept here only');
    expect(rows[0]).toContain('Not sent (kept here)');
    const kk = await adminBrowser.get('/kk/office/admin/outbox');
    expect(kk.body).toContain('Тек осында сақталады');
  });

  it('shows the text body escaped and never the HTML body', async () => {
    const res = await adminBrowser.get(`/en/office/admin/outbox/${messageId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<pre class="mail-body">Hello,\n&lt;script>alert(1)&lt;/script>\nKenes</pre>');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('alert(2)');
    expect(res.body).toMatch(/<title>Message: Your &lt;b>question&lt;\/b>/);
  });

  it('pages 50 at a time', async () => {
    const mailer = createMailer({ db: t.database.db, smtpUrl: undefined, from: 'x@y', logger });
    for (let i = 0; i < 50; i++) await mailer.send({ to: `p${i}@example.kz`, subject: `Notice ${i}`, text: 'x' });
    const first = await adminBrowser.get('/en/office/admin/outbox');
    expect(tableRows(first.body)).toHaveLength(50);
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('Notice 49');
    const second = await adminBrowser.get('/en/office/admin/outbox?page=2');
    expect(tableRows(second.body)).toHaveLength(1);
    expect(second.body).toContain('voter@example.kz');
    expect(second.body).toContain('href="/en/office/admin/outbox" rel="prev"');
  });

  it('is 404 for an unknown or malformed id', async () => {
    expect((await adminBrowser.get('/en/office/admin/outbox/01890a5d-ac96-774b-bcce-b302099a8057')).statusCode).toBe(404);
    expect((await adminBrowser.get('/en/office/admin/outbox/not-a-uuid')).statusCode).toBe(404);
    expect((await adminBrowser.get("/en/office/admin/outbox/1'%20or%201=1")).statusCode).toBe(404);
  });
});
