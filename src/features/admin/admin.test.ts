import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChange, systemContext } from '../../core/audit/audit.js';
import { newId } from '../../core/ids.js';
import { createMailer } from '../../core/mail/mailer.js';
import { Browser, createAccount, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { startOfDay } from './admin.service.js';

// One app for the file; each test records the events and mail it reads, under names of its own.
let t: TestApp;
let staff: TestAccount;
let admin: TestAccount;
let adminBrowser: Browser;
let staffBrowser: Browser;

beforeAll(async () => {
  t = await createTestApp();
  staff = await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
  admin = await createAccount(t.database.db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  staffBrowser = new Browser(t.app);
  await staffBrowser.signIn(staff);
  adminBrowser = new Browser(t.app);
  await signInFully(adminBrowser, t.database.db, admin);
});
afterAll(() => t.close());

/** An entity name no other test uses, so a filter by it finds only this test's events. */
const entityOfOwn = (what: string) => `${what}_${newId().slice(-12)}`;

/** Records `count` events of one entity, numbered 0 to count - 1 (the newest has the highest number). */
async function recordNumbered(entity: string, count: number) {
  for (let i = 0; i < count; i++) await recordChange(t.database.db, systemContext('pager'), { entity, entityId: null, action: 'paged', after: { i } });
}

const logger = { info: () => {}, warn: () => {}, error: () => {} };
const mailer = () => createMailer({ db: t.database.db, smtpUrl: undefined, from: 'x@y', logger });

describe('GET /:lang/office/admin/audit', () => {
  it('sends a visitor to sign in and back', async () => {
    const res = await t.app.inject('/kk/office/admin/audit?action=signed_in');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/kk/sign-in?next=${encodeURIComponent('/kk/office/admin/audit?action=signed_in')}`);
  });

  it('refuses a signed-in person who is not an admin, in the page\'s language', async () => {
    const res = await staffBrowser.get('/ru/office/admin/audit');
    expect(res.statusCode).toBe(403);
    const refused = page(res.body);
    expect(refused.document.documentElement.getAttribute('lang')).toBe('ru');
    expect(refused.text('main')).toContain('У вас нет прав на это действие.');
  });

  it('shows an admin the sign-ins, newest first, with time, actor, entity, action and values', async () => {
    const first = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const second = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    await new Browser(t.app).signIn(first);
    await new Browser(t.app).signIn(second);

    const res = await adminBrowser.get('/en/office/admin/audit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const audit = page(res.body);
    expect(audit.heading).toBe('Audit log');
    const table = audit.table('Audit log, newest first');
    const rows = [...table.querySelectorAll('tbody > tr')];
    expect(rows.length).toBeGreaterThan(0);
    const rowOf = (email: string) => rows.find((r) => r.textContent!.includes(email) && r.textContent!.includes('signed_in'));
    const firstRow = rowOf(first.email)!;
    expect(firstRow).toBeDefined();
    expect(firstRow.querySelector('code')?.textContent).toBe(first.id);
    expect(firstRow.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(firstRow.querySelector('details > summary')?.textContent).toBe('Show the values');
    expect(firstRow.querySelector('details pre')?.textContent).toContain('"failed_sign_ins": 0');
    // The second sign-in came later, so it is listed above the first.
    expect(rows.indexOf(rowOf(second.email)!)).toBeLessThan(rows.indexOf(firstRow));
    // The filter offers the values that occur.
    const options = (label: string) => [...audit.byLabel(label).querySelectorAll('option')].map((o) => o.getAttribute('value'));
    expect(options('Action')).toContain('signed_in');
    expect(options('Entity')).toContain('account');
  });

  it('filters by action and by the actor\'s email, whatever its case, keeping the input', async () => {
    const person = await createAccount(t.database.db);
    await new Browser(t.app).signIn(person);
    const action = entityOfOwn('renamed');
    await recordChange(t.database.db, { ...systemContext(person.email), actorAccountId: person.id }, { entity: 'account', entityId: person.id, action, after: { display_name: 'A' } });

    const byAction = page((await adminBrowser.get(`/en/office/admin/audit?action=${action}`)).body);
    expect(byAction.tableRows()).toHaveLength(1);
    expect(byAction.text('#audit-count')).toContain('1 entry found.');
    expect(byAction.byLabel('Action').value).toBe(action);

    const byActorRes = await adminBrowser.get(`/en/office/admin/audit?actor=${encodeURIComponent(person.email.toUpperCase())}`);
    expect(byActorRes.statusCode).toBe(200);
    const byActor = page(byActorRes.body);
    const rows = byActor.tableRows();
    expect(rows.map((r) => r[4])).toEqual([action, 'signed_in']);
    expect(rows.every((r) => r[1] === person.email)).toBe(true);
    expect(byActor.text('main')).not.toContain(admin.email);
    expect(byActor.byLabel(/^Who \(email address\)/).value).toBe(person.email.toUpperCase());

    const both = page((await adminBrowser.get(`/en/office/admin/audit?actor=${encodeURIComponent(person.email)}&action=signed_in`)).body).tableRows();
    expect(both).toHaveLength(1);
    expect(both[0]![4]).toBe('signed_in');

    const nobody = await adminBrowser.get('/en/office/admin/audit?actor=nobody%40example.kz');
    expect(nobody.statusCode).toBe(200);
    expect(page(nobody.body).text('main')).toContain('No entries match the filter.');
  });

  it('filters by days in Kazakhstan time, the to date included', async () => {
    const entity = entityOfOwn('dated');
    await recordNumbered(entity, 2);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
    const inRange = page((await adminBrowser.get(`/en/office/admin/audit?entity=${entity}&from=${today}&to=${today}`)).body);
    expect(inRange.tableRows()).toHaveLength(2);
    const before = page((await adminBrowser.get(`/en/office/admin/audit?entity=${entity}&from=2020-01-01&to=2020-12-31`)).body);
    expect(before.text('main')).toContain('No entries match the filter.');
    expect(startOfDay('2026-03-15').toISOString()).toBe('2026-03-14T19:00:00.000Z');
    expect(startOfDay('2023-03-15').toISOString()).toBe('2023-03-14T18:00:00.000Z');
  });

  it('explains a bad date at the field and in the error summary, keeping every answer (kk and en)', async () => {
    const res = await adminBrowser.get('/en/office/admin/audit?action=signed_in&actor=someone%40example.kz&from=15.03.2026&to=2026-02-30');
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Error: Audit log/);
    expect(form.errorSummary()).toEqual([
      { text: 'Enter the from date as YYYY-MM-DD, for example 2026-03-15.', href: '#field-from' },
      { text: 'Enter the to date as YYYY-MM-DD, for example 2026-03-15.', href: '#field-to' },
    ]);
    expect(form.fieldError('From date')).toBe('Enter the from date as YYYY-MM-DD, for example 2026-03-15.');
    expect(form.byLabel('From date').value).toBe('15.03.2026');
    expect(form.byLabel('To date (inclusive)').value).toBe('2026-02-30');
    expect(form.byLabel(/^Who \(email address\)/).value).toBe('someone@example.kz');
    expect(form.byLabel('Action').value).toBe('signed_in');
    expect(form.allByRole('table')).toEqual([]);

    const reversed = await adminBrowser.get('/kk/office/admin/audit?from=2026-03-15&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(page(reversed.body).errorSummary().map((e) => e.text)).toEqual(['Аяқталу күні басталу күнімен бірдей немесе одан кейін болуы керек.']);
  });

  it('pages 50 at a time, the links keeping the filters', async () => {
    const entity = entityOfOwn('pager');
    await recordNumbered(entity, 120);
    const firstRes = await adminBrowser.get(`/en/office/admin/audit?entity=${entity}&action=paged`);
    const first = page(firstRes.body);
    expect(first.text('#audit-count')).toContain('120 entries found.');
    expect(first.tableRows()).toHaveLength(50);
    expect(first.text('main')).toContain('Page 1 of 3');
    expect(first.document.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(`/en/office/admin/audit?entity=${entity}&action=paged&page=2`);
    expect(first.text('tbody')).toContain('"i": 119');

    const last = page((await adminBrowser.get(`/en/office/admin/audit?entity=${entity}&action=paged&page=3`)).body);
    expect(last.tableRows()).toHaveLength(20);
    expect(last.text('main')).toContain('Page 3 of 3');
    expect(last.document.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe(`/en/office/admin/audit?entity=${entity}&action=paged&page=2`);
    expect(last.document.querySelector('a[rel="next"]')).toBeNull();
    expect(last.text('tbody')).toContain('"i": 0');

    const past = page((await adminBrowser.get(`/ru/office/admin/audit?entity=${entity}&action=paged&page=99`)).body);
    expect(past.text('main')).toContain('Страница 3 из 3');
    const kk = page((await adminBrowser.get(`/kk/office/admin/audit?entity=${entity}&action=paged&page=2`)).body);
    expect(kk.text('main')).toContain('3 беттің 2-беті');
    expect(kk.document.querySelector('a[download]')?.getAttribute('href')).toBe(`/kk/office/admin/audit.csv?entity=${entity}&action=paged`);
  });

  it('shows stored values escaped, never as markup', async () => {
    const entity = entityOfOwn('escape');
    await recordChange(t.database.db, systemContext('<b>label</b>'), { entity, entityId: null, action: 'noted', after: { note: '<script>alert(1)</script>' } });
    const res = await adminBrowser.get(`/en/office/admin/audit?entity=${entity}`);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('<b>label</b>');
    const shown = page(res.body);
    expect(shown.document.querySelector('main script, main b')).toBeNull();
    expect(shown.tableRows()[0]![1]).toBe('<b>label</b>');
    expect(shown.text('tbody pre')).toContain('"note": "<script>alert(1)</script>"');
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
    const entity = entityOfOwn('csv');
    await recordChange(t.database.db, { ...systemContext('=HYPERLINK("x")'), userAgent: 'Agent\r\nX' }, {
      entity,
      entityId: '-1',
      action: '@SUM(A1)',
      after: { name: 'Қазақстан, "Астана"', lines: 'one\ntwo' },
    });
    await recordChange(t.database.db, systemContext('+cmd'), { entity, entityId: null, action: 'plain' });
    const res = await adminBrowser.get(`/en/office/admin/audit.csv?entity=${entity}`);
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
    expect(lines[1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z,,'\\+cmd,,,,${entity},,plain,,$`));
    expect(lines).toHaveLength(5);
    const record = lines.slice(2, -1).join('\r\n');
    expect(record).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,,"'=HYPERLINK\\(""x""\\)",,"Agent\r\nX",,${entity},-1,'@SUM\\(A1\\),,"`));
    expect(record).toContain('"{""name"":""Қазақстан, \\""Астана\\"""",""lines"":""one\\ntwo""}"');
  });

  it('has one line per event for the same filters as the page', async () => {
    const entity = entityOfOwn('pager');
    await recordNumbered(entity, 120);
    const res = await adminBrowser.get(`/en/office/admin/audit.csv?entity=${entity}&action=paged`);
    const lines = res.rawPayload.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(121);
    expect(lines[1]).toContain('"{""i"":119}"');
    expect(lines[120]).toContain('"{""i"":0}"');
  });

  it('refuses bad dates', async () => {
    const res = await adminBrowser.get('/en/office/admin/audit.csv?from=yesterday');
    expect(res.statusCode).toBe(400);
    expect(page(res.body).text('main')).toContain('Enter the from date as YYYY-MM-DD');
  });
});

