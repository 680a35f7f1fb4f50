import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { createCouncilMember, createDeputy, createPerson } from '../../../test/support/registry-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let admin: TestAccount;
let adminBrowser: Browser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAccount(t.database.db, { displayName: 'Admin', grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  adminBrowser = new Browser(t.app);
  await signInFully(adminBrowser, t.database.db, admin);
});
afterAll(() => t.close());

const orgId = async (slug: string) => (await t.database.db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const latestMailTo = async (email: string) =>
  (await t.database.db.selectFrom('mail_message').selectAll().where('recipient', '=', email).orderBy('created_at', 'desc').executeTakeFirst())!;

describe('POST /:lang/office/admin/people/invite', () => {
  it('invites a secretariat member who sets a password and must enrol a second factor', async () => {
    const council = await orgId('council-senate');
    const res = await adminBrowser.post('/ru/office/admin/people/invite', { displayName: 'Гульнара Ахметова', email: 'gulnara@example.kz', role: 'secretariat', organizationId: council });
    expect(res.statusCode).toBe(303);
    expect(page((await adminBrowser.get(res.headers.location as string)).body).text('main')).toContain('Приглашение отправлено на gulnara@example.kz');

    const mail = await latestMailTo('gulnara@example.kz');
    expect(mail.transport).toBe('outbox');
    expect(mail.subject).toBe('Kenes: приглашение');
    const link = /https?:\/\/[^/\s]+(\/ru\/invitation\/[\w-]+)/.exec(mail.body_text)![1]!;

    const invitee = new Browser(t.app);
    const form = await invitee.get(link);
    expect(form.statusCode).toBe(200);
    expect(page(form.body).text('main')).toContain('gulnara@example.kz');
    const weak = await invitee.post(link, { password: 'qwerty123456', confirmation: 'qwerty123456' });
    expect(weak.statusCode).toBe(400);
    expect(page(weak.body).errorSummary().map((e) => e.href)).toEqual(['#field-password']);
    const accepted = await invitee.post(link, { password: 'мәслихат-кеңесі-отырыс', confirmation: 'мәслихат-кеңесі-отырыс' });
    expect(accepted.statusCode).toBe(303);
    const office = await invitee.get('/ru/office/');
    expect(office.statusCode).toBe(303);
    expect(office.headers.location).toMatch(/^\/ru\/office\/account\/two-factor/);
    expect((await invitee.get(link)).statusCode).toBe(410);
  });

  it('keeps the answers and explains each problem', async () => {
    const res = await adminBrowser.post('/en/office/admin/people/invite', { displayName: '', email: 'not-an-email', role: 'emperor', organizationId: '' });
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Error: /);
    expect(form.errorSummary()).toEqual([
      { text: 'Enter the person’s full name.', href: '#field-displayName' },
      { text: 'Enter an email address in the right format, like name@example.kz.', href: '#field-email' },
      { text: 'Choose a role.', href: '#field-role' },
      { text: 'Choose an organisation.', href: '#field-organizationId' },
    ]);
    expect(form.fieldError('Full name')).toBe('Enter the person’s full name.');
    expect(form.byLabel('Email address').value).toBe('not-an-email');
  });

  it('refuses an address that already has an account', async () => {
    const res = await adminBrowser.post('/en/office/admin/people/invite', { displayName: 'Again', email: admin.email.toUpperCase(), role: 'deputy', organizationId: await orgId('maslikhat-750000000') });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).fieldError('Email address')).toMatch(/^There is already an account with this email address\./);
    expect(page(res.body).byLabel('Full name').value).toBe('Again');
  });
});

describe('POST /:lang/office/admin/people/:id/grants', () => {
  it('grants and revokes a role, with before and after in the audit log', async () => {
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const region = await orgId('maslikhat-270000000');
    expect((await adminBrowser.post(`/en/office/admin/people/${person.id}/grants`, { role: 'maslikhat_staff', organizationId: region })).statusCode).toBe(303);
    const personPage = page((await adminBrowser.get(`/en/office/admin/people/${person.id}`)).body);
    expect(personPage.text('main')).toContain('Maslikhat staff');
    expect(personPage.text('main')).toContain('West Kazakhstan Regional Maslikhat');
    const grant = await t.database.db.selectFrom('role_grant').select('id').where('account_id', '=', person.id).where('role', '=', 'maslikhat_staff').executeTakeFirstOrThrow();
    expect((await adminBrowser.post(`/en/office/admin/people/${person.id}/grants/${grant.id}/revoke`)).statusCode).toBe(303);
    expect((await adminBrowser.post(`/en/office/admin/people/${person.id}/grants/${grant.id}/revoke`)).statusCode).toBe(404);
    const { rows } = await sql<{ action: string; before: unknown; after: unknown }>`select action, before, after from audit_event where entity = 'role_grant' and entity_id = ${grant.id} order by occurred_at`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual(['granted', 'revoked']);
    expect(rows[1]!.before).toMatchObject({ role: 'maslikhat_staff', revoked: false });
    expect(rows[1]!.after).toEqual({ revoked: true });
  });

});

describe('POST /:lang/office/admin/people/:id/deactivate', () => {
  it('ends the person\'s sessions; a stale form is a conflict', async () => {
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const theirs = new Browser(t.app);
    await theirs.signIn(person);
    expect((await theirs.get('/en/office/')).statusCode).toBe(200);
    const done = await adminBrowser.post(`/en/office/admin/people/${person.id}/deactivate`, { version: '1' });
    expect(done.statusCode).toBe(303);
    expect((await theirs.get('/en/office/')).statusCode).toBe(303);
    expect((await new Browser(t.app).signIn(person)).statusCode).toBe(400);
    const stale = await adminBrowser.post(`/en/office/admin/people/${person.id}/reactivate`, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this record');
    expect((await adminBrowser.post(`/en/office/admin/people/${person.id}/reactivate`, { version: '2' })).statusCode).toBe(303);
  });

});

describe('GET /:lang/office/admin/people', () => {
  it('is for administrators only', async () => {
    const staff = await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
    const browser = new Browser(t.app);
    await browser.signIn(staff);
    const res = await browser.get('/kk/office/admin/people');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Бұл әрекетке рұқсатыңыз жоқ.');
    expect((await browser.post(`/en/office/admin/people/${staff.id}/deactivate`, { version: '1' })).statusCode).toBe(403);
    expect((await t.app.inject('/en/office/admin/people')).statusCode).toBe(303);
  });

  it('is 404 for a malformed id, without asking the handler', async () => {
    expect((await adminBrowser.get('/en/office/admin/people/not-an-id')).statusCode).toBe(404);
    expect((await adminBrowser.post('/en/office/admin/people/not-an-id/deactivate', { version: '1' })).statusCode).toBe(404);
    expect((await adminBrowser.post(`/en/office/admin/people/${admin.id}/grants/not-an-id/revoke`)).statusCode).toBe(404);
    expect((await adminBrowser.get("/en/office/admin/people/1'%20or%201=1/registry-person")).statusCode).toBe(404);
  });

});

describe('POST /:lang/office/admin/sessions/:id/end', () => {
  it('lets an administrator see everyone\'s sessions and end one', async () => {
    const person = await createAccount(t.database.db, { email: 'lost-laptop@example.kz', grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const laptop = new Browser(t.app);
    await laptop.signIn(person);
    const res = await adminBrowser.get('/en/office/admin/sessions');
    expect(res.statusCode).toBe(200);
    expect(page(res.body).tableRows().some((r) => r.includes('lost-laptop@example.kz'))).toBe(true);
    const session = await t.database.db.selectFrom('session').select('id').where('account_id', '=', person.id).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    expect((await adminBrowser.post(`/en/office/admin/sessions/${session.id}/end`)).statusCode).toBe(303);
    expect((await laptop.get('/en/office/')).statusCode).toBe(303);
    expect((await adminBrowser.post(`/en/office/admin/sessions/${session.id}/end`)).statusCode).toBe(404);
    const event = await t.database.db.selectFrom('audit_event').select(['action', 'actor_account_id']).where('entity_id', '=', session.id).where('action', '=', 'ended_by_admin').executeTakeFirstOrThrow();
    expect(event.actor_account_id).toBe(admin.id);
  });

});

describe('POST /:lang/office/admin/people/:id/grants (for a period)', () => {
  it('grants a role that counts only between its first and last days', async () => {
    const { todayInKazakhstan } = await import('../../core/db/dated.js');
    const person = await createAccount(t.database.db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-750000000' }] });
    const region = await orgId('maslikhat-270000000');
    const bad = await adminBrowser.post(`/ru/office/admin/people/${person.id}/grants`, { role: 'maslikhat_staff', organizationId: region, validFrom: '2027-02-30', validTo: '' });
    expect(bad.statusCode).toBe(400);
    const badForm = page(bad.body);
    expect(badForm.errorSummary()).toEqual([{ text: expect.stringContaining('Введите дату в формате ГГГГ-ММ-ДД'), href: '#field-validFrom' }]);
    expect(badForm.byLabel(/^Первый день/).value).toBe('2027-02-30');
    const reversed = await adminBrowser.post(`/en/office/admin/people/${person.id}/grants`, { role: 'maslikhat_staff', organizationId: region, validFrom: '2027-03-01', validTo: '2027-02-01' });
    expect(page(reversed.body).fieldError('Last day (optional)')).toBe('The last day cannot be before the first day.');

    const today = todayInKazakhstan();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await adminBrowser.post(`/en/office/admin/people/${person.id}/grants`, { role: 'maslikhat_staff', organizationId: region, validFrom: tomorrow, validTo: '' })).statusCode).toBe(303);
    expect((await adminBrowser.post(`/en/office/admin/people/${person.id}/grants`, { role: 'partner', organizationId: region, validFrom: '2020-01-01', validTo: yesterday })).statusCode).toBe(303);
    const theirs = new Browser(t.app);
    await theirs.signIn(person);
    const office = page((await theirs.get('/en/office/')).body);
    const roles = [...office.byRole('heading', { name: 'Your roles' }).nextElementSibling!.querySelectorAll('li strong')].map((r) => r.textContent);
    expect(roles).toEqual(['Deputy']);
    const personPage = await adminBrowser.get(`/en/office/admin/people/${person.id}`);
    expect(page(personPage.body).text('main')).toContain('1 January 2020 –');
  });
});

describe('POST /:lang/office/admin/people/:id/registry-person', () => {
  const db = () => t.database.db;
  const linkPath = (accountId: string) => `/office/admin/people/${accountId}/registry-person`;
  const personOf = async (accountId: string) => (await db().selectFrom('account').select(['person_id', 'version']).where('id', '=', accountId).executeTakeFirstOrThrow());

  /** A Council member who is also a deputy of the Almaty city maslikhat. */
  async function councilMember(name: { kk: string; ru: string; en: string }) {
    const person = { id: await createCouncilMember(db(), name) };
    await createDeputy(db(), { maslikhat: '750000000', person: person.id });
    return person;
  }

  it('finds the person by a Cyrillic or a Latin spelling with their posts, links, shows and unlinks them, audited and version-checked', async () => {
    const person = await councilMember({ kk: 'Жүсіпбекова Әйгерім', ru: 'Жусупбекова Айгерим', en: 'Zhusupbekova Aigerim' });
    const account = await createAccount(db(), { displayName: 'Aigerim Zhusupbekova', grants: [{ role: 'council_member', organizationSlug: 'council-senate' }] });

    const before = await adminBrowser.get(`/en/office/admin/people/${account.id}`);
    const unlinked = page(before.body);
    expect(unlinked.text('main')).toContain('This account is not linked to anyone in the registry.');
    expect(unlinked.document.querySelector(`form[action="/en${linkPath(account.id)}"]`)).not.toBeNull();

    const cyrillic = await adminBrowser.get(`/en${linkPath(account.id)}?q=${encodeURIComponent('Жусупбекова')}`);
    expect(cyrillic.statusCode).toBe(200);
    expect(page(cyrillic.body).byLabel(/^Zhusupbekova Aigerim — member, Council for Interaction with Local Representative Bodies \(Maslikhats\) under the Senate; deputy, /).value).toBe(person.id);
    const latin = await adminBrowser.get(`/kk${linkPath(account.id)}?q=${encodeURIComponent('Jüsipbekova')}`);
    expect(page(latin.body).byLabel(/^Жүсіпбекова Әйгерім — мүше, Сенат жанындағы/).value).toBe(person.id);

    const linked = await adminBrowser.post(`/en${linkPath(account.id)}`, { personId: person.id, version: '1', q: 'Jüsipbekova' });
    expect(linked.statusCode).toBe(303);
    expect(linked.headers.location).toBe(`/en/office/admin/people/${account.id}`);
    expect(await personOf(account.id)).toEqual({ person_id: person.id, version: 2 });

    const linkedPage = page((await adminBrowser.get(`/en/office/admin/people/${account.id}`)).body);
    expect(linkedPage.byRole('link', { name: 'Zhusupbekova Aigerim' }).getAttribute('href')).toBe(`/en/deputies/${person.id}`);
    expect(linkedPage.text('main')).toContain('Member, Council for Interaction with Local Representative Bodies (Maslikhats) under the Senate; deputy, Almaty City Maslikhat');
    expect(linkedPage.document.querySelector(`form[action="/en${linkPath(account.id)}/unlink"]`)).not.toBeNull();

    const stale = await adminBrowser.post(`/en${linkPath(account.id)}/unlink`, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await personOf(account.id)).person_id).toBe(person.id);
    expect((await adminBrowser.post(`/en${linkPath(account.id)}/unlink`, { version: '2' })).statusCode).toBe(303);
    expect(await personOf(account.id)).toEqual({ person_id: null, version: 3 });
    expect((await adminBrowser.get(`/en/office/admin/people/${account.id}`)).body).toContain('This account is not linked to anyone in the registry.');

    const { rows } = await sql<{ action: string; before: unknown; after: unknown; actor_account_id: string }>`
      select action, before, after, actor_account_id from audit_event where entity = 'account' and entity_id = ${account.id} order by occurred_at`.execute(db());
    expect(rows).toEqual([
      { action: 'person_linked', before: { person_id: null }, after: { person_id: person.id }, actor_account_id: admin.id },
      { action: 'person_unlinked', before: { person_id: person.id }, after: { person_id: null }, actor_account_id: admin.id },
    ]);
  });

  it('refuses a person linked to another account, in the page’s language, and keeps the search', async () => {
    const person = await councilMember({ kk: 'Бекмұханов Ерлан', ru: 'Бекмуханов Ерлан', en: 'Bekmukhanov Yerlan' });
    const first = await createAccount(db(), { email: 'bekmukhanov@example.kz', displayName: 'Ерлан Бекмуханов' });
    const second = await createAccount(db(), { email: 'assistant@example.kz', displayName: 'Помощник' });
    expect((await adminBrowser.post(`/ru${linkPath(first.id)}`, { personId: person.id, version: '1' })).statusCode).toBe(303);

    const listed = await adminBrowser.get(`/ru${linkPath(second.id)}?q=${encodeURIComponent('Бекмұханов')}`);
    expect(page(listed.body).text('main')).toMatch(/Бекмуханов Ерлан — член, Совет по взаимодействию.*\(уже связано с bekmukhanov@example\.kz\)/);

    const refused = await adminBrowser.post(`/ru${linkPath(second.id)}`, { personId: person.id, version: '1', q: 'Бекмұханов' });
    expect(refused.statusCode).toBe(400);
    const refusedPage = page(refused.body);
    expect(refusedPage.title).toMatch(/^Ошибка: /);
    expect(refusedPage.errorSummary()).toEqual([
      { text: 'Лицо «Бекмуханов Ерлан» уже связано с другой учётной записью: Ерлан Бекмуханов (bekmukhanov@example.kz). Сначала отвяжите его там.', href: '#field-personId' },
    ]);
    expect(refusedPage.byLabel(/^Найти лицо по имени/).value).toBe('Бекмұханов');
    expect((await personOf(second.id)).person_id).toBeNull();
    expect((await personOf(first.id)).person_id).toBe(person.id);
    // The same person again on the same account changes nothing.
    expect((await adminBrowser.post(`/ru${linkPath(first.id)}`, { personId: person.id, version: '2' })).statusCode).toBe(303);
    expect((await personOf(first.id)).version).toBe(2);
  });

  it('explains a missing choice and a query too short or too long', async () => {
    await createPerson(db(), { name: { kk: 'Тоқтарова Сәуле', ru: 'Токтарова Сауле', en: 'Toktarova Saule' } });
    const account = await createAccount(db());
    const none = await adminBrowser.post(`/en${linkPath(account.id)}`, { version: '1', q: 'Toktarova' });
    expect(none.statusCode).toBe(400);
    expect(page(none.body).errorSummary()).toEqual([{ text: 'Choose a person.', href: '#field-personId' }]);
    expect(none.body).toContain('Toktarova Saule — no current posts');
    const short = await adminBrowser.get(`/en${linkPath(account.id)}?q=a`);
    expect(short.statusCode).toBe(400);
    expect(page(short.body).fieldError('Find the person by name')).toBe('Enter at least two letters of the name.');
    const long = await adminBrowser.get(`/en${linkPath(account.id)}?q=${'a'.repeat(101)}`);
    expect(page(long.body).fieldError('Find the person by name')).toBe('The name must be 100 characters or fewer.');
    const nobody = await adminBrowser.get(`/en${linkPath(account.id)}?q=Qwertyuiop`);
    expect(nobody.statusCode).toBe(200);
    expect(nobody.body).toContain('Nobody in the registry has a name like this.');
  });

  it('is for administrators only', async () => {
    const person = await createPerson(db());
    const staff = await createAccount(db(), { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
    const browser = new Browser(t.app);
    await browser.signIn(staff);
    expect((await browser.get(`/en${linkPath(staff.id)}?q=Test`)).statusCode).toBe(403);
    expect((await browser.post(`/en${linkPath(staff.id)}`, { personId: person.id, version: '1' })).statusCode).toBe(403);
    expect((await browser.post(`/en${linkPath(staff.id)}/unlink`, { version: '1' })).statusCode).toBe(403);
    expect((await personOf(staff.id)).person_id).toBeNull();
  });
});