describe('GET /:lang/office/admin/outbox', () => {
  it('is for admins only', async () => {
    const { id } = await mailer().send({ to: 'someone@example.kz', subject: 'Private', text: 'x' });
    const visitor = await t.app.inject('/kk/office/admin/outbox');
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe(`/kk/sign-in?next=${encodeURIComponent('/kk/office/admin/outbox')}`);
    const staffRes = await staffBrowser.get('/kk/office/admin/outbox');
    expect(staffRes.statusCode).toBe(403);
    expect(page(staffRes.body).text('main')).toContain('Бұл әрекетке рұқсатыңыз жоқ.');
    expect((await staffBrowser.get(`/en/office/admin/outbox/${id}`)).statusCode).toBe(403);
  });

  it('lists the messages, newest first, each linking to its text', async () => {
    const recipient = `voter-${newId().slice(-8)}@example.kz`;
    const { id: older } = await mailer().send({ to: recipient, subject: 'Your <b>question</b>', text: 'Hello' });
    await mailer().send({ to: recipient, subject: 'A later answer', text: 'Hello again' });
    const res = await adminBrowser.get('/en/office/admin/outbox');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const outbox = page(res.body);
    expect(outbox.heading).toBe('Mail outbox');
    const rows = outbox.tableRows('Messages, newest first').filter((r) => r[0] === recipient);
    expect(rows.map((r) => r[1])).toEqual(['A later answer', 'Your <b>question</b>']);
    expect(rows[1]!.slice(3)).toEqual(['Kept here only', 'Not sent (kept here)']);
    const links = outbox.allByRole('link', { name: 'Your <b>question</b>' }).map((a) => a.getAttribute('href'));
    expect(links).toContain(`/en/office/admin/outbox/${older}`);
    const kk = page((await adminBrowser.get('/kk/office/admin/outbox')).body);
    expect(kk.tableRows().find((r) => r[0] === recipient)?.[3]).toBe('Тек осында сақталады');
  });

  it('shows the text body escaped and never the HTML body', async () => {
    const { id } = await mailer().send({
      to: 'voter@example.kz',
      subject: 'Your <b>question</b>',
      text: 'Hello,\n<script>alert(1)</script>\nKenes',
      html: '<p>Hello <img src=x onerror=alert(2)></p>',
    });
    const res = await adminBrowser.get(`/en/office/admin/outbox/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('alert(2)');
    const message = page(res.body);
    expect(message.title).toMatch(/^Message: Your <b>question<\/b>/);
    expect(message.heading).toBe('Your <b>question</b>');
    expect(message.document.querySelector('pre.mail-body')?.textContent).toBe('Hello,\n<script>alert(1)</script>\nKenes');
    expect(message.document.querySelector('main script, main img')).toBeNull();
  });

  it('pages 50 at a time', async () => {
    const before = (await t.database.db.selectFrom('mail_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const batch = newId().slice(-8);
    for (let i = 0; i < 51; i++) await mailer().send({ to: `p${i}-${batch}@example.kz`, subject: `Notice ${i} of ${batch}`, text: 'x' });
    const total = Number(before) + 51;
    const pages = Math.ceil(total / 50);
    const first = page((await adminBrowser.get('/en/office/admin/outbox')).body);
    expect(first.tableRows()).toHaveLength(50);
    expect(first.text('main')).toContain(`Page 1 of ${pages}`);
    expect(first.tableRows()[0]![1]).toBe(`Notice 50 of ${batch}`);
    const second = page((await adminBrowser.get('/en/office/admin/outbox?page=2')).body);
    expect(second.tableRows()).toHaveLength(Math.min(50, total - 50));
    expect(second.text('tbody')).toContain(`Notice 0 of ${batch}`);
    expect(second.document.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/en/office/admin/outbox');
  });

  it('is 404 for an unknown or malformed id', async () => {
    expect((await adminBrowser.get('/en/office/admin/outbox/01890a5d-ac96-774b-bcce-b302099a8057')).statusCode).toBe(404);
    expect((await adminBrowser.get('/en/office/admin/outbox/not-a-uuid')).statusCode).toBe(404);
    expect((await adminBrowser.get("/en/office/admin/outbox/1'%20or%201=1")).statusCode).toBe(404);
  });
});
